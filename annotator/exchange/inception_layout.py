"""The folder layout INCEpTION's project export uses, shared by the UIMA CAS
XMI and WebAnno TSV formats: one file per document and annotator,
``annotation/<document>/<user>.<ext>``, as a folder or a zip.

A document nobody coded still goes out, as ``INITIAL_CAS.<ext>`` (INCEpTION's
name for a document's unannotated state), so an export carries every text.
Beside the annotation folder, ``annotator-codes.json`` (which INCEpTION
ignores) keeps the codebook, so our import restores codes with their tree,
colours and descriptions.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from annotator.core.errors import ExchangeError
from annotator.core.models import Code, Coder, Document, Scope
from annotator.core.output_files import atomic_output, write_bytes
from annotator.core.safe_open import read_regular
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange.brat_format import coder_file_names, document_stems
from annotator.exchange.bundle import ProjectData, Reconciler, advance, code_path_parts, remove_partial
from annotator.exchange.tabular import code_from_row, code_rows
from annotator.exchange.untrusted import SafeZip

ANNOTATION_FOLDER = "annotation"
INITIAL_CAS = "INITIAL_CAS"
CODES_FILE = "annotator-codes.json"
MAX_FILE_BYTES = 256 * 1024 * 1024
# one code path as INCEpTION shows it in the label feature
PATH_SEP = "/"


@dataclass(frozen=True)
class Member:
    """One document's codings by one coder (no coder: the bare document)."""

    name: str  # the path inside the export, with "/"
    document: Document
    coder: Coder | None


def members(data: ProjectData, ext: str) -> list[Member]:
    """A file per document and coder who coded it; a bare one for a document
    nobody coded."""
    stems = document_stems(data.documents)
    users = coder_file_names(data.coders)
    users = {cid: INITIAL_CAS + "-" if name == INITIAL_CAS else name for cid, name in users.items()}
    coding: dict[str, set[str]] = {}
    for a in data.live_annotations():
        coding.setdefault(a.document_id, set()).add(a.coder_id)
    for dc in data.document_codes:
        if not dc.deleted:
            coding.setdefault(dc.document_id, set()).add(dc.coder_id)
    out: list[Member] = []
    for d in data.documents:
        folder = f"{ANNOTATION_FOLDER}/{stems[d.id]}"
        coders = [c for c in data.coders if c.id in coding.get(d.id, set())]
        if not coders:
            out.append(Member(f"{folder}/{INITIAL_CAS}.{ext}", d, None))
        out.extend(Member(f"{folder}/{users[c.id]}.{ext}", d, c) for c in coders)
    return out


def codes_file(data: ProjectData) -> bytes:
    return json.dumps(list(code_rows(data)), ensure_ascii=False, indent=1).encode("utf-8")


def code_label(data: ProjectData, code_id: str) -> str:
    """The code's path as INCEpTION shows it, ``Frames/appeasement``; a ``/``
    or ``\\`` inside a name is escaped with a backslash."""
    return PATH_SEP.join(
        part.replace("\\", "\\\\").replace(PATH_SEP, "\\" + PATH_SEP)
        for part in code_path_parts(data.codebook, code_id)
    )


def label_parts(label: str) -> list[str]:
    """The names of a label's path: split at each ``/`` not escaped."""
    parts = [""]
    chars = iter(label)
    for ch in chars:
        if ch == "\\":
            parts[-1] += next(chars, "")
        elif ch == PATH_SEP:
            parts.append("")
        else:
            parts[-1] += ch
    return [p.strip() for p in parts if p.strip()]


def write_export(
    out: Path, files: Iterable[tuple[str, bytes]], total: int, *, state: TaskState = NULL_STATE
) -> list[Path]:
    """Write ``files`` (name, content) into the zip ``out`` (a name ending in
    ``.zip``) or the folder ``out``; a failure leaves no partial file."""
    if out.suffix.lower() == ".zip":
        with atomic_output(out, "wb") as fh, zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for done, (name, content) in enumerate(files, 1):
                zf.writestr(name, content)
                advance(state, done, total)
        return [out]
    if out.exists() and not out.is_dir():
        raise ExchangeError(f"{out} is a file; name a folder, or a .zip to write one archive.")
    written: list[Path] = []
    try:
        for done, (name, content) in enumerate(files, 1):
            written.append(write_bytes(out / name, content))
            advance(state, done, total)
    except BaseException:
        remove_partial(written)
        raise
    return written


# --- import ------------------------------------------------------------------


