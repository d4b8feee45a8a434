"""Texts from other tools, brought to the stored form with their offsets.

The store keeps NFC text with ``\\n`` line endings (DESIGN.md section 3), but a
brat ``.txt`` or a REFI-QDA source written on Windows has ``\\r\\n`` and may be
decomposed. Offsets in those files count the characters as written, so the
text is normalised together with a map from old to new positions.
"""

from __future__ import annotations

import unicodedata
from array import array


class OffsetMap:
    """Maps code-point offsets of a raw text to offsets of its normalised form."""

    __slots__ = ("_map", "raw_length", "text")

    def __init__(self, raw: str):
        self.raw_length = len(raw)
        if "\r" not in raw and not raw.startswith("\ufeff") and unicodedata.is_normalized("NFC", raw):
            # the usual case: nothing moves, so no map is built
            self.text = raw
            self._map: array | None = None
            return
        text_parts: list[str] = []
        mapping = array("i")
        pos = 0
        if raw.startswith("\ufeff"):
            mapping.append(0)  # a byte-order mark is not text
            raw_body_start = 1
        else:
            raw_body_start = 0
        i = raw_body_start
        n = len(raw)
        # Runs start at characters that cannot combine with what precedes
        # them, so normalising run by run equals normalising the whole text.
        while i < n:
            if raw[i] == "\r":
                j = i + 2 if raw.startswith("\n", i + 1) else i + 1
            else:
                j = i + 1
                while j < n and not _starts_run(raw[j]):
                    j += 1
            run = raw[i:j]
            if run == "\r\n" or run == "\r":
                new = "\n"
            else:
                new = unicodedata.normalize("NFC", run) if not run.isascii() else run
            if len(new) == len(run):
                mapping.extend(range(pos, pos + len(run)))
            else:
                # a changed run is one user-perceived character: inner
                # positions fall on its start
                mapping.extend([pos] * len(run))
            text_parts.append(new)
            pos += len(new)
            i = j
        mapping.append(pos)
        self.text = "".join(text_parts)
        self._map = mapping

    @property
    def identity(self) -> bool:
        return self._map is None

    def __call__(self, raw_offset: int) -> int:
        if self._map is None:
            if not 0 <= raw_offset <= self.raw_length:
                raise IndexError(raw_offset)
            return raw_offset
        return self._map[raw_offset]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The normalised ``[start, end)``; ``end`` rounds up to the end of a
        character that normalisation merged."""
        if self._map is None:
            return self(start), self(end)
        new_start = self._map[start]
        new_end = self._map[end]
        if end > start and end < self.raw_length and self._map[end - 1] == new_end:
            # end falls inside a merged run: include the whole run
            k = end
            while k < self.raw_length and self._map[k] == new_end:
                k += 1
            new_end = self._map[k]
        return new_start, new_end


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
