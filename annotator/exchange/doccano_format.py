"""doccano: JSON Lines, one line per document, one file per coder.

doccano's export has no field for the annotator: without collaborative
annotation it writes one ``<user>.jsonl`` per project member, and so does
this export, into a folder. Spans go in ``label`` as ``[start, end, "Code
path"]`` (sequence labelling). When the data has article-level codes the
lines take doccano's intent detection and slot filling shape instead:
``entities`` for the spans and ``cats`` for the codes. Both shapes, and a
text classification file (``label`` a list of names), are read back.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from annotator.core.errors import ExchangeError
from annotator.core.models import Coder
from annotator.core.output_files import atomic_output
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange.bundle import ImportResult, ProjectData, advance, remove_partial
from annotator.exchange.json_lines import json_lines
from annotator.exchange.task_codings import loss_counts, meta, tasks
from annotator.exchange.task_matching import TaskReader

MARKERS = ("label", "labels", "entities", "cats")
MAX_FILES = 10_000


def file_name(coder: Coder, taken: set[str]) -> str:
    """``<coder>.jsonl`` with what file systems refuse replaced, unique in the folder."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", coder.name).strip(" .") or "coder"
    name, n = f"{stem}.jsonl", 2
    while name.casefold() in taken:
        name, n = f"{stem}-{n}.jsonl", n + 1
    taken.add(name.casefold())
    return name


def export_doccano(data: ProjectData, out: Path, *, state: TaskState = NULL_STATE) -> list[Path]:
    with_cats = bool(data.document_codes)
    grouped = list(tasks(data))
    coders = [c for c in data.coders if any(w.coder.id == c.id for _, ws in grouped for w in ws)]
    if out.suffix.lower() in {".jsonl", ".ndjson"}:
        if len(coders) > 1:
            raise ExchangeError(
                f"doccano keeps one file per coder and {len(coders)} coders are exported; "
                "give a folder instead of a .jsonl file, or choose one coder with --coders."
            )
        targets = [(coders[0] if coders else None, out)]
    else:
        taken: set[str] = set()
        targets = [(c, out / file_name(c, taken)) for c in coders]
        if not targets:  # nobody coded yet: the texts alone, to load into doccano
            targets = [(None, out / "documents.jsonl")]
    written: list[Path] = []
    total = len(targets) * len(grouped) or 1
    done = 0
    try:
        for coder, path in targets:
            with atomic_output(path, encoding="utf-8", newline="\n") as fh:
                for doc, work in grouped:
                    mine = next((w for w in work if coder is not None and w.coder.id == coder.id), None)
                    spans = [
                        [a.start, a.end, data.codebook.path(a.code_id)]
                        for a in (mine.annotations if mine else [])
                    ]
                    line: dict[str, Any] = {"text": doc.text}
                    if with_cats:
                        line["entities"] = spans
                        line["cats"] = [
                            data.codebook.path(dc.code_id) for dc in (mine.document_codes if mine else [])
                        ]
                    else:
                        line["label"] = spans
                    line.update({k: v for k, v in meta(doc).items() if k not in line})
                    fh.write(json.dumps(line, ensure_ascii=False) + "\n")
                    done += 1
                    advance(state, done, total)
            written.append(path)
    except BaseException:
        remove_partial(written)
        raise
    advance(state, total, total)
    return written


def import_doccano(
    path: Path, *, existing: ProjectData | None = None, coder: str | None = None
) -> ImportResult:
    """A doccano ``.jsonl`` (the coder is ``--coder``, else the file's name, as
    doccano names each member's file) or a folder of them, one per coder."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in {".jsonl", ".ndjson"} and p.is_file())
        if not files:
            raise ExchangeError(f"{path.name} holds no .jsonl files to read as doccano exports.")
        if len(files) > MAX_FILES:
            raise ExchangeError(f"{path.name} holds {len(files)} files, more than the {MAX_FILES} allowed.")
    else:
        files = [path]
    reader = TaskReader(path.name, existing)
    for f in files:
        reader.default_coder = (coder or "").strip() or f.stem
        if not (coder or "").strip() and f.stem.casefold() == "all":
            reader.warnings.append(
                f"{f.name} is doccano's export of a collaborative project, whose labels belong to no one "
                "coder; they went to the coder 'all': give --coder to name the coder."
            )
        read_doccano_lines(reader, json_lines(f))
    return reader.result()


def read_doccano_lines(reader: TaskReader, lines: Any) -> None:
    for where, line in lines:
        if not isinstance(line, dict):
            reader.warnings.append(f"{where}: skipped, not a JSON object.")
            continue
        doc = reader.document(line.get("text") or line.get("data"), line.get("document_id"), where)
        if doc is None:
            continue
        coder = reader.coder(line.get("user") or line.get("annotator"), where)
        spans: list[Any] = []
        cats: list[Any] = []
        for key in ("label", "labels", "entities", "cats"):
            value = line.get(key)
            if not isinstance(value, list):
                continue
            for item in value:
                # a span is [start, end, label]; a class is a name
                (spans if isinstance(item, list | dict) else cats).append(item)
        for n, item in enumerate(spans, 1):
            if isinstance(item, dict):  # doccano's older "entities" objects
                item = [item.get("start_offset"), item.get("end_offset"), item.get("label")]
            if len(item) != 3:
                reader.warnings.append(f"{where}: span {n} skipped, it is not [start, end, label].")
                continue
            reader.span(doc, f"{where} span {n}", start=item[0], end=item[1], label=item[2], coder=coder)
        for item in cats:
            reader.article_code(doc, where, label=item, coder=coder)


def data_loss(data: ProjectData) -> list[str]:
    n = loss_counts(data)
    lost = []
    if n["notes"]:
        lost.append(f"{n['notes']} notes are lost, doccano's lines have no place for them.")
    if n["origins"]:
        lost.append(f"{n['origins']} annotation origins (suggestion, adjudicated, imported) are lost.")
    if n["links"]:
        lost.append(f"{n['links']} fragments of discontinuous spans become separate spans.")
    if n["values"]:
        lost.append(f"{n['values']} article-level code values become a plain category.")
    return lost
