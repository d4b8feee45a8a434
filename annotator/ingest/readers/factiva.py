"""Factiva exports with field codes (HD headline, BY byline, PD date, SN source,
LP lead paragraphs, TD text, AN accession number): one article after another."""

from __future__ import annotations

import re
from collections.abc import Iterator

from annotator.ingest.article import Article, normalise_date
from annotator.ingest.registry import ReadFailure

_CODES = frozenset(
    {
        "HD",
        "BY",
        "CR",
        "WC",
        "PD",
        "ET",
        "SN",
        "SC",
        "ED",
        "PG",
        "LA",
        "CY",
        "LP",
        "TD",
        "CT",
        "RF",
        "CO",
        "IN",
        "NS",
        "RE",
        "IPC",
        "IPD",
        "PUB",
        "AN",
        "SE",
        "CLM",
        "ART",
        "RST",
        "NGC",
        "VOL",
        "FDS",
    }
)
_CODE_LINE = re.compile(r"^(" + "|".join(sorted(_CODES)) + r")[ \t]*$")
_DOC_LINE = re.compile(r"^Document [A-Za-z0-9]{16,}[ \t]*$", re.MULTILINE)


def looks_like_factiva(text: str) -> bool:
    return bool(re.search(r"^HD[ \t]*$", text, re.MULTILINE)) and bool(
        re.search(r"^(?:AN|LP|TD)[ \t]*$", text, re.MULTILINE)
    )


def split_factiva(text: str, display: str) -> Iterator[Article | ReadFailure]:
    # Each article starts with its HD field; the AN field closes it.
    starts = [m.start() for m in re.finditer(r"^HD[ \t]*$", text, re.MULTILINE)]
    for n, (a, b) in enumerate(zip(starts, starts[1:] + [len(text)], strict=True), start=1):
        chunk = text[a:b]
        fields: dict[str, list[str]] = {}
        current = None
        for line in chunk.split("\n"):
            m = _CODE_LINE.match(line.strip())
            if m:
                current = m.group(1)
                fields.setdefault(current, [])
            elif current is not None:
                fields[current].append(line)
        joined = {k: "\n".join(v).strip() for k, v in fields.items()}
        body = "\n\n".join(x for x in (joined.get("LP", ""), joined.get("TD", "")) if x)
        if not body.strip():
            yield ReadFailure(display, f"Article {n} of {display} has no LP or TD text.")
            continue
        an = _DOC_LINE.search(joined.get("AN", ""))
        metadata: dict[str, object] = {
            k.lower(): v for k, v in joined.items() if k not in ("HD", "BY", "PD", "SN", "LP", "TD") and v
        }
        if an:
            metadata["source_id"] = an.group(0).split()[1]
        metadata["article_number"] = n
        author = re.sub(r"^By\s+", "", joined.get("BY", ""), flags=re.IGNORECASE)
        yield Article(
            text=body,
            title=" ".join(joined.get("HD", "").split()),
            outlet=joined.get("SN", ""),
            author=author,
            published=normalise_date(joined.get("PD", "")),
            metadata=metadata,
            raw=chunk.strip("\n"),
        )
