#!/usr/bin/env python3
"""Extract the GUI's translatable strings into resources/i18n/annotator_en.ts.

    python scripts/extract_translations.py            # write/update the .ts file
    python scripts/extract_translations.py --check    # also list visible strings not passed through tr()
    python scripts/extract_translations.py --release  # and compile .qm files with lrelease

The .ts file is the Qt Linguist file a translator opens; copy it to
annotator_<lang>.ts (for example annotator_de.ts), translate, then --release
writes annotator_<lang>.qm next to it for the application to load.

pyside6-lupdate (shipped with PySide6-Essentials) reads Python sources and
keeps existing translations when strings move. Where it is missing, a small
extractor of ``self.tr("...")`` and ``QCoreApplication.translate("Context",
"...")`` calls writes the same XML, so the script works on any install.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = [ROOT / "annotator" / "gui"]
DEFAULT_OUTPUT = ROOT / "resources" / "i18n" / "annotator_en.ts"

# Calls whose first string argument is shown to the user: a literal there
# that does not go through tr() will not be translated.
_VISIBLE_SETTERS = {
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis", "setPlaceholderText",
    "setAccessibleName", "setAccessibleDescription", "setTitle", "setLabelText", "addMenu", "showMessage",
    "setHeaderLabels", "setHorizontalHeaderLabels", "setItemText", "addTab", "setTabText",
}
_VISIBLE_CONSTRUCTORS = {
    "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QMenu",
}
_MESSAGE_BOX = {"information", "warning", "critical", "question", "about"}


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    filename: str
    line: int
    comment: str | None = None


def python_sources(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.py") if "__pycache__" not in p.parts))
        elif path.suffix == ".py":
            files.append(path)
    return files


def find_lupdate() -> str | None:
    """pyside6-lupdate beside this Python (a venv's bin/ or Scripts/), or on PATH."""
    exe_dir = Path(sys.executable).parent
    for name in ("pyside6-lupdate", "pyside6-lupdate.exe"):
        candidate = exe_dir / name
        if candidate.is_file():
            return str(candidate)
    return shutil.which("pyside6-lupdate")


def find_lrelease() -> str | None:
    exe_dir = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
        candidate = exe_dir / name
        if candidate.is_file():
            return str(candidate)
    return shutil.which("pyside6-lrelease")


# -- the fallback extractor -----------------------------------------------------


def _string(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def translate_helpers(tree: ast.AST) -> dict[str, str]:
    """Module functions of the form ``def _tr(text): return
    QCoreApplication.translate("context", text)``, by name -> context.
    lupdate cannot see through them; this extractor can."""
    helpers: dict[str, str] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef) or not node.args.args:
            continue
        param = node.args.args[0].arg
        for ret in ast.walk(node):
            call = ret.value if isinstance(ret, ast.Return) else None
            if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute | ast.Name)
                    and getattr(call.func, "attr", getattr(call.func, "id", None)) == "translate"
                    and len(call.args) >= 2 and _string(call.args[0]) is not None
                    and isinstance(call.args[1], ast.Name) and call.args[1].id == param):
                helpers[node.name] = _string(call.args[0])
    return helpers


class _Extractor(ast.NodeVisitor):
    """tr() calls take their context from the enclosing class, as Qt does."""

    def __init__(self, filename: str, helpers: dict[str, str] | None = None) -> None:
        self.filename = filename
        self.helpers = helpers or {}
        self.classes: list[str] = []
        self.messages: list[Message] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:  # noqa: N802 - ast API
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802 - ast API
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        if name == "tr" and node.args and self.classes:
            text = _string(node.args[0])
            comment = _string(node.args[1]) if len(node.args) > 1 else None
            if text is not None:
                self.messages.append(Message(self.classes[-1], text, self.filename, node.lineno, comment))
        elif name == "translate" and len(node.args) >= 2:
            context, text = _string(node.args[0]), _string(node.args[1])
            comment = _string(node.args[2]) if len(node.args) > 2 else None
            if context is not None and text is not None:
                self.messages.append(Message(context, text, self.filename, node.lineno, comment))
        elif name in self.helpers and node.args:
            text = _string(node.args[0])
            if text is not None:
                self.messages.append(Message(self.helpers[name], text, self.filename, node.lineno))
        self.generic_visit(node)


def extract_messages(files: list[Path], relative_to: Path) -> list[Message]:
    messages: list[Message] = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        extractor = _Extractor(os.path.relpath(path, relative_to).replace(os.sep, "/"), translate_helpers(tree))
        extractor.visit(tree)
        messages.extend(extractor.messages)
    return messages


def _existing_translations(ts: Path) -> dict[tuple[str, str], ET.Element]:
    if not ts.is_file():
        return {}
    found: dict[tuple[str, str], ET.Element] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") != "unfinished":
                found[(name, message.findtext("source") or "")] = translation
    return found


def write_ts(messages: list[Message], ts: Path, language: str) -> int:
    """Write the Qt TS 2.1 XML that Linguist and lrelease read; finished
    translations already in the file are kept."""
    keep = _existing_translations(ts)
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="en")
    by_context: dict[str, dict[str, list[Message]]] = {}
    for m in messages:
        by_context.setdefault(m.context, {}).setdefault(m.source, []).append(m)
    for context_name in sorted(by_context):
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = context_name
        for source, occurrences in by_context[context_name].items():
            message = ET.SubElement(context, "message")
            for occ in occurrences:
                ET.SubElement(message, "location", filename=os.path.relpath(ROOT / occ.filename, ts.parent)
                              .replace(os.sep, "/"), line=str(occ.line))
            ET.SubElement(message, "source").text = source
            if occurrences[0].comment:
                ET.SubElement(message, "comment").text = occurrences[0].comment
            old = keep.get((context_name, source))
            if old is not None:
                message.append(old)
            else:
                ET.SubElement(message, "translation", type="unfinished")
    ET.indent(root, space="    ")
    ts.parent.mkdir(parents=True, exist_ok=True)
    with ts.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        fh.write(ET.tostring(root, encoding="unicode"))
        fh.write("\n")
    return sum(len(v) for v in by_context.values())


