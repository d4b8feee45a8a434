"""spaCy DocBin ready for ``spacy train``: the chosen source's spans under one
key, 0/1 article-level cats, and a config that the real trainer runs with."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from annotator.core.errors import ExchangeError
from annotator.core.models import Annotation, Code, Coder, DocumentCode
from annotator.exchange import export_data, import_data


def _docs(path: Path) -> list:
    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def _spans(doc, key: str = "sc") -> set[tuple[str, str]]:
    return {(s.text, s.label_) for s in doc.spans[key]}


def test_spans_are_under_sc_by_default_as_the_majority(tmp_path, sample):
    (path,) = export_data(sample, "spacy", tmp_path / "a.spacy")
    first = _docs(path)[0]
    assert "sc" in first.spans
    # both coders of document 1 are its coders; a span of either one is half of them
    everyone = {(s.text, s.label_) for name in ("Ana María", "Bo_Chen") for s in first.spans[name]}
    assert _spans(first) == everyone


def test_spans_key_is_configurable_and_one_coder_can_be_chosen(tmp_path, sample):
    (path,) = export_data(sample, "spacy", tmp_path / "a.spacy", source="coder:Bo_Chen", spans_key="frames")
    first = _docs(path)[0]
    assert "sc" not in first.spans
    assert _spans(first, "frames") == {(s.text, s.label_) for s in first.spans["Bo_Chen"]}


def test_majority_needs_half_of_the_documents_coders(tmp_path, sample):
    doc = sample.documents[0]
    carol = Coder(name="Carol", id="c0000000-0000-4000-8000-00000000000c")
    sample.coders.append(carol)
    start = doc.text.index("officials")
    sample.annotations.append(
        Annotation(
            document_id=doc.id,
            coder_id=carol.id,
            code_id=sample.annotations[0].code_id,
            start=start,
            end=start + len("officials"),
            quote="officials",
        )
    )
    (path,) = export_data(sample, "spacy", tmp_path / "a.spacy", source="majority")
    # one coder of three marked it: not a majority
    assert "officials" not in {s.text for s in _docs(path)[0].spans["sc"]}


def test_cats_are_zero_or_one_from_the_source(tmp_path, sample):
    doc = sample.documents[0]
    tone = sample.codebook.by_name("Tone")[0]
    positive = Code(
        name="positive", id="7d1f3a2e-0000-4000-8000-0000000000aa", parent_id=tone.id, scope="document"
    )
    sample.codebook.codes.append(positive)
    sample.codebook.refresh()
    carol = Coder(name="Carol", id="c0000000-0000-4000-8000-00000000000c")
    sample.coders.append(carol)
    sample.document_codes.append(DocumentCode(document_id=doc.id, coder_id=carol.id, code_id=positive.id))
    (path,) = export_data(sample, "spacy", tmp_path / "a.spacy")
    # two of three coders said negative, one positive
    assert _docs(path)[0].cats == {"Tone/negative": 1.0, "Tone/positive": 0.0}
    (path,) = export_data(sample, "spacy", tmp_path / "c.spacy", source="coder:Carol")
    assert _docs(path)[0].cats == {"Tone/negative": 0.0, "Tone/positive": 1.0}


def test_gold_without_an_adjudicator_is_one_sentence(tmp_path, sample):
    with pytest.raises(ExchangeError, match="adjudicat"):
        export_data(sample, "spacy", tmp_path / "a.spacy", source="gold")


def test_unknown_coder_and_bad_source_are_one_sentence(tmp_path, sample):
    with pytest.raises(ExchangeError, match="Nobody"):
        export_data(sample, "spacy", tmp_path / "a.spacy", source="coder:Nobody")
    with pytest.raises(ExchangeError, match="source"):
        export_data(sample, "spacy", tmp_path / "a.spacy", source="everyone")


def test_our_export_still_imports_exactly(tmp_path, sample):
    (path,) = export_data(sample, "spacy", tmp_path / "a.spacy", source="coder:Bo_Chen")
    back = import_data(path, "spacy").data
    assert len(back.annotations) == len(sample.live_annotations())


def test_config_suggester_covers_the_span_lengths(tmp_path, sample):
    written = export_data(sample, "spacy", tmp_path / "a.spacy", config=tmp_path / "train.cfg")
    assert tmp_path / "train.cfg" in written
    cfg = spacy.util.load_config(tmp_path / "train.cfg")
    suggester = cfg["components"]["spancat"]["suggester"]
    assert suggester["@misc"] == "spacy.ngram_range_suggester.v1"
    lengths = {len(s) for d in _docs(tmp_path / "a.spacy") for s in d.spans["sc"]}
    assert suggester["min_size"] <= min(lengths) and suggester["max_size"] >= max(lengths)
    assert cfg["components"]["spancat"]["spans_key"] == "sc"
    assert "textcat_multilabel" in cfg["nlp"]["pipeline"]


def test_config_weighs_the_true_spans_against_the_many_candidates(tmp_path, sample):
    export_data(sample, "spacy", tmp_path / "a.spacy", config=tmp_path / "train.cfg")
    spancat = spacy.util.load_config(tmp_path / "train.cfg")["components"]["spancat"]
    assert spancat["factory"] == "spancat_singlelabel"
    docs = _docs(tmp_path / "a.spacy")
    low, high = spancat["suggester"]["min_size"], spancat["suggester"]["max_size"]
    candidates = sum(max(0, len(d) - n + 1) for d in docs for n in range(low, high + 1))
    positives = sum(len(d.spans["sc"]) for d in docs)
    assert spancat["negative_weight"] == pytest.approx(positives / (candidates - positives), rel=0.05)
    # the pipeline builds from it as the trainer does
    nlp = spacy.util.load_model_from_config(spacy.util.load_config(tmp_path / "train.cfg"), auto_fill=True)
    assert nlp.get_pipe("spancat").cfg["negative_weight"] == spancat["negative_weight"]


def test_dev_share_splits_the_documents_with_a_seed(tmp_path, sample):
    written = export_data(sample, "spacy", tmp_path / "a.spacy", dev_share=0.5)
    assert written == [tmp_path / "a.spacy", tmp_path / "a-dev.spacy"]
    assert len(_docs(written[0])) == 1 and len(_docs(written[1])) == 1


# Steps of the real trainer in the learning test: six epochs of the demo's
# eight training articles (one article per batch), evaluated every epoch.
TRAIN_STEPS = 48
EVAL_EVERY = 8


@pytest.mark.slow
def test_spacy_train_learns_from_the_generated_config_on_the_exported_demo(tmp_path):
    """The real trainer (CPU, blank English, seeded) takes the export and its
    config as they are: the labels initialise (spaCy's E143 before), the cats
    are valid for textcat_multilabel (E851 before), and spancat learns: its F1
    on the held-out articles is above 0 within a few epochs (the multi-label
    spancat stayed at 0.0, saying "no label" to every one of the ~20,000
    candidates per article)."""
    from annotator.services.demo import build_demo

    build_demo(tmp_path / "demo.annotator")
    export = _cli(
        "export",
        str(tmp_path / "demo.annotator"),
        "--format",
        "spacy",
        "-o",
        str(tmp_path / "demo.spacy"),
        "--config",
        str(tmp_path / "config.cfg"),
        "--dev-share",
        "0.2",
    )
    assert export.returncode == 0, export.stderr
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "train",
            str(tmp_path / "config.cfg"),
            "--output",
            str(tmp_path / "model"),
            "--training.max_steps",
            str(TRAIN_STEPS),
            "--training.eval_frequency",
            str(EVAL_EVERY),
            "--system.seed",
            "1",
            "--gpu-id",
            "-1",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    meta = json.loads((tmp_path / "model" / "model-last" / "meta.json").read_text())
    docs = _docs(tmp_path / "demo.spacy")  # the trainer takes its labels from the training file
    assert set(meta["labels"]["spancat"]) == {s.label_ for d in docs for s in d.spans["sc"]}
    assert set(meta["labels"]["textcat_multilabel"]) == {c for d in docs for c in d.cats}
    # the untrained model's evaluation at step 0 proposes every candidate and
    # scores a sliver above 0, so only the evaluations after training count
    trained = [row for row in _evaluations(run.stdout) if row["#"] > 0]
    assert len(trained) == TRAIN_STEPS // EVAL_EVERY, run.stdout[-2000:]
    assert max(row["SPANS_SC_F"] for row in trained) > 0, run.stdout[-2000:]


def _evaluations(console: str) -> list[dict[str, float]]:
    """The rows of the trainer's console table, by column name."""
    header: list[str] = []
    rows = []
    for line in console.splitlines():
        fields = line.split()
        if fields[:2] == ["E", "#"]:
            # two-word names ("LOSS TOK2VEC") are one column each
            header = ["E", "#"] + [f for f in fields[2:] if f != "LOSS"]
        elif header and len(fields) == len(header) and fields[0].isdigit():
            rows.append({name: float(value) for name, value in zip(header, fields, strict=True)})
    return rows


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *args], capture_output=True, text=True, timeout=300
    )


