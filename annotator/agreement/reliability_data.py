"""Reliability data from annotations, at a chosen unit of analysis (DESIGN.md §5).

Built from core objects only (no store). A *variable* is a code or an
exclusive group:

- ``document`` unit: per span code, did the coder use it anywhere in the
  article (binary); per exclusive span group, the value covering most of the
  article; per document-level code, its presence (binary) or, when the code
  carries values other than "1", that value; per exclusive document group,
  the chosen child code (nominal; no choice is a missing value).
- ``paragraph`` / ``sentence`` / ``token``: per code, is the unit touched by a
  span of that code (binary); per exclusive group, which value (nominal), the
  value "(none)" when no span of the group touches the unit. **When one unit
  holds two values of a group, the value covering most characters of the unit
  wins; on a tie, the value listed first in the codebook.**
- ``continuum``: the segments of each variable on each document, for the
  unitizing coefficients.

A coder who did not code a document (``coded``) is missing on its units, never
"absent". Deleted annotations and coders not chosen are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import repeat
from operator import attrgetter

import numpy as np

from annotator.agreement.alpha import LEVELS
from annotator.agreement.annotation_columns import AnnotationColumns
from annotator.agreement.coding_data import (
    _TRUE_VALUES as _TRUE_VALUES,
)
from annotator.agreement.coding_data import (
    NONE_LABEL as NONE_LABEL,
)
from annotator.agreement.coding_data import (
    PRESENCE as PRESENCE,
)
from annotator.agreement.coding_data import (
    SEGMENT_UNITS as SEGMENT_UNITS,
)
from annotator.agreement.coding_data import (  # re-exported: where callers have always found them
    UNITS as UNITS,
)
from annotator.agreement.coding_data import (
    CodingData as CodingData,
)
from annotator.agreement.coding_data import (
    ContinuumData as ContinuumData,
)
from annotator.agreement.coding_data import (
    UnitData as UnitData,
)
from annotator.agreement.coding_data import (
    Variable as Variable,
)
from annotator.agreement.coding_data import (
    _Spans as _Spans,
)
from annotator.agreement.errors import AgreementError
from annotator.agreement.segment_units import segment_units
from annotator.agreement.unitizing import Segments
from annotator.core.codebook import Codebook
from annotator.core.models import Code

# --- variables -----------------------------------------------------------------


def select_variables(
    data: CodingData,
    unit: str,
    variables: Sequence[str] | None = None,
    levels: Mapping[str, str] | None = None,
    notes: list[str] | None = None,
) -> list[Variable]:
    """The variables to compare: the given code/group ids (or codebook paths),
    else every span code and exclusive span group, plus at the document unit
    every document-level code and exclusive document group. A variable's level
    is ``levels``' (by id or path), else its code's in the codebook; a codebook
    level that cannot apply falls back to nominal with a sentence in ``notes``."""
    if unit not in UNITS:
        raise AgreementError(f"Unknown unit of analysis {unit!r}; use one of {', '.join(UNITS)}.")
    cb = data.codebook
    levels = dict(levels or {})
    chosen: list[Code] = []
    code: Code | None
    if variables is None:
        for _, code in cb.walk():
            if code.archived:
                continue
            if code.scope == "document" and unit != "document":
                continue
            if code.exclusive or not cb.children(code.id):
                parent_group = cb.exclusive_group(code.id)
                if code.scope == "document" and parent_group is not None:
                    continue  # a value of a document variable, not a variable of its own
                chosen.append(code)
    else:
        for ref in variables:
            code = cb.get(ref) or cb.by_path(ref)
            if code is None:
                raise AgreementError(f"{ref!r} is not a code or group of the codebook.")
            if code.scope == "document" and unit != "document":
                raise AgreementError(
                    f"The document-level code {cb.path(code.id)!r} can only be compared at the document unit."
                )
            chosen.append(code)
    unique = {code.id: code for code in chosen}
    out = [_variable(data, code) for code in unique.values()]
    for level in levels.values():
        if level not in LEVELS:
            raise AgreementError(f"Unknown level of measurement {level!r}; use one of {', '.join(LEVELS)}.")
    result = []
    for v in out:
        asked = levels.get(v.id, levels.get(v.name))
        level = asked or unique[v.id].level
        if not _level_fits(v, level):
            if asked:
                raise AgreementError(f"The variable {v.name!r} can only be nominal: {_LEVEL_NEEDS[level]}.")
            # the codebook's level is a default for every unit and every data set:
            # where it cannot apply, the report says so instead of failing
            if notes is not None:
                notes.append(
                    f"{v.name} is {level} in the codebook but was compared as nominal: {_LEVEL_NEEDS[level]}."
                )
            level = "nominal"
        result.append(Variable(v.id, v.name, v.kind, v.categories, level, v.codes))
    return result


_LEVEL_NEEDS = {
    "ordinal": "ordered values need an exclusive article-level group or numeric article-level values",
    "interval": "the interval level needs numeric article-level values",
    "ratio": "the ratio level needs numeric article-level values",
}


def _level_fits(v: Variable, level: str) -> bool:
    """Ordinal needs ordered values (a group's children in codebook order, or
    values); interval and ratio need numbers. Presence (yes/no) and span groups
    (where "none" is no rank) stay nominal."""
    if level == "nominal":
        return True
    if v.kind == "document-group" and level == "ordinal":
        return True  # its values in codebook order
    # other values are sorted as text unless they are numbers: no order to rely on
    return v.kind in ("document-group", "document-value") and v.numeric_categories is not None


def _descendants(cb: Codebook, code_id: str) -> list[str]:
    out = [code_id]
    for _, c in cb.walk(code_id):
        out.append(c.id)
    return out


def _variable(data: CodingData, code: Code) -> Variable:
    cb = data.codebook
    path = cb.path(code.id)
    if code.exclusive:
        children = [c for c in cb.children(code.id)]
        names = tuple(c.name for c in children)
        if code.scope == "span":
            return Variable(code.id, path, "group", (NONE_LABEL, *names), codes=tuple(c.id for c in children))
        return Variable(code.id, path, "document-group", names, codes=tuple(c.id for c in children))
    codes = tuple(_descendants(cb, code.id))
    if code.scope == "span":
        return Variable(code.id, path, "code", PRESENCE, codes=codes)
    values = {dc.value.strip() for dc in data.document_codes if dc.code_id in codes}
    if values - _TRUE_VALUES:
        return Variable(code.id, path, "document-value", _sorted_values(values), codes=codes)
    return Variable(code.id, path, "document-code", PRESENCE, codes=codes)


def _sorted_values(values: set[str]) -> tuple:
    try:
        nums = sorted({float(v) for v in values if v})
        return tuple(int(v) if v.is_integer() else v for v in nums)
    except ValueError:
        return tuple(sorted(v for v in values if v))


# --- shared preparation ----------------------------------------------------------


def coding_frame(data: CodingData, coders: Sequence[str]) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    coders = tuple(coders)
    if not coders:
        raise AgreementError("Choose at least one coder to compare.")
    if len(set(coders)) != len(coders):
        raise AgreementError("A coder is listed twice; list each coder once.")
    docs = tuple(data.lengths)
    lengths = np.fromiter(map(int, data.lengths.values()), dtype=np.int64, count=len(docs))
    if (lengths < 0).any():
        raise AgreementError("A document length cannot be negative.")
    if data.coded_matrix is not None and set(coders) <= set(data.coded_matrix[0]):
        names, matrix = data.coded_matrix
        return docs, lengths, matrix[:, [names.index(c) for c in coders]]
    coded = np.zeros((len(docs), len(coders)), dtype=bool)
    col = {c: i for i, c in enumerate(coders)}
    for i, d in enumerate(docs):
        for c in data.coded.get(d, ()):
            if c in col:
                coded[i, col[c]] = True
    return docs, lengths, coded


def _spans(
    data: CodingData, docs: tuple[str, ...], lengths: np.ndarray, coders: tuple[str, ...], coded: np.ndarray
) -> _Spans:
    # compute_report asks twice (units, span matching); it allows a cache for the length of its call
    cached = getattr(data, "_spans_cache", None)
    key = (docs, coders)
    if cached is not None and cached[0] == key:
        return cached[1]
    doc_ix = {d: i for i, d in enumerate(docs)}
    coder_ix = {c: i for i, c in enumerate(coders)}
    code_ix = {c.id: i for i, c in enumerate(data.codebook.codes)}
    n = len(data.annotations)
    if n == 0:
        z = np.zeros(0, dtype=np.int64)
        return _Spans(z, z.copy(), z.copy(), z.copy(), z.copy())
    if isinstance(data.annotations, AnnotationColumns):
        d, c, k, start, end = _column_indices(data.annotations, doc_ix, coder_ix, code_ix)
        return _checked_spans(data, key, docs, lengths, coders, coded, d, c, k, start, end)
    # Column-wise with C-level map() calls: this runs once per annotation of the whole sample.
    cols = list(
        zip(
            *map(
                attrgetter("document_id", "coder_id", "code_id", "start", "end", "deleted"), data.annotations
            ),
            strict=True,
        )
    )
    d = np.fromiter(map(doc_ix.get, cols[0], repeat(-1)), dtype=np.int64, count=n)
    c = np.fromiter(map(coder_ix.get, cols[1], repeat(-1)), dtype=np.int64, count=n)
    k = np.fromiter(map(code_ix.get, cols[2], repeat(-1)), dtype=np.int64, count=n)
    try:
        start = np.fromiter(cols[3], dtype=np.int64, count=n)
        end = np.fromiter(cols[4], dtype=np.int64, count=n)
    except (TypeError, ValueError):
        raise AgreementError("Annotation offsets must be whole numbers.") from None
    deleted = np.fromiter(cols[5], dtype=bool, count=n)
    keep = ~deleted
    return _checked_spans(
        data, key, docs, lengths, coders, coded, d[keep], c[keep], k[keep], start[keep], end[keep]
    )


def _column_indices(
    cols: AnnotationColumns, doc_ix: dict[str, int], coder_ix: dict[str, int], code_ix: dict[str, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The columns renumbered into this report's documents, coders and codebook codes."""

    def renumber(index: np.ndarray, names: tuple[str, ...], to: dict[str, int]) -> np.ndarray:
        if len(names) == len(to) and all(map(str.__eq__, names, to)):  # the same numbering: no lookup
            return index.astype(np.int64)
        table = np.array([to.get(x, -1) for x in names] + [-1], dtype=np.int64)
        return table[np.where(index >= 0, index, len(names))]

    return (
        renumber(np.asarray(cols.doc), cols.documents, doc_ix),
        renumber(np.asarray(cols.coder), cols.coders, coder_ix),
        renumber(np.asarray(cols.code), cols.codes, code_ix),
        np.asarray(cols.start).astype(np.int64),
        np.asarray(cols.end).astype(np.int64),
    )


