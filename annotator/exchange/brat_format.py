"""brat standoff, laid out as brat reads it: a folder per coder holding
``doc.txt`` beside ``doc.ann``, with the ``annotation.conf`` and ``visual.conf``
that declare and colour every type. brat type names may only hold
``[A-Za-z0-9_-]``, so a code path becomes a name such as ``Frames-Appeasement``;
the file ``annotator-codes.json`` (which brat ignores) maps each name back to its
code, so that our import restores the exact codes.

Offsets in a ``.ann`` count the characters of its ``.txt`` as written; a text
with Windows line endings or decomposed accents is normalised on import and the
offsets moved with it. Notes become ``AnnotatorNotes`` lines, with newlines,
tabs and backslashes escaped as ``\\n``, ``\\t`` and ``\\\\`` (a brat note is one
line). brat has no article-level codes, so those are not exported.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.codebook import Codebook
from annotator.core.errors import ExchangeError
from annotator.core.models import Annotation, Code, Coder, Document
from annotator.core.output_files import atomic_output, write_text
from annotator.core.safe_open import read_regular
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange.bundle import (
    ImportResult,
    ProjectData,
    Reconciler,
    advance,
    annotation_id,
    code_path_parts,
    remove_partial,
    stable_id,
)
from annotator.exchange.tabular import code_from_row, code_rows
from annotator.exchange.textmap import OffsetMap

DEFAULT_PATTERN = "{document}_{coder}.ann"
# brat labels cannot hold a code's name and place in the tree; this file beside
# the texts (ignored by brat) maps each label back to its code.
CODES_FILE = "annotator-codes.json"
DEFAULT_CODER = "brat"
MAX_FILE_BYTES = 64 * 1024 * 1024

_UNSAFE_FILENAME = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}
_LABEL_UNSAFE = re.compile(r"[^\w\-]+")
_TYPE_UNSAFE = re.compile(r"[^A-Za-z0-9]+")
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\Z")


def safe_filename(name: str, max_length: int = 60) -> str:
    """A file name part that is valid on Windows, macOS and Linux."""
    name = _UNSAFE_FILENAME.sub("", name)
    name = re.sub(r"\s+", " ", name).strip(" .")[:max_length].strip(" .")
    if name.split(".")[0].casefold() in _WINDOWS_RESERVED:
        name = "_" + name
    return name


def brat_label(codebook_path: list[str]) -> str:
    """A brat label (no white space) for a code path: names joined by ``.``,
    anything but letters, digits, ``_`` and ``-`` replaced by ``_``."""
    return ".".join(_LABEL_UNSAFE.sub("_", part.strip()).strip("_") or "_" for part in codebook_path)


def _type_part(name: str) -> str:
    # accents fall back to their base letter, so "Zürich" stays readable as "Zurich"
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _TYPE_UNSAFE.sub("_", ascii_name).strip("_")


def brat_type_names(codebook: Codebook) -> dict[str, str]:
    """A brat type name for every code: its path's names joined by ``-``, with
    only ``[A-Za-z0-9_]`` inside each name, unique across the codebook."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for code in codebook:
        base = "-".join(_type_part(part) or "code" for part in code_path_parts(codebook, code.id)) or "code"
        name, n = base, 1
        while name.casefold() in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name.casefold())
        names[code.id] = name
    return names


def document_stems(documents: list[Document]) -> dict[str, str]:
    stems: dict[str, str] = {}
    used: set[str] = set()
    for d in documents:
        title = safe_filename(d.title, 50)
        stem = f"{title}-{d.id[:8]}" if title else f"doc-{d.id[:12]}"
        while stem.casefold() in used:
            stem = f"{stem}-{len(used)}"
        used.add(stem.casefold())
        stems[d.id] = stem
    return stems


def coder_file_names(coders: list[Coder]) -> dict[str, str]:
    """A folder name per coder, unique, and never that of a file brat or our
    import reads beside the coder folders."""
    names: dict[str, str] = {}
    used: set[str] = {"annotation.conf", "visual.conf", "tools.conf", "kb_shortcuts.conf", CODES_FILE}
    for c in coders:
        name = safe_filename(c.name, 40) or c.id[:8]
        if name.casefold() in used:
            name = f"{name}-{c.id[:8]}"
        used.add(name.casefold())
        names[c.id] = name
    return names


def escape_note(note: str) -> str:
    return note.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def unescape_note(note: str) -> str:
    return re.sub(r"\\([\\ntr])", lambda m: {"\\": "\\", "n": "\n", "t": "\t", "r": "\r"}[m.group(1)], note)


