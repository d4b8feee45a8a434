"""Issue 13, finding 13: names reach the terminal as plain text. Names with
rich markup (``[/x]``, ``[bold red]``), terminal escape sequences (``ESC[2J``)
and bells are planted through the real ways in (the command line, an
imported file name, a REFI-QDA project from elsewhere); every command that
shows them is then run as a real child process and must exit 0 with the
names shown literally and no raw control byte on stdout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MARKUP = "[/x]"
BOLD = "[bold red]Eve"
CLEAR = "Mal\x1b[2Jory"
BELL = "Bell\x07e"
RTL = "Trudy\u202eevil"


def annotator(*args: object, ok: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.environ.get("PYTHONPATH", str(REPO)), COLUMNS="250")
    r = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *map(str, args)],
        capture_output=True,
        env=env,
        cwd=str(REPO),
        timeout=300,
    )
    if ok:
        assert r.returncode == 0, (args, r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace"))
    return r


def assert_plain(r: subprocess.CompletedProcess) -> str:
    for stream in (r.stdout, r.stderr):
        assert b"\x1b" not in stream and b"\x07" not in stream and "\u202e".encode() not in stream
    return r.stdout.decode()


def _hostile_qdpx(path: Path) -> None:
    """A REFI-QDA project as another program (or an attacker) might send it:
    code, coder and document names carrying markup and escape sequences."""
    from annotator.core.codebook import Code
    from annotator.core.models import Annotation, Coder, Document
    from annotator.services.exchange import export_project
    from annotator.store.project import Project

    source = path.with_name("elsewhere.annotator")
    with Project.create(source) as p:
        code = p.codes.add_code(Code(f"{MARKUP} frame \x1b[31mred", description=f"{BOLD}\nsecond line \x07"))
        coder = p.add_coder(Coder(f"{MARKUP}{CLEAR}"))
        doc = Document(text="The minister said the talks would go on.", title=f"Title {MARKUP} {CLEAR}")
        p.documents.add_documents([doc])
        p.annotations.add_annotation(Annotation(doc.id, coder.id, code.id, 4, 12))
        export_project(p, "qdpx", path)
    source.unlink()


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("names")
    project = tmp / "study.annotator"
    annotator("init", project, "--codebook", "syria_2015")
    for name in (MARKUP, BOLD, CLEAR, BELL, RTL):
        # the coder is saved before the confirmation is printed, which test_adding_coders_prints_them checks
        annotator("coders", "add", project, name, ok=False)
    articles = tmp / "in"
    articles.mkdir()
    # not a Word file: its name is shown in the import's list of failures
    (articles / f"report {BOLD} \x1b[2J.docx").write_bytes(b"not a zip archive")
    (articles / "second.txt").write_text("Rebels said the talks failed.\n", encoding="utf-8")
    annotator(
        "import", project, articles, "--batch", f"batch {MARKUP} {CLEAR}", "--model", "blank:en", ok=False
    )
    qdpx = tmp / "hostile.qdpx"
    _hostile_qdpx(qdpx)
    annotator("import-annotations", project, qdpx, ok=False)
    annotator("assign", project, "--all", ok=False)
    return project


@pytest.mark.parametrize(
    ("command", "options"),
    [
        (["info"], []),
        (["coders", "list"], []),
        (["assignments"], []),
        (["codebook", "show"], ["--descriptions"]),
        (["batches"], []),
    ],
    ids=["info", "coders list", "assignments", "codebook show", "batches"],
)
def test_listings_show_names_as_plain_text(planted, command, options):
    out = assert_plain(annotator(*command, planted, *options))
    if command[0] in ("info", "coders", "assignments"):
        for shown in (MARKUP, BOLD, "Mal\\x1b[2Jory", "Bell\\x07e", "Trudy\\u202eevil"):
            assert shown in out, (shown, out)
    if command[0] == "codebook":
        assert f"{MARKUP} frame" in out and BOLD in out
    if command[0] == "batches":
        assert f"batch {MARKUP} Mal\\x1b[2Jory" in out


def test_one_coders_documents_and_one_batch(planted):
    out = assert_plain(annotator("assignments", planted, "--coder", CLEAR))
    assert "Mal\\x1b[2Jory" in out and f"Title {MARKUP}" in out
    out = assert_plain(annotator("batches", planted, f"batch {MARKUP} {CLEAR}"))
    assert f"batch {MARKUP} Mal\\x1b[2Jory" in out and f"report {BOLD} \\x1b[2J.docx" in out


def test_errors_show_names_as_plain_text(planted):
    r = annotator("coders", "add", planted, CLEAR, ok=False)
    assert r.returncode == 1
    assert_plain(r)
    assert "Mal\\x1b[2Jory" in r.stderr.decode()


def test_renaming_to_markup_prints_it(planted):
    assert MARKUP in assert_plain(annotator("coders", "rename", planted, BOLD, f"{BOLD}{MARKUP}"))
    assert_plain(annotator("coders", "rename", planted, f"{BOLD}{MARKUP}", BOLD))


def test_adding_coders_and_importing_print_the_names(tmp_path):
    from annotator.core.display_text import visible

    project = tmp_path / "p.annotator"
    annotator("init", project)
    for name in (MARKUP, BOLD, CLEAR, BELL):
        out = assert_plain(annotator("coders", "add", project, name))
        assert visible(name) in out
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / f"report {BOLD} \x1b[2J.docx").write_bytes(b"not a zip archive")
    (articles / "ok.txt").write_text("Rebels said the talks failed.\n", encoding="utf-8")
    out = assert_plain(
        annotator("import", project, articles, "--batch", f"b {MARKUP}", "--model", "blank:en")
    )
    assert f"b {MARKUP}" in out and f"report {BOLD} \\x1b[2J.docx" in out
