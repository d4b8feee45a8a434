"""The reliability matrix as CSV: units in rows, one column per coder, blank = missing.

This is the layout of ReCal and of SPSS/SAS KALPHA (Hayes & Krippendorff 2007);
R's ``irr::kripp.alpha`` wants coders in rows, so transpose it there::

    m <- as.matrix(read.csv("matrix.csv", row.names = 1, check.names = FALSE))
    irr::kripp.alpha(t(m), method = "nominal")

Reader and writer of this one format live together (the missing marks, the
"unit" header and the formula guard are shared, and a written matrix must read
back); the agreement engine gets the parsed table, never a file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np

from annotator.agreement.errors import AgreementError
from annotator.agreement.reliability_data import UnitData
from annotator.core.output_files import atomic_output
from annotator.core.safe_open import read_regular

MISSING_MARKS = {"", "na", "nan", ".", "null", "none"}
UNIT_HEADERS = {"", "unit", "units", "id", "item", "unit_id"}
MAX_BYTES = 200 * 1024 * 1024
MAX_CELLS = 20_000_000  # units x coders; 8 bytes a cell before any computation


@dataclass
class MatrixData:
    values: np.ndarray  # units x coders, dtype object: str or None
    coders: list[str]
    units: list[str]
    header: bool = True
    unit_column: bool = False
    guessed: bool = False  # header or unit column not stated by the caller

    def description(self) -> str:
        """How the file was read, said before the figures when it was guessed."""
        head = "first row taken as coder names" if self.header else "no header row (coders numbered)"
        first = "first column as unit ids" if self.unit_column else "units numbered by row"
        return f"read {len(self.units)} units x {len(self.coders)} coders; {head}; {first}"


def read_matrix_csv(
    source: str | Path | IO[str],
    *,
    header: bool | None = None,
    unit_column: bool | None = None,
) -> MatrixData:
    """Read a units x coders CSV (comma, semicolon or tab separated).

    ``header``: whether the first row names the coders; ``unit_column``:
    whether the first column names the units. ``None`` guesses from the layouts
    R (``write.csv``, ``write.table``), SPSS and spreadsheets write; see
    :func:`_guess_layout`.
    """
    text = _read_text(source)
    if not text.strip():
        raise AgreementError("The matrix file is empty.")
    delimiter = _delimiter(text)
    try:
        rows = [r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if any(c.strip() for c in r)]
    except csv.Error as exc:
        raise AgreementError(f"The matrix file is not valid CSV ({exc}).") from None
    if not rows:
        raise AgreementError("The matrix file has no rows.")
    guessed = header is None or unit_column is None
    header, unit_column, short_head = _guess_layout(text, delimiter, rows, header, unit_column)
    head = [c.strip() for c in rows[0]] if header else None
    if head is not None and short_head:
        head = ["", *head]  # R's write.table: no header cell above the row names
    body = rows[1:] if header else rows
    width = max((len(r) for r in body), default=0)
    if head is not None:
        if width > len(head):
            raise AgreementError("A row of the matrix has more cells than the header has columns.")
        width = len(head)
    if not body:
        raise AgreementError("The matrix file has a header but no units.")
    first = 1 if unit_column else 0
    if width - first < 1:
        raise AgreementError("The matrix has no coder columns.")
    if len(body) * (width - first) > MAX_CELLS:
        raise AgreementError(
            f"The matrix has {len(body):,} units and {width - first:,} coders, more than the "
            f"{MAX_CELLS:,} cells an agreement computation here can hold."
        )
    values = np.full((len(body), width - first), None, dtype=object)
    units = []
    for i, row in enumerate(body):
        cells = [c.strip() for c in row] + [""] * (width - len(row))
        units.append(cells[0] if unit_column else str(i + 1))
        for j, cell in enumerate(cells[first:width]):
            values[i, j] = None if cell.lower() in MISSING_MARKS else cell
    coders = head[first:] if head is not None else [f"coder {j + 1}" for j in range(width - first)]
    coders = [c or f"coder {j + 1}" for j, c in enumerate(coders)]
    return MatrixData(values, coders, units, header, unit_column, guessed)


def _delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        # The sniffer gives up on R's fully quoted header lines; count instead.
        line = text[:8192].lstrip("\ufeff").splitlines()[0]
        counts = {d: line.count(d) for d in ",;\t"}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _guess_layout(
    text: str, delimiter: str, rows: list[list[str]], header: bool | None, unit_column: bool | None
) -> tuple[bool, bool, bool]:
    """(header, unit column, header one cell short) for what the caller left open.

    A header is taken from: labels that never occur as values; a quoted first
    line above unquoted values (R's ``write.csv`` quotes names, not numbers, so
    coders named 1..k are told from data); a first line one cell shorter than
    the rows (``write.table``'s row names); a blank first cell above a column
    of distinct ids; or coder numbers 1..k (k >= 3). A unit column is taken
    when the header's first cell is blank or "unit"/"id", or when the first
    column holds distinct ids: labels that are not values elsewhere, or the
    row numbers 1..n (n >= 5)."""
    body_width = max((len(r) for r in rows[1:]), default=0)
    short_head = (
        len(rows) > 1 and len(rows[0]) == body_width - 1 and all(len(r) == body_width for r in rows[1:])
    )
    if header is None:
        header = (
            _looks_like_header(rows)
            or _quoted_header(text, delimiter)
            or (short_head and _id_column(rows[1:], rows[1:]))
            or (_blank_first_cell(rows[0]) and _id_column(rows[1:], rows[1:]))
            or _numbered(rows[0], start=(0, 1), minimum=3)
        )
    # One name short is R's write.table layout only above a column of row names.
    short_head = (
        bool(header)
        and short_head
        and (unit_column or (unit_column is None and _id_column(rows[1:], rows[1:])))
    )
    if unit_column is None:
        head = [c.strip() for c in rows[0]] if header else None
        body = rows[1:] if header else rows
        if short_head:
            unit_column = True
        elif head is not None and len(head) > 1:
            unit_column = head[0].lower() in UNIT_HEADERS or _id_column(body, body)
        else:
            unit_column = _id_column(body, body)
    return header, unit_column, short_head


def _quoted_header(text: str, delimiter: str) -> bool:
    lines = [ln for ln in text[:65536].lstrip("\ufeff").splitlines() if ln.strip()][:2]
    if len(lines) < 2:
        return False
    split = [ln.split(delimiter) for ln in lines]
    head_quoted = all(len(c.strip()) >= 2 and c.strip()[0] == c.strip()[-1] == '"' for c in split[0])
    body_bare = any(c.strip() and not c.strip().startswith('"') for c in split[1][1:])
    return head_quoted and body_bare


def _blank_first_cell(row: list[str]) -> bool:
    return len(row) > 1 and not row[0].strip() and all(c.strip() for c in row[1:])


def _numbered(cells: list[str], *, start: tuple[int, ...], minimum: int) -> bool:
    cells = [c.strip() for c in cells]
    if len(cells) < minimum or not all(c.isdigit() for c in cells):
        return False
    return any([int(c) for c in cells] == list(range(s, s + len(cells))) for s in start)


def _id_column(body: list[list[str]], rows: list[list[str]]) -> bool:
    """Whether the first column of ``body`` names its rows rather than holding a coder's values."""
    if len(body) < 2 or any(len(r) < 3 for r in body):
        return False
    ids = [r[0].strip() for r in body]
    if any(not i or i.lower() in MISSING_MARKS for i in ids) or len(set(ids)) != len(ids):
        return False
    if _numbered(ids, start=(1,), minimum=5):
        return True
    values = {c.strip() for r in rows for c in r[1:]}
    return not any(_is_number(i) for i in ids) and not values.intersection(ids)


def _read_text(source: str | Path | IO[str]) -> str:
    if hasattr(source, "read"):
        return source.read()
    path = Path(source)
    # Counted while reading: stat says 0 bytes for /dev/zero, which never ends.
    raw = read_regular(path, MAX_BYTES, error=AgreementError, shown=f"The matrix file {path}")
    if b"\x00" in raw[:4096]:
        raise AgreementError(f"The file {path.name} is not a text (CSV) file.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _looks_like_header(rows: list[list[str]]) -> bool:
    first = [c.strip() for c in rows[0]]
    labels = [c for c in first if c and c.lower() not in MISSING_MARKS]
    if not labels or all(_is_number(c) for c in labels):
        return False
    rest = {c.strip() for r in rows[1:] for c in r}
    return not any(c in rest for c in labels)


def write_matrix_csv(
    target: str | Path | IO[str],
    values: np.ndarray,
    coders: Sequence[str],
    units: Sequence[str] | None = None,
    *,
    categories: Sequence[Any] | None = None,
    labels: bool = False,
) -> None:
    """Write category codes (units x coders, ``-1`` missing) as a CSV matrix.

    Cells hold the category's number: its value when the categories are
    numeric, else its position (0, 1, ...), which is what R, SPSS and SAS need;
    with ``labels`` the category labels are written instead.
    """
    values = np.asarray(values)
    cats = list(categories) if categories is not None else None
    numeric = cats is not None and all(isinstance(c, int | float) for c in cats)

    def cell(v: int) -> str:
        if v < 0:
            return ""
        if cats is None:
            return str(int(v))
        if labels or numeric:
            return _safe(str(cats[v]))
        return str(int(v))

    rows = [["unit", *(_safe(c) for c in coders)]]
    unit_names = list(units) if units is not None else [str(i + 1) for i in range(values.shape[0])]
    for name, row in zip(unit_names, values.tolist(), strict=True):
        rows.append([_safe(name), *(cell(v) for v in row)])
    if hasattr(target, "write"):
        csv.writer(target, lineterminator="\r\n").writerows(rows)
        return
    with atomic_output(target, newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)


def export_matrix(
    data: UnitData,
    variable_id: str,
    target: str | Path | IO[str],
    *,
    coder_names: Sequence[str] | None = None,
    labels: bool = False,
) -> list[Any]:
    """Write one variable's reliability matrix; returns its categories (the legend:
    position i is written as i unless ``labels`` or numeric values)."""
    for var, matrix in zip(data.variables, data.values, strict=True):
        if var.id == variable_id or var.name == variable_id:
            write_matrix_csv(
                target,
                matrix,
                list(coder_names or data.coders),
                data.unit_labels(),
                categories=var.categories,
                labels=labels,
            )
            return list(var.categories)
    raise AgreementError(f"No variable {variable_id!r} in this reliability data.")


def _safe(text: str) -> str:
    """Keep spreadsheet programs from running a label as a formula."""
    if text and text[0] in "=+@\t\r" or (text.startswith("-") and not _is_number(text)):
        return "'" + text
    return text