def test_cli_training_options_refuse_other_formats_and_keep_existing_files(tmp_path):
    from annotator.services.demo import build_demo

    build_demo(tmp_path / "demo.annotator")
    project = str(tmp_path / "demo.annotator")
    run = _cli("export", project, "--format", "csv", "-o", str(tmp_path / "a.csv"), "--source", "majority")
    assert run.returncode == 1 and "only to --format spacy" in run.stdout + run.stderr
    (tmp_path / "train.cfg").write_text("mine")
    out = ["export", project, "--format", "spacy", "-o", str(tmp_path / "a.spacy")]
    run = _cli(*out, "--config", str(tmp_path / "train.cfg"), "--dev-share", "0.2")
    assert run.returncode == 1 and (tmp_path / "train.cfg").read_text() == "mine"
    assert not (tmp_path / "a.spacy").exists()
    run = _cli(*out, "--config", str(tmp_path / "train.cfg"), "--dev-share", "0.2", "--force")
    assert run.returncode == 0, run.stderr
    assert len(_docs(tmp_path / "a-dev.spacy")) == 2 and len(_docs(tmp_path / "a.spacy")) == 8
    assert spacy.util.load_config(tmp_path / "train.cfg")["paths"]["dev"] == str(tmp_path / "a-dev.spacy")
