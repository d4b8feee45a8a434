"""Prodigy, doccano and Label Studio tasks: round trips onto a project with
emoji, CJK, combining characters and Windows line endings; documents found by
text; labels, coders and what each format cannot carry."""

from __future__ import annotations

import json
import unicodedata

import pytest

from annotator.core.errors import ExchangeError
from annotator.core.models import Annotation, Document
from annotator.exchange import data_loss, export_data, import_data
from annotator.exchange.bundle import ProjectData

from .conftest import RAW_1, find

TASK_FORMATS = ("prodigy", "doccano", "labelstudio")
TARGET = {"prodigy": "tasks.jsonl", "doccano": "doccano", "labelstudio": "tasks.json"}
KEEPS_NOTES = {"prodigy", "labelstudio"}


def project_like(sample: ProjectData) -> ProjectData:
    """What import-annotations hands the reader: the project's texts, codebook and coders."""
    return ProjectData(documents=list(sample.documents), codebook=sample.codebook, coders=list(sample.coders))


def spans(data: ProjectData, *, notes: bool = True) -> list[tuple]:
    coders = {c.id: c.name for c in data.coders}
    return sorted(
        (
            a.document_id,
            coders[a.coder_id],
            data.codebook.path(a.code_id),
            a.start,
            a.end,
            a.note if notes else "",
        )
        for a in data.annotations
        if not a.deleted
    )


def article_codes(data: ProjectData) -> list[tuple]:
    coders = {c.id: c.name for c in data.coders}
    return sorted(
        (dc.document_id, coders[dc.coder_id], data.codebook.path(dc.code_id)) for dc in data.document_codes
    )


@pytest.mark.parametrize("fmt", TASK_FORMATS)
def test_round_trip_onto_the_project(tmp_path, sample, fmt):
    written = export_data(sample, fmt, tmp_path / TARGET[fmt])
    assert written and all(p.is_file() for p in written)
    result = import_data(tmp_path / TARGET[fmt], fmt, existing=project_like(sample))
    back = result.data
    assert spans(back, notes=fmt in KEEPS_NOTES) == spans(sample, notes=fmt in KEEPS_NOTES)
    assert article_codes(back) == article_codes(sample)
    # the emoji with a skin tone, the flag and the CJK text sit where they were
    texts = {d.id: d.text for d in sample.documents}
    quotes = {texts[a.document_id][a.start : a.end] for a in back.annotations}
    assert {"naïve appeasement\u201d 👍🏽", "東京 officials", "spokesperson for the UN 🇺🇳"} <= quotes
    assert not [w for w in result.warnings if "skipped" in w]
    # nothing new: the project's codes and coders were found by path and name
    assert {c.id for c in back.codebook} <= {c.id for c in sample.codebook}
    assert {c.id for c in back.coders} == {c.id for c in sample.coders}


@pytest.mark.parametrize("fmt", TASK_FORMATS)
def test_without_a_project_the_texts_come_as_documents(tmp_path, sample, fmt):
    export_data(sample, fmt, tmp_path / TARGET[fmt])
    back = import_data(tmp_path / TARGET[fmt], fmt).data
    assert {d.id for d in back.documents} == {d.id for d in sample.documents}
    assert len(back.annotations) == len(sample.annotations)


