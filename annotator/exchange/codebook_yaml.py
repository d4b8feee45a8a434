"""Codebooks as human-editable YAML files (the nested form of
``annotator.core.codebook``)."""

from __future__ import annotations

from pathlib import Path

import yaml

from annotator.core.codebook import Codebook, codebook_from_dict, codebook_to_dict
from annotator.core.errors import CodebookError
from annotator.core.safe_open import read_regular

MAX_CODEBOOK_BYTES = 5 << 20
MAX_DEPTH = 64  # a codebook nests groups a few levels deep; YAML nested deeper is an attack


class CodebookLoader(yaml.SafeLoader):
    """YAML as a codebook needs it: no aliases (a 2 KB file of nested aliases
    expands to billions of nodes, and a recursive one never ends) and no nesting
    deeper than MAX_DEPTH (PyYAML composes nodes recursively)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise CodebookError(f"The codebook uses YAML aliases (*{event.anchor}, line {event.start_mark.line + 1}), "
                                "which codebooks do not need and are not read; write the codes out in full.")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            line = self.peek_event().start_mark.line + 1
            raise CodebookError(f"The codebook is nested more than {MAX_DEPTH} levels deep at line {line}, "
                                "deeper than any codebook.")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _check_text(data: object, source: str) -> None:
    """Refuse strings no project can store: lone surrogates (YAML's "\\ud800"
    escape makes them) cannot be written as UTF-8. Iterative, since the depth
    is bounded but the width is not."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise CodebookError(f"{source} holds text with a lone surrogate ({item!r}), which is not "
                                    "valid Unicode text.") from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def parse_codebook(text: str, *, source: str = "the codebook") -> Codebook:
    if len(text) > MAX_CODEBOOK_BYTES:
        raise CodebookError(f"{source} is too large to be a codebook.")
    try:
        data = yaml.load(text, Loader=CodebookLoader)  # noqa: S506 - a SafeLoader without aliases
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = str(getattr(exc, "problem", None) or exc).rstrip(".")
        raise CodebookError(f"{source} is not valid YAML{where}: {problem}.") from exc
    except ValueError as exc:  # a number longer than Python converts (4,300 digits)
        raise CodebookError(f"{source} holds a number too long to read ({str(exc).split(':')[0]}).") from None
    except RecursionError:
        raise CodebookError(f"{source} is nested too deeply to be a codebook.") from None
    _check_text(data, source)
    return codebook_from_dict(data)


def read_codebook(path: str | Path) -> Codebook:
    path = Path(path)
    raw = read_regular(path, MAX_CODEBOOK_BYTES, error=CodebookError, shown=path.name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CodebookError(f"{path.name} is not a UTF-8 text file.") from exc
    return parse_codebook(text, source=path.name)


def dump_codebook(codebook: Codebook) -> str:
    return yaml.safe_dump(codebook_to_dict(codebook), sort_keys=False, allow_unicode=True, width=100)


def write_codebook(codebook: Codebook, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(dump_codebook(codebook), encoding="utf-8")
    return path
