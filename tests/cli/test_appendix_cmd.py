"""`annotator appendix` in a real process: HTML and Markdown, one-sentence
errors, and an existing file kept without --force."""

from __future__ import annotations

import subprocess
import sys

import pytest

from annotator.services.demo import build_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-appendix") / "demo.annotator"
    build_demo(path)
    return path


def annotator(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *map(str, args)], capture_output=True, text=True
    )


def test_html_and_markdown(demo, tmp_path):
    for name in ("a.html", "a.md", "a.docx"):
        proc = annotator("appendix", demo, "-o", tmp_path / name, "--bootstrap", "200", "--seed", "2")
        assert proc.returncode == 0, proc.stderr
        if name.endswith(".docx"):
            assert (tmp_path / name).read_bytes()[:2] == b"PK"
            continue
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "Lombard" in text and "Krippendorff" in text and "Source type" in text
    assert (tmp_path / "a.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_errors_are_one_sentence_and_nothing_is_overwritten(demo, tmp_path):
    bad = annotator("appendix", demo, "-o", tmp_path / "a.pdf")
    assert bad.returncode == 1 and ".html, .md or .docx" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "a.pdf").exists()
    kept = tmp_path / "kept.md"
    kept.write_text("mine", encoding="utf-8")
    proc = annotator("appendix", demo, "-o", kept, "--bootstrap", "0")
    assert proc.returncode == 1 and kept.read_text(encoding="utf-8") == "mine"
    assert annotator("appendix", demo, "-o", kept, "--bootstrap", "0", "--force").returncode == 0
    assert kept.read_text(encoding="utf-8") != "mine"
