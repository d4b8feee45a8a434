"""A seeded synthetic project for agreement: real project files with span codes,
an exclusive span group, article-level codes with and without values, several
units of segmentation, coders who skipped documents, deleted annotations and a
coder outside the comparison. Used by the figures-unchanged test and by
tests/benchmarks/bench_agreement_project.py."""

from __future__ import annotations

import random
from array import array
from pathlib import Path

from annotator.core.codebook import Code
from annotator.core.models import Annotation, Coder, Document, DocumentCode, Segmentation
from annotator.store.project import Project

WORDS = (
    "the minister said strikes hit targets rebels denied it officials reported civilians "
    "were killed near town monitors counted aid convoys arrived government troops advanced"
).split()
FRAMES = ("Conflict", "Economic", "Humanitarian", "Responsibility")
SOURCES = ("Official", "Opposition", "Monitor")


def _text(rng: random.Random, i: int, sentences: int) -> tuple[str, list[tuple[int, int]], list[int]]:
    """A text, its sentence spans and the index of the first sentence of each paragraph."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    para_first: list[int] = []
    pos = 0
    for s in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
        if s == 0:
            words[0] = f"({i})"
        sentence = " ".join(words).capitalize() + "."
        sep = "" if s == 0 else ("\n\n" if s % 4 == 0 else " ")
        if s == 0 or sep == "\n\n":
            para_first.append(s)
        pos += len(sep)
        spans.append((pos, pos + len(sentence)))
        parts.append(sep + sentence)
        pos += len(sentence)
    return "".join(parts), spans, para_first


def _segmentation(
    doc_id: str, text: str, sents: list[tuple[int, int]], para_first: list[int]
) -> Segmentation:
    tokens, start = [], None
    for j, ch in enumerate(text + " "):
        if ch.isspace():
            if start is not None:
                tokens.append((start, j))
                start = None
        elif start is None:
            start = j
    bounds = para_first + [len(sents)]
    paras = [(sents[a][0], sents[b - 1][1]) for a, b in zip(bounds, bounds[1:], strict=False)]
    return Segmentation(
        document_id=doc_id,
        model="synthetic:whitespace",
        token_starts=array("i", [a for a, _ in tokens]),
        token_ends=array("i", [b for _, b in tokens]),
        sentence_starts=array("i", [a for a, _ in sents]),
        sentence_ends=array("i", [b for _, b in sents]),
        paragraph_starts=array("i", [a for a, _ in paras]),
        paragraph_ends=array("i", [b for _, b in paras]),
    )


def build_agreement_project(
    path: Path,
    *,
    documents: int = 60,
    spans: int = 6,
    sentences: int = 8,
    seed: int = 19,
    chunk: int = 2000,
) -> Path:
    """Write the project; ``spans`` per coder and document on average."""
    rng = random.Random(seed)
    with Project.create(path, name="synthetic agreement") as p:
        # fixed ids: seeded bootstraps are keyed by the variable's id
        frames = p.codes.add_code(Code("Frames", id="code-frames"))
        leaves = [p.codes.add_code(Code(n, id=f"code-{n}", parent_id=frames.id)).id for n in FRAMES]
        src = p.codes.add_code(Code("Source type", id="code-source", exclusive=True))
        leaves += [p.codes.add_code(Code(n, id=f"code-{n}", parent_id=src.id)).id for n in SOURCES]
        dom = p.codes.add_code(Code("Dominant frame", id="code-dominant", scope="document", exclusive=True))
        dom_values = [
            p.codes.add_code(Code(n, id=f"code-{n}", parent_id=dom.id, scope="document")).id
            for n in ("War", "Peace")
        ]
        tone = p.codes.add_code(Code("Tone", id="code-tone", scope="document")).id
        relevant = p.codes.add_code(Code("Relevant", id="code-relevant", scope="document")).id
        coders = [p.add_coder(Coder(n, id=f"coder-{n}")).id for n in ("ana", "ben", "chen")]
        # codes too, but is outside the default comparison
        outsider = p.add_coder(Coder("dara", id="coder-dara", role="adjudicator")).id
        for lo in range(0, documents, chunk):
            docs, segs, anns, dcs, done = [], {}, [], [], []
            for i in range(lo, min(documents, lo + chunk)):
                text, sents, para_first = _text(rng, i, sentences)
                d = Document(text=text, title=f"Article {i}", outlet=f"Outlet {i % 5}")
                docs.append(d)
                segs[d.id] = _segmentation(d.id, text, sents, para_first)
                # a shared reference coding that each coder copies with shifts, drops and swaps
                n = max(1, rng.randint(spans // 2, spans + spans // 2))
                cuts = sorted(rng.sample(range(1, len(text) - 1), min(2 * n, len(text) - 2)))
                ref = [(cuts[k], cuts[k + 1], rng.choice(leaves)) for k in range(0, len(cuts) - 1, 2)]
                who = [c for c in coders + [outsider] if rng.random() > 0.15]
                for c in who:
                    if rng.random() < 0.1:
                        done.append((d.id, c))  # marked done without a single span
                        continue
                    prev_end = 0
                    for k, (s, e, code) in enumerate(ref):
                        if rng.random() < 0.1:
                            continue
                        s2 = max(prev_end, s + (rng.randint(-3, 3) if rng.random() < 0.3 else 0))
                        e2 = min(len(text), e + (rng.randint(-3, 3) if rng.random() < 0.3 else 0))
                        if e2 <= s2:
                            continue
                        prev_end = e2
                        code2 = rng.choice(leaves) if rng.random() < 0.15 else code
                        deleted = rng.random() < 0.05
                        anns.append(
                            Annotation(d.id, c, code2, s2, e2, id=f"{d.id[:10]}{c[:6]}{k}", deleted=deleted)
                        )
                    if rng.random() < 0.7:
                        dcs.append(DocumentCode(d.id, c, rng.choice(dom_values)))
                    if rng.random() < 0.6:
                        dcs.append(DocumentCode(d.id, c, tone, rng.choice(("-1", "0", "1", "2"))))
                    if rng.random() < 0.5:
                        dcs.append(DocumentCode(d.id, c, relevant))
            with p.transaction():
                p.documents.add_documents(docs, segs)
                p.annotations.restore_annotations(anns)
                for dc in dcs:
                    p.annotations.put_document_code_state(dc)
                for doc_id, c in done:
                    p.workflow.set_status(doc_id, c, "done")
    return path
