"""Shared project data for the exchange tests: texts with accents, CJK, emoji
(astral code points), a note with a formula, two coders and a code tree."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from annotator.core.codebook import Codebook
from annotator.core.models import Annotation, Code, Coder, Document, DocumentCode
from annotator.exchange.bundle import ProjectData

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "exchange"

# As an article arrives from a Windows machine; the stored text has \n.
RAW_1 = (
    "Zürich, 3 March — The minister said the talks were \u201cnaïve appeasement\u201d 👍🏽.\r\n"
    "\r\n"
    "東京 officials disagreed; an NGO monitor called it tragically flawed.\r\n"
)
RAW_2 = 'Ceasefire holds.\r\nA spokesperson for the UN 🇺🇳 said: "We remain hopeful."\r\n'


def stored(raw: str) -> str:
    return unicodedata.normalize("NFC", raw.replace("\r\n", "\n"))


def find(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def make_codebook() -> Codebook:
    frames = Code(name="Frames", id="7d1f3a2e-0000-4000-8000-000000000001", color="#e69f00")
    appeasement = Code(
        name="appeasement",
        id="7d1f3a2e-0000-4000-8000-000000000002",
        parent_id=frames.id,
        color="#e69f00",
        description="Calls it giving in.",
        shortcut="a",
    )
    flawed = Code(
        name="tragically flawed",
        id="7d1f3a2e-0000-4000-8000-000000000003",
        parent_id=frames.id,
        color="#56b4e9",
        order=1,
    )
    sources = Code(
        name="Source type",
        id="7d1f3a2e-0000-4000-8000-000000000004",
        color="#009e73",
        exclusive=True,
        order=1,
    )
    official = Code(
        name="government official",
        id="7d1f3a2e-0000-4000-8000-000000000005",
        parent_id=sources.id,
        color="#009e73",
    )
    ngo = Code(
        name="NGO / monitor",
        id="7d1f3a2e-0000-4000-8000-000000000006",
        parent_id=sources.id,
        color="#0072b2",
        order=1,
    )
    tone = Code(
        name="Tone",
        id="7d1f3a2e-0000-4000-8000-000000000007",
        scope="document",
        exclusive=True,
        color="#cc79a7",
        order=2,
    )
    negative = Code(
        name="negative",
        id="7d1f3a2e-0000-4000-8000-000000000008",
        parent_id=tone.id,
        scope="document",
        color="#cc79a7",
    )
    old = Code(
        name="old code", id="7d1f3a2e-0000-4000-8000-000000000009", archived=True, color="#999933", order=3
    )
    return Codebook(
        codes=[frames, appeasement, flawed, sources, official, ngo, tone, negative, old], name="Framing study"
    )


@pytest.fixture
def sample() -> ProjectData:
    cb = make_codebook()
    t1, t2 = stored(RAW_1), stored(RAW_2)
    d1 = Document(
        text=t1,
        title="Talks: \u201cappeasement\u201d?",
        outlet="=Die Zeit",
        published="2024-03-03",
        url="https://example.org/a?x=1",
        author="Ana Müller",
        raw=RAW_1,
    )
    d2 = Document(text=t2, title="Ceasefire", outlet="Reuters", published="2024-03-04")
    ana = Coder(name="Ana María", id="0e0c2b1a-1111-4111-8111-000000000001", color="#aa3377")
    bo = Coder(name="Bo_Chen", id="0e0c2b1a-1111-4111-8111-000000000002")
    a_code, f_code, off_code, ngo_code = (
        cb.by_name(n)[0].id
        for n in ("appeasement", "tragically flawed", "government official", "NGO / monitor")
    )

    def ann(doc, coder, code, part, **kw):
        s, e = find(doc.text, part)
        return Annotation(
            document_id=doc.id, coder_id=coder.id, code_id=code, start=s, end=e, quote=doc.text[s:e], **kw
        )

    annotations = [
        ann(
            d1,
            ana,
            a_code,
            "naïve appeasement\u201d 👍🏽",
            note='=HYPERLINK("http://x")\nsecond line\ttab \\ end',
            created_at="2024-03-05T10:00:00.000+00:00",
        ),
        ann(d1, ana, off_code, "The minister"),
        ann(d1, ana, ngo_code, "an NGO monitor"),
        ann(d1, bo, a_code, "appeasement"),
        ann(d1, bo, f_code, "tragically flawed", note="-strong"),
        ann(d1, bo, off_code, "東京 officials"),
        ann(d2, bo, ngo_code, "spokesperson for the UN 🇺🇳"),
        # one discontinuous span in two fragments
        ann(d2, ana, f_code, "Ceasefire", link="link-1", note="both parts"),
        ann(d2, ana, f_code, "We remain", link="link-1", note="both parts"),
    ]
    neg = cb.by_name("negative")[0].id
    document_codes = [
        DocumentCode(document_id=d1.id, coder_id=ana.id, code_id=neg),
        DocumentCode(document_id=d1.id, coder_id=bo.id, code_id=neg, value="-2", note="@mild"),
    ]
    return ProjectData(
        documents=[d1, d2],
        codebook=cb,
        coders=[ana, bo],
        annotations=annotations,
        document_codes=document_codes,
    )


def span_key(data: ProjectData, a: Annotation) -> tuple:
    coder = {c.id: c.name for c in data.coders}[a.coder_id]
    return (a.document_id, coder, data.codebook.path(a.code_id), a.start, a.end, a.note)


def span_keys(data: ProjectData) -> list[tuple]:
    return sorted(span_key(data, a) for a in data.annotations if not a.deleted)


def link_groups(data: ProjectData) -> list[list[tuple[int, int]]]:
    groups: dict[str, list[tuple[int, int]]] = {}
    for a in data.annotations:
        if a.link:
            groups.setdefault(a.link, []).append((a.start, a.end))
    return sorted(sorted(g) for g in groups.values())
