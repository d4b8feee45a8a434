"""The rows agreement reads, as columns: one pass over the annotations table
into numpy arrays, never an object per annotation, so a million annotations
take tens of megabytes instead of a gigabyte."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from annotator.core.models import DocumentCode, Segmentation
from annotator.store import rows
from annotator.store.project_db import ProjectDb

_CHUNK = 65_536  # annotations per window: bounded memory, few calls into Python
_SEPARATOR = 31  # the unit separator: article ids do not hold it (one that does is read apart)


@dataclass
class SpanColumns:
    """Live annotations of the chosen coders: ``doc`` indexes ``documents``,
    ``coder`` the coder ids asked for, ``code`` the code ids asked for
    (``-1``: a code not among them)."""

    doc: np.ndarray
    coder: np.ndarray
    code: np.ndarray
    start: np.ndarray
    end: np.ndarray
    version: np.ndarray  # the codebook version it was made under (-1: not recorded)


@dataclass
class ReliabilityRows:
    documents: tuple[str, ...]  # in the order of import
    lengths: np.ndarray
    titles: tuple[str, ...]  # of the documents, in their order
    spans: SpanColumns
    done: tuple[np.ndarray, np.ndarray]  # (document index, coder index) marked done
    document_codes: list[DocumentCode]
    document_code_versions: list[int | None]  # each document code's codebook version


def _case(column: str, values: Sequence[str]) -> tuple[str, list[str]]:
    """SQL mapping ``column``'s value to its position in ``values`` (else -1):
    integers cross into Python instead of one string per row."""
    if not values:
        return "-1", []
    whens = " ".join("WHEN ? THEN " + str(i) for i in range(len(values)))
    return f"CASE {column} {whens} ELSE -1 END", list(values)


_CODER_SHIFT, _VERSION_SHIFT = 24, 40  # code + 1 in bits 0-23, coder + 1 in bits 24-39, version + 1 above


def _unpacked(packed: np.ndarray) -> np.ndarray:
    """The coder, code, start, end and version columns (32 bits: half the
    memory) of the two packed numbers of each row."""
    which, where = packed
    out = np.empty((5, packed.shape[1]), dtype=np.int32)
    out[0] = ((which >> _CODER_SHIFT) & ((1 << (_VERSION_SHIFT - _CODER_SHIFT)) - 1)) - 1
    out[1] = (which & ((1 << _CODER_SHIFT) - 1)) - 1
    out[2] = where >> 32
    out[3] = where & 0xFFFFFFFF
    out[4] = (which >> _VERSION_SHIFT) - 1
    return out


def reliability_rows(
    db: ProjectDb, coder_ids: Sequence[str], code_ids: Sequence[str], *, batch_id: str | None = None
) -> ReliabilityRows:
    if len(code_ids) >= 1 << _CODER_SHIFT or len(coder_ids) >= 1 << (_VERSION_SHIFT - _CODER_SHIFT):
        raise ValueError("too many codes or coders to number in one reading")
    conn = db.conn
    where, params = ("WHERE batch_id = ?", [batch_id]) if batch_id else ("", [])
    docs = conn.execute(f"SELECT id, length, title FROM documents {where} ORDER BY rowid", params).fetchall()
    documents, length_list, document_titles = zip(*docs, strict=True) if docs else ((), (), ())
    lengths = np.fromiter(length_list, dtype=np.int64, count=len(docs))
    del docs, length_list
    doc_ix = {d: i for i, d in enumerate(documents)}
    coder_sql, coder_params = _case("coder_id", coder_ids)
    code_sql, code_params = _case("code_id", code_ids)
    marks = ",".join("?" * len(coder_ids))
    packed = (
        f"(({code_sql}) + 1) | ((({coder_sql}) + 1) << {_CODER_SHIFT}) "
        f"| ((coalesce(codebook_version, -1) + 1) << {_VERSION_SHIFT})"
    )
    # NOT INDEXED: every live row of these coders is wanted, so one pass over
    # the table (in windows of rowids) beats an index lookup per row. A window
    # comes back as one row of three lists joined into text and parsed in C:
    # Python makes one string per annotation (its article's id) instead of a
    # tuple, a string and numbers. Two numbers an annotation: code, coder and
    # version in one, start and end in the other.
    window = (
        f"SELECT max(r), count(*), group_concat(d, char({_SEPARATOR})), group_concat(w), group_concat(p) "
        f'FROM (SELECT rowid AS r, document_id AS d, {packed} AS w, (start << 32) | "end" AS p '
        f"FROM annotations NOT INDEXED WHERE rowid > ? AND deleted = 0 AND coder_id IN ({marks}) "
        f"ORDER BY rowid LIMIT {_CHUNK})"
    )
    parts: list[np.ndarray] = []
    doc_parts: list[np.ndarray] = []
    last = -(1 << 63)
    while True:
        last_row, n, doc_text, which, bounds = conn.execute(
            window, [*code_params, *coder_params, last, *coder_ids]
        ).fetchone()
        if not n:
            break
        doc_ids = doc_text.split(chr(_SEPARATOR))
        if len(doc_ids) != n:  # an article id holding the separator: read this window's ids one by one
            doc_ids = [
                r[0]
                for r in conn.execute(
                    "SELECT document_id FROM annotations NOT INDEXED WHERE rowid > ? AND deleted = 0 "
                    f"AND coder_id IN ({marks}) ORDER BY rowid LIMIT {_CHUNK}",
                    [last, *coder_ids],
                )
            ]
        doc_parts.append(np.fromiter(map(doc_ix.get, doc_ids, repeat(-1)), dtype=np.int32, count=n))
        numbers = np.stack(
            [np.fromstring(which, dtype=np.int64, sep=","), np.fromstring(bounds, dtype=np.int64, sep=",")]
        )
        parts.append(_unpacked(numbers))
        del doc_ids, doc_text, which, bounds, numbers
        if n < _CHUNK:
            break
        last = last_row
    if parts:
        cols = np.concatenate(parts, axis=1)
        doc = np.concatenate(doc_parts)
    else:
        cols, doc = np.zeros((5, 0), dtype=np.int32), np.zeros(0, dtype=np.int32)
    del parts, doc_parts
    mine = doc >= 0  # annotations of documents outside the batch
    if mine.all():
        spans = SpanColumns(doc, *cols)
    else:
        spans = SpanColumns(doc[mine], *(col[mine] for col in cols))
    del cols
    done_rows = conn.execute(
        f"SELECT document_id, {coder_sql} FROM assignments WHERE status = 'done' AND coder_id IN ({marks})",
        [*coder_params, *coder_ids],
    ).fetchall()
    done_doc = np.array([doc_ix.get(r[0], -1) for r in done_rows], dtype=np.int64)
    done_coder = np.array([r[1] for r in done_rows], dtype=np.int64)
    keep = done_doc >= 0
    mine_dcs = [
        r
        for r in db.rows(
            f"SELECT * FROM document_codes WHERE deleted = 0 AND coder_id IN ({marks})", list(coder_ids)
        )
        if r["document_id"] in doc_ix
    ]
    dcs = [rows.document_code(r) for r in mine_dcs]
    dc_versions = [r["codebook_version"] for r in mine_dcs]
    return ReliabilityRows(
        documents, lengths, document_titles, spans, (done_doc[keep], done_coder[keep]), dcs, dc_versions
    )


def unit_segmentations(db: ProjectDb, document_ids: Sequence[str], unit: str) -> dict[str, Segmentation]:
    """The stored segmentation of each document with only ``unit``'s (token,
    sentence or paragraph) boundaries read; a document without one is absent."""
    column = {"token": "tokens", "sentence": "sentences", "paragraph": "paragraphs"}[unit]
    out: dict[str, Segmentation] = {}
    for i in range(0, len(document_ids), 500):
        chunk = list(document_ids[i : i + 500])
        q = ",".join("?" * len(chunk))
        for doc_id, model, blob in db.conn.execute(
            f"SELECT document_id, model, {column} FROM segments WHERE document_id IN ({q})", chunk
        ).fetchall():
            pairs = array("i")
            pairs.frombytes(blob or b"")
            seg = Segmentation(doc_id, model)
            setattr(seg, f"{unit}_starts", pairs[0::2])
            setattr(seg, f"{unit}_ends", pairs[1::2])
            out[doc_id] = seg
    return out