def _one_line(text: str) -> str:
    return re.sub(r"[\r\n\t]", " ", text)


def _comparable(text: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text)).strip()


def export_brat(data: ProjectData, out: Path, *, state: TaskState = NULL_STATE) -> list[Path]:
    if out.exists() and not out.is_dir():
        raise ExchangeError(f"{out} is a file; brat standoff is written to a folder.")
    out.mkdir(parents=True, exist_ok=True)
    stems = document_stems(data.documents)
    coder_names = coder_file_names(data.coders)
    by_doc_coder: dict[tuple[str, str], list[Annotation]] = {}
    for a in data.live_annotations():
        by_doc_coder.setdefault((a.document_id, a.coder_id), []).append(a)
    labels = brat_type_names(data.codebook)
    coder_ids = list(dict.fromkeys(coder_id for _, coder_id in by_doc_coder))
    used_codes = {a.code_id for anns in by_doc_coder.values() for a in anns}
    configs = {
        "annotation.conf": _annotation_conf(data, labels, used_codes),
        "visual.conf": _visual_conf(data, labels),
        CODES_FILE: json.dumps(
            [{"label": labels[row["code_id"]], **row} for row in code_rows(data)],
            ensure_ascii=False,
            indent=1,
        ),
    }
    written: list[Path] = []
    made: list[Path] = []
    total = len(data.documents) * max(1, len(coder_ids))
    done = 0
    try:
        # with no annotations the texts still go out, ready to be annotated in brat
        for coder_id in coder_ids or [""]:
            folder = (
                out / (coder_names.get(coder_id) or safe_filename(coder_id) or coder_id[:8])
                if coder_id
                else out
            )
            if not folder.is_dir():
                folder.mkdir()
                made.append(folder)
            # brat reads a folder as a collection: every .ann needs its .txt beside it
            for d in data.documents:
                stem = stems[d.id]
                txt = folder / f"{stem}.txt"
                # newline="" keeps \n as one character, so offsets match the file
                with atomic_output(txt, encoding="utf-8", newline="") as fh:
                    fh.write(d.text)
                written.append(txt)
                ann = folder / f"{stem}.ann"
                lines = _ann_lines(d, by_doc_coder.get((d.id, coder_id), []), data, labels)
                with atomic_output(ann, encoding="utf-8", newline="\n") as fh:
                    fh.writelines(line + "\n" for line in lines)
                written.append(ann)
                done += 1
                advance(state, done, total)
            for name, content in configs.items():
                if folder != out:
                    write_text(folder / name, content)
                    written.append(folder / name)
        # the folder as a whole is a brat collection too, and carries the code map
        for name, content in configs.items():
            write_text(out / name, content)
            written.append(out / name)
    except BaseException:
        remove_partial(written)
        for folder in made:  # a failed export leaves no empty coder folders behind
            try:
                folder.rmdir()
            except OSError:
                pass
        raise
    return written


def _annotation_conf(data: ProjectData, labels: dict[str, str], used: set[str]) -> str:
    mapping = "".join(
        f"# {labels[c.id]} = {c.id} {data.codebook.path(c.id)}\n" for c in data.codebook if c.scope == "span"
    )
    return (
        f"# Written by Annotator; {CODES_FILE} maps each type back to its code.\n"
        + mapping
        + "[entities]\n"
        + _entity_tree(data, labels, used)
        + "\n[relations]\n\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n"
        + "\n[events]\n\n[attributes]\n"
    )


def _visual_conf(data: ProjectData, labels: dict[str, str]) -> str:
    spans = [c for c in data.codebook if c.scope == "span"]
    names = "".join(f"{labels[c.id]} | {_one_line(c.name)}\n" for c in spans)
    colours = "".join(f"{labels[c.id]}\tbgColor:{c.color}\n" for c in spans if _HEX_COLOUR.match(c.color))
    return f"[labels]\n{names}\n[drawing]\n{colours}"


def _entity_tree(data: ProjectData, labels: dict[str, str], used: set[str]) -> str:
    """The span codes as brat's indented type hierarchy; a group (a code with
    children) that no span uses is marked "!" so brat offers it as a heading,
    not a type."""
    lines = []
    for depth, code in data.codebook.walk():
        if code.scope != "span":
            continue
        group = bool(data.codebook.children(code.id)) and code.id not in used
        lines.append("\t" * depth + ("!" if group else "") + labels[code.id] + "\n")
    return "".join(lines)


