"""YAML from elsewhere (codebooks, cleaning rules): plain data only.

``yaml.safe_load`` builds no objects, but it still expands aliases (a 2 KB file
of nested aliases stands for billions of nodes; a recursive one never ends),
composes nested collections recursively (5,000 brackets raise RecursionError)
and turns ``"\\ud800"`` into a string no file or database can store. None of
that is needed by files people write by hand, so it is refused in one sentence.
"""

from __future__ import annotations

from typing import Any

import yaml

from annotator.core.errors import AnnotatorError

MAX_DEPTH = 64  # codebooks nest groups a few levels deep


class _Refused(Exception):
    pass


class NoAliasLoader(yaml.SafeLoader):
    """A SafeLoader that refuses aliases and nesting deeper than MAX_DEPTH."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(
                f"uses YAML aliases (*{event.anchor} at line {event.start_mark.line + 1}), which are "
                "not read; write the entries out in full"
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            line = self.peek_event().start_mark.line + 1
            raise _Refused(
                f"is nested more than {MAX_DEPTH} levels deep at line {line}, deeper than any such file"
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_untrusted_yaml(text: str, *, source: str, error: type[AnnotatorError]) -> Any:
    """The data of one YAML document; ``error`` with one sentence naming
    ``source`` when it is not valid YAML or uses what is refused here."""
    loader = NoAliasLoader(text)
    try:
        data = loader.get_single_data()
    except _Refused as exc:
        raise error(f"{source} {exc}.") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split()).rstrip(".")
        raise error(f"{source} is not valid YAML{where}: {problem}.") from None
    except ValueError as exc:  # an integer longer than Python converts (4,300 digits)
        raise error(f"{source} holds a number too long to read ({str(exc).split(':')[0]}).") from None
    except RecursionError:
        raise error(f"{source} is nested too deeply to read.") from None
    finally:
        loader.dispose()
    _refuse_surrogates(data, source, error)
    return data


def _refuse_surrogates(data: Any, source: str, error: type[AnnotatorError]) -> None:
    # Iterative: the depth is bounded, the width is not.
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise error(
                    f"{source} holds text with a lone surrogate ({item[:40]!r}), which is not valid Unicode."
                ) from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set):
            stack.extend(item)
