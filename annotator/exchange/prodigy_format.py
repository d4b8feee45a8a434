"""Prodigy: JSON Lines, one task per document and coder, as ``prodigy db-out``
writes a dataset.

A task holds ``text``, ``spans`` (``start``/``end`` in code points, ``label``
the code's path), ``meta`` (shown beside the text), ``answer`` and the coder in
``_annotator_id``/``_session_id``. Article-level codes use the choice
interface: ``options`` lists the codes, ``accept`` the ids chosen. A document
nobody coded is written as an unanswered task, ready to annotate. Tasks with
the same text share ``_input_hash``, so Prodigy's ``review`` recipe sets the
coders side by side; ``tokens`` (cut at every span boundary) let its manual
interfaces show the spans.
"""

from __future__ import annotations

import bisect
import json
import re
from pathlib import Path
from typing import Any

from annotator.core.output_files import atomic_output
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange.bundle import ImportResult, ProjectData, advance
from annotator.exchange.json_lines import json_lines
from annotator.exchange.task_codings import document_labels, loss_counts, meta, tasks
from annotator.exchange.task_matching import TaskReader, as_dict, as_list, int_hash

_TOKEN = re.compile(r"\w+|\S")


def tokens(text: str, cuts: set[int]) -> list[dict[str, Any]]:
    """Prodigy's ``tokens`` (its manual interfaces show and select whole
    tokens): words and single symbols, also cut where a span starts or ends,
    so every character-exact span covers whole tokens."""
    ordered = sorted(cuts)
    out: list[dict[str, Any]] = []
    for m in _TOKEN.finditer(text):
        start = m.start()
        i = bisect.bisect_right(ordered, start)
        while i < len(ordered) and ordered[i] < m.end():
            out.append({"text": text[start : ordered[i]], "start": start, "end": ordered[i]})
            start = ordered[i]
            i += 1
        out.append({"text": text[start : m.end()], "start": start, "end": m.end()})
    for n, t in enumerate(out):
        t["id"] = n
        t["ws"] = t["end"] < len(text) and text[t["end"]].isspace()
    return out


def _token_spans(spans: list[dict[str, Any]], toks: list[dict[str, Any]]) -> None:
    """``token_start`` and the inclusive ``token_end``, where a span's ends fall on tokens."""
    starts = {t["start"]: t["id"] for t in toks}
    ends = {t["end"]: t["id"] for t in toks}
    for span in spans:
        first, last = starts.get(span["start"]), ends.get(span["end"])
        if first is not None and last is not None and first <= last:
            span["token_start"], span["token_end"] = first, last


# keys that only Prodigy writes; a line with one of them is a Prodigy task
MARKERS = ("spans", "answer", "_annotator_id", "_session_id", "_input_hash", "_task_hash", "accept")


def output_path(out: Path) -> Path:
    return out if out.suffix.lower() in {".jsonl", ".ndjson"} else out / "prodigy.jsonl"


def export_prodigy(data: ProjectData, out: Path, *, state: TaskState = NULL_STATE) -> list[Path]:
    path = output_path(out)
    options = [{"id": label, "text": label} for label in document_labels(data)]
    total = len(data.documents)
    with atomic_output(path, encoding="utf-8", newline="\n") as fh:
        for done, (doc, work) in enumerate(tasks(data), 1):
            input_hash = int_hash("input", doc.text)
            base: dict[str, Any] = {"text": doc.text, "meta": meta(doc), "_input_hash": input_hash}
            if options:
                base["options"] = options
            if not work:
                fh.write(
                    json.dumps({**base, "_task_hash": int_hash("task", doc.id)}, ensure_ascii=False) + "\n"
                )
            # one tokenisation per text, cut at every coder's spans: the review
            # recipe lines the coders' tasks up token by token
            cuts = {x for w in work for a in w.annotations for x in (a.start, a.end)}
            toks = tokens(doc.text, cuts) if work else []
            for w in work:
                spans = []
                for a in w.annotations:
                    span: dict[str, Any] = {
                        "start": a.start,
                        "end": a.end,
                        "text": doc.text[a.start : a.end],
                        "label": data.codebook.path(a.code_id),
                    }
                    if a.note:
                        span["note"] = a.note  # Prodigy keeps keys it does not know
                    spans.append(span)
                _token_spans(spans, toks)
                task = {
                    **base,
                    "tokens": toks,
                    "_task_hash": int_hash("task", doc.id, w.coder.name),
                    "spans": spans,
                    "answer": "accept",
                    "_annotator_id": w.coder.name,
                    "_session_id": w.coder.name,
                }
                if w.document_codes:
                    task["accept"] = [data.codebook.path(dc.code_id) for dc in w.document_codes]
                fh.write(json.dumps(task, ensure_ascii=False) + "\n")
            advance(state, done, total)
        advance(state, total, total)
    return [path]


def import_prodigy(
    path: Path, *, existing: ProjectData | None = None, coder: str | None = None
) -> ImportResult:
    reader = TaskReader(path.name, existing, coder=coder)
    read_prodigy_lines(reader, json_lines(path))
    return reader.result()


def read_prodigy_lines(reader: TaskReader, lines: Any) -> None:
    unanswered = rejected = 0
    for where, task in lines:
        if not isinstance(task, dict):
            reader.warnings.append(f"{where}: skipped, not a JSON object.")
            continue
        answer = task.get("answer")
        if answer in ("reject", "ignore"):
            rejected += 1  # the coder turned the suggestion down: its spans are not their coding
            continue
        spans = as_list(task.get("spans"))
        accepted = as_list(task.get("accept"))
        if answer is None:
            if spans or accepted:
                unanswered += 1
            continue
        doc = reader.document(task.get("text"), as_dict(task.get("meta")).get("document_id"), where)
        if doc is None:
            continue
        coder = reader.coder(task.get("_annotator_id") or task.get("_session_id"), where)
        for n, span in enumerate(spans, 1):
            if not isinstance(span, dict):
                reader.warnings.append(f"{where}: span {n} skipped, not a JSON object.")
                continue
            reader.span(
                doc,
                f"{where} span {n}",
                start=span.get("start"),
                end=span.get("end"),
                label=span.get("label"),
                coder=coder,
                note=span.get("note", ""),
            )
        labels = {
            str(o.get("id")): o.get("text") for o in as_list(task.get("options")) if isinstance(o, dict)
        }
        for choice in accepted:
            reader.article_code(doc, where, label=labels.get(str(choice)) or choice, coder=coder)
    reader.skipped(rejected, "rejected or ignored task(s)")
    reader.skipped(unanswered, "task(s) that were never answered")


def data_loss(data: ProjectData) -> list[str]:
    n = loss_counts(data)
    lost = []
    if n["values"]:
        lost.append(
            f"{n['values']} article-level code values become a plain choice; Prodigy's choice "
            "interface records only which options were chosen."
        )
    if n["links"]:
        lost.append(f"{n['links']} fragments of discontinuous spans become separate spans.")
    if n["origins"]:
        lost.append(f"{n['origins']} annotation origins (suggestion, adjudicated, imported) are lost.")
    dc_notes = sum(1 for dc in data.document_codes if dc.note)
    if dc_notes:
        lost.append(f"{dc_notes} notes on article-level codes are lost.")
    return lost
