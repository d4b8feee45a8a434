"""What a reader hands back before cleaning, and the helpers readers share:
field names recognised in tables and JSON, and dates."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from annotator.core.errors import IngestError

FIELDS = ("text", "title", "published", "outlet", "author", "url", "id")

# Column names a news database or a scraper is likely to use, best first.
KNOWN_NAMES: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "body",
        "bodytext",
        "content",
        "fulltext",
        "articletext",
        "article",
        "articlebody",
        "maintext",
        "story",
        "storytext",
        "textbody",
        "hedtext",
    ),
    "title": ("title", "headline", "head", "heading", "hed", "articletitle", "webtitle", "hd"),
    "published": (
        "date",
        "published",
        "publicationdate",
        "pubdate",
        "publishedat",
        "publisheddate",
        "datepublished",
        "datetime",
        "loaddate",
        "pd",
        "webpublicationdate",
        "time",
    ),
    "outlet": (
        "outlet",
        "source",
        "publication",
        "publisher",
        "newspaper",
        "sitename",
        "site",
        "medium",
        "media",
        "sourcename",
        "journal",
        "paper",
        "sn",
    ),
    "author": ("author", "authors", "byline", "writer", "by", "creator"),
    "url": ("url", "link", "uri", "href", "weburl", "permalink", "sourceurl"),
    "id": ("id", "docid", "documentid", "articleid", "guid", "uid", "identifier", "an"),
}
# The user names fields as the CLI does (--columns date=...); accept the model's name too.
_FIELD_ALIASES = {"date": "published", "source": "outlet", "body": "text", "headline": "title"}


@dataclass
class Article:
    """An article as a reader found it; cleaning turns it into a Document."""

    text: str
    title: str = ""
    outlet: str = ""
    author: str = ""
    published: str = ""
    url: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    raw: bytes | str | None = None
    title_from_first_line: bool = False  # plain text: the headline is the first line, if it looks like one


_FILE_TITLE = re.compile(
    r"^(microsoft (word|powerpoint) - .*|untitled.*|.*\.(docx?|pdf|rtf|odt|txt|indd|qxd))$", re.IGNORECASE
)


def usable_file_title(title: str) -> str:
    """A title from file properties, unless it is a file name or a tool's placeholder."""
    title = " ".join(title.split())
    return "" if not title or _FILE_TITLE.match(title) else title


def squash_name(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def normalise_mapping(columns: Mapping[str, str] | None) -> dict[str, str]:
    """A user's mapping ``{"text": "body", "date": "pubdate"}`` keyed by model field."""
    out: dict[str, str] = {}
    for key, column in (columns or {}).items():
        k = _FIELD_ALIASES.get(key.strip().lower(), key.strip().lower())
        if k not in FIELDS:
            raise IngestError(
                f"{key!r} is not a document field; map columns to {', '.join(f for f in FIELDS)} or date."
            )
        out[k] = column
    return out


def _shown(names: Sequence[str]) -> str:
    """Column names for a one-line message: white space collapsed, long names cut."""
    shown = [" ".join(n.split())[:40] or repr(n) for n in list(names)[:12]]
    more = f" and {len(names) - 12} more" if len(names) > 12 else ""
    return (", ".join(shown) or "none") + more


def resolve_columns(names: Sequence[str], mapping: Mapping[str, str], source: str) -> dict[str, str]:
    """Which column holds which field: the user's mapping first, then known names.

    Raises :class:`IngestError` when a mapped column is missing or no text column is found.
    """
    resolved: dict[str, str] = {}
    present = set(names)
    by_squash: dict[str, str] = {}
    for n in names:
        by_squash.setdefault(squash_name(n), n)
        # nested JSON keys ("fields.bodyText") are also known by their last part
        if "." in n:
            by_squash.setdefault(squash_name(n.rsplit(".", 1)[1]), n)
    for fld, column in mapping.items():
        if column in present:
            resolved[fld] = column
        elif squash_name(column) in by_squash:
            resolved[fld] = by_squash[squash_name(column)]
        else:
            raise IngestError(
                f"{source} has no column {column!r} for the {fld} (columns found: {_shown(names)})."
            )
    taken = set(resolved.values())
    for fld, candidates in KNOWN_NAMES.items():
        if fld in resolved:
            continue
        for cand in candidates:
            col = by_squash.get(cand)
            if col is not None and col not in taken:
                resolved[fld] = col
                taken.add(col)
                break
    if "text" not in resolved:
        raise IngestError(
            f"{source} has no text column; name it with a column mapping such as text=NAME "
            f"(columns found: {_shown(names)})."
        )
    return resolved


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(as_text(v) for v in value if v is not None)
    return str(value).strip()


def article_from_record(record: Mapping[str, Any], columns: Mapping[str, str]) -> Article:
    """One row or object, with its mapped fields taken out and the rest kept as metadata."""
    used = set(columns.values())
    metadata = {k: v for k, v in record.items() if k not in used and v not in (None, "")}
    text_value = record.get(columns["text"])
    text = text_value if isinstance(text_value, str) else as_text(text_value)
    art = Article(
        text=text,
        title=as_text(record.get(columns["title"])) if "title" in columns else "",
        outlet=as_text(record.get(columns["outlet"])) if "outlet" in columns else "",
        author=as_text(record.get(columns["author"])) if "author" in columns else "",
        published=normalise_date(as_text(record.get(columns["published"]))) if "published" in columns else "",
        url=as_text(record.get(columns["url"])) if "url" in columns else "",
        metadata=metadata,
        raw=text,
    )
    if "id" in columns and record.get(columns["id"]) not in (None, ""):
        art.metadata["source_id"] = as_text(record.get(columns["id"]))
    return art


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y%m%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%A, %B %d, %Y",
    "%A, %d %B %Y",
    "%B %d, %Y %A",
    "%d %B %Y %A",
    "%a, %d %b %Y",
    "%d.%m.%Y",
)
_ISO_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


def normalise_date(value: str) -> str:
    """ISO ``YYYY-MM-DD`` when the date is recognised, else the value as found (so
    nothing is lost). Day-first versus month-first numeric dates (03/04/2015) are
    ambiguous and left as found."""
    value = " ".join(value.split())
    if not value:
        return ""
    m = _ISO_PREFIX.match(value)
    if m:
        return m.group(1)
    # "October 7, 2015 Wednesday 5:01 PM GMT" (Nexis): the date is the first words
    candidates = [value, re.sub(r"\s+\d{1,2}:\d{2}.*$", "", value)]
    for cand in candidates:
        cand = cand.replace("Sept.", "Sep.").replace("Sept ", "Sep ").strip(" ,")
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(cand, fmt).date().isoformat()
            except ValueError:
                continue
    return value