@dataclass
class InputFiles:
    """The files of an export, from a folder, a zip or one file: names with
    ``/`` relative to the top, read with the size limits for untrusted input."""

    path: Path
    names: list[str]
    _zip: SafeZip | None = None
    _root: Path | None = None

    def read(self, name: str) -> bytes:
        if self._zip is not None:
            return self._zip.read(name, MAX_FILE_BYTES)
        assert self._root is not None
        return read_regular(self._root / name, MAX_FILE_BYTES, error=ExchangeError, shown=name)

    def find(self, name: str, near: str = "") -> str | None:
        """``name`` in the folder of ``near`` or the nearest folder above it."""
        parts = list(PurePosixPath(near).parent.parts) if near else []
        while True:
            candidate = "/".join([*parts, name])
            found = next((n for n in self.names if n.casefold() == candidate.casefold()), None)
            if found is not None or not parts:
                return found
            parts.pop()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> InputFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_input(path: Path, ext: str, what: str) -> InputFiles:
    """The files of ``path``: a folder, a zip, or a single ``.<ext>`` file
    (with the files beside it)."""
    suffix = f".{ext}"
    if path.is_dir():
        names = sorted(
            p.relative_to(path).as_posix()
            for p in path.rglob("*")
            if p.is_file() and not p.is_symlink() and not _hidden(p.relative_to(path).parts)
        )
        files = InputFiles(path, names, _root=path)
    elif path.suffix.lower() == ".zip":
        zf = SafeZip(path)
        files = InputFiles(path, sorted(n for n in zf.names() if not _hidden(n.split("/"))), _zip=zf)
    elif path.suffix.lower() == suffix:
        # a file from inside an export (annotation/<document>/<user>.ext) keeps
        # its place, so the user and document names and the files at the top count
        inside = path.parent.parent.name == ANNOTATION_FOLDER
        root = path.parent.parent.parent if inside else path.parent
        beside = [p for folder in {path.parent, root} for p in folder.iterdir() if p.is_file()]
        names = [p.relative_to(root).as_posix() for p in beside if p.suffix.lower() != suffix]
        return InputFiles(path, [path.relative_to(root).as_posix(), *sorted(names)], _root=root)
    else:
        raise ExchangeError(f"{path.name} is neither a folder, a zip nor a {suffix} file.")
    if not any(n.lower().endswith(suffix) for n in files.names):
        files.close()
        raise ExchangeError(f"{path.name} holds no {suffix} files.")
    return files


def _hidden(parts: Iterable[str]) -> bool:
    return any(p.startswith(".") or p == "__MACOSX" for p in parts)


def locate(name: str) -> tuple[str, str | None]:
    """(document name, user name) of an annotation file: ``<document>/<user>.ext``
    inside a folder, else the file's own name as the document and no user."""
    p = PurePosixPath(name)
    if len(p.parts) >= 2 and p.parts[-2] != ANNOTATION_FOLDER:
        user = p.stem
        return p.parts[-2], (None if user == INITIAL_CAS else user)
    return p.stem, None


def title(doc_name: str, doc_id: str) -> str:
    """The title a document folder was named after, without the id our
    export appends."""
    suffix = "-" + doc_id[:8]
    return doc_name[: -len(suffix)] if doc_name.endswith(suffix) and len(doc_name) > len(suffix) else doc_name


def sniff(path: Path, suffixes: dict[str, str]) -> str | None:
    """The format (a key of ``suffixes``, format name to file suffix) whose
    files a folder or zip in INCEpTION's layout holds."""
    try:
        if path.is_dir():
            names = [
                p.name for p in (*path.glob("*"), *path.glob("*/*"), *path.glob(f"{ANNOTATION_FOLDER}/*/*"))
            ]
        elif path.suffix.lower() == ".zip" and path.is_file():
            with SafeZip(path) as zf:
                names = zf.names()
        else:
            return None
    except (OSError, ExchangeError):
        return None
    for fmt, suffix in suffixes.items():
        if any(n.lower().endswith(suffix) for n in names):
            return fmt
    return None


class CodeFinder:
    """Codes of imported codings: by the codebook file beside them, then by the
    code id the coding carries, then by its label (the code's path)."""

    def __init__(self, files: InputFiles, rec: Reconciler, warnings: list[str]):
        self.rec = rec
        self.mapped: dict[str, Code] = {}
        name = files.find(CODES_FILE)
        if name is None:
            return
        try:
            rows = json.loads(files.read(name).decode("utf-8"))
            if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
                raise ValueError("not a list of codes")
            codes = [code_from_row(r, CODES_FILE) for r in rows]
        except (ValueError, UnicodeDecodeError, ExchangeError) as e:
            warnings.append(f"{CODES_FILE} could not be read ({e}); codes were found by their labels.")
            return
        self.mapped = rec.adopt_tree(codes)

    def code(self, code_id: str, label: str, scope: Scope, where: str) -> Code:
        if code_id and code_id in self.mapped:
            return self.rec.code(self.mapped[code_id])
        known = self.rec.existing_code(code_id) if code_id else None
        if known is not None:
            return self.rec.code(known)
        parts = label_parts(label)
        if not parts:
            raise ExchangeError(f"{where}: a coding has neither a code id nor a label.")
        return self.rec.code_by_path(parts, code_id=code_id or None, scope=scope)
