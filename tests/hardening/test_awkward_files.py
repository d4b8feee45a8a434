"""Awkward places for a project file (issue 10, item 3): read-only files,
folders and disks, paths with spaces and non-ASCII characters, a full disk."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from annotator.core.codebook import Code
from annotator.core.errors import ProjectError, ReadOnlyProject
from annotator.core.models import Annotation, Coder, Document
from annotator.services.packages import make_package, merge_package
from annotator.store.project import Project
from tests.hardening.helpers import REPO, article_texts, check_project_file

IS_ROOT = os.geteuid() == 0


def _small_project(path: Path) -> dict[str, str]:
    with Project.create(path) as p:
        code = p.codes.add_code(Code("Conflict"))
        coder = p.add_coder(Coder("alice"))
        doc = Document(text="The minister said the strikes hit 11 targets.", title="Strikes")
        p.documents.add_documents([doc])
        p.annotations.add_annotation(Annotation(doc.id, coder.id, code.id, 4, 12))
    return {"doc": doc.id, "coder": coder.id, "code": code.id}


READ_ONLY_PROBE = textwrap.dedent("""
    import json, sys
    from annotator.core.errors import AnnotatorError
    from annotator.core.models import Coder
    from annotator.store.project import Project
    out = {}
    for readonly in (False, True):
        try:
            with Project.open(sys.argv[1], readonly=readonly) as p:
                r = {"readonly": p.readonly, "notice": p.notice, "titles": [d.title for d in p.documents.list_documents()],
                     "annotations": len(p.annotations.select())}
                try:
                    p.add_coder(Coder("bob"))
                    r["write"] = "saved"
                except AnnotatorError as exc:
                    r["write"] = type(exc).__name__ + ": " + str(exc)
        except Exception as exc:
            r = {"error": type(exc).__name__ + ": " + str(exc)}
        out[str(readonly)] = r
    print(json.dumps(out))
""")


def _as_unprivileged(args: list[str]) -> list[str]:
    """Run as an ordinary user: root ignores file permissions."""
    if not IS_ROOT:
        return args
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot test file permissions")
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *args]


@pytest.fixture
def open_dir():
    """A folder an unprivileged user can reach (pytest's tmp_path is private to root)."""
    d = Path(tempfile.mkdtemp(prefix="annotator ro ")).resolve()
    os.chmod(d, 0o755)
    yield d
    for root, dirs, _files in os.walk(d):
        for x in dirs:
            os.chmod(Path(root) / x, 0o755)
    shutil.rmtree(d, ignore_errors=True)


def _probe(path: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO), HOME=str(path.parent))
    res = subprocess.run(
        _as_unprivileged([sys.executable, "-c", READ_ONLY_PROBE, str(path)]),
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def _give_to_user(folder: Path, file_mode: int, dir_mode: int) -> None:
    if IS_ROOT:
        for p in [folder, *folder.iterdir()]:
            os.chown(p, 65534, 65534)
    for p in folder.iterdir():
        os.chmod(p, file_mode)
    os.chmod(folder, dir_mode)


def test_read_only_file_opens_read_only_with_a_notice(open_dir):
    path = open_dir / "study.annotator"
    _small_project(path)
    _give_to_user(open_dir, 0o444, 0o755)
    out = _probe(path)
    writable, readonly = out["False"], out["True"]
    assert "error" not in writable, writable
    # asked writable: opened read-only, told why, data all there
    assert writable["readonly"] is True
    assert "read-only" in writable["notice"]
    assert writable["titles"] == ["Strikes"] and writable["annotations"] == 1
    assert writable["write"].startswith("ReadOnlyProject: ") and "cannot be saved" in writable["write"]
    assert readonly["readonly"] is True and readonly["titles"] == ["Strikes"]
    assert readonly["write"].startswith("ReadOnlyProject: ")
    os.chmod(path, 0o644)
    check_project_file(path, segments=False).close()


def test_project_in_read_only_folder_still_opens(open_dir):
    """A folder the user cannot write (a colleague's share): SQLite cannot create
    the WAL files, yet the project must open for reading."""
    path = open_dir / "study.annotator"
    _small_project(path)
    _give_to_user(open_dir, 0o644, 0o555)
    out = _probe(path)
    for key in ("False", "True"):
        r = out[key]
        assert "error" not in r, r
        assert r["readonly"] is True and r["titles"] == ["Strikes"] and r["annotations"] == 1
        assert r["write"].startswith("ReadOnlyProject: ")
    assert "read-only" in out["False"]["notice"]


def test_cli_write_to_read_only_project_is_one_sentence(open_dir):
    path = open_dir / "study.annotator"
    _small_project(path)
    _give_to_user(open_dir, 0o444, 0o755)
    env = dict(os.environ, PYTHONPATH=str(REPO), HOME=str(open_dir))
    env.pop("ANNOTATOR_DEBUG", None)
    cli = [sys.executable, "-m", "annotator.cli.main"]
    res = subprocess.run(
        _as_unprivileged([*cli, "coders", "add", str(path), "bob"]),
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
        timeout=120,
    )
    assert res.returncode == 1
    assert res.stderr.startswith("Error: ") and "cannot be saved" in res.stderr
    assert "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1
    res = subprocess.run(
        _as_unprivileged([*cli, "info", str(path)]),
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
        timeout=120,
    )
    assert res.returncode == 0, res.stderr


def _mount_tmpfs(size: str) -> Path:
    if not IS_ROOT or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    target = Path(tempfile.mkdtemp(prefix="annotator_tmpfs_"))
    res = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)], capture_output=True
    )
    if res.returncode != 0:
        target.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {res.stderr.decode().strip()}")
    return target


