"""The codebook in a project: codes, exclusive groups, and the record of
changes made after coding started (codebook versions)."""

from __future__ import annotations

import json
from collections.abc import Sequence, Set
from dataclasses import replace

from annotator.core.codebook import Code, Codebook, validate_codes
from annotator.core.errors import CodebookError, NotFound
from annotator.core.ids import now_iso
from annotator.store import rows
from annotator.store.project_db import ProjectDb

# The codebook version now, for the store to stamp each coding it writes in the
# same statement (a version bump and a coding can never interleave).
CURRENT_VERSION_SQL = "coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'codebook_version'), 1)"


class CodesRepo:
    def __init__(self, db: ProjectDb) -> None:
        self.db = db

    def codebook(self) -> Codebook:
        codes = [rows.code(r) for r in self.db.rows("SELECT * FROM codes ORDER BY sort_order, name")]
        return Codebook(
            codes=codes, name=self.db.get_meta("codebook_name", "") or "", version=self.codebook_version()
        )

    def codebook_version(self) -> int:
        return int(self.db.get_meta("codebook_version", "1") or 1)

    def code(self, code_id: str) -> Code:
        row = self.db.one("SELECT * FROM codes WHERE id = ?", (code_id,))
        if row is None:
            raise NotFound(f"There is no code with id {code_id}.")
        return rows.code(row)

    def coding_started(self) -> bool:
        return (
            self.db.scalar("SELECT EXISTS(SELECT 1 FROM annotations) OR EXISTS(SELECT 1 FROM document_codes)")
            == 1
        )

    def _validated(self, changed: list[Code], removed_ids: Set[str] = frozenset()) -> None:
        current = {c.id: c for c in self.codebook().codes if c.id not in removed_ids}
        for c in changed:
            current[c.id] = c
        problems = validate_codes(current.values())
        if problems:
            raise CodebookError(problems)

    def _record_change(self, kind: str, code: Code | None, detail: str) -> None:
        """After coding started, every change bumps the codebook version, so
        agreement reports and packages can say which version they used."""
        if not self.coding_started():
            return
        version = self.codebook_version() + 1
        self.db.conn.execute(
            "INSERT INTO codebook_changes(at, version, kind, code_id, detail) VALUES (?, ?, ?, ?, ?)",
            (now_iso(), version, kind, code.id if code else None, detail),
        )
        self.db.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('codebook_version', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (str(version),),
        )

    def add_code(self, code: Code) -> Code:
        self._validated([code])
        with self.db.transaction():
            self._insert_code(code)
            self._record_change("added", code, code.name)
        return code

    def _insert_code(self, code: Code) -> None:
        self.db.conn.execute(
            "INSERT INTO codes(id, parent_id, name, description, color, shortcut, scope, sort_order, archived, "
            "exclusive, level) VALUES (:id, :parent_id, :name, :description, :color, :shortcut, :scope, "
            ":sort_order, :archived, :exclusive, :level)",
            rows.code_row(code),
        )

    def update_code(self, code: Code) -> Code:
        old = self.code(code.id)
        self._validated([code])
        with self.db.transaction():
            self.db.conn.execute(
                "UPDATE codes SET parent_id = :parent_id, name = :name, description = :description, "
                "color = :color, shortcut = :shortcut, scope = :scope, sort_order = :sort_order, "
                "archived = :archived, exclusive = :exclusive, level = :level WHERE id = :id",
                rows.code_row(code),
            )
            if old.name != code.name:
                self._record_change("renamed", code, f"{old.name} -> {code.name}")
            if old.parent_id != code.parent_id:
                self._record_change("moved", code, f"{old.parent_id} -> {code.parent_id}")
            if old.archived != code.archived:
                self._record_change("archived" if code.archived else "restored", code, code.name)
            if old.exclusive != code.exclusive or old.scope != code.scope:
                self._record_change("changed", code, f"exclusive={code.exclusive}, scope={code.scope}")
            if old.level != code.level:
                # a report names its codebook version, so a level change must show in it
                self._record_change("changed", code, f"level={code.level}")
        return code

    def delete_code(self, code_id: str) -> None:
        """Delete a code nobody used; used codes are archived instead, so no
        annotation is ever lost."""
        used = self.db.scalar(
            "SELECT EXISTS(SELECT 1 FROM annotations WHERE code_id = ?) OR "
            "EXISTS(SELECT 1 FROM document_codes WHERE code_id = ?)",
            (code_id, code_id),
        )
        if used:
            raise CodebookError("This code has annotations; archive it instead of deleting it.")
        if self.db.scalar("SELECT EXISTS(SELECT 1 FROM codes WHERE parent_id = ?)", (code_id,)):
            raise CodebookError("This code has sub-codes; move or delete them first.")
        code = self.code(code_id)
        with self.db.transaction():
            self.db.conn.execute("DELETE FROM codes WHERE id = ?", (code_id,))
            self._record_change("deleted", code, code.name)

    def import_codebook(self, codebook: Codebook) -> dict[str, int]:
        """Add the codes of ``codebook`` and update those already present (same
        id). Codes of the project that the file lacks are kept. Returns counts."""
        codebook.validate()
        existing = {c.id: c for c in self.codebook().codes}
        added = updated = 0
        self._validated(list(codebook.codes))
        with self.db.transaction():
            for _, code in codebook.walk():  # parents before children
                if code.id in existing:
                    if existing[code.id] != code:
                        self.update_code(code)
                        updated += 1
                else:
                    self._insert_code(code)
                    self._record_change("added", code, code.name)
                    added += 1
            if codebook.name:
                self.db.set_meta("codebook_name", codebook.name)
        return {"added": added, "updated": updated, "unchanged": len(codebook) - added - updated}

    # --- operations that change which code a coding should carry ----------------

    def merge_codes(self, source_ids: Sequence[str], into: Code) -> Code:
        """Merge codes into one (``into``, new or existing): the sources are
        archived, and the change is recorded as one operation that
        ``codebook migrate`` replays on codings made before it."""
        sources = [self.code(i) for i in dict.fromkeys(source_ids)]
        if not sources or any(c.id == into.id for c in sources):
            raise CodebookError("Name at least one code to merge, other than the code they merge into.")
        self._check_operation(sources + [into])
        archived = [replace(c, archived=True) for c in sources]
        new = self.db.one("SELECT 1 FROM codes WHERE id = ?", (into.id,)) is None
        self._validated(archived + [into])
        with self.db.transaction():
            if new:
                self._insert_code(into)
            for c in archived:
                self._write_archived(c.id)
            detail = {
                "from": [c.id for c in sources],
                "from_names": [c.name for c in sources],
                "into": into.id,
                "into_name": into.name,
            }
            self._record_change("merged", into, json.dumps(detail, ensure_ascii=False))
        return into

    def split_code(self, source_id: str, into: Sequence[Code]) -> list[Code]:
        """Split a code into two or more (new or existing): the source is
        archived, and which of them an older coding becomes is the lead's
        decision at ``codebook migrate``."""
        source = self.code(source_id)
        targets = list({c.id: c for c in into}.values())
        if len(targets) < 2 or any(c.id == source.id for c in targets):
            raise CodebookError("A code splits into at least two other codes.")
        self._check_operation([source, *targets])
        new = [c for c in targets if self.db.one("SELECT 1 FROM codes WHERE id = ?", (c.id,)) is None]
        self._validated([replace(source, archived=True), *targets])
        with self.db.transaction():
            for c in new:
                self._insert_code(c)
            self._write_archived(source.id)
            detail = {
                "from": source.id,
                "from_name": source.name,
                "into": [c.id for c in targets],
                "into_names": [c.name for c in targets],
            }
            self._record_change("split", source, json.dumps(detail, ensure_ascii=False))
        return targets

    def revert_operation(self, version: int | None, restore: Sequence[Code], created: Sequence[str]) -> None:
        """Undo a merge or split in one transaction: the codes it archived are
        written back as they were, the codes it created are deleted (only while
        nobody has used them), and a recorded operation gets a "reverted"
        change naming its version, so a later replay skips it."""
        for code_id in created:
            if self.db.scalar(
                "SELECT EXISTS(SELECT 1 FROM annotations WHERE code_id = ?) OR "
                "EXISTS(SELECT 1 FROM document_codes WHERE code_id = ?)",
                (code_id, code_id),
            ):
                raise CodebookError(
                    f"“{self.code(code_id).name}” has codings now, so this step was not undone; archive it instead."
                )
        self._validated(list(restore), removed_ids=set(created))
        row = (
            self.db.one("SELECT kind, code_id, detail FROM codebook_changes WHERE version = ?", (version,))
            if version is not None
            else None
        )
        with self.db.transaction():
            for code in restore:
                self.db.conn.execute(
                    "UPDATE codes SET parent_id = :parent_id, name = :name, description = :description, "
                    "color = :color, shortcut = :shortcut, scope = :scope, sort_order = :sort_order, "
                    "archived = :archived, exclusive = :exclusive, level = :level WHERE id = :id",
                    rows.code_row(code),
                )
            for code_id in created:
                self.db.conn.execute("DELETE FROM codes WHERE id = ?", (code_id,))
            if row is not None:
                detail = {"undone_version": version, "undone_kind": row["kind"], **json.loads(row["detail"])}
                self.db.conn.execute(
                    "INSERT INTO codebook_changes(at, version, kind, code_id, detail) VALUES (?, ?, ?, ?, ?)",
                    (
                        now_iso(),
                        self.codebook_version() + 1,
                        "reverted",
                        row["code_id"],
                        json.dumps(detail, ensure_ascii=False),
                    ),
                )
                self.db.set_meta("codebook_version", str(self.codebook_version() + 1))

    def _check_operation(self, codes: Sequence[Code]) -> None:
        if len({c.scope for c in codes}) > 1:
            raise CodebookError(
                "Passage codes and article-level codes cannot be merged or split into each other."
            )
        for c in codes:
            if self.db.scalar("SELECT EXISTS(SELECT 1 FROM codes WHERE parent_id = ?)", (c.id,)):
                raise CodebookError(
                    f"{c.name!r} is a group heading; only codes a coder can pick merge or split."
                )

    def _write_archived(self, code_id: str) -> None:
        # part of one operation: archived without a change record of its own
        self.db.conn.execute("UPDATE codes SET archived = 1 WHERE id = ?", (code_id,))

    def codebook_changes(self) -> list[dict]:
        return self.db.rows("SELECT at, version, kind, code_id, detail FROM codebook_changes ORDER BY id")

    def code_usage(self, document_id: str | None = None, coder_id: str | None = None) -> dict[str, int]:
        """Number of live annotations per code (in one document, by one coder)."""
        clauses, params = ["deleted = 0"], []
        if document_id:
            clauses.append("document_id = ?")
            params.append(document_id)
        if coder_id:
            clauses.append("coder_id = ?")
            params.append(coder_id)
        sql = f"SELECT code_id, count(*) FROM annotations WHERE {' AND '.join(clauses)} GROUP BY code_id"
        return {r[0]: r[1] for r in self.db.conn.execute(sql, params)}