def _checked_spans(
    data: CodingData,
    key: tuple[tuple[str, ...], tuple[str, ...]],
    docs: tuple[str, ...],
    lengths: np.ndarray,
    coders: tuple[str, ...],
    coded: np.ndarray,
    d: np.ndarray,
    c: np.ndarray,
    k: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
) -> _Spans:
    keep = (d >= 0) & (c >= 0) & (k >= 0)
    if not keep.all():  # a copy of a million rows only when some are left out
        d, c, k, start, end = d[keep], c[keep], k[keep], start[keep], end[keep]
    bad = (start < 0) | (end <= start) | (end > lengths[d])
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise AgreementError(
            f"An annotation of coder {coders[c[i]]} on document {docs[d[i]]} runs from {start[i]} to {end[i]}, "
            f"outside its text of {lengths[d[i]]} characters."
        )
    mine = coded[d, c]
    spans = (
        _Spans(d, c, start, end, k)
        if mine.all()
        else _Spans(d[mine], c[mine], start[mine], end[mine], k[mine])
    )
    if hasattr(data, "_spans_cache"):
        data._spans_cache = (key, spans)
    return spans


def _value_lookup(data: CodingData, var: Variable) -> np.ndarray:
    """For each codebook code, the value (1..) it stands for in this variable, else -1."""
    cb = data.codebook
    index = {c.id: i for i, c in enumerate(cb.codes)}
    look = np.full(len(cb.codes), -1, dtype=np.int64)
    if var.kind in ("group", "document-group"):
        first = 1 if var.kind == "group" else 0
        for v, child in enumerate(var.codes):
            for cid in _descendants(cb, child):
                look[index[cid]] = v + first
    else:
        for cid in var.codes:
            look[index[cid]] = 1
    return look


