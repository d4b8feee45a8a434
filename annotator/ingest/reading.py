"""The reading entry point the import service calls: paths in, cleaned
Documents or one-sentence failures out, streamed, one bad file never stopping
the rest."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from annotator.core.errors import IngestError
from annotator.core.models import Document
from annotator.core.task import NULL_STATE, TaskState
from annotator.ingest.article import Article, normalise_mapping
from annotator.ingest.cleaning import clean_text, normalise_text
from annotator.ingest.reader_choice import choose_reader, formats
from annotator.ingest.registry import ReadFailure, ReadOptions
from annotator.ingest.rules import RuleSet
from annotator.ingest.sources import Source, SourceFailure, iter_sources

ReadResult = Document | ReadFailure

_TITLE_MAX = 200
_NOT_A_TITLE_END = re.compile(r"[.,;:]$")


def first_line_title(text: str) -> str:
    """The headline of a plain-text article: a short first line, set off by a blank
    line, that does not end like a sentence. It stays in the text (headlines are
    coded too); this only names the document."""
    head, sep, rest = text.partition("\n\n")
    if not sep or not rest.strip() or "\n" in head:
        return ""
    line = head.strip().lstrip("#").strip()
    if not line or len(line) > _TITLE_MAX or (_NOT_A_TITLE_END.search(line) and not line.endswith("...")):
        return ""
    return line


def _one_line(value: str) -> str:
    return " ".join(normalise_text(value).split()) if value else ""


def to_document(
    article: Article, source_path: str, *, clean: bool = True, rules: RuleSet | None = None
) -> Document:
    """Clean an article and make the Document (its id comes from the final text)."""
    result = clean_text(article.text, rules, tidy=clean)
    if not result.text.strip():
        reason = "has no text left once page debris was removed" if result.removed else "has no text"
        raise IngestError(f"{source_path} {reason}.")
    title = article.title
    if not title and article.title_from_first_line:
        title = first_line_title(result.text)
    return Document(
        text=result.text,
        title=_one_line(title),
        outlet=_one_line(article.outlet),
        author=_one_line(article.author),
        published=_one_line(article.published),
        url=article.url.strip(),
        raw=article.raw,
        source_path=source_path,
        metadata=article.metadata,
        cleaning=[str(r) for r in result.removed],
    )


def read_sources(
    paths: Iterable[str | os.PathLike[str]],
    *,
    format: str | None = None,
    columns: Mapping[str, str] | None = None,
    clean: bool = True,
    rules: RuleSet | None = None,
    state: TaskState = NULL_STATE,
) -> Iterator[ReadResult]:
    """Read every article in ``paths`` (files, folders, zip archives).

    Yields a :class:`Document` per article (cleaned unless ``clean`` is false;
    ``rules`` default to the built-in ones) or a :class:`ReadFailure` per file or
    record that could not be read, as soon as each is ready. ``format`` forces a
    reader (see :func:`annotator.ingest.reader_choice.formats`); ``columns`` maps
    fields to column names for tables and JSON (``{"text": "body"}``).
    ``state``'s progress counts bytes of input. Once its interruption is
    requested the stream ends at the next article, without raising: the
    caller decides what to do with the articles it holds (the import stores
    them whole, then reports the cancel).

    Raises :class:`IngestError` only for bad options (an unknown format or field).
    """
    options = ReadOptions(columns=normalise_mapping(columns))
    if format:
        _check_format(format)
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path, not the characters of one
    path_list = [Path(p) for p in paths]
    total = _total_size(path_list)
    done = 0
    state.set_progress(0, total)
    for item in iter_sources(path_list):
        if state.is_interruption_requested():
            return
        if isinstance(item, SourceFailure):
            yield ReadFailure(item.display, item.reason)
            continue
        for result in _read_one(item, format, options, clean, rules):
            yield result
            if state.is_interruption_requested():
                return
            state.set_progress(min(done + item.position(), total), total)
        done += item.weight
        state.set_progress(min(done, total), total)
    state.set_progress(total, total)


def _check_format(fmt: str) -> None:
    names = {s.name for s in formats()} | {e.lstrip(".") for s in formats() for e in s.extensions}
    if fmt.lower().lstrip(".") not in names:
        raise IngestError(
            f"{fmt!r} is not a known format; use one of {', '.join(s.name for s in formats())}."
        )


def _total_size(paths: list[Path]) -> int:
    total = 0
    for p in paths:
        try:
            if p.is_dir():
                for dirpath, _dirs, files in os.walk(p):
                    for f in files:
                        try:
                            total += (Path(dirpath) / f).stat().st_size
                        except OSError:
                            pass
            elif p.is_file():
                total += p.stat().st_size
        except OSError:
            pass
    return total


def _read_one(
    source: Source, fmt: str | None, options: ReadOptions, clean: bool, rules: RuleSet | None
) -> Iterator[ReadResult]:
    try:
        if source.size == 0:
            raise IngestError(f"{source.display} is empty.")
        spec = choose_reader(source, fmt)
        for item in spec.read(source, options):
            if isinstance(item, ReadFailure):
                yield item
                continue
            try:
                doc = to_document(item, source.display, clean=clean, rules=rules)
            except IngestError as exc:
                yield ReadFailure(source.display, str(exc))
                continue
            yield doc
    except IngestError as exc:
        yield ReadFailure(source.display, str(exc))
    except MemoryError:
        yield ReadFailure(source.display, f"{source.display} is too large to read into memory.")
    except OSError as exc:
        yield ReadFailure(source.display, f"{source.display} cannot be read ({exc.strerror or exc}).")
    except Exception as exc:  # a reader bug must not stop the batch; the user still gets one sentence
        yield ReadFailure(
            source.display,
            f"{source.display} could not be read because of an unexpected error ({type(exc).__name__}).",
        )