def test_the_exports_hold_what_each_tool_reads(tmp_path, sample):
    export_data(sample, "prodigy", tmp_path / "p.jsonl")
    tasks = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()]
    # one task per document and coder; the same text has one input hash for Prodigy's review recipe
    assert sorted((t["meta"]["document_id"], t["_annotator_id"]) for t in tasks) == sorted(
        {(a.document_id, {c.id: c.name for c in sample.coders}[a.coder_id]) for a in sample.annotations}
    )
    by_text: dict[str, set[int]] = {}
    for t in tasks:
        assert t["answer"] == "accept" and t["_session_id"] == t["_annotator_id"]
        by_text.setdefault(t["text"], set()).add(t["_input_hash"])
        for s in t["spans"]:
            assert t["text"][s["start"] : s["end"]] == s["text"]
    assert all(len(h) == 1 for h in by_text.values())
    ana = next(
        t for t in tasks if t["_annotator_id"] == "Ana María" and t["text"] == sample.documents[0].text
    )
    assert (
        ana["accept"] == ["Tone/negative"]
        and {"id": "Tone/negative", "text": "Tone/negative"} in ana["options"]
    )

    export_data(sample, "doccano", tmp_path / "d")
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["Ana María.jsonl", "Bo_Chen.jsonl"]
    line = json.loads((tmp_path / "d" / "Bo_Chen.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert line["cats"] == ["Tone/negative"]  # article codes: doccano's slot filling shape
    assert [line["text"][s:e] for s, e, _ in line["entities"]] == [
        "appeasement",
        "東京 officials",
        "tragically flawed",
    ]

    paths = export_data(sample, "labelstudio", tmp_path / "ls.json")
    assert [p.name for p in paths] == ["ls.json", "ls.label_config.xml"]
    ls = json.loads(paths[0].read_text(encoding="utf-8"))
    first = ls[0]
    assert [a["created_username"] for a in first["annotations"]] == ["Ana María", "Bo_Chen"]
    region = first["annotations"][0]["result"][0]
    assert region["type"] == "labels" and region["from_name"] == "label" and region["to_name"] == "text"
    assert first["data"]["text"][region["value"]["start"] : region["value"]["end"]] == region["value"]["text"]
    config = paths[1].read_text(encoding="utf-8")
    assert (
        '<Label value="Source type/NGO / monitor"' in config and '<Choice value="Tone/negative"/>' in config
    )


def test_one_doccano_file_for_one_coder_and_a_clear_sentence_for_more(tmp_path, sample):
    ana = sample.select(coder_ids={sample.coders[0].id})
    (path,) = export_data(ana, "doccano", tmp_path / "ana.jsonl")
    assert path == tmp_path / "ana.jsonl"
    with pytest.raises(ExchangeError, match="one file per coder and 2 coders"):
        export_data(sample, "doccano", tmp_path / "both.jsonl")
    assert not (tmp_path / "both.jsonl").exists()


# --- offsets: Windows line endings and decomposed accents in the file ----------------


def _raw_task_file(fmt, tmp_path, raw: str, start: int, end: int, label: str):
    """A task written by another tool over ``raw`` (CRLF, decomposed), offsets counted in ``raw``."""
    if fmt == "prodigy":
        task = {"text": raw, "spans": [{"start": start, "end": end, "label": label}], "answer": "accept"}
        task["_annotator_id"] = "Ana María"
        path = tmp_path / "p.jsonl"
        path.write_text(json.dumps(task, ensure_ascii=False) + "\n", encoding="utf-8")
    elif fmt == "doccano":
        path = tmp_path / "Ana María.jsonl"
        path.write_text(json.dumps({"text": raw, "label": [[start, end, label]]}) + "\n", encoding="utf-8")
    else:
        value = {"start": start, "end": end, "text": raw[start:end], "labels": [label]}
        result = [{"id": "r1", "from_name": "label", "to_name": "text", "type": "labels", "value": value}]
        task = {
            "data": {"text": raw},
            "annotations": [{"completed_by": {"email": "Ana María"}, "result": result}],
        }
        path = tmp_path / "ls.json"
        path.write_text(json.dumps([task]), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", TASK_FORMATS)
def test_offsets_in_a_crlf_decomposed_text_move_to_the_stored_text(tmp_path, sample, fmt):
    raw = unicodedata.normalize("NFD", RAW_1)
    assert raw != RAW_1 and "\r\n" in raw
    part = unicodedata.normalize("NFD", "東京 officials disagreed; an NGO monitor")
    s, e = find(raw, part)
    path = _raw_task_file(fmt, tmp_path, raw, s, e, "tragically flawed")  # a code's name, not its path
    result = import_data(path, fmt, existing=project_like(sample))
    (a,) = result.data.annotations
    doc = sample.documents[0]
    assert a.document_id == doc.id
    assert doc.text[a.start : a.end] == "東京 officials disagreed; an NGO monitor"
    assert result.data.codebook.path(a.code_id) == "Frames/tragically flawed"


@pytest.mark.parametrize("fmt", TASK_FORMATS)
def test_a_span_ending_inside_a_decomposed_accent_takes_the_whole_character(tmp_path, sample, fmt):
    raw = unicodedata.normalize("NFD", RAW_1)
    s, e = find(raw, "Zu\u0308")
    path = _raw_task_file(fmt, tmp_path, raw, s, e - 1, "appeasement")  # ends between u and its diaeresis
    (a,) = import_data(path, fmt, existing=project_like(sample)).data.annotations
    assert sample.documents[0].text[a.start : a.end] == "Zü"


def test_a_task_whose_text_is_not_in_the_project_is_counted_and_skipped(tmp_path, sample):
    lines = [
        {"text": "An article nobody imported.", "label": [[0, 2, "appeasement"]]},
        {"text": "Another one.", "label": []},
        {"text": sample.documents[1].text, "label": [[0, 9, "appeasement"]]},
    ]
    path = tmp_path / "Bo_Chen.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    result = import_data(path, "doccano", existing=project_like(sample))
    assert len(result.data.annotations) == 1
    assert [d.id for d in result.data.documents] == [sample.documents[1].id]
    (note,) = [w for w in result.warnings if "not in the project" in w]
    assert note.startswith("2 task(s) in Bo_Chen.jsonl were skipped") and "line 1" in note


def test_a_task_found_by_its_id_keeps_only_spans_whose_text_agrees(tmp_path, sample):
    doc = sample.documents[1]
    edited = doc.text.replace("hopeful.", "hopeful, and so are we.")  # edited after export
    s1, e1 = find(edited, "spokesperson")
    s2, e2 = find(edited, "so are we")
    task = {
        "text": edited,
        "meta": {"document_id": doc.id},
        "spans": [
            {"start": s1, "end": e1, "label": "appeasement"},
            {"start": s2, "end": e2, "label": "appeasement"},
        ],
        "answer": "accept",
        "_annotator_id": "Bo_Chen",
    }
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(task) + "\n", encoding="utf-8")
    result = import_data(path, "prodigy", existing=project_like(sample))
    (a,) = result.data.annotations
    assert (a.document_id, doc.text[a.start : a.end]) == (doc.id, "spokesperson")
    assert any("span 2: skipped" in w for w in result.warnings)


# --- coders -------------------------------------------------------------------------


def test_the_coder_comes_from_the_file_else_from_the_coder_option(tmp_path, sample):
    text = sample.documents[1].text
    lines = [
        {"text": text, "spans": [{"start": 0, "end": 9, "label": "appeasement"}], "answer": "accept"},
        {
            "text": text,
            "spans": [{"start": 0, "end": 9, "label": "appeasement"}],
            "answer": "accept",
            "_annotator_id": "Bo_Chen",
        },
        {"text": text, "spans": [{"start": 0, "end": 9, "label": "appeasement"}], "answer": "reject"},
    ]
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    named = import_data(path, "prodigy", existing=project_like(sample), coder="Ana María")
    assert sorted(c.name for c in named.data.coders) == ["Ana María", "Bo_Chen"]
    assert any("1 rejected or ignored task(s)" in w for w in named.warnings)
    nameless = import_data(path, "prodigy", existing=project_like(sample))
    assert any("name no coder" in w and "--coder" in w for w in nameless.warnings)


def test_a_doccano_folder_has_a_coder_per_file(tmp_path, sample):
    export_data(sample, "doccano", tmp_path / "d")
    back = import_data(tmp_path / "d", "doccano", existing=project_like(sample)).data
    assert spans(back, notes=False) == spans(sample, notes=False)
    one = import_data(
        tmp_path / "d" / "Bo_Chen.jsonl", "doccano", existing=project_like(sample), coder="Ana María"
    )
    assert {c.name for c in one.data.coders} == {"Ana María"}


def test_the_coder_option_is_refused_where_files_name_their_coders(tmp_path, sample):
    export_data(sample, "qdpx", tmp_path / "x.qdpx")
    with pytest.raises(ExchangeError, match="only applies to prodigy, doccano, labelstudio"):
        import_data(tmp_path / "x.qdpx", coder="Ana")


# --- Label Studio specifics -----------------------------------------------------------


def test_label_studio_suggestions_are_predictions_and_come_back_as_suggestions(tmp_path, sample):
    doc = sample.documents[1]
    s, e = find(doc.text, "UN 🇺🇳")
    coder = sample.coders[0]
    code = sample.codebook.by_name("NGO / monitor")[0]
    sample.annotations.append(
        Annotation(doc.id, coder.id, code.id, s, e, origin="suggestion", quote=doc.text[s:e])
    )
    (path, _) = export_data(sample, "labelstudio", tmp_path / "ls.json")
    task = json.loads(path.read_text(encoding="utf-8"))[1]
    (prediction,) = task["predictions"]
    assert prediction["model_version"] == "Ana María"
    assert [r["value"]["text"] for r in prediction["result"]] == ["UN 🇺🇳"]
    back = import_data(path, "labelstudio", existing=project_like(sample)).data
    (suggested,) = [a for a in back.annotations if a.origin == "suggestion"]
    assert (suggested.start, suggested.end) == (s, e)


def test_label_studio_utf16_offsets_of_old_exports_are_converted(tmp_path, sample):
    doc = sample.documents[1]  # the flag emoji is two astral code points: four UTF-16 units
    s, e = find(doc.text, "We remain hopeful")
    utf16 = len(doc.text[:s].encode("utf-16-le")) // 2
    assert utf16 == s + 2
    value = {"start": utf16, "end": utf16 + (e - s), "text": doc.text[s:e], "labels": ["appeasement"]}
    result = [{"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "value": value}]
    tasks = [{"data": {"text": doc.text}, "annotations": [{"completed_by": 3, "result": result}]}]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    back = import_data(path, "labelstudio", existing=project_like(sample)).data
    (a,) = back.annotations
    assert (a.start, a.end) == (s, e)
    assert [c.name for c in back.coders] == ["Label Studio user 3"]


def test_label_studio_regions_whose_text_fits_nowhere_are_skipped(tmp_path, sample):
    doc = sample.documents[1]
    value = {"start": 0, "end": 9, "text": "Something", "labels": ["appeasement"]}
    result = [{"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "value": value}]
    result.append(
        {"id": "b", "from_name": "t", "to_name": "text", "type": "textarea", "value": {"text": ["x"]}}
    )
    tasks = [
        {"data": {"text": doc.text}, "annotations": [{"created_username": "Bo_Chen, 2", "result": result}]},
        {"data": {"text": doc.text}, "annotations": [{"was_cancelled": True, "result": []}]},
    ]
    path = tmp_path / "ls.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    r = import_data(path, "labelstudio", existing=project_like(sample))
    assert r.data.annotations == []
    assert any("does not match the task's text at 0-9" in w for w in r.warnings)
    assert any("1 textarea" in w for w in r.warnings)
    assert any("1 cancelled" in w for w in r.warnings)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'{"tasks": []}', "no list of tasks"),
        (b"[" * 100_000 + b"]" * 100_000, "JSON"),
    ],
)
def test_damaged_label_studio_files_are_one_sentence(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(ExchangeError, match=message):
        import_data(path, "labelstudio")


# --- what each format cannot carry ---------------------------------------------------


def test_data_loss_names_what_each_format_drops(sample):
    sample.document_codes[1].value = "-2"
    assert any("discontinuous" in s for s in data_loss(sample, "prodigy"))
    assert any("values become a plain choice" in s for s in data_loss(sample, "prodigy"))
    assert any("notes are lost" in s for s in data_loss(sample, "doccano"))
    assert any("regions" in s for s in data_loss(sample, "labelstudio"))
    plain = ProjectData(documents=[Document(text="x y")], codebook=sample.codebook, coders=sample.coders)
    assert all(data_loss(plain, f) == [] for f in TASK_FORMATS)


def test_prodigy_tokens_cover_every_span_exactly(tmp_path, sample):
    export_data(sample, "prodigy", tmp_path / "p.jsonl")
    for line in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines():
        task = json.loads(line)
        toks = task.get("tokens", [])
        assert [t["id"] for t in toks] == list(range(len(toks)))
        for t in toks:
            assert task["text"][t["start"] : t["end"]] == t["text"] and not t["text"].isspace()
            assert t["ws"] == (t["end"] < len(task["text"]) and task["text"][t["end"]].isspace())
        for s in task.get("spans", []):
            # token_end is inclusive in Prodigy
            assert (toks[s["token_start"]]["start"], toks[s["token_end"]]["end"]) == (s["start"], s["end"])


def test_doccano_collaborative_export_asks_for_a_coder(tmp_path, sample):
    path = tmp_path / "all.jsonl"
    path.write_text(
        json.dumps({"text": sample.documents[1].text, "label": [[0, 9, "appeasement"]]}) + "\n",
        encoding="utf-8",
    )
    r = import_data(path, "doccano", existing=project_like(sample))
    assert [c.name for c in r.data.coders] == ["all"]
    assert any("collaborative project" in w and "--coder" in w for w in r.warnings)
    named = import_data(path, "doccano", existing=project_like(sample), coder="Bo_Chen")
    assert [c.name for c in named.data.coders] == ["Bo_Chen"] and not named.warnings


def test_a_task_found_by_its_id_checks_offsets_written_as_decimals_too(tmp_path, sample):
    doc = sample.documents[1]
    edited = "Truce" + doc.text[len("Ceasefire") :]  # the first word changed: later offsets moved by 4
    s, e = find(edited, "spokesperson")
    task = {
        "text": edited,
        "meta": {"document_id": doc.id},
        "spans": [{"start": float(s), "end": float(e), "label": "appeasement"}],
        "answer": "accept",
        "_annotator_id": "Bo_Chen",
    }
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(task) + "\n", encoding="utf-8")
    result = import_data(path, "prodigy", existing=project_like(sample))
    assert result.data.annotations == []
    assert any("quote does not match" in w for w in result.warnings)
