"""JSON (a list of article objects, or an object holding one) and JSON Lines
(one object per line, streamed; a broken line is reported and skipped)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from annotator.core.errors import IngestError
from annotator.ingest.article import KNOWN_NAMES, Article, article_from_record, resolve_columns, squash_name
from annotator.ingest.decoding import decode, open_text_stream
from annotator.ingest.registry import ReadFailure, ReadOptions, register
from annotator.ingest.sources import Source

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
                keys = ", ".join(list(record)[:12]) or "none"
                return ReadFailure(self.display, f"{where} of {self.display} has no text field (keys: {keys}).")
            self.cache[key] = columns
        text = record.get(columns["text"])
        if not isinstance(text, str) or not text.strip():
            return ReadFailure(self.display, f"{where} of {self.display} has no text in {columns['text']!r}.")
        return article_from_record(record, columns)


@register("json", (".json",), "JSON: a list of article objects")
def read_json(source: Source, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    display = source.display
    text = decode(source.read_bytes(), display)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"{display} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).") from exc
    except RecursionError as exc:
        raise IngestError(f"{display} is nested too deeply to be article data.") from exc
    del text
    mapper = _Mapper(options, display)
    records = _records(data, display)
    for i, obj in enumerate(records, start=1):
        if not isinstance(obj, dict):
            yield ReadFailure(display, f"Item {i} of {display} is a {type(obj).__name__}, not an object.")
            continue
        result = mapper.article(obj, f"Item {i}")
        if isinstance(result, Article):
            result.metadata["source_item"] = i
        yield result


@register("jsonl", (".jsonl", ".ndjson"), "JSON Lines: one article object per line")
def read_jsonl(source: Source, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    display = source.display
    stream = (open_text_stream(source.open, display) if source.on_disk
              else io.StringIO(decode(source.read_bytes(), display), newline=""))
    mapper = _Mapper(options, display)
    with stream:
        line_no = 0
        while True:
            try:
                line = stream.readline()
            except UnicodeDecodeError:
                yield ReadFailure(display, f"{display} has bytes that are not valid in its encoding after line "
                                           f"{line_no}; the rest of the file was not read.")
                return
            if not line:
                break
            line_no += 1
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ReadFailure(display, f"Line {line_no} of {display} is not valid JSON ({exc.msg}).")
                continue
            except RecursionError:
                yield ReadFailure(display, f"Line {line_no} of {display} is nested too deeply.")
                continue
            if not isinstance(obj, dict):
                yield ReadFailure(display, f"Line {line_no} of {display} is a {type(obj).__name__}, not an object.")
                continue
            result = mapper.article(obj, f"Line {line_no}")
            if isinstance(result, Article):
                result.metadata["source_line"] = line_no
            yield result