def _ann_lines(doc: Document, anns: list[Annotation], data: ProjectData, labels: dict[str, str]) -> list[str]:
    # fragments of one discontinuous span (same link, code) become one entity
    groups: dict[tuple[str, str], list[Annotation]] = {}
    order: list[tuple[str, str]] = []
    for a in anns:
        key = (a.link, a.code_id) if a.link else (a.id, a.code_id)
        if key not in groups:
            order.append(key)
        groups.setdefault(key, []).append(a)
    lines: list[str] = []
    n_note = 0
    for t, key in enumerate(order, 1):
        frags = sorted(groups[key], key=lambda a: a.start)
        label = labels.get(key[1]) or _type_part(key[1]) or "code"
        offsets = ";".join(f"{a.start} {a.end}" for a in frags)
        text = " ".join(_one_line(doc.text[a.start : a.end]) for a in frags)
        lines.append(f"T{t}\t{label} {offsets}\t{text}")
        note = next((a.note for a in frags if a.note), "")
        if note:
            n_note += 1
            lines.append(f"#{n_note}\tAnnotatorNotes T{t}\t{escape_note(note)}")
    return lines


# --- import ------------------------------------------------------------------


@dataclass
class _Entity:
    label: str
    fragments: list[tuple[int, int]]
    text: str
    line: int
    notes: list[str] = field(default_factory=list)


_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t(.*))?$")


def pattern_matcher(pattern: str, stems: list[str]) -> Callable[[str], tuple[str, str] | None]:
    """A function from an ``.ann`` path (relative, with ``/``) to its
    (document stem, coder name), using a pattern such as ``{document}_{coder}.ann``.
    The document part must be the name of a ``.txt``, which settles file names
    where both document and coder contain ``_``."""
    if pattern.count("{document}") != 1 or pattern.count("{coder}") > 1:
        raise ExchangeError(
            f"The file-name pattern {pattern!r} must contain {{document}} once and {{coder}} at most once."
        )
    parts = re.split(r"(\{document\}|\{coder\})", pattern)

    def regex_for(stem: str) -> re.Pattern[str]:
        out = ""
        for part in parts:
            if part == "{document}":
                out += f"(?P<document>{re.escape(stem)})"
            elif part == "{coder}":
                out += "(?P<coder>[^/]+?)"
            else:
                out += re.escape(part)
        return re.compile(out + r"\Z")

    by_length = sorted(stems, key=len, reverse=True)

    def match(rel: str) -> tuple[str, str] | None:
        candidates = (rel, rel.rsplit("/", 1)[-1]) if "/" not in pattern else (rel,)
        for candidate in candidates:
            # the longest text name that occurs in the file name and fits the pattern
            for stem in (s for s in by_length if s in candidate):
                m = regex_for(stem).match(candidate)
                if m:
                    return stem, (m.groupdict().get("coder") or DEFAULT_CODER)
        return None

    return match