def _umount(target: Path) -> None:
    subprocess.run(["umount", str(target)], check=False)
    target.rmdir()


def test_project_on_read_only_file_system():
    mnt = _mount_tmpfs("4m")
    try:
        path = mnt / "study.annotator"
        _small_project(path)
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        with Project.open(path) as p:
            assert p.readonly and "read-only" in p.notice
            assert [d.title for d in p.documents.list_documents()] == ["Strikes"]
            with pytest.raises(ReadOnlyProject):
                p.add_coder(Coder("bob"))
    finally:
        _umount(mnt)


ODD = "Forschung 2026 #1 ?/Zoë Müller – 習近平 😀 100%"


def test_path_with_spaces_and_non_ascii(tmp_path):
    folder = tmp_path / ODD
    folder.mkdir(parents=True)
    src = folder / "Artikel für Genève"
    src.mkdir()
    for i, text in enumerate(article_texts(5, seed=3)):
        (src / f"Bericht {i} – ünïcödé 😀.txt").write_text(text, encoding="utf-8")
    path = folder / "Syrien Studie (v2) é 😀.annotator"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    cli = [sys.executable, "-m", "annotator.cli.main"]
    for args in (
        ["init", str(path)],
        ["import", str(path), str(src), "--model", "blank:en"],
        ["coders", "add", str(path), "Zoë"],
    ):
        res = subprocess.run([*cli, *args], capture_output=True, text=True, env=env, timeout=300)
        assert res.returncode == 0, (args, res.stderr)
    with Project.open(path) as p:
        assert p.documents.count_documents() == 5
        code = p.codes.add_code(Code("Konflikt – 衝突"))
        coder = p.coder_by_name("Zoë")
        doc = p.documents.list_documents()[0]
        saved = p.annotations.add_annotation(Annotation(doc.id, coder.id, code.id, 0, 7)).annotation
        assert all(s.source_path.startswith(str(src)) for s in p.documents.iter_documents())
        package = folder / "Paket für Zoë 😀.annotator"
        make_package(p, "Zoë", package)
    with Project.open(package) as pk:
        pk.annotations.add_annotation(Annotation(doc.id, coder.id, code.id, 10, 14))
    with Project.open(path) as p:
        assert p.annotations.annotation(saved.id).quote == saved.quote
        assert merge_package(p, package).added == 1
    with Project.open(path, readonly=True) as p:  # read-only opens go through a file: URI
        assert len(p.annotations.select(doc.id)) == 2
    check_project_file(path).close()


def _fill(project: Project, rounds: int = 400) -> tuple[list[str], ProjectError]:
    saved = []
    big = "x" * 20_000
    for i in range(rounds):
        docs = [Document(text=f"{i} {j} {big}") for j in range(5)]
        try:
            project.documents.add_documents(docs)
        except ProjectError as exc:
            return saved, exc
        saved += [d.id for d in docs]
    raise AssertionError("the disk never filled up")


def _assert_full_error(exc: ProjectError, path: Path) -> None:
    message = str(exc)
    assert "disk" in message and "full" in message and path.name in message
    assert "\n" not in message and message.endswith(".")


def test_full_disk_page_limit(tmp_path):
    """SQLite's max_page_count makes the file hit its limit like a full disk."""
    path = tmp_path / "full.annotator"
    ids = _small_project(path)
    with Project.open(path) as p:
        pages = p.conn.execute("PRAGMA page_count").fetchone()[0]
        p.conn.execute(f"PRAGMA max_page_count = {pages + 60}")
        saved, exc = _fill(p)
        _assert_full_error(exc, path)
        assert p.documents.count_documents() == 1 + len(saved)  # the failed write left nothing behind
        # the same connection keeps working for reads and small writes
        assert p.annotations.select(ids["doc"])[0].quote == "minister"
    conn = check_project_file(path, segments=False)
    try:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1 + len(saved)
    finally:
        conn.close()


def test_full_disk_tmpfs():
    """A real, tiny file system: the write that does not fit fails with one
    sentence; the file stays intact with everything saved before."""
    mnt = _mount_tmpfs("2m")
    try:
        path = mnt / "full.annotator"
        _small_project(path)
        with Project.open(path) as p:
            saved, exc = _fill(p)
            _assert_full_error(exc, path)
            with pytest.raises(ProjectError):
                p.documents.add_documents([Document(text="y" * 300_000)])
        # free some space (as a user would), then the file opens and is whole
        conn = check_project_file(path, segments=False)
        try:
            stored = {r[0] for r in conn.execute("SELECT id FROM documents")}
            assert set(saved) <= stored and len(stored) == 1 + len(saved)
            assert conn.execute("SELECT quote FROM annotations").fetchone()[0] == "minister"
        finally:
            conn.close()
    finally:
        _umount(mnt)


def test_backup_copy_keeps_owner_only_permissions(tmp_path):
    """Created projects, packages and copies are readable by their owner only."""
    path = tmp_path / "p.annotator"
    _small_project(path)
    assert (path.stat().st_mode & 0o777) == 0o600
    with Project.open(path) as p:
        p.add_coder(Coder("bob"))  # the WAL journal holds this change until the next checkpoint
        for side in ("-wal", "-shm"):
            extra = path.with_name(path.name + side)
            assert extra.exists() and (extra.stat().st_mode & 0o777) == 0o600, side
        package = make_package(p, "alice", tmp_path / "alice.annotator")["path"]
        copy = p.copy_to(tmp_path / "copy.annotator")
    assert (Path(package).stat().st_mode & 0o777) == 0o600
    assert (copy.stat().st_mode & 0o777) == 0o600
    sqlite3.connect(str(copy)).close()
