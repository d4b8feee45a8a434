"""Label Studio: a JSON list of tasks, with the labeling config beside it.

Each task is ``{"data": {"text", ...metadata}, "annotations": [...],
"predictions": [...]}``: one annotation per coder (``completed_by`` a user
number, ``created_username`` the coder's name), whose ``result`` holds a
``labels`` region per span (``value.start``/``end`` in code points: Label
Studio's editor converts the browser's UTF-16 positions to code points before
it stores them) and a ``choices`` result for the article-level codes.
Suggestions go to ``predictions``, one per coder, so they show as
pre-annotations rather than as a coder's work. The config XML declares the
labels and choices for setting the project up in Label Studio.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from annotator.core.errors import ExchangeError
from annotator.core.output_files import atomic_output
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange.bundle import ImportResult, ProjectData, advance, remove_partial
from annotator.exchange.json_lines import json_document
from annotator.exchange.task_codings import SUGGESTED, document_labels, loss_counts, meta, span_labels, tasks
from annotator.exchange.task_matching import TaskDocument, TaskReader, as_dict, as_list

LABELS = "label"  # the config's <Labels name>
CHOICES = "article"  # the config's <Choices name>
TEXT = "text"  # the config's <Text name> and the task's data key


def output_paths(out: Path) -> tuple[Path, Path]:
    path = out if out.suffix.lower() == ".json" else out / "tasks.json"
    return path, path.with_name(f"{path.stem}.label_config.xml")


def label_config(data: ProjectData) -> str:
    colours = {data.codebook.path(c.id): c.color for c in data.codebook}
    lines = [
        "<View>",
        f'  <Text name="{TEXT}" value="${TEXT}"/>',
        f'  <Labels name="{LABELS}" toName="{TEXT}">',
    ]
    for label in span_labels(data):
        lines.append(f"    <Label value={quoteattr(label)} background={quoteattr(colours.get(label, ''))}/>")
    lines.append("  </Labels>")
    choices = document_labels(data)
    if choices:
        lines.append(f'  <Choices name="{CHOICES}" toName="{TEXT}" choice="multiple">')
        lines += [f"    <Choice value={quoteattr(label)}/>" for label in choices]
        lines.append("  </Choices>")
    lines.append("</View>")
    return "\n".join(lines) + "\n"


def export_labelstudio(data: ProjectData, out: Path, *, state: TaskState = NULL_STATE) -> list[Path]:
    path, config_path = output_paths(out)
    user = {c.id: n for n, c in enumerate(data.coders, 1)}
    result_tasks = []
    annotation_number = 0
    total = len(data.documents)
    for done, (doc, work) in enumerate(tasks(data), 1):
        annotations, predictions = [], []
        for w in work:
            decided = [_region(data, doc.text, a) for a in w.annotations if a.origin not in SUGGESTED]
            suggested = [_region(data, doc.text, a) for a in w.annotations if a.origin in SUGGESTED]
            if w.document_codes:
                decided.append(
                    {
                        "id": f"dc-{doc.id[:8]}-{user[w.coder.id]}",
                        "from_name": CHOICES,
                        "to_name": TEXT,
                        "type": "choices",
                        "origin": "manual",
                        "value": {"choices": [data.codebook.path(dc.code_id) for dc in w.document_codes]},
                    }
                )
            if decided:
                annotation_number += 1
                annotations.append(
                    {
                        "id": annotation_number,
                        "completed_by": user[w.coder.id],
                        "created_username": w.coder.name,
                        "result": decided,
                        "was_cancelled": False,
                        "ground_truth": False,
                    }
                )
            if suggested:
                predictions.append({"model_version": w.coder.name, "result": suggested})
        result_tasks.append(
            {
                "id": done,
                "data": {TEXT: doc.text, **meta(doc)},
                "annotations": annotations,
                "predictions": predictions,
            }
        )
        advance(state, done, total)
    written: list[Path] = []
    try:
        with atomic_output(path, encoding="utf-8", newline="\n") as fh:
            json.dump(result_tasks, fh, ensure_ascii=False, indent=1)
        written.append(path)
        with atomic_output(config_path, encoding="utf-8", newline="\n") as fh:
            fh.write(label_config(data))
        written.append(config_path)
    except BaseException:
        remove_partial(written)
        raise
    advance(state, total, total)
    return written


def _region(data: ProjectData, text: str, a: Any) -> dict[str, Any]:
    region: dict[str, Any] = {
        "id": a.id,
        "from_name": LABELS,
        "to_name": TEXT,
        "type": "labels",
        "origin": "prediction" if a.origin in SUGGESTED else "manual",
        "value": {
            "start": a.start,
            "end": a.end,
            "text": text[a.start : a.end],
            "labels": [data.codebook.path(a.code_id)],
        },
    }
    if a.note:
        region["meta"] = {"text": [a.note]}  # Label Studio's note on a region
    return region


# --- reading ---------------------------------------------------------------------


def import_labelstudio(
    path: Path, *, existing: ProjectData | None = None, coder: str | None = None
) -> ImportResult:
    loaded = json_document(path)
    if isinstance(loaded, dict) and "data" in loaded:
        loaded = [loaded]
    if not isinstance(loaded, list):
        raise ExchangeError(f"{path.name} is not a Label Studio export: it holds no list of tasks.")
    reader = TaskReader(path.name, existing, coder=coder)
    cancelled = 0
    other_types: dict[str, int] = {}
    for i, task in enumerate(loaded, 1):
        where = f"{path.name} task {i}"
        data = task.get("data") if isinstance(task, dict) else None
        if not isinstance(data, dict):
            reader.warnings.append(f"{where}: skipped, it has no data object.")
            continue
        task_meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
        doc = reader.document(
            _task_text(data), data.get("document_id") or task_meta.get("document_id"), where
        )
        if doc is None:
            continue
        for kind, entries in (
            ("annotations", task.get("annotations")),
            ("predictions", task.get("predictions")),
        ):
            for n, entry in enumerate(as_list(entries), 1):
                if not isinstance(entry, dict):
                    continue
                if entry.get("was_cancelled"):
                    cancelled += 1
                    continue
                at = f"{where} {kind[:-1]} {n}"
                if kind == "annotations":
                    name = reader.coder(_annotator(entry, reader.default_coder), at)
                else:
                    name = reader.coder(entry.get("model_version"), at)
                origin = "" if kind == "annotations" else "suggestion"
                _read_results(reader, doc, at, as_list(entry.get("result")), name, origin, other_types)
    reader.skipped(cancelled, "cancelled (skipped) annotations")
    if other_types:
        kinds = ", ".join(f"{n} {t}" for t, n in sorted(other_types.items()))
        reader.warnings.append(f"{path.name}: results this program has no place for were skipped ({kinds}).")
    return reader.result()


def _task_text(data: dict[str, Any]) -> Any:
    if TEXT in data:
        return data[TEXT]
    strings = [v for v in data.values() if isinstance(v, str) and v]
    return strings[0] if len(strings) == 1 else None


def _annotator(entry: dict[str, Any], default: str) -> str:
    """The coder's name: ``created_username`` ("name, 3" in Label Studio's
    exports), an expanded ``completed_by``, ``--coder``, else the user number."""
    name = re.sub(r",\s*\d+\s*$", "", str(entry.get("created_username") or "")).strip()
    by = entry.get("completed_by")
    if not name and isinstance(by, dict):
        full = f"{by.get('first_name') or ''} {by.get('last_name') or ''}".strip()
        name = str(by.get("email") or full or "").strip()
        by = by.get("id")
    if not name and not default and isinstance(by, int) and not isinstance(by, bool):
        name = f"Label Studio user {by}"
    return name


def _read_results(
    reader: TaskReader,
    doc: TaskDocument,
    at: str,
    results: list[Any],
    coder: str,
    origin: str,
    other_types: dict[str, int],
) -> None:
    for n, r in enumerate(results, 1):
        if not isinstance(r, dict) or not isinstance(r.get("value"), dict):
            continue
        value, kind = r["value"], str(r.get("type") or "")
        where = f"{at} result {n}"
        if kind == "labels":
            start, end = value.get("start"), value.get("end")
            quote = value.get("text")
            if isinstance(quote, str) and isinstance(start, int) and isinstance(end, int):
                fitted = _code_points(doc.file_text, start, end, quote)
                if fitted is None:
                    reader.warnings.append(
                        f"{where}: skipped, its text does not match the task's text at {start}-{end}."
                    )
                    continue
                start, end = fitted
            note = "\n".join(str(t) for t in as_list(as_dict(r.get("meta")).get("text")))
            for label in as_list(value.get("labels")):
                reader.span(
                    doc, where, start=start, end=end, label=label, coder=coder, note=note, origin=origin
                )
        elif kind == "choices":
            for choice in as_list(value.get("choices")):
                reader.article_code(doc, where, label=choice, coder=coder)
        else:
            other_types[kind or "untyped"] = other_types.get(kind or "untyped", 0) + 1


def _code_points(text: str, start: int, end: int, quote: str) -> tuple[int, int] | None:
    """Offsets in code points. Label Studio before its 2021 fix stored the
    browser's UTF-16 positions: when the quote fits those and not code
    points, convert them; None when neither fits."""
    if text[start:end] == quote:
        return start, end
    units = text.encode("utf-16-le", "surrogatepass")
    if (
        0 <= start < end <= len(units) // 2
        and units[2 * start : 2 * end].decode("utf-16-le", "replace") == quote
    ):
        head = units[: 2 * start].decode("utf-16-le", "replace")
        return len(head), len(head) + len(quote)
    return None


def data_loss(data: ProjectData) -> list[str]:
    n = loss_counts(data)
    lost = []
    if n["values"]:
        lost.append(
            f"{n['values']} article-level code values become a plain choice; Label Studio's "
            "choices record only which were chosen."
        )
    if n["links"]:
        lost.append(f"{n['links']} fragments of discontinuous spans become separate regions.")
    if n["kept_origins"]:
        lost.append(
            f"{n['kept_origins']} adjudicated or imported annotations become plain annotations; "
            "only suggestions are told apart, as predictions."
        )
    dc_notes = sum(1 for dc in data.document_codes if dc.note)
    if dc_notes:
        lost.append(f"{dc_notes} notes on article-level codes are lost.")
    return lost
