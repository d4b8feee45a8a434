"""Codings by the codebook version they were made under (issue 18, item 4):
those older than a version, their replay onto new codes, and the versions a
selection of codings spans."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.core.errors import CodebookError
from annotator.store.project_db import ProjectDb


@dataclass(frozen=True)
class StampedCoding:
    """A live span or article-level code with its codebook version (None: made
    before versions were recorded). ``key`` names it in a mapping file."""

    kind: str  # "span" or "document"
    key: str
    document_id: str
    coder_id: str
    code_id: str
    codebook_version: int | None
    start: int | None = None
    end: int | None = None


class CodingVersions:
    def __init__(self, db: ProjectDb) -> None:
        self.db = db

    def older_codings(self, version: int) -> list[StampedCoding]:
        """Live codings made under a version before ``version``, oldest first."""
        spans = [
            StampedCoding("span", r[0], r[1], r[2], r[3], r[4], r[5], r[6])
            for r in self.db.conn.execute(
                'SELECT id, document_id, coder_id, code_id, codebook_version, start, "end" FROM annotations '
                "WHERE deleted = 0 AND (codebook_version IS NULL OR codebook_version < ?) ORDER BY id",
                (version,),
            )
        ]
        documents = [
            StampedCoding("document", f"{r[0]}/{r[1]}/{r[2]}", r[0], r[1], r[2], r[3])
            for r in self.db.conn.execute(
                "SELECT document_id, coder_id, code_id, codebook_version FROM document_codes "
                "WHERE deleted = 0 AND (codebook_version IS NULL OR codebook_version < ?) "
                "ORDER BY document_id, coder_id, code_id",
                (version,),
            )
        ]
        return spans + documents

    def replay(self, remaps: Sequence[tuple[StampedCoding, str]], version: int) -> int:
        """Give each coding its new code and stamp every live coding older than
        ``version`` with it, in one transaction; offsets, quotes and values are
        never touched. Returns the number of codings stamped without a new code."""
        with self.db.transaction():
            for coding, code_id in remaps:
                if coding.kind == "span":
                    self.db.conn.execute(
                        "UPDATE annotations SET code_id = ?, codebook_version = ? WHERE id = ?",
                        (code_id, version, coding.key),
                    )
                else:
                    self._move_document_code(coding, code_id, version)
            stamped = 0
            for table in ("annotations", "document_codes"):
                stamped += self.db.conn.execute(
                    f"UPDATE {table} SET codebook_version = ? "
                    "WHERE deleted = 0 AND (codebook_version IS NULL OR codebook_version < ?)",
                    (version, version),
                ).rowcount
        return stamped

    def _move_document_code(self, coding: StampedCoding, code_id: str, version: int) -> None:
        # the code is part of an article code's key: when the coder already has
        # a row of the new code, that row takes the value and this one is retired
        where = "document_id = ? AND coder_id = ? AND code_id = ?"
        key = (coding.document_id, coding.coder_id)
        target = self.db.one(f"SELECT deleted FROM document_codes WHERE {where}", (*key, code_id))
        if target is None:
            self.db.conn.execute(
                f"UPDATE document_codes SET code_id = ?, codebook_version = ? WHERE {where}",
                (code_id, version, *key, coding.code_id),
            )
            return
        if target["deleted"]:
            self.db.conn.execute(
                "UPDATE document_codes SET value = o.value, note = o.note, updated_at = o.updated_at, deleted = 0, "
                f"codebook_version = ? FROM (SELECT value, note, updated_at FROM document_codes WHERE {where}) AS o "
                f"WHERE {where}",
                (version, *key, coding.code_id, *key, code_id),
            )
        self.db.conn.execute(f"UPDATE document_codes SET deleted = 1 WHERE {where}", (*key, coding.code_id))

    def live_spans(self, pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str, str, str, int, int]]:
        """(id, document, coder, code, start, end) of the live spans of each (document, coder)."""
        out: list[tuple[str, str, str, str, int, int]] = []
        for document_id, coder_id in sorted(set(pairs)):
            out.extend(
                self.db.conn.execute(
                    'SELECT id, document_id, coder_id, code_id, start, "end" FROM annotations '
                    "WHERE document_id = ? AND coder_id = ? AND deleted = 0",
                    (document_id, coder_id),
                )
            )
        return out

    def stamps(self) -> tuple[dict[str, int | None], dict[tuple[str, str, str], int | None]]:
        """The codebook version of every span (by id) and article-level code
        (by article, coder and code), deleted ones included: what a package
        hands back with its codings."""
        spans = dict(self.db.conn.execute("SELECT id, codebook_version FROM annotations").fetchall())
        documents = {
            (r[0], r[1], r[2]): r[3]
            for r in self.db.conn.execute(
                "SELECT document_id, coder_id, code_id, codebook_version FROM document_codes"
            )
        }
        return spans, documents

    def version_counts(
        self, document_ids: Iterable[str], coder_ids: Iterable[str] | None = None
    ) -> dict[int | None, int]:
        """Live codings per codebook version among the given articles (and coders)."""
        ids, coders = list(document_ids), list(coder_ids) if coder_ids is not None else None
        counts: Counter[int | None] = Counter()
        for table in ("annotations", "document_codes"):
            for i in range(0, len(ids), 400):
                chunk = ids[i : i + 400]
                sql = (
                    f"SELECT codebook_version, count(*) FROM {table} WHERE deleted = 0 "
                    f"AND document_id IN ({','.join('?' * len(chunk))})"
                )
                params: list = list(chunk)
                if coders is not None:
                    sql += f" AND coder_id IN ({','.join('?' * len(coders))})"
                    params += coders
                for version, n in self.db.conn.execute(sql + " GROUP BY codebook_version", params):
                    counts[version] += n
        return dict(counts)


@dataclass(frozen=True)
class CodingRows:
    """The stored state of the codings a replay may change: each span's code
    and version, and every article-level row of the (article, coder) pairs
    concerned (a replay may fold one such row into another). Undoing a replay
    writes the rows taken before it back."""

    spans: tuple[tuple[str, str, int | None, int], ...]  # (id, code_id, codebook_version, deleted)
    pairs: tuple[tuple[str, str], ...]
    columns: tuple[str, ...]  # of document_codes, in the order of each row below
    document_rows: tuple[tuple, ...]


def _changed_elsewhere() -> CodebookError:
    return CodebookError(
        "Codings were changed elsewhere since; that change was kept and this step was not undone or redone."
    )


class CodingRowsRepo:
    """Reading and writing back :class:`CodingRows` (the undo of a replay)."""

    def __init__(self, db: ProjectDb) -> None:
        self.db = db

    def read(self, span_ids: Iterable[str], pairs: Iterable[tuple[str, str]]) -> CodingRows:
        ids, wanted = sorted(set(span_ids)), tuple(sorted(set(pairs)))
        spans: list[tuple[str, str, int | None, int]] = []
        for i in range(0, len(ids), 400):
            chunk = ids[i : i + 400]
            spans += [
                (r[0], r[1], r[2], r[3])
                for r in self.db.conn.execute(
                    "SELECT id, code_id, codebook_version, deleted FROM annotations "
                    f"WHERE id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            ]
        cursor = self.db.conn.execute("SELECT * FROM document_codes LIMIT 0")
        columns = tuple(d[0] for d in cursor.description)
        rows: list[tuple] = []
        for document_id, coder_id in wanted:
            rows += [
                tuple(r)
                for r in self.db.conn.execute(
                    "SELECT * FROM document_codes WHERE document_id = ? AND coder_id = ? ORDER BY code_id",
                    (document_id, coder_id),
                )
            ]
        return CodingRows(tuple(sorted(spans)), wanted, columns, tuple(rows))

    def put(self, expected: CodingRows, target: CodingRows) -> None:
        """Write ``target`` in one transaction, only while the rows are still
        ``expected``: a coding changed since is never overwritten."""
        ids = [s[0] for s in target.spans]
        if self.read(ids, target.pairs) != expected:
            raise _changed_elsewhere()
        names = ", ".join(f'"{c}"' for c in target.columns)
        with self.db.transaction():
            self.db.conn.executemany(
                "UPDATE annotations SET code_id = ?, codebook_version = ? WHERE id = ?",
                [(code, version, i) for i, code, version, _ in target.spans],
            )
            self.db.conn.executemany(
                "DELETE FROM document_codes WHERE document_id = ? AND coder_id = ?", target.pairs
            )
            self.db.conn.executemany(
                f"INSERT INTO document_codes({names}) VALUES ({', '.join('?' * len(target.columns))})",
                target.document_rows,
            )
