"""The connection every repository of one project shares: its transactions,
its queries and its metadata.

Every public write runs in its own ``BEGIN IMMEDIATE`` transaction and is
committed before the method returns (DESIGN.md section 4); ``transaction()``
groups several writes into one when a use case needs them atomic.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError, ReadOnlyProject

# query parameters, as sqlite3 takes them
Params = tuple[Any, ...] | list[Any] | dict[str, Any]


class ProjectDb:
    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool = False) -> None:
        self.conn = conn
        self.path = Path(path)
        self.readonly = readonly
        # why a project asked for writable was opened read-only (shown to the user), else ""
        self.notice = ""
        self.locked_elsewhere = False

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write; nested calls join the outer transaction."""
        if self.readonly:
            if self.locked_elsewhere:
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
            raise project_error(exc, self.path) from exc
        try:
            yield
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise project_error(exc, self.path) from exc
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def rows(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        try:
            cur = self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise project_error(exc, self.path) from exc
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=False)) for r in cur.fetchall()]

    def one(self, sql: str, params: Params = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Params = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.one("SELECT value FROM meta WHERE key = ?", (key,))
        return row["value"] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def project_error(exc: sqlite3.Error, path: Path) -> ProjectError:
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
