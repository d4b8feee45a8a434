"""The Project: the one object through which everything reads and writes a
project file. It opens and closes the file and holds its repositories, which
share one connection (``ProjectDb``) and return core dataclasses, never rows:

- ``documents``: articles, their segments and signatures;
- ``codes``: the codebook and its change record;
- ``annotations``: spans and article-level codes, under the span rules;
- ``intake``: annotations and article codes from outside the window;
- ``workflow``: assignments, statuses, suggestions and merges;
- ``models``: trained model coders and their provenance;
- ``training``: training rounds, assignment draws, hidden checks, queues;
- ``coding_versions``: codings by the codebook version they were made under;
  ``coding_rows``: their stored rows, for undoing a replay.

Coders and batches, which every part refers to, stay on the Project itself.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

from annotator.core.errors import NotFound, ProjectError
from annotator.core.ids import new_id, now_iso
from annotator.core.models import Batch, Coder
from annotator.store import rows
from annotator.store.annotation_intake import AnnotationIntake
from annotator.store.annotations_repo import AnnotationsRepo
from annotator.store.codes_repo import CodesRepo
from annotator.store.coding_versions import CodingRowsRepo, CodingVersions
from annotator.store.connection import connect, copy_project, location_writable, readonly_mount
from annotator.store.documents_repo import DocumentsRepo
from annotator.store.models_repo import ModelsRepo
from annotator.store.project_db import ProjectDb
from annotator.store.schema import SCHEMA_VERSION
from annotator.store.training_repo import TrainingRepo
from annotator.store.window_lock import WindowLock
from annotator.store.workflow_repo import WorkflowRepo

PROJECT_SUFFIX = ".annotator"


class Project:
    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool = False) -> None:
        self.db = ProjectDb(conn, path, readonly=readonly)
        self.documents = DocumentsRepo(self.db)
        self.codes = CodesRepo(self.db)
        self.annotations = AnnotationsRepo(self.db, self.documents)
        self.intake = AnnotationIntake(self.db, self.annotations, self.documents)
        self.workflow = WorkflowRepo(self.db)
        self.models = ModelsRepo(self.db)
        self.training = TrainingRepo(self.db)
        self.coding_versions = CodingVersions(self.db)
        self.coding_rows = CodingRowsRepo(self.db)
        self._window_lock: WindowLock | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def readonly(self) -> bool:
        return self.db.readonly

    @property
    def notice(self) -> str:
        """Why a project asked for writable was opened read-only (shown to the user), else ""."""
        return self.db.notice

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
        project.db.notice = notice
        project.db.locked_elsewhere = elsewhere
        project._window_lock = lock
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

    # --- transactions and metadata -------------------------------------------

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """One atomic write across repositories; nested calls join the outer one."""
        return self.db.transaction()

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        return self.db.get_meta(key, default)

    def set_meta(self, key: str, value: str) -> None:
        self.db.set_meta(key, value)

    @property
    def project_id(self) -> str:
        return self.get_meta("project_id") or ""

    def settings(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self.db.rows("SELECT key, value FROM meta ORDER BY key")}

    @property
    def name(self) -> str:
        return self.get_meta("name") or self.path.stem

    # --- coders ------------------------------------------------------------------

    def add_coder(self, coder: Coder) -> Coder:
        if self.coder_by_name(coder.name) is not None:
            raise ProjectError(f"There is already a coder named {coder.name!r}.")
        with self.db.transaction():
            self.conn.execute(
                "INSERT INTO coders(id, name, color, role) VALUES (?, ?, ?, ?)",
                (coder.id, coder.name.strip(), coder.color, coder.role),
            )
        return coder

    def update_coder(self, coder: Coder) -> Coder:
        other = self.coder_by_name(coder.name)
        if other is not None and other.id != coder.id:
            raise ProjectError(f"There is already a coder named {coder.name!r}.")
        with self.db.transaction():
            cur = self.conn.execute(
                "UPDATE coders SET name = ?, color = ?, role = ? WHERE id = ?",
                (coder.name.strip(), coder.color, coder.role, coder.id),
            )
            if cur.rowcount == 0:
                raise NotFound(f"There is no coder with id {coder.id}.")
        return coder

    def coders(self) -> list[Coder]:
        return [rows.coder(r) for r in self.db.rows("SELECT * FROM coders ORDER BY name COLLATE NOCASE")]

    def coder(self, coder_id: str) -> Coder:
        row = self.db.one("SELECT * FROM coders WHERE id = ?", (coder_id,))
        if row is None:
            raise NotFound(f"There is no coder with id {coder_id}.")
        return rows.coder(row)

    def coder_by_name(self, name: str) -> Coder | None:
        row = self.db.one("SELECT * FROM coders WHERE name = ? COLLATE NOCASE", (name.strip(),))
        return rows.coder(row) if row else None

    def find_coder(self, name_or_id: str) -> Coder:
        found = self.coder_by_name(name_or_id)
        if found is None:
            row = self.db.one("SELECT * FROM coders WHERE id = ?", (name_or_id,))
            found = rows.coder(row) if row else None
        if found is None:
            known = ", ".join(c.name for c in self.coders()) or "none yet"
            raise NotFound(f"There is no coder named {name_or_id!r} (coders: {known}).")
        return found

    # --- batches -----------------------------------------------------------------

    def add_batch(self, batch: Batch) -> Batch:
        batch.imported_at = batch.imported_at or now_iso()
        with self.db.transaction():
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
        with self.db.transaction():
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
        with self.db.transaction():
            cur = self.conn.execute(
                "DELETE FROM batches WHERE id = ? AND NOT EXISTS (SELECT 1 FROM documents WHERE batch_id = ?)",
                (batch_id, batch_id),
            )
        return cur.rowcount > 0

    def batches(self) -> list[Batch]:
        return [rows.batch(r) for r in self.db.rows("SELECT * FROM batches ORDER BY imported_at")]

    def find_batch(self, name_or_id: str) -> Batch:
        row = self.db.one(
            "SELECT * FROM batches WHERE id = ? OR name = ? ORDER BY imported_at DESC",
            (name_or_id, name_or_id),
        )
        if row is None:
            raise NotFound(f"There is no batch named {name_or_id!r}.")
        return rows.batch(row)
