"""Opening a project file: pragmas, version checks, backups and migrations."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Self

from annotator.core import held_files
from annotator.core.errors import ProjectError, SchemaTooNew
from annotator.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    # typeshed's name for what sqlite3 accepts as a statement's parameters
    from sqlite3 import _Parameters

BUSY_TIMEOUT_MS = 15_000


def connect(path: Path, *, create: bool, readonly: bool = False) -> sqlite3.Connection:
    """Open ``path`` with the project pragmas, creating or migrating the schema.

    The connection is in autocommit mode: the repository opens explicit
    ``BEGIN IMMEDIATE`` transactions, so a writer never has to upgrade a read
    lock (the classic cause of "database is locked" under concurrency).
    """
    path = Path(path)
    exists = path.exists()
    if create and exists and path.stat().st_size > 0:
        raise ProjectError(f"{path} already exists; open it instead of creating it.")
    if not create and not exists:
        raise ProjectError(f"There is no project file at {path}.")
    if path.is_dir():
        raise ProjectError(f"{path} is a folder, not a project file.")
    if readonly:
        conn = _open_readonly(path)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        if create:
            _create_private(path)  # coders' work can be sensitive: owner only, from the first byte
        conn = sqlite3.connect(
            str(path),
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
            factory=GuardedConnection,
        )
        conn.project_name = path.name
        conn.hold(path)
        if create:
            os.chmod(path, 0o600)
    try:
        _configure(conn, readonly=readonly)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if version < 0:
            raise ProjectError(
                f"{path.name} has an invalid schema version ({version}); it is damaged or not an "
                "Annotator project, and was left unchanged."
            )
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(
                f"{path.name} was written by a newer version of Annotator (schema {version}, "
                f"this version reads up to {SCHEMA_VERSION}); update Annotator to open it."
            )
        if create or (version == 0 and _is_empty(conn)):
            if readonly:
                raise ProjectError(f"{path} is empty and cannot be set up read-only.")
            _migrate(conn, 0)
        elif app_id != APPLICATION_ID:
            raise ProjectError(f"{path.name} is an SQLite file but not an Annotator project.")
        elif version < SCHEMA_VERSION:
            if readonly:
                raise ProjectError(
                    f"{path.name} uses an older schema ({version}) and must be opened writable once to upgrade it."
                )
            backup_before_migration(conn, path, version)
            _migrate(conn, version)
    except DamagedProject:
        # SQLite itself tells a stranger's file apart: never read the header with
        # open() here, since closing any descriptor of the file drops every POSIX
        # lock this process holds on it, and an outside reader then deletes the
        # WAL under the window's live connection.
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ProjectError(f"{path.name} cannot be opened as a project: {exc}.") from exc
    except BaseException:
        conn.close()
        raise
    return conn


_DAMAGE = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


class DamagedProject(ProjectError, sqlite3.DatabaseError):
    """A damaged (or foreign) file, in one sentence for the user. Still an
    sqlite3 error, so the rollbacks and error messages of the store handle it as before."""


def _guard(exc: sqlite3.DatabaseError, conn: sqlite3.Connection) -> BaseException:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(exc, DamagedProject) or code is None or code & 0xFF not in _DAMAGE:
        return exc
    name = getattr(conn, "project_name", "") or "The project file"
    if code & 0xFF == sqlite3.SQLITE_NOTADB:
        out = DamagedProject(f"{name} is not an Annotator project (not an SQLite database).")
    else:
        out = DamagedProject(
            f"{name} is damaged (SQLite reports: {exc}), so it cannot be read; "
            "open a backup copy of it instead."
        )
    out.sqlite_errorcode, out.sqlite_errorname = code, getattr(exc, "sqlite_errorname", "")
    return out


def _reraise(exc: sqlite3.DatabaseError, cursor: sqlite3.Cursor) -> NoReturn:
    # The traceback keeps this cursor alive, and a cursor's open statement
    # would keep the file open after Project.close() (sqlite3_close_v2 waits
    # for it): after an error the cursor is spent, so let go of it now.
    out = _guard(exc, cursor.connection)
    cursor.close()
    if out is exc:
        raise exc
    raise out from exc


class GuardedCursor(sqlite3.Cursor):
    """Turns SQLite's "malformed" and "not a database" errors, wherever a read
    meets them (opening, a query, a row deep in a result), into DamagedProject."""

    def execute(self, sql: str, parameters: _Parameters = (), /) -> Self:
        try:
            return super().execute(sql, parameters)
        except sqlite3.DatabaseError as exc:
            _reraise(exc, self)

    def executemany(self, sql: str, seq_of_parameters: Iterable[_Parameters], /) -> Self:
        try:
            return super().executemany(sql, seq_of_parameters)
        except sqlite3.DatabaseError as exc:
            _reraise(exc, self)

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.DatabaseError as exc:
            _reraise(exc, self)

    def fetchmany(self, size: int | None = 1) -> list[Any]:
        try:
            return super().fetchmany(size)
        except sqlite3.DatabaseError as exc:
            _reraise(exc, self)

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.DatabaseError as exc:
            _reraise(exc, self)

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.DatabaseError as exc:
            _reraise(exc, self)


class GuardedConnection(sqlite3.Connection):
    """A project connection whose every statement goes through GuardedCursor,
    registered in ``held_files`` while open."""

    project_name = ""
    _held: tuple[int, int] | None = None

    def hold(self, path: Path) -> None:
        self._held = held_files.hold(path)

    def close(self) -> None:
        super().close()
        held_files.release(self._held)
        self._held = None

    # one signature for typeshed's two overloads: every cursor of a project is guarded
    def cursor(  # type: ignore[override]
        self, factory: Callable[[sqlite3.Connection], sqlite3.Cursor] = GuardedCursor
    ) -> sqlite3.Cursor:
        return super().cursor(factory)

    def execute(self, sql: str, parameters: _Parameters = (), /) -> sqlite3.Cursor:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[_Parameters], /) -> sqlite3.Cursor:
        return self.cursor().executemany(sql, parameters)


def location_writable(path: Path) -> bool:
    """Whether this process can write ``path`` and create files beside it (the
    WAL journal and its index live next to the project file)."""
    path = Path(path)
    folder = path.resolve().parent
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(folder, os.W_OK | os.X_OK)


def _open_readonly(path: Path) -> sqlite3.Connection:
    """Open read-only. In a folder this process cannot write (a read-only share,
    a mounted image), SQLite cannot create the WAL index a read needs, so the
    file is then read as immutable: nobody here can change it anyway."""
    uri = path.resolve().as_uri()
    conn = _connect_uri(f"{uri}?mode=ro", path)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.DatabaseError:
        conn.close()
        if location_writable(path) and not readonly_mount(path):
            raise
    return _connect_uri(f"{uri}?mode=ro&immutable=1", path)


def _connect_uri(uri: str, path: Path) -> GuardedConnection:
    conn = sqlite3.connect(
        uri,
        uri=True,
        isolation_level=None,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
        factory=GuardedConnection,
    )
    conn.project_name = path.name
    conn.hold(path)
    return conn


def readonly_mount(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _configure(conn: sqlite3.Connection, *, readonly: bool) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":  # e.g. a file system without shared memory
            conn.execute("PRAGMA journal_mode = DELETE")
        # A passive checkpoint after every committed write: the main file holds
        # each save at once, so a copy of it alone (a package e-mailed with the
        # window open, a backup tool) misses none of the session's work. Readers
        # in other processes are never waited for; a checkpoint they hold back
        # completes at the next save.
        conn.execute("PRAGMA wal_autocheckpoint = 1")
    # FULL: a commit that returned is on disk, so nothing the user saw saved is lost.
    conn.execute("PRAGMA synchronous = FULL")


def _is_empty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def _migrate(conn: sqlite3.Connection, from_version: int) -> None:
    for version in range(from_version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _split(script: str) -> list[str]:
    """Split a migration script into statements (triggers contain semicolons)."""
    statements, buf = [], ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements


def backup_before_migration(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the file aside (consistently, through SQLite's backup API) before
    a migration changes it."""
    target = path.with_name(f"{path.name}.schema{version}.bak")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.schema{version}.{n}.bak")
    _create_private(target)
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    os.chmod(target, 0o600)
    return target


def _create_private(path: Path) -> None:
    """Create ``path`` (empty, or keep an existing empty file) readable and
    writable by its owner only, before SQLite writes anything into it; SQLite
    gives its journal and WAL files the same permissions."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    except OSError as exc:
        raise ProjectError(f"{path} cannot be created ({exc.strerror or exc}).") from exc
    os.close(fd)
    os.chmod(path, 0o600)


def copy_project(conn: sqlite3.Connection, target: Path) -> None:
    _create_private(Path(target))
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    os.chmod(target, 0o600)
