"""The Project repository: the one object through which everything reads and
writes a project file. It returns core dataclasses, never rows.

Every public write runs in its own ``BEGIN IMMEDIATE`` transaction and is
committed before the method returns (DESIGN.md section 4); ``transaction()``
groups several writes into one when a use case needs them atomic.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from annotator.core.errors import NotFound, ProjectError, ReadOnlyProject
from annotator.core.ids import new_id, now_iso
from annotator.core.models import Batch, Coder
from annotator.store import rows
from annotator.store.annotation_intake import AnnotationIntake
from annotator.store.annotations_repo import AnnotationsRepo
from annotator.store.codes_repo import CodesRepo
from annotator.store.connection import connect, copy_project, location_writable, readonly_mount
from annotator.store.documents_repo import DocumentsRepo
from annotator.store.schema import SCHEMA_VERSION
from annotator.store.window_lock import WindowLock
from annotator.store.workflow_repo import WorkflowRepo

PROJECT_SUFFIX = ".annotator"


class Project(DocumentsRepo, CodesRepo, AnnotationsRepo, AnnotationIntake, WorkflowRepo):
    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool = False):
        self.conn = conn
        self.db = Database(conn)
        self.path = Path(path)
        self.readonly = readonly
        # why a project asked for writable was opened read-only (shown to the user), else ""
        self.notice = ""
        self._window_lock: WindowLock | None = None
        self._window_locked_elsewhere = False

    # --- lifecycle -------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, *, name: str | None = None, window: bool = False) -> Project:
        """``window``: for a window, which holds the project's window lock."""
        path = Path(path)
        lock = WindowLock.try_acquire(path) if window else None
        if window and lock is None:
            raise ProjectError(f"{path.name} is open in another Annotator window; open it there.")
        try:
            conn = connect(path, create=True)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        project = cls(conn, path)
        project._window_lock = lock
        project.set_meta("project_id", new_id())
        project.set_meta("name", name or path.stem)
        project.set_meta("created_at", now_iso())
        project.set_meta("codebook_version", "1")
        return project

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False, window: bool = False) -> Project:
        """Open a project file. A file this process cannot write (read-only file,
        folder or file system) opens read-only, with ``notice`` saying so,
        rather than failing at the first change the user makes.

        ``window``: open for a window, which takes the project's window lock; a
        project another window has open opens read-only, with ``notice``
        saying so, since two windows writing one project undo each other's work.
        """
        path = Path(path)
        notice = ""
        if not readonly and path.is_file() and not (location_writable(path) and not readonly_mount(path)):
            readonly = True
            notice = (
                f"{path.name} is read-only (the file, its folder or its disk cannot be written), so it was "
                "opened read-only: you can read, compare and export, but changes cannot be saved."
            )
        lock, elsewhere = None, False
        if window and not readonly and path.is_file():
            lock = WindowLock.try_acquire(path)
            if lock is None:
                readonly = elsewhere = True
                notice = (
                    f"{path.name} is open in another Annotator window, so it was opened read-only here: "
                    "you can read, compare and export, but save your changes in the other window."
                )
        try:
            project = cls(connect(path, create=False, readonly=readonly), path, readonly=readonly)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        project.notice = notice
        project._window_lock = lock
        project._window_locked_elsewhere = elsewhere
        return project

    @classmethod
    def open_or_create(cls, path: str | Path) -> Project:
        path = Path(path)
        return cls.open(path) if path.exists() else cls.create(path)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if not self.readonly:
                self.conn.execute("PRAGMA optimize")
        self.conn.close()
        if self._window_lock is not None:
            self._window_lock.release()
            self._window_lock = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return SCHEMA_VERSION

    def copy_to(self, target: str | Path) -> Path:
        """Write a consistent copy of the whole project file."""
        target = Path(target)
        if target.exists():
            raise ProjectError(f"{target} already exists; choose another file name.")
        copy_project(self.conn, target)
        return target

    # --- transactions ----------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write; nested calls join the outer transaction."""
        if self.readonly:
            if self._window_locked_elsewhere:
                raise ReadOnlyProject(
                    f"{self.path.name} is open in another Annotator window, so this change "
                    "cannot be saved here."
                )
            if self.notice:
                raise ReadOnlyProject(
                    f"{self.path.name} cannot be written (read-only file, folder or disk), "
                    "so this change cannot be saved."
                )
            raise ReadOnlyProject(f"{self.path.name} is open read-only, so this change cannot be saved.")
        if self.conn.in_transaction:
            yield
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _project_error(exc, self.path) from exc
        try:
            yield
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise _project_error(exc, self.path) from exc
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def _rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        try:
            cur = self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise _project_error(exc, self.path) from exc
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=False)) for r in cur.fetchall()]

    def _one(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        found = self._rows(sql, params)
        return found[0] if found else None

    def _scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    # --- project metadata ------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return row["value"] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    @property
    def project_id(self) -> str:
        return self.get_meta("project_id") or ""

    def settings(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self._rows("SELECT key, value FROM meta ORDER BY key")}

    @property
    def name(self) -> str:
        return self.get_meta("name") or self.path.stem

    # --- coders ------------------------------------------------------------------

    def add_coder(self, coder: Coder) -> Coder:
        if self.coder_by_name(coder.name) is not None:
            raise ProjectError(f"There is already a coder named {coder.name!r}.")
        with self.transaction():
            self.conn.execute(
                "INSERT INTO coders(id, name, color, role) VALUES (?, ?, ?, ?)",
                (coder.id, coder.name.strip(), coder.color, coder.role),
            )
        return coder

    def update_coder(self, coder: Coder) -> Coder:
        other = self.coder_by_name(coder.name)
        if other is not None and other.id != coder.id:
            raise ProjectError(f"There is already a coder named {coder.name!r}.")
        with self.transaction():
            cur = self.conn.execute(
                "UPDATE coders SET name = ?, color = ?, role = ? WHERE id = ?",
                (coder.name.strip(), coder.color, coder.role, coder.id),
            )
            if cur.rowcount == 0:
                raise NotFound(f"There is no coder with id {coder.id}.")
        return coder

    def coders(self) -> list[Coder]:
        return [rows.coder(r) for r in self._rows("SELECT * FROM coders ORDER BY name COLLATE NOCASE")]

    def coder(self, coder_id: str) -> Coder:
        row = self._one("SELECT * FROM coders WHERE id = ?", (coder_id,))
        if row is None:
            raise NotFound(f"There is no coder with id {coder_id}.")
        return rows.coder(row)

    def coder_by_name(self, name: str) -> Coder | None:
        row = self._one("SELECT * FROM coders WHERE name = ? COLLATE NOCASE", (name.strip(),))
        return rows.coder(row) if row else None

    def find_coder(self, name_or_id: str) -> Coder:
        found = self.coder_by_name(name_or_id)
        if found is None:
            row = self._one("SELECT * FROM coders WHERE id = ?", (name_or_id,))
            found = rows.coder(row) if row else None
        if found is None:
            known = ", ".join(c.name for c in self.coders()) or "none yet"
            raise NotFound(f"There is no coder named {name_or_id!r} (coders: {known}).")
        return found

    # --- batches -----------------------------------------------------------------

    def add_batch(self, batch: Batch) -> Batch:
        batch.imported_at = batch.imported_at or now_iso()
        with self.transaction():
            self.conn.execute(
                "INSERT INTO batches(id, name, source, imported_at, counts, report) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    batch.id,
                    batch.name,
                    batch.source,
                    batch.imported_at,
                    json.dumps(batch.counts),
                    json.dumps(batch.report, ensure_ascii=False, default=str),
                ),
            )
        return batch

    def update_batch(self, batch: Batch) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE batches SET name = ?, counts = ?, report = ? WHERE id = ?",
                (
                    batch.name,
                    json.dumps(batch.counts),
                    json.dumps(batch.report, ensure_ascii=False, default=str),
                    batch.id,
                ),
            )

    def delete_batch_if_empty(self, batch_id: str) -> bool:
        with self.transaction():
            cur = self.conn.execute(
                "DELETE FROM batches WHERE id = ? AND NOT EXISTS (SELECT 1 FROM documents WHERE batch_id = ?)",
                (batch_id, batch_id),
            )
        return cur.rowcount > 0

    def batches(self) -> list[Batch]:
        return [rows.batch(r) for r in self._rows("SELECT * FROM batches ORDER BY imported_at")]

    def find_batch(self, name_or_id: str) -> Batch:
        row = self._one(
            "SELECT * FROM batches WHERE id = ? OR name = ? ORDER BY imported_at DESC",
            (name_or_id, name_or_id),
        )
        if row is None:
            raise NotFound(f"There is no batch named {name_or_id!r}.")
        return rows.batch(row)


def _project_error(exc: sqlite3.Error, path: Path) -> ProjectError:
    text = str(exc)
    low = text.lower()
    if "full" in low:
        return ProjectError(
            f"The disk holding {path.name} is full; the change was not saved and the file is intact."
        )
    if "locked" in low or "busy" in low:
        return ProjectError(f"{path.name} is busy in another program; the change was not saved, try again.")
    if "readonly" in low or "read-only" in low:
        return ReadOnlyProject(
            f"{path.name} cannot be written (read-only file or folder); the change was not saved."
        )
    if isinstance(exc, sqlite3.IntegrityError):
        return ProjectError(f"The project refused the change: {text}.")
    return ProjectError(f"The project file {path.name} reported an error: {text}.")