# --- unit-level matrices -------------------------------------------------------------


def unit_data(
    data: CodingData,
    *,
    unit: str,
    coders: Sequence[str],
    variables: Sequence[str] | None = None,
    levels: Mapping[str, str] | None = None,
) -> UnitData:
    """Reliability matrices at the document, paragraph, sentence or token unit."""
    if unit == "continuum":
        raise AgreementError("The continuum has no units of its own; use continuum_data for it.")
    notes: list[str] = []
    vars_ = select_variables(data, unit, variables, levels, notes)
    docs, lengths, coded = coding_frame(data, coders)
    coders = tuple(coders)
    if unit == "document":
        u_doc = np.arange(len(docs))
        u_start = np.zeros(len(docs), dtype=np.int64)
        u_end = lengths.copy()
    else:
        u_doc, u_start, u_end = segment_units(data.segmentations, docs, lengths, unit)
    base = np.where(coded[u_doc], 0, -1).astype(np.int16)
    spans = _spans(data, docs, lengths, coders, coded)
    if unit == "document":
        # each span lies whole in its article's one unit: the pairs are the spans themselves
        pair_span, pair_unit, pair_len = np.arange(len(spans.doc)), spans.doc, spans.end - spans.start
    else:
        off = np.concatenate(([0], np.cumsum(lengths)))
        g_start, g_end = off[u_doc] + u_start, off[u_doc] + u_end
        pair_span, pair_unit, pair_len = _touches(spans, off, g_start, g_end)
    # grouped by code once, so each variable reads only the pairs of its own codes
    by_code = np.argsort(spans.code[pair_span], kind="stable")
    pair_span, pair_unit, pair_len = pair_span[by_code], pair_unit[by_code], pair_len[by_code]
    code_bounds = np.searchsorted(spans.code[pair_span], np.arange(len(data.codebook.codes) + 1))
    values = []
    for var in vars_:
        if var.is_span:
            values.append(
                _span_matrix(data, var, spans, base, pair_span, pair_unit, pair_len, code_bounds, notes)
            )
        else:
            values.append(_document_matrix(data, var, docs, coders, coded, notes))
    return UnitData(unit, coders, docs, u_doc, u_start, u_end, coded, vars_, values, notes)