def import_brat(
    path: Path, *, coder_from_filename: str | None = None, existing: ProjectData | None = None
) -> ImportResult:
    """Read a brat folder (or one ``.ann`` file beside its ``.txt``).

    Without ``coder_from_filename``, ``doc.ann`` belongs to the ``doc.txt``
    beside it and to the coder its folder is named after (a coder called
    "brat" for files at the top), and other names are tried against
    ``{document}_{coder}.ann``.
    """
    if path.is_file() and path.suffix.lower() == ".ann":
        root, ann_files = path.parent, [path]
    elif path.is_dir():
        root = path
        ann_files = sorted(p for p in path.rglob("*.ann") if not _hidden(p, path))
    else:
        raise ExchangeError(f"{path} is neither a brat folder nor an .ann file.")
    txt_files: dict[str, list[Path]] = {}
    for p in sorted(root.rglob("*.txt")):
        if not _hidden(p, root):
            txt_files.setdefault(p.stem, []).append(p)
    if not ann_files:
        raise ExchangeError(f"{path} holds no .ann files.")
    stems = list(txt_files)
    by_pattern = pattern_matcher(coder_from_filename or DEFAULT_PATTERN, stems)
    rec = Reconciler(existing)
    warnings: list[str] = []
    annotations: list[Annotation] = []
    label_codes = _label_index(existing)
    label_codes.update(_sidecar_codes(root, ann_files, rec, warnings))
    texts: dict[Path, tuple[Document, OffsetMap]] = {}
    for ann_path in ann_files:
        rel = ann_path.relative_to(root).as_posix()
        beside = ann_path.with_suffix(".txt")
        found: tuple[Path, str] | None = None
        if not coder_from_filename and beside.is_file():
            found = beside, (DEFAULT_CODER if ann_path.parent == root else ann_path.parent.name)
        else:
            matched = by_pattern(rel)
            if matched is not None:
                found = _text_for(matched[0], txt_files, ann_path), matched[1]
        if found is None:
            warnings.append(
                f"{rel}: skipped, no .txt file matches its name"
                + (f" with the pattern {coder_from_filename!r}." if coder_from_filename else ".")
            )
            continue
        txt_path, coder_name = found
        if txt_path not in texts:
            texts[txt_path] = _read_text(txt_path, rec)
        document, offsets = texts[txt_path]
        coder = rec.coder(coder_name)
        entities, file_warnings = _parse_ann(ann_path, rel, offsets)
        warnings.extend(file_warnings)
        for ent in entities.values():
            code = _code_for_label(ent.label, label_codes, rec)
            link = stable_id("link", document.id, coder.id, rel, ent.line) if len(ent.fragments) > 1 else None
            if link:
                warnings.append(
                    f"{rel} line {ent.line}: a discontinuous span was split into "
                    f"{len(ent.fragments)} linked annotations."
                )
            note = "\n".join(ent.notes)
            for raw_start, raw_end in ent.fragments:
                start, end = offsets.span(raw_start, raw_end)
                if end <= start:
                    warnings.append(
                        f"{rel} line {ent.line}: skipped an empty fragment {raw_start}-{raw_end}."
                    )
                    continue
                ann = Annotation(
                    document_id=document.id,
                    coder_id=coder.id,
                    code_id=code.id,
                    start=start,
                    end=end,
                    quote=document.text[start:end],
                    note=note,
                    origin="imported",
                    link=link,
                )
                ann.id = annotation_id(ann)
                annotations.append(ann)
    return ImportResult(rec.project_data(annotations, []), warnings)


def _text_for(stem: str, txt_files: dict[str, list[Path]], ann_path: Path) -> Path:
    candidates = txt_files[stem]
    near = [p for p in candidates if p.parent == ann_path.parent]
    if len(near) == 1 or len(candidates) == 1:
        return (near or candidates)[0]
    raise ExchangeError(
        f"Two texts are called {stem}.txt ({candidates[0].parent} and {candidates[1].parent}); "
        f"cannot tell which one {ann_path.name} belongs to."
    )


def _hidden(p: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in p.relative_to(root).parts)


def _read_text(path: Path, rec: Reconciler) -> tuple[Document, OffsetMap]:
    raw = read_regular(path, MAX_FILE_BYTES, error=ExchangeError, shown=str(path))  # no links, no devices
    try:
        raw_text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ExchangeError(f"{path.name} is not UTF-8 text (byte {e.start}), as brat requires.") from e
    if "\x00" in raw_text:
        raise ExchangeError(f"{path.name} contains NUL bytes, so it is not a text file.")
    offsets = OffsetMap(raw_text)
    if not offsets.text.strip():
        raise ExchangeError(f"{path.name} is empty.")
    doc = rec.document(
        Document(
            text=offsets.text,
            title=path.stem,
            source_path=str(path),
            raw=raw_text if raw_text != offsets.text else None,
        )
    )
    return doc, offsets


