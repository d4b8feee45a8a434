"""The reader registry: what a reader takes and yields, and the decorator
with which each reader module registers itself. Which reader takes a file is
decided in ``reader_choice``, which loads every reader first."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from annotator.ingest.article import Article
from annotator.ingest.sources import Source


@dataclass(frozen=True)
class ReadFailure:
    """A file, or one record of a file, that was not imported, and why (one sentence)."""

    source_path: str
    reason: str

    def __post_init__(self) -> None:
        # One line, whatever a file name or a column name held.
        if any(ch in self.reason for ch in "\n\r\t\x0b\x0c\x85\u2028\u2029"):
            clean = "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in self.reason)
            object.__setattr__(self, "reason", clean)


@dataclass
class ReadOptions:
    columns: Mapping[str, str] = field(default_factory=dict)  # field -> column, normalised


Reader = Callable[[Source, ReadOptions], Iterator[Article | ReadFailure]]


@dataclass(frozen=True)
class ReaderSpec:
    name: str
    extensions: tuple[str, ...]
    description: str
    read: Reader


READERS: dict[str, ReaderSpec] = {}


def register(name: str, extensions: tuple[str, ...], description: str) -> Callable[[Reader], Reader]:
    def deco(func: Reader) -> Reader:
        READERS[name] = ReaderSpec(name, extensions, description, func)
        return func

    return deco
