"""A seeded synthetic project file for the export tests and benchmarks: two
batches, three coders, a code tree with an exclusive group and an
article-level code, texts with accents, CJK and emoji, notes with formulas
and carriage returns, linked fragments, deleted spans and metadata."""

from __future__ import annotations

import random
import uuid
from pathlib import Path

from annotator.core.codebook import Codebook
from annotator.core.models import Annotation, Batch, Code, Coder, Document, DocumentCode
from annotator.store.project import Project

WORDS = (
    "minister said talks were naïve appeasement 👍🏽 Zürich 東京 officials NGO monitor called it "
    "tragically flawed ceasefire holds spokesperson for the UN remain hopeful"
).split()
NOTES = ("", "", "a note", "=SUM(A1:A2)", "two\r\nlines", 'quote "here", comma')
ORIGINS = ("manual", "manual", "manual", "suggestion", "adjudicated", "imported")


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def codebook() -> Codebook:
    groups = [Code(name=f"Group {g}", id=f"00000000-0000-4000-8000-{g:012d}") for g in range(4)]
    groups[3].exclusive = True
    leaves = [
        Code(
            name=f"code {g}.{i}",
            id=f"00000000-0000-4000-8001-{g * 10 + i:012d}",
            parent_id=groups[g].id,
            order=i,
            shortcut=str(i) if g == 0 else "",
        )
        for g in range(4)
        for i in range(5)
    ]
    tone = Code(name="tone", id="00000000-0000-4000-8002-000000000001", scope="document")
    return Codebook(codes=[*groups, *leaves, tone], name="Synthetic")


def build(
    path: Path,
    n_docs: int,
    *,
    coders: int = 3,
    spans_per_coder: int = 20,
    seed: int = 1,
    direct: bool = False,
) -> Path:
    """Create the project at ``path``; the same arguments give the same file contents.

    ``direct`` writes the codings with plain inserts instead of through the
    store's rules (which merge overlapping spans of a code): a million
    annotations in seconds rather than half an hour, for the benchmarks."""
    rng = random.Random(seed)
    cb = codebook()
    leaves = [c for c in cb if c.parent_id and not c.exclusive and c.parent_id != cb.codes[3].id]
    tone = cb.codes[-1]
    with Project.create(path, name="Synthetic export project") as project:
        project.codes.import_codebook(cb)
        people = [
            project.add_coder(Coder(name=f"coder {i}", id=_id(rng), color="#4477aa")) for i in range(coders)
        ]
        batches = [project.add_batch(Batch(name=f"batch {b}", id=_id(rng))) for b in range(2)]
        for first in range(0, n_docs, 1000):
            docs: list[Document] = []
            anns: list[Annotation] = []
            dcs: list[DocumentCode] = []
            for d in range(first, min(first + 1000, n_docs)):
                paras = [" ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(8)]
                text = f"Article {d}\n\n" + "\n\n".join(paras)
                doc = Document(
                    text=text,
                    title=f"Article {d}" if d % 7 else "=cmd|' /C calc'!A0",
                    outlet="Outlet" if d % 3 else "",
                    author="A. Writer" if d % 5 == 0 else "",
                    published="2024-01-01" if d % 2 else "",
                    url=f"https://example.org/{d}" if d % 4 == 0 else "",
                    batch_id=batches[d % 2].id,
                    metadata={"section": "world", "page": d % 9} if d % 6 == 0 else {},
                    added_at="2024-02-01T10:00:00+00:00",
                )
                docs.append(doc)
                for coder in people:
                    for k in range(spans_per_coder):
                        s = rng.randrange(0, len(text) - 50)
                        anns.append(
                            Annotation(
                                document_id=doc.id,
                                coder_id=coder.id,
                                code_id=rng.choice(leaves).id,
                                start=s,
                                end=s + rng.randrange(5, 50),
                                id=_id(rng),
                                note=rng.choice(NOTES),
                                origin=rng.choice(ORIGINS),  # type: ignore[arg-type]
                                created_at=f"2024-03-0{1 + k % 9}T09:00:00+00:00",
                                updated_at="" if k % 3 else "2024-03-10T09:00:00+00:00",
                                link=f"link-{d}-{k // 2}" if k % 10 in (0, 1) else None,
                            )
                        )
                    dcs.append(
                        DocumentCode(
                            document_id=doc.id,
                            coder_id=coder.id,
                            code_id=tone.id,
                            value=rng.choice(["1", "negative", "neutral"]),
                            note=rng.choice(["", "tone note"]),
                            updated_at="2024-03-11T09:00:00+00:00",
                        )
                    )
            project.documents.add_documents(docs)
            if direct:
                _insert(project, docs, anns, dcs)
            else:
                project.intake.take_annotations(anns)
                project.intake.take_document_codes(dcs)
        # deleted spans stay in the file and must never be exported
        gone = [r[0] for r in project.conn.execute("SELECT id FROM annotations ORDER BY id LIMIT 50")]
        for ann_id in gone[::3]:
            project.annotations.delete_annotation(ann_id)
    return path


def _insert(project: Project, docs: list[Document], anns: list[Annotation], dcs: list[DocumentCode]) -> None:
    texts = {d.id: d.text for d in docs}
    with project.transaction():
        project.conn.executemany(
            'INSERT INTO annotations(id, document_id, coder_id, code_id, start, "end", quote, note, origin, '
            "created_at, updated_at, link) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    a.id,
                    a.document_id,
                    a.coder_id,
                    a.code_id,
                    a.start,
                    a.end,
                    texts[a.document_id][a.start : a.end],
                )
                + (a.note, a.origin, a.created_at, a.updated_at or a.created_at, a.link)
                for a in anns
            ],
        )
        project.conn.executemany(
            "INSERT INTO document_codes(document_id, coder_id, code_id, value, note, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(dc.document_id, dc.coder_id, dc.code_id, dc.value, dc.note, dc.updated_at) for dc in dcs],
        )
