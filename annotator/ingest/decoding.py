"""Bytes to text: byte-order marks, UTF-8, then a guess; binary content is refused."""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterable
from typing import BinaryIO

from charset_normalizer import from_bytes

from annotator.core.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHUNK = 1 << 20
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}
_CONTROL_TRANSLATE = dict.fromkeys(_CONTROL)


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    # A UTF-8 file with a few Windows-1252 bytes pasted into it (a common accident
    # of copy and paste): read those bytes as Windows-1252 rather than refuse the file.
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


UTF8_WITH_CP1252 = "annotator-cp1252-fallback"
codecs.register_error(UTF8_WITH_CP1252, _cp1252_fallback)


def mostly_utf8(sample: bytes) -> bool:
    """Invalid UTF-8 in a file whose other non-ASCII text is valid UTF-8."""
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good >= max(1, bad)


def bom_encoding(head: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark (some Windows tools do): Latin
    text then has a NUL in every other byte."""
    sample = sample[: min(len(sample), 8192) // 2 * 2]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) > 0.4 * half and even.count(0) < 0.05 * half:
        return "utf-16-le"
    if even.count(0) > 0.4 * half and odd.count(0) < 0.05 * half:
        return "utf-16-be"
    return None


def looks_binary(sample: bytes) -> bool:
    """NUL bytes or many control bytes: not text in any single-byte or UTF-8 encoding."""
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample[:8192] if b in _CONTROL)
    return controls > max(2, len(sample[:8192]) // 100)


def _plausible_western(text: str) -> bool:
    # Text in a non-Latin script read as Windows-1252 comes out as mostly accented
    # letters; real Western text has a few of them among plain ASCII letters.
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    non_ascii = sum(1 for ch in letters if ord(ch) > 0x7F)
    return non_ascii / len(letters) < 0.3


def guess_encoding(sample: bytes) -> str | None:
    """Encoding of bytes that are not UTF-8: Windows-1252 for Western text (the usual
    case for old exports, and a superset of Latin-1's printable range), else what
    charset-normalizer finds."""
    try:
        text = sample.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_western(text):
        return "cp1252"
    best = from_bytes(sample).best()
    return best.encoding if best is not None else None


def decode(data: bytes, name: str) -> str:
    """Decode a whole file; raise :class:`IngestError` for empty or binary content."""
    if not data.strip():
        raise IngestError(f"{name} is empty.")
    encoding = bom_encoding(data[:4])
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise IngestError(
                f"{name} starts with a {encoding.upper()} byte-order mark but is not valid "
                f"{encoding.upper()} text."
            ) from exc
        return _checked_text(text, name)
    encoding = utf16_without_bom(data)
    if encoding is not None:
        try:
            return _checked_text(data.decode(encoding), name)
        except UnicodeDecodeError:
            pass
    if looks_binary(data[:65536]):
        raise IngestError(f"{name} looks like binary data, not text.")
    try:
        return _checked_text(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    if mostly_utf8(data[: 4 * _CHUNK]):
        return _checked_text(data.decode("utf-8", errors=UTF8_WITH_CP1252), name)
    encoding = guess_encoding(data[: 4 * _CHUNK])
    if encoding is None:
        raise IngestError(f"{name} is not text in any encoding that could be recognised.")
    try:
        return _checked_text(data.decode(encoding), name)
    except (UnicodeDecodeError, LookupError) as exc:
        raise IngestError(f"{name} is not valid UTF-8 and its encoding could not be recognised.") from exc


def _checked_text(text: str, name: str) -> str:
    if not text.strip():
        raise IngestError(f"{name} is empty.")
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if controls > max(2, len(sample) // 100):
        raise IngestError(f"{name} looks like binary data, not text.")
    return text


def strip_controls(text: str) -> str:
    """Drop control characters that no article contains and XML exports cannot hold."""
    return text.translate(_CONTROL_TRANSLATE)


def _is_utf8(chunks: Iterable[bytes]) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in chunks:
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def open_text_stream(open_binary: Callable[[], BinaryIO], name: str) -> io.TextIOWrapper:
    """A text stream over a file without reading it into memory: the encoding is
    found by a first streaming pass (UTF-8 is checked to the end, since one bad
    byte near the end of a big export is common)."""
    with open_binary() as fh:
        head = fh.read(65536)
        if not head.strip():
            raise IngestError(f"{name} is empty.")
        encoding = bom_encoding(head[:4]) or utf16_without_bom(head)
        if encoding is None:
            if looks_binary(head):
                raise IngestError(f"{name} looks like binary data, not text.")

            def rest() -> Iterable[bytes]:
                yield head
                while chunk := fh.read(_CHUNK):
                    yield chunk

            if _is_utf8(rest()):
                encoding = "utf-8"
    errors = "strict"
    if encoding is None:
        with open_binary() as fh:
            sample = fh.read(4 * _CHUNK)
        if mostly_utf8(sample):
            encoding, errors = "utf-8", UTF8_WITH_CP1252
        else:
            encoding = guess_encoding(sample)
        if encoding is None:
            raise IngestError(f"{name} is not text in any encoding that could be recognised.")
    stream: BinaryIO = open_binary()
    return io.TextIOWrapper(stream, encoding=encoding, errors=errors, newline="")
