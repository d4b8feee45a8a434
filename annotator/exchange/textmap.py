"""Texts from other tools, brought to the stored form with their offsets.

The store keeps NFC text with ``\\n`` line endings (DESIGN.md section 3), but a
brat ``.txt`` or a REFI-QDA source written on Windows has ``\\r\\n`` and may be
decomposed. Offsets in those files count the characters as written, so the
text is normalised together with a map from old to new positions.

The stored form is the one an article read from a file gets
(``annotator.ingest.cleaning.normalise_text``; tests/exchange/test_textmap.py
holds the two equal): every line break (``\\r\\n``, ``\\r``, form feed, vertical
tab, NEL, U+2028, U+2029) becomes ``\\n``, the other control characters but the
tab are dropped, then NFC. Otherwise an article from an exchange file would be
another document than the same article read from its file.
"""

from __future__ import annotations

import re
import unicodedata
from array import array

_BREAKS = frozenset("\r\x0b\x0c\x85\u2028\u2029")
_DROPPED = frozenset(chr(c) for c in range(0x20)) - frozenset("\t\n") - _BREAKS
_NEEDS_FIXING = re.compile("[" + re.escape("".join(sorted(_BREAKS | _DROPPED))) + "]")


class OffsetMap:
    """Maps code-point offsets of a raw text to offsets of its normalised form,
    in two steps: line breaks and control characters, then NFC."""

    __slots__ = ("_breaks", "_composed", "raw_length", "text")

    def __init__(self, raw: str):
        self.raw_length = len(raw)
        bom = raw.startswith("\ufeff")
        if not bom and not _NEEDS_FIXING.search(raw) and unicodedata.is_normalized("NFC", raw):
            # the usual case: nothing moves, so no map is built
            self.text = raw
            self._breaks: array | None = None
            self._composed: array | None = None
            return
        body = raw[1:] if bom else raw
        if bom or _NEEDS_FIXING.search(body):
            # Breaks and controls first, as the stored form is made: a dropped
            # control between a letter and its accent lets the two compose.
            body, self._breaks = _line_breaks_and_controls(body)
            if bom:
                self._breaks.insert(0, 0)  # a byte-order mark is not text
        else:
            self._breaks = None
        self.text, self._composed = _nfc(body)

    @property
    def identity(self) -> bool:
        return self._breaks is None and self._composed is None

    def __call__(self, raw_offset: int) -> int:
        if not 0 <= raw_offset <= self.raw_length:
            raise IndexError(raw_offset)
        pos = raw_offset if self._breaks is None else self._breaks[raw_offset]
        return pos if self._composed is None else self._composed[pos]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The normalised ``[start, end)``; ``end`` rounds up to the end of a
        character that normalisation merged."""
        if not 0 <= start <= self.raw_length or not 0 <= end <= self.raw_length:
            raise IndexError((start, end))
        if self._breaks is not None:
            start, end = self._breaks[start], self._breaks[end]
        composed = self._composed
        if composed is None:
            return start, end
        new_start = composed[start]
        new_end = composed[end]
        length = len(composed) - 1
        if end > start and end < length and composed[end - 1] == new_end:
            # end falls inside a merged run: include the whole run
            k = end
            while k < length and composed[k] == new_end:
                k += 1
            new_end = composed[k]
        return new_start, new_end


def _line_breaks_and_controls(raw: str) -> tuple[str, array]:
    """The text with every line break as ``\\n`` and the control characters
    dropped, and the new position of each old one (a dropped character takes
    the position of the next one kept; ``\\r\\n`` is one break)."""
    out: list[str] = []
    mapping = array("i")
    pos = 0
    i = 0
    n = len(raw)
    while i < n:
        ch = raw[i]
        if ch in _DROPPED:
            mapping.append(pos)
            i += 1
            continue
        width = 2 if ch == "\r" and raw.startswith("\n", i + 1) else 1
        mapping.extend([pos] * width)
        out.append("\n" if ch in _BREAKS else ch)
        pos += 1
        i += width
    mapping.append(pos)
    return "".join(out), mapping


def _nfc(text: str) -> tuple[str, array | None]:
    """NFC of ``text`` and the new position of each old one (None when nothing moves)."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    parts: list[str] = []
    mapping = array("i")
    pos = 0
    i = 0
    n = len(text)
    # Runs start at characters that cannot combine with what precedes
    # them, so normalising run by run equals normalising the whole text.
    while i < n:
        j = i + 1
        while j < n and not _starts_run(text[j]):
            j += 1
        run = text[i:j]
        new = run if run.isascii() else unicodedata.normalize("NFC", run)
        if len(new) == len(run):
            mapping.extend(range(pos, pos + len(run)))
        else:
            # a changed run is one user-perceived character: inner
            # positions fall on its start
            mapping.extend([pos] * len(run))
        parts.append(new)
        pos += len(new)
        i = j
    mapping.append(pos)
    return "".join(parts), mapping


def _starts_run(ch: str) -> bool:
    if ch in "\r\n":
        return True
    if unicodedata.combining(ch):
        return False
    o = ord(ch)
    # Hangul medial vowels and final consonants join the syllable before them.
    if 0x1160 <= o <= 0x11FF:
        return False
    # Variation selectors and the zero-width joiner belong to the character before.
    return not (0xFE00 <= o <= 0xFE0F or o == 0x200D or 0xE0100 <= o <= 0xE01EF)


def normalise(raw: str) -> OffsetMap:
    return OffsetMap(raw)
