"""``demo --force`` never removes a demo project that a coding window has open."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from annotator.store.project import Project

REPO = Path(__file__).resolve().parents[2]


def _demo(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", "demo", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )


def test_demo_force_refuses_while_a_window_has_it_open(tmp_path):
    path = tmp_path / "demo.annotator"
    assert _demo(str(path), "--no-open").returncode == 0
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    window = Project.open(path, window=True)  # what the coding window does: it holds the window lock
    try:
        result = _demo(str(path), "--no-open", "--force")
        assert result.returncode == 1
        assert "open in a coding window" in result.stderr + result.stdout
    finally:
        window.close()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert _demo(str(path), "--no-open", "--force").returncode == 0
