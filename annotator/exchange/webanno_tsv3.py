"""The WebAnno TSV 3.3 file format itself, as INCEpTION writes and reads it
(its ``Tsv3XSerializer`` and ``Tsv3XDeserializer``), free of our data model.

A file is a header (``#FORMAT=WebAnno TSV 3.3`` and one ``#T_SP=type|feature...``
line per span layer), then per sentence its text as ``#Text=`` lines and one
line per token: ``sentence-token``, ``begin-end``, the token, then a column per
feature. Offsets count UTF-16 code units, as Java does. An annotation that
does not start or end on a token boundary is written on sub-token lines
(``1-2.1``) that carry its exact offsets; one that covers several units, or
shares a unit with another of its layer, carries a number (``Label[3]``) on
each unit so a reader can join them. In feature values ``\\ [ ] | _ -> ; *``,
tab and newline are escaped with a backslash; ``*`` alone means no value and
``_`` alone an empty column.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core.errors import ExchangeError
from annotator.exchange.utf16 import Utf16Offsets

FORMAT_LINE = "#FORMAT=WebAnno TSV 3.3"
NULL_VALUE = "*"
NULL_COLUMN = "_"

_VALUE_SPECIAL = re.compile(r"\\|\[|\]|\||_|->|;|\t|\n|\*")
_VALUE_ESCAPE = {"\t": "\\t", "\n": "\\n"}
_VALUE_UNESCAPE = re.compile(r"\\(\\|\[|\]|\||_|->|;|t|n|\*)")
# #Text lines: C0 controls keep their character after a backslash; the usual
# ones get a readable letter (Escaping.escapeText)
_TEXT_LETTERS = {"\t": "t", "\n": "n", "\f": "f", "\r": "r", "\b": "b", "\\": "\\"}
_TEXT_SPECIAL = re.compile(r"[\x00-\x07\x0e-\x1f\t\n\f\r\b\\]")
_TEXT_UNESCAPE = re.compile(r"\\([\x00-\x07\x0e-\x1f]|[tnfrb\\])")
_TEXT_LETTER_BACK = {v: k for k, v in _TEXT_LETTERS.items()}


def escape_value(value: str) -> str:
    return _VALUE_SPECIAL.sub(lambda m: _VALUE_ESCAPE.get(m.group(), "\\" + m.group()), value)


def unescape_value(value: str) -> str:
    return _VALUE_UNESCAPE.sub(lambda m: {"t": "\t", "n": "\n"}.get(m.group(1), m.group(1)), value)


def escape_text(text: str) -> str:
    return _TEXT_SPECIAL.sub(lambda m: "\\" + _TEXT_LETTERS.get(m.group(), m.group()), text)


def unescape_text(text: str) -> str:
    return _TEXT_UNESCAPE.sub(lambda m: _TEXT_LETTER_BACK.get(m.group(1), m.group(1)), text)


@dataclass
class SpanAnnotation:
    start: int  # code points
    end: int
    values: list[str | None]  # one per feature of the layer; None: no value
    layer: str = ""


@dataclass(frozen=True)
class Layer:
    type_name: str
    features: tuple[str, ...]


# --- writing -------------------------------------------------------------------


def write_tsv(
    text: str,
    tokens: Sequence[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
    layer: Layer,
    annotations: Sequence[SpanAnnotation],
) -> str:
    """The TSV file of one text: ``sentences`` must tile the text (each from
    its first character to the next one's); every annotation's offsets
    survive exactly, on sub-token units where they cut a token and on tokens
    made of the white space where they begin or end outside every token."""
    units16 = Utf16Offsets(text)
    tokens = _complete_tokens(text, tokens, sentences, annotations)
    token_starts = [t[0] for t in tokens]
    # the units of each annotation: whole tokens, or the part of a token it covers
    on_unit: dict[tuple[int, int, int], list[int]] = {}  # (token index, begin, end) -> annotations
    unit_count: dict[int, int] = {}
    for n, a in enumerate(annotations):
        first = max(0, bisect_right(token_starts, a.start) - 1)
        for ti in range(first, len(tokens)):
            tb, te = tokens[ti]
            if tb >= a.end:
                break
            if te <= a.start:
                continue
            key = (ti, tb, te) if a.start <= tb and te <= a.end else (ti, max(a.start, tb), min(a.end, te))
            on_unit.setdefault(key, []).append(n)
            unit_count[n] = unit_count.get(n, 0) + 1
    for ns in on_unit.values():  # stacked as INCEpTION stacks them: longest first
        ns.sort(key=lambda n: (annotations[n].start, -annotations[n].end, n))
    shared = {n for ns in on_unit.values() if len(ns) > 1 for n in ns}
    needs_id = {n for n, c in unit_count.items() if c > 1} | shared
    ids: dict[int, int] = {}
    subs_of: dict[int, list[tuple[int, int]]] = {}
    for ti, b, e in on_unit:
        if (b, e) != tokens[ti]:
            subs_of.setdefault(ti, []).append((b, e))

    header = f"#T_SP={layer.type_name}" + "".join(f"|{f}" for f in layer.features)
    out = [FORMAT_LINE, "\n", header, "\n\n"]
    columns = len(layer.features) or 1

    def unit_line(unit_id: str, ti: int, b: int, e: int) -> str:
        anns = on_unit.get((ti, b, e), [])
        cells = []
        for col in range(columns):
            if not anns:
                cells.append(NULL_COLUMN)
                continue
            values = []
            for n in anns:
                raw = annotations[n].values[col] if layer.features else None
                value = NULL_VALUE if raw is None or raw == "" else escape_value(raw)
                if n in needs_id:
                    value += f"[{ids.setdefault(n, len(ids) + 1)}]"
                values.append(value)
            cells.append("|".join(values))
        span = f"{units16.to_utf16(b)}-{units16.to_utf16(e)}"
        return "\t".join([unit_id, span, escape_text(text[b:e]), *cells]) + "\t\n"

    for si, (sb, se) in enumerate(sentences, 1):
        out.append("\n")
        out.extend(f"#Text={escape_text(line)}\n" for line in text[sb:se].split("\n"))
        lo, hi = bisect_left(token_starts, sb), bisect_left(token_starts, se)
        for k, ti in enumerate(range(lo, hi), 1):
            tb, te = tokens[ti]
            out.append(unit_line(f"{si}-{k}", ti, tb, te))
            subs = sorted(set(subs_of.get(ti, [])), key=lambda s: (s[0], -s[1]))
            out.extend(unit_line(f"{si}-{k}.{j}", ti, b, e) for j, (b, e) in enumerate(subs, 1))
    return "".join(out)


def _complete_tokens(
    text: str,
    tokens: Sequence[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
    annotations: Sequence[SpanAnnotation],
) -> list[tuple[int, int]]:
    """``tokens`` plus, where a sentence or an annotation starts or ends in the
    white space between tokens, that white space as a token of its own (a
    TSV reader places each sentence at its first token)."""
    cuts = sorted({0, len(text), *(s for s, _ in sentences), *(t for tok in tokens for t in tok)})
    token_starts = [b for b, _ in tokens]

    def in_token(b: int) -> bool:
        i = bisect_right(token_starts, b) - 1
        return i >= 0 and b < tokens[i][1]

    starts = {s for s, _ in sentences} | {a.start for a in annotations}
    ends = {a.end for a in annotations}
    out = set(tokens)
    for b, e in zip(cuts, cuts[1:], strict=False):
        if e > b and not in_token(b):
            if any(b <= s < e for s in starts) or any(b < x <= e for x in ends):
                out.add((b, e))
    return sorted(out)


# --- reading -------------------------------------------------------------------


@dataclass
class TsvDocument:
    text: str  # as the file holds it, before any normalisation
    layers: list[Layer]
    annotations: list[SpanAnnotation] = field(default_factory=list)
    skipped_layers: list[str] = field(default_factory=list)


_HEADER = re.compile(r"#T_(SP|RL|CH)=(.*)\Z")
_UNIT_ID = re.compile(r"\d+-\d+(\.\d+)?\Z")
_OFFSETS = re.compile(r"(\d+)-(\d+)\Z")


def read_tsv(content: str, where: str) -> TsvDocument:
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or not re.fullmatch(r"#FORMAT=WebAnno TSV 3(\.\d+)?", lines[0].strip()):
        raise ExchangeError(
            f"{where} does not start with '#FORMAT=WebAnno TSV 3', so it is not WebAnno TSV 3."
        )
    columns: list[tuple[str, str, str | None]] = []  # (kind, type, feature) per column
    i = 1
    while i < len(lines) and (m := _HEADER.match(lines[i])):
        kind, fields = m.group(1), m.group(2).split("|")
        feats = [f for f in fields[1:] if f] or [None]
        columns.extend((kind, fields[0], f) for f in feats)
        i += 1
    # per span layer, its columns with their feature (None: the layer has none)
    span_layers: dict[str, list[tuple[int, str | None]]] = {}
    for c, (kind, type_name, feat) in enumerate(columns):
        if kind == "SP" and (feat is None or (not feat.startswith("ROLE_") and "." not in feat)):
            span_layers.setdefault(type_name, []).append((c, feat))
    doc = TsvDocument(
        "",
        [Layer(t, tuple(f for _, f in fs if f)) for t, fs in span_layers.items()],
        skipped_layers=sorted({t for k, t, _ in columns if k != "SP"}),
    )
    text: list[str] = []
    length16 = 0
    sentence_lines: list[str] | None = None
    # (layer, disambiguation id or unit and stack position) -> annotation
    found: dict[tuple[str, object], SpanAnnotation] = {}
    units: list[tuple[int, int, int, list[str]]] = []  # line number, begin16, end16, cells
    for n in range(i, len(lines)):
        line = lines[n].rstrip("\r")
        if line.startswith("#"):
            if line.startswith("#Text="):
                sentence_lines = (sentence_lines or []) + [unescape_text(line[6:])]
            continue
        if not line:
            continue
        fields = line.split("\t")
        if len(fields) < 3 + len(columns) or not _UNIT_ID.match(fields[0]) or not _OFFSETS.match(fields[1]):
            raise ExchangeError(f"{where} line {n + 1} is not a WebAnno TSV token line: {line[:60]!r}.")
        om = _OFFSETS.match(fields[1])
        assert om is not None
        b16, e16 = int(om.group(1)), int(om.group(2))
        if sentence_lines is not None:  # the first token places its sentence in the text
            if length16 > b16:
                if length16 != b16 + 1 or not text or not text[-1].endswith("\n"):
                    raise ExchangeError(
                        f"{where} line {n + 1}: the offsets {b16}-{e16} overlap the sentence before."
                    )
                text[-1] = text[-1][:-1]
                length16 -= 1
            if length16 < b16:
                text.append(" " * (b16 - length16))
                length16 = b16
            sentence = "\n".join(sentence_lines) + "\n"
            text.append(sentence)
            length16 += len(sentence) + sum(1 for ch in sentence if ord(ch) > 0xFFFF)
            sentence_lines = None
        if not b16 <= e16 <= length16:
            raise ExchangeError(
                f"{where} line {n + 1}: the offsets {b16}-{e16} lie outside the sentence text."
            )
        units.append((n + 1, b16, e16, fields[3:]))
    raw = "".join(text)
    doc.text = raw[:-1] if raw.endswith("\n") else raw
    offsets = Utf16Offsets(doc.text)
    for line_no, b16, e16, cells in units:
        b, e = (
            offsets.from_utf16(min(b16, offsets.utf16_length)),
            offsets.from_utf16(min(e16, offsets.utf16_length)),
        )
        if b is None or e is None:
            raise ExchangeError(f"{where} line {line_no}: the offsets {b16}-{e16} cut a character in two.")
        for type_name, feats in span_layers.items():
            stacks = [_split_stack(cells[c]) if cells[c] != NULL_COLUMN else [] for c, _ in feats]
            depth = max((len(s) for s in stacks), default=0)
            for k in range(depth):
                values: list[str | None] = []
                ref: str | None = None
                for (_, feat), stack in zip(feats, stacks, strict=True):
                    value, cell_ref = _split_ref(stack[k] if k < len(stack) else NULL_VALUE)
                    ref = ref or cell_ref
                    if feat is not None:
                        values.append(None if value == NULL_VALUE else unescape_value(value))
                key: tuple[str, object] = (type_name, ref) if ref else (type_name, (line_no, k))
                a = found.get(key)
                if a is None:
                    found[key] = SpanAnnotation(b, e, values, type_name)
                else:
                    a.start, a.end = min(a.start, b), max(a.end, e)
                    a.values = [x if x is not None else y for x, y in zip(a.values, values, strict=False)]
    doc.annotations = list(found.values())
    return doc


def _split_stack(cell: str) -> list[str]:
    """A cell's stacked values, split at each ``|`` that is not escaped."""
    parts, cur, i = [], [], 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell):
            cur.append(cell[i : i + 2])
            i += 2
            continue
        if ch == "|":
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return parts


_REF = re.compile(r"\[(\d+(?:_\d+)?)\]\Z")


def _split_ref(value: str) -> tuple[str, str | None]:
    m = _REF.search(value)
    if m is None:
        return value, None
    # an escaped "[" is part of the value: count the backslashes before it
    k, i = 0, m.start() - 1
    while i >= 0 and value[i] == "\\":
        k, i = k + 1, i - 1
    if k % 2:
        return value, None
    return value[: m.start()], m.group(1)
