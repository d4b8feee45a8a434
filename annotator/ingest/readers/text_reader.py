"""Plain text and Markdown; news-database exports in text form are recognised
by their content and split into articles."""

from __future__ import annotations

from collections.abc import Iterator

from annotator.ingest.article import Article
from annotator.ingest.decoding import decode
from annotator.ingest.readers.export_split import split_multi_article
from annotator.ingest.registry import ReadFailure, ReadOptions, register
from annotator.ingest.sources import Source


@register("text", (".txt", ".text", ".md", ".markdown"), "plain text or Markdown, one article per file")
def read_text(source: Source, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    data = source.read_bytes()
    text = decode(data, source.display)
    split = split_multi_article(text, source.display)
    if split is not None:
        yield from split
        return
    yield Article(text=text, raw=data, title_from_first_line=True)
