"""Nexis Uni and LexisNexis Academic exports: many articles in one text or Word
file, each closed by "End of Document" (Nexis Uni) or opened by "3 of 25
DOCUMENTS" (LexisNexis Academic), with header lines such as Byline, Section,
Length and Load-Date."""

from __future__ import annotations

import re
from collections.abc import Iterator

from annotator.ingest.article import Article, normalise_date
from annotator.ingest.registry import ReadFailure

_END = re.compile(r"^[ \t]*End of Document[ \t]*$", re.MULTILINE)
_COUNTER = re.compile(r"^[ \t]*\d+ of \d+ DOCUMENTS?[ \t]*$", re.MULTILINE | re.IGNORECASE)
_KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z-]{1,30}):[ \t]*(.*)$")
_HEADER_KEYS = frozenset(
    {
        "byline",
        "section",
        "length",
        "dateline",
        "highlight",
        "edition",
        "series",
        "type",
        "author",
        "column",
        "correction-date",
        "correction",
        "headline",
        "pg",
        "page",
    }
)
_TRAILER_KEYS = frozenset(
    {
        "load-date",
        "language",
        "publication-type",
        "subject",
        "geographic",
        "organization",
        "company",
        "person",
        "industry",
        "ticker",
        "graphic",
        "url",
        "document-type",
        "journal-code",
        "notes",
        "country",
        "city",
        "state",
        "terms",
        "copyright",
        "source",
        "distribution",
        "acc-no",
    }
)
_MARKER_KEYS = re.compile(
    r"^(?:Load-Date|Length|Byline|Section|LOAD-DATE|LENGTH|BYLINE|SECTION):", re.MULTILINE
)


def looks_like_nexis(text: str) -> bool:
    return bool(_MARKER_KEYS.search(text)) and bool(_END.search(text) or _COUNTER.search(text))


def split_nexis(text: str, display: str) -> Iterator[Article | ReadFailure]:
    if _END.search(text):
        chunks = _END.split(text)
    else:
        chunks = _COUNTER.split(text)[1:]
    n = 0
    for chunk in chunks:
        if not chunk.strip():
            continue
        n += 1
        art = parse_article(chunk)
        if art is None:
            yield ReadFailure(
                display, f"Article {n} of {display} has no body text between its header and trailer."
            )
            continue
        art.metadata["article_number"] = n
        yield art


def _key(line: str) -> tuple[str, str] | None:
    m = _KEY_LINE.match(line.strip())
    if not m:
        return None
    return m.group(1).lower(), m.group(2).strip()


def _known_key(line: str) -> bool:
    k = _key(line)
    return k is not None and (k[0] in _HEADER_KEYS or k[0] in _TRAILER_KEYS)


def parse_article(chunk: str) -> Article | None:
    lines = chunk.split("\n")
    stripped = [ln.strip() for ln in lines]
    body_marker = next((i for i, ln in enumerate(stripped) if ln == "Body"), None)
    metadata: dict[str, str] = {}

    def is_key(i: int, keys: frozenset[str]) -> bool:
        k = _key(stripped[i])
        return k is not None and k[0] in keys

    if body_marker is not None:
        header_end = body_marker
        body_start = body_marker + 1
    else:
        # LexisNexis Academic: the body follows the last header key line
        keyed = [i for i in range(len(lines)) if is_key(i, _HEADER_KEYS)]
        if not keyed:
            return None
        header_end = keyed[0]
        last = keyed[0]
        for i in range(keyed[0], len(lines)):
            if is_key(i, _HEADER_KEYS):
                last = i
            elif stripped[i]:
                break
        body_start = last + 1
        for i in range(header_end, body_start):
            k = _key(stripped[i])
            if k:
                metadata[k[0]] = k[1]
    body_end = len(lines)
    for i in range(body_start, len(lines)):
        # Nexis Uni closes the body with a "Graphic" or "Classification" section
        if stripped[i] in ("Classification", "Graphic") or is_key(i, _TRAILER_KEYS - {"copyright", "source"}):
            body_end = i
            break
    for i in range(0, header_end):
        k = _key(stripped[i])
        if k and k[0] in _HEADER_KEYS:
            metadata[k[0]] = k[1]
    for i in range(body_end, len(lines)):
        k = _key(stripped[i])
        if k and k[0] != "classification":
            metadata[k[0]] = k[1]
    body = "\n".join(lines[body_start:body_end]).strip("\n")
    if not body.strip():
        return None
    preamble = [ln for ln in stripped[:header_end] if ln and not _known_key(ln) and not _COUNTER.match(ln)]
    copyright_lines = [ln for ln in preamble if ln.lower().startswith(("copyright", "©", "(c)"))]
    preamble = [ln for ln in preamble if ln not in copyright_lines]
    if copyright_lines:
        metadata.setdefault("copyright", copyright_lines[0])
    title = outlet = date = ""
    d = next((i for i, ln in enumerate(preamble) if _ISO_DAY.match(normalise_date(ln))), None)
    if d is not None:
        date = preamble[d]
        after = preamble[d + 1 :]
        if body_marker is not None:  # Nexis Uni: title, outlet, date, edition
            outlet = preamble[d - 1] if d >= 2 else ""
            title = preamble[d - 2] if d >= 2 else (preamble[0] if d == 1 else "")
            if after:
                metadata["edition"] = "; ".join(after)
        else:  # LexisNexis Academic: outlet, date, edition, title
            outlet = preamble[d - 1] if d >= 1 else ""
            if after:
                title = after[-1]
                if len(after) > 1:
                    metadata["edition"] = "; ".join(after[:-1])
    elif preamble:
        title = preamble[-1] if body_marker is None else preamble[0]
    published = normalise_date(date) if date else normalise_date(metadata.get("load-date", ""))
    author = metadata.pop("byline", "")
    author = re.sub(r"^By\s+", "", author, flags=re.IGNORECASE)
    return Article(
        text=body,
        title=title or metadata.pop("headline", ""),
        outlet=outlet,
        author=author,
        published=published,
        url=metadata.pop("url", ""),
        metadata=metadata,
        raw=chunk.strip("\n"),
    )


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
