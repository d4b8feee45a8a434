"""JSON (a list of article objects, streamed from disk, or an object holding
one) and JSON Lines (one object per line, streamed; a broken line is reported
and skipped)."""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from annotator.core.errors import IngestError
from annotator.ingest.article import (
    KNOWN_NAMES,
    Article,
    _shown,
    article_from_record,
    resolve_columns,
    squash_name,
)
from annotator.ingest.decoding import decode, open_text_stream
from annotator.ingest.registry import ReadFailure, ReadOptions, register
from annotator.ingest.sources import Source

_WS = re.compile(r"[ \t\r\n]*")
_CHUNK = 1 << 20
_LIST_KEYS = ("articles", "documents", "docs", "items", "data", "results", "records", "response", "rows")


def flatten(obj: Mapping[str, Any], prefix: str = "", depth: int = 0) -> dict[str, Any]:
    """Nested objects as dotted keys ("fields.bodyText"), so they can be mapped."""
    out: dict[str, Any] = {}
    for k, v in obj.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict) and depth < 4:
            out.update(flatten(v, key + ".", depth + 1))
        else:
            out[key] = v
    return out


def _records(data: Any, display: str) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        text_names = set(KNOWN_NAMES["text"])
        if any(squash_name(k) in text_names for k in data):
            return [data]
        for depth_obj in (data, data.get("response") if isinstance(data.get("response"), dict) else None):
            if not isinstance(depth_obj, dict):
                continue
            for key in _LIST_KEYS:
                value = depth_obj.get(key)
                if isinstance(value, list):
                    return value
            for value in depth_obj.values():
                if isinstance(value, list) and value and all(isinstance(v, dict) for v in value[:10]):
                    return value
        return [data]
    raise IngestError(f"{display} holds a single {type(data).__name__}, not article objects.")


class _Mapper:
    """Resolves columns once per set of keys: objects in one file usually share them."""

    def __init__(self, options: ReadOptions, display: str):
        self.options = options
        self.display = display
        self.cache: dict[tuple[str, ...], dict[str, str]] = {}

    def article(self, obj: Mapping[str, Any], where: str) -> Article | ReadFailure:
        record = flatten(obj)
        key = tuple(record)
        columns = self.cache.get(key)
        if columns is None:
            try:
                columns = resolve_columns(list(record), self.options.columns, self.display)
            except IngestError:
                keys = _shown(list(record))
                return ReadFailure(
                    self.display, f"{where} of {self.display} has no text field (keys: {keys})."
                )
            self.cache[key] = columns
        text = record.get(columns["text"])
        if not isinstance(text, str) or not text.strip():
            return ReadFailure(self.display, f"{where} of {self.display} has no text in {columns['text']!r}.")
        return article_from_record(record, columns)


class _NotAnArray(Exception):
    pass


def iter_array(stream: io.TextIOBase, display: str) -> Iterator[Any]:
    """The items of a top-level JSON array, one at a time, so a large export is
    never in memory whole. Raises :class:`_NotAnArray` before yielding anything
    when the file holds something else."""
    decoder = json.JSONDecoder(parse_int=_bounded_int)
    buf, pos, eof = "", 0, False

    def more() -> None:
        nonlocal buf, pos, eof
        # read at least as much as is pending, so a huge item costs linear time
        try:
            chunk = stream.read(max(_CHUNK, len(buf) - pos))
        except UnicodeDecodeError as exc:
            raise IngestError(
                f"{display} has bytes that are not valid in its encoding ({exc.reason})."
            ) from exc
        buf, pos = buf[pos:] + chunk, 0
        eof = not chunk

    def skip_ws() -> None:
        nonlocal pos
        while True:
            pos = _WS.match(buf, pos).end()  # type: ignore[union-attr]  # a pattern that may match nothing always matches
            if pos < len(buf) or eof:
                return
            more()

    more()
    skip_ws()
    if buf[pos : pos + 1] != "[":
        raise _NotAnArray
    pos += 1
    skip_ws()
    if buf[pos : pos + 1] == "]":
        return
    n = 0
    while True:
        skip_ws()
        while True:
            try:
                item, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                if eof:
                    raise IngestError(f"{display} is not valid JSON after item {n} ({exc.msg}).") from exc
                more()
                continue
            except RecursionError as exc:
                raise IngestError(f"{display} is nested too deeply to be article data.") from exc
            if end == len(buf) and not eof:  # a number cut at the end of the buffer may go on
                more()
                continue
            break
        pos = end
        n += 1
        yield item
        skip_ws()
        sep = buf[pos : pos + 1]
        pos += 1
        if sep == ",":
            continue
        if sep == "]":
            skip_ws()
            if pos < len(buf):
                raise IngestError(f"{display} has data after the end of its JSON array.")
            return
        raise IngestError(f"{display} is not valid JSON after item {n} (expected ',' or ']').")


def _whole(source: Source) -> list[Any]:
    display = source.display
    text = decode(source.read_bytes(), display)
    try:
        data = json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"{display} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from exc
    except RecursionError as exc:
        raise IngestError(f"{display} is nested too deeply to be article data.") from exc
    return _records(data, display)


def _bounded_int(digits: str) -> int | str:
    # Python refuses to convert integers of more than 4,300 digits (a guard
    # against slow parsing); such a "number" in article data is kept as text.
    return int(digits) if len(digits) <= 4000 else digits


@register("json", (".json",), "JSON: a list of article objects")
def read_json(source: Source, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    display = source.display
    records: Iterator[Any] | list[Any]
    stream = open_text_stream(source.open, display) if source.on_disk else None
    try:
        if stream is not None:
            records = iter_array(stream, display)
            try:
                first = next(records, _END)
            except _NotAnArray:
                stream.close()
                stream = None
                records = _whole(source)
            else:
                records = itertools.chain([] if first is _END else [first], records)
        else:
            records = _whole(source)
        mapper = _Mapper(options, display)
        for i, obj in enumerate(records, start=1):
            if not isinstance(obj, dict):
                yield ReadFailure(display, f"Item {i} of {display} is a {type(obj).__name__}, not an object.")
                continue
            result = mapper.article(obj, f"Item {i}")
            if isinstance(result, Article):
                result.metadata["source_item"] = i
            yield result
    finally:
        if stream is not None:
            stream.close()


_END = object()


@register("jsonl", (".jsonl", ".ndjson"), "JSON Lines: one article object per line")
def read_jsonl(source: Source, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    display = source.display
    stream = (
        open_text_stream(source.open, display)
        if source.on_disk
        else io.StringIO(decode(source.read_bytes(), display), newline="")
    )
    mapper = _Mapper(options, display)
    with stream:
        line_no = 0
        while True:
            try:
                line = stream.readline()
            except UnicodeDecodeError:
                yield ReadFailure(
                    display,
                    f"{display} has bytes that are not valid in its encoding after line "
                    f"{line_no}; the rest of the file was not read.",
                )
                return
            if not line:
                break
            line_no += 1
            if not line.strip():
                continue
            try:
                obj = json.loads(line, parse_int=_bounded_int)
            except json.JSONDecodeError as exc:
                yield ReadFailure(display, f"Line {line_no} of {display} is not valid JSON ({exc.msg}).")
                continue
            except RecursionError:
                yield ReadFailure(display, f"Line {line_no} of {display} is nested too deeply.")
                continue
            if not isinstance(obj, dict):
                yield ReadFailure(
                    display, f"Line {line_no} of {display} is a {type(obj).__name__}, not an object."
                )
                continue
            result = mapper.article(obj, f"Line {line_no}")
            if isinstance(result, Article):
                result.metadata["source_line"] = line_no
            yield result