def _touches(
    spans: _Spans, off: np.ndarray, g_start: np.ndarray, g_end: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (span, unit) pair that shares at least one character, with the shared length."""
    s = off[spans.doc] + spans.start
    e = off[spans.doc] + spans.end
    # Units are sorted and do not overlap, so starts and ends are both increasing.
    first = np.searchsorted(g_end, s, side="right")
    last = np.searchsorted(g_start, e, side="left")
    n = np.maximum(last - first, 0)
    pair_span = np.repeat(np.arange(len(s)), n)
    pair_unit = np.repeat(first, n) + (np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n))
    pair_len = np.minimum(e[pair_span], g_end[pair_unit]) - np.maximum(s[pair_span], g_start[pair_unit])
    ok = pair_len > 0
    return pair_span[ok], pair_unit[ok], pair_len[ok]


def _span_matrix(
    data: CodingData,
    var: Variable,
    spans: _Spans,
    base: np.ndarray,
    pair_span: np.ndarray,
    pair_unit: np.ndarray,
    pair_len: np.ndarray,
    code_bounds: np.ndarray,
    notes: list[str],
) -> np.ndarray:
    """``pair_*`` are sorted by code; the pairs of code ``i`` are ``code_bounds[i]:code_bounds[i + 1]``."""
    look = _value_lookup(data, var)
    mine = [np.arange(code_bounds[i], code_bounds[i + 1]) for i in np.flatnonzero(look > 0).tolist()]
    sel = np.concatenate(mine) if mine else np.zeros(0, dtype=np.int64)
    units, coders, length = pair_unit[sel], spans.coder[pair_span[sel]], pair_len[sel]
    val = look[spans.code[pair_span[sel]]]
    out = base.copy()
    n_coders = base.shape[1]
    if var.kind == "code":
        out[units, coders] = 1
        return out
    if len(units) == 0:
        return out
    k = len(var.categories)
    key = (units.astype(np.int64) * n_coders + coders) * k + val
    uniq, inv = np.unique(key, return_inverse=True)
    cover = np.bincount(inv.ravel(), weights=length)
    cell, value = uniq // k, uniq % k
    # largest coverage first, then the value listed first in the codebook
    order = np.lexsort((value, -cover, cell))
    cell_sorted = cell[order]
    first = np.concatenate(([True], cell_sorted[1:] != cell_sorted[:-1]))
    winners = order[first]
    n_mixed = int((~first).sum())
    if n_mixed:
        notes.append(
            f"{var.name}: in {n_mixed} unit-coder cells two values of the group meet; "
            "the value covering most of the unit was taken."
        )
    out[cell[winners] // n_coders, cell[winners] % n_coders] = value[winners]
    return out


def _document_matrix(
    data: CodingData,
    var: Variable,
    docs: tuple[str, ...],
    coders: tuple[str, ...],
    coded: np.ndarray,
    notes: list[str],
) -> np.ndarray:
    doc_ix = {d: i for i, d in enumerate(docs)}
    coder_ix = {c: i for i, c in enumerate(coders)}
    absent = 0 if var.kind == "document-code" else -1
    out = np.where(coded, absent, -1).astype(np.int16)
    codes = set(var.codes)
    group_value = {}
    if var.kind == "document-group":
        look = _value_lookup(data, var)
        group_value = {c.id: int(look[i]) for i, c in enumerate(data.codebook.codes) if look[i] >= 0}
    category = {str(c): i for i, c in enumerate(var.categories)}
    conflicts = 0
    for dc in data.document_codes:
        d, c = doc_ix.get(dc.document_id), coder_ix.get(dc.coder_id)
        if d is None or c is None or not coded[d, c] or dc.code_id not in codes:
            continue
        if var.kind == "document-code":
            if dc.value.strip().lower() in _TRUE_VALUES:
                out[d, c] = 1
            continue
        if var.kind == "document-group":
            value = group_value[dc.code_id]
        else:
            text = dc.value.strip()
            if not text:
                continue
            value = category.get(_canonical(text), category.get(text, -1))
            if value < 0:
                continue
        if out[d, c] >= 0 and out[d, c] != value:
            conflicts += 1
            value = min(int(out[d, c]), value)
        out[d, c] = value
    if conflicts:
        notes.append(
            f"{var.name}: {conflicts} times a coder gave one article two values; the first in order was taken."
        )
    return out


def _canonical(text: str) -> str:
    try:
        v = float(text)
    except ValueError:
        return text
    return str(int(v)) if v.is_integer() else str(v)


# --- continuum ----------------------------------------------------------------------


def continuum_data(
    data: CodingData,
    *,
    coders: Sequence[str],
    variables: Sequence[str] | None = None,
) -> ContinuumData:
    """Each variable's segments on each document's character continuum."""
    vars_ = select_variables(data, "continuum", variables)
    docs, lengths, coded = coding_frame(data, coders)
    spans = _spans(data, docs, lengths, tuple(coders), coded)
    segments = []
    for var in vars_:
        value = _value_lookup(data, var)[spans.code]
        keep = value > 0
        segments.append(
            Segments(spans.doc[keep], spans.coder[keep], spans.start[keep], spans.end[keep], value[keep])
        )
    return ContinuumData(tuple(coders), docs, lengths, coded, vars_, segments)


def span_tables(data: CodingData, *, coders: Sequence[str]) -> tuple[tuple[str, ...], _Spans]:
    """All kept spans of the chosen coders (for span matching), with the document order."""
    docs, lengths, coded = coding_frame(data, coders)
    return docs, _spans(data, docs, lengths, tuple(coders), coded)