# -- the check for strings that bypass tr() ----------------------------------------


def foreign_tr_calls(files: list[Path]) -> list[tuple[str, int, str]]:
    """(file, line, receiver) for ``something.tr(...)`` where something is not
    self: at run time the context is that object's class, which no extractor
    can know, so lupdate files the string under the variable's name and the
    translation is never found. QCoreApplication.translate("Class", ...) is
    the reliable spelling."""
    found: list[tuple[str, int, str]] = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "tr"
                    and not (isinstance(node.func.value, ast.Name) and node.func.value.id in ("self", "cls"))):
                found.append((os.path.relpath(path, ROOT), node.lineno, ast.unparse(node.func.value)))
    return found


def untranslated_strings(files: list[Path]) -> list[tuple[str, int, str]]:
    """(file, line, text) for literal strings handed straight to a widget."""
    problems: list[tuple[str, int, str]] = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in _VISIBLE_SETTERS or name in _VISIBLE_CONSTRUCTORS:
                candidates = [node.args[0]]
            elif name in _MESSAGE_BOX and isinstance(func, ast.Attribute):
                candidates = node.args[1:3]  # QMessageBox.warning(parent, title, text)
            else:
                continue
            for arg in candidates:
                items = arg.elts if isinstance(arg, ast.List | ast.Tuple) else [arg]
                for item in items:
                    text = _string(item)
                    if text and any(ch.isalpha() for ch in text):
                        problems.append((os.path.relpath(path, ROOT), item.lineno, text))
    return problems


# -- main -------------------------------------------------------------------------


def run_lupdate(lupdate: str, files: list[Path], ts: Path, language: str) -> int:
    ts.parent.mkdir(parents=True, exist_ok=True)
    cmd = [lupdate, "-no-obsolete", "-locations", "relative", "-source-language", "en",
           "-target-language", language, *map(str, files), "-ts", str(ts)]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"pyside6-lupdate failed:\n{result.stdout}{result.stderr}")
    add_missing(ts, extract_messages(files, ROOT))
    root = ET.parse(ts).getroot()
    return sum(1 for _ in root.iter("message"))


def add_missing(ts: Path, messages: list[Message]) -> int:
    """Add to a .ts file the messages it lacks: lupdate does not follow
    translate helpers such as ``_tr("...")``, this extractor does."""
    tree = ET.parse(ts)
    root = tree.getroot()
    contexts = {c.findtext("name"): c for c in root.iter("context")}
    present = {(name, m.findtext("source")) for name, c in contexts.items() for m in c.iter("message")}
    added = 0
    for m in messages:
        if (m.context, m.source) in present:
            continue
        context = contexts.get(m.context)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = m.context
            contexts[m.context] = context
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "location", filename=os.path.relpath(ROOT / m.filename, ts.parent)
                      .replace(os.sep, "/"), line=str(m.line))
        ET.SubElement(message, "source").text = m.source
        ET.SubElement(message, "translation", type="unfinished")
        present.add((m.context, m.source))
        added += 1
    if added:
        ET.indent(root, space="    ")
        with ts.open("w", encoding="utf-8") as fh:
            fh.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
            fh.write(ET.tostring(root, encoding="unicode"))
            fh.write("\n")
    return added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="*", type=Path, help="files or folders (default: annotator/gui)")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="the .ts file to write")
    parser.add_argument("--language", default="en", help="target language of the .ts file (default: en)")
    parser.add_argument("--no-lupdate", action="store_true", help="use the built-in extractor even if lupdate exists")
    parser.add_argument("--check", action="store_true",
                        help="list visible literal strings that bypass tr(); exit 1 if there are any")
    parser.add_argument("--release", action="store_true", help="compile every .ts beside the output to .qm")
    args = parser.parse_args(argv)

    files = python_sources([p.resolve() for p in (args.sources or DEFAULT_SOURCES)])
    if not files:
        print("no Python sources found", file=sys.stderr)
        return 2
    output = args.output.resolve()
    lupdate = None if args.no_lupdate else find_lupdate()
    if lupdate:
        count = run_lupdate(lupdate, files, output, args.language)
        how = "pyside6-lupdate"
    else:
        count = write_ts(extract_messages(files, ROOT), output, args.language)
        how = "the built-in extractor"
    print(f"{count} strings from {len(files)} files -> {os.path.relpath(output, Path.cwd())} ({how})")

    status = 0
    if args.check:
        problems = untranslated_strings(files)
        for filename, line, text in problems:
            print(f"{filename}:{line}: not translatable: {text!r}")
        if problems:
            print(f"{len(problems)} visible strings do not go through tr()", file=sys.stderr)
            status = 1
        for filename, line, receiver in foreign_tr_calls(files):
            print(f"{filename}:{line}: warning: {receiver}.tr() is filed under an unknown context; "
                  f"use self.tr() or QCoreApplication.translate(\"Class\", ...)")
    if args.release:
        lrelease = find_lrelease()
        if lrelease is None:
            print("pyside6-lrelease not found: no .qm files written", file=sys.stderr)
            return 2
        for ts in sorted(output.parent.glob("*.ts")):
            subprocess.run([lrelease, "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
            print(f"compiled {ts.with_suffix('.qm').name}")
    return status


if __name__ == "__main__":
    sys.exit(main())
