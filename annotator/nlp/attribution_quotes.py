"""Direct quotations found from quotation marks alone, on the plain text.

Works without any pipeline, so the rule-only mode finds the same quotes as the
trained one. Offsets are code points into the text.

News conventions handled here:
- straight (") and typographic (“ ” „ « ») double marks; single marks inside a
  double quote are a quote inside the quote and do not end it;
- a quote running over several paragraphs leaves the closing mark off at each
  paragraph end and repeats the opening mark at the start of the next one;
- a quote still open at a paragraph end whose next paragraph does not reopen it
  is a typing slip: it ends with its paragraph rather than swallowing the text.
"""

from __future__ import annotations

from dataclasses import dataclass

_OPENING = {"“", "„", "«"}
_CLOSING = {"”", "»"}
_STRAIGHT = '"'
_MARKS = _OPENING | _CLOSING | {_STRAIGHT}
# characters after which a straight mark opens a quote
_OPEN_BEFORE = set(" \t\n([{/—–-")
# characters after which a straight mark closes a quote
_CLOSE_AFTER = set(" \t\n.,;:!?)]}—–-…'’")


@dataclass(frozen=True)
class QuoteSpan:
    """One direct quotation: ``[start, end)`` is the quoted text without its
    outer marks; ``open_mark``/``close_mark`` are the mark positions (the
    closing one is None for a quote cut off at a paragraph end)."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    paragraphs: int = 1

    @property
    def outer(self) -> tuple[int, int]:
        """The span including both marks."""
        return self.open_mark, (self.close_mark + 1 if self.close_mark is not None else self.end)


def _role(text: str, i: int) -> str:
    """'open', 'close' or 'either' for the mark at ``i``."""
    ch = text[i]
    if ch in _OPENING:
        return "open"
    if ch in _CLOSING:
        return "close"
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    opens = before in _OPEN_BEFORE and after not in " \t\n"
    closes = after in _CLOSE_AFTER and before not in " \t\n"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quotes(text: str) -> list[QuoteSpan]:
    """All direct quotations in ``text``, in order, outermost only."""
    quotes: list[QuoteSpan] = []
    open_at: int | None = None
    paragraphs = 1
    i, n = 0, len(text)

    def emit(close: int | None, end: int) -> None:
        assert open_at is not None
        s, e = _trimmed(text, open_at + 1, end)
        if e > s:
            quotes.append(QuoteSpan(s, e, open_at, close, paragraphs))

    while i < n:
        ch = text[i]
        if ch == "\n":
            if open_at is not None:
                j = i
                while j < n and text[j].isspace():
                    j += 1
                if j < n and text[j] in _MARKS and _role(text, j) != "close":
                    # continued quote: the next paragraph reopens it
                    paragraphs += 1
                    i = j + 1
                    continue
                emit(None, i)
                open_at = None
            i += 1
            continue
        if ch not in _MARKS:
            i += 1
            continue
        role = _role(text, i)
        if open_at is None:
            # a straight mark after a digit is inches or seconds, not a quote
            if role != "close" and not (ch == _STRAIGHT and i > 0 and text[i - 1].isdigit()):
                open_at, paragraphs = i, 1
        elif role == "open" and ch != _STRAIGHT and text[open_at] != _STRAIGHT:
            # a second typographic opening mark: the first one was never closed
            emit(None, i)
            open_at, paragraphs = i, 1
        else:
            emit(i, i)
            open_at = None
        i += 1
    if open_at is not None:
        emit(None, n)
    return quotes