def _parse_ann(path: Path, rel: str, offsets: OffsetMap) -> tuple[dict[str, _Entity], list[str]]:
    try:
        content = read_regular(path, MAX_FILE_BYTES, error=ExchangeError, shown=rel).decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ExchangeError(f"{rel} is not UTF-8 text (byte {e.start}).") from e
    raw_length = offsets.raw_length
    entities: dict[str, _Entity] = {}
    extras: list[tuple[int, str, list[str]]] = []  # line, text, referenced ids
    skipped: dict[str, int] = {}
    for n, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        kind = line[0]
        if kind == "T":
            m = _T_LINE.match(line)
            if not m:
                raise ExchangeError(
                    f"{rel} line {n} is not a valid brat text-bound annotation: {line[:60]!r}."
                )
            tid, label, spans, text = m.group(1), m.group(2), m.group(3), m.group(4) or ""
            fragments = []
            for frag in spans.split(";"):
                s, e = (int(x) for x in frag.split())
                if not 0 <= s <= e <= raw_length:
                    raise ExchangeError(
                        f"{rel} line {n}: the offsets {s}-{e} lie outside the text ({raw_length} characters)."
                    )
                fragments.append((s, e))
            entities[tid] = _Entity(label, fragments, text, n)
            continue
        fields = line.split("\t")
        if kind == "#":
            if len(fields) < 2 or len(fields[1].split()) < 2:
                raise ExchangeError(f"{rel} line {n} is not a valid brat note: {line[:60]!r}.")
            target = fields[1].split()[1]
            extras.append((n, unescape_note(fields[2] if len(fields) > 2 else ""), [target]))
        elif kind in "RE":
            if len(fields) < 2:
                raise ExchangeError(f"{rel} line {n} is not a valid brat relation or event: {line[:60]!r}.")
            args = [a.split(":", 1)[1] for a in fields[1].split()[1:] if ":" in a]
            first = fields[1].split()[0]
            refs = ([first.split(":", 1)[1]] if kind == "E" and ":" in first else []) + args
            what = "relation" if kind == "R" else "event"
            extras.append((n, f"[brat {what} {fields[0]}] {fields[1]}", refs[:1]))
            skipped[what] = skipped.get(what, 0) + 1
        elif kind in "AMN":
            parts = fields[1].split() if len(fields) > 1 else []
            if len(parts) < 2:
                raise ExchangeError(f"{rel} line {n} is not a valid brat attribute: {line[:60]!r}.")
            extras.append(
                (n, f"[brat {'normalization' if kind == 'N' else 'attribute'}] {fields[1]}", [parts[1]])
            )
            skipped["attribute"] = skipped.get("attribute", 0) + 1
        elif kind == "*":
            skipped["equivalence"] = skipped.get("equivalence", 0) + 1
        else:
            raise ExchangeError(f"{rel} line {n} starts with {kind!r}, which is not a brat annotation type.")
    warnings: list[str] = []
    for n, text, refs in extras:
        target = entities.get(refs[0]) if refs else None
        if target is None:
            warnings.append(
                f"{rel} line {n}: skipped, it refers to {refs[0] if refs else 'nothing'}, "
                "which is not a text-bound annotation."
            )
            continue
        target.notes.append(text)
    for ent in entities.values():
        expected = " ".join(offsets_text(offsets, s, e) for s, e in ent.fragments)
        if ent.text and _comparable(ent.text) != _comparable(expected):
            warnings.append(f"{rel} line {ent.line}: the quoted text differs from the .txt at these offsets.")
    for what, count in skipped.items():
        warnings.append(
            f"{rel}: {count} brat {what}(s) were kept as notes on their first annotation"
            if what != "equivalence"
            else f"{rel}: {count} equivalence line(s) were skipped."
        )
    return entities, warnings


def offsets_text(offsets: OffsetMap, raw_start: int, raw_end: int) -> str:
    s, e = offsets.span(raw_start, raw_end)
    return offsets.text[s:e]


def _label_index(existing: ProjectData | None) -> dict[str, Code]:
    index: dict[str, Code] = {}
    if existing is None:
        return index
    cb = existing.codebook
    for c in cb:
        index.setdefault(brat_label(code_path_parts(cb, c.id)), c)  # as earlier versions wrote it
    for code_id, name in brat_type_names(cb).items():
        index.setdefault(name, cb[code_id])
    for c in cb:  # a bare leaf name, when it is unambiguous
        label = brat_label([c.name])
        if sum(1 for o in cb if brat_label([o.name]) == label) == 1:
            index.setdefault(label, c)
    return index


def _sidecar_codes(
    root: Path, ann_files: list[Path], rec: Reconciler, warnings: list[str]
) -> dict[str, Code]:
    # the top folder's map, else that of the first coder folder that has one
    path = next(
        (p for p in [root / CODES_FILE, *(a.parent / CODES_FILE for a in ann_files)] if p.is_file()), None
    )
    if path is None:
        return {}
    try:
        rows = json.loads(
            read_regular(path, MAX_FILE_BYTES, error=ExchangeError, shown=CODES_FILE).decode("utf-8")
        )
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ValueError("not a list of codes")
        codes = [code_from_row(r, CODES_FILE) for r in rows]
    except (OSError, ValueError, UnicodeDecodeError, ExchangeError) as e:
        warnings.append(f"{CODES_FILE} could not be read ({e}); labels were taken as code names.")
        return {}
    labels = {c.id: str(r.get("label") or "") for c, r in zip(codes, rows, strict=True)}
    mapped = rec.adopt_tree(codes)
    return {labels[fid]: code for fid, code in mapped.items() if labels.get(fid)}


def _code_for_label(label: str, index: dict[str, Code], rec: Reconciler) -> Code:
    found = index.get(label)
    if found is not None:
        return rec.code(found)
    return rec.code_by_path([label])
