"""The agreement engine is arithmetic: every module imports numpy, annotator.core,
its own package and a few pure standard-library modules, nothing that reads or
writes files (those live in annotator.reporting). import-linter can only forbid
named packages; this is the allow-list behind its contract."""

from __future__ import annotations

import ast
from pathlib import Path

import annotator.agreement

PACKAGE = Path(annotator.agreement.__file__).parent

# pure computation and data shapes; no file, network or format module
STDLIB = {
    "__future__",
    "collections",
    "dataclasses",
    "datetime",
    "itertools",
    "math",
    "operator",
    "typing",
    "zlib",
    "bisect",
    "functools",
    "enum",
    "statistics",  # the normal quantile of a significance level
}


def _allowed(name: str) -> bool:
    top = name.split(".")[0]
    return (
        name == "annotator"  # the package's version string, stamped into each report
        or name.startswith(("annotator.core", "annotator.agreement"))
        or top == "numpy"
        or top in STDLIB
    )


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):  # function-level imports count too
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}:{node.lineno} uses a relative import"
            out.append((node.lineno, node.module or ""))
    return out


def test_agreement_imports_numpy_and_core_only():
    found = [
        f"{p.name}:{line} imports {name}"
        for p in sorted(PACKAGE.rglob("*.py"))
        for line, name in _imports(p)
        if not _allowed(name)
    ]
    assert found == []
