"""The reliability-data builder on small hand-made documents with known matrices."""

from __future__ import annotations

import numpy as np
import pytest

from annotator.agreement.errors import AgreementError
from annotator.agreement.reliability_data import continuum_data, select_variables, unit_data

# three sentences: [0, 9) "Aaaa bbb." [10, 19) "Cccc ddd." [20, 29) "Eeee fff."
TEXT = "Aaaa bbb. Cccc ddd. Eeee fff."


def matrix(data, unit, path, ids, coders=("a", "b")):
    return unit_data(data, unit=unit, coders=list(coders)).matrix(ids[path]).T.tolist()


def test_sentence_unit_binary_code_is_touched_by_a_span(make_data, ids):
    data = make_data(
        {"d": TEXT},
        [
            ("d", "a", "Frames/Appeasement", 0, 4),  # sentence 0
            ("d", "a", "Frames/Appeasement", 12, 22),  # sentences 1 and 2
            ("d", "b", "Frames/Appeasement", 5, 8),  # sentence 0
        ],
    )
    assert matrix(data, "sentence", "Frames/Appeasement", ids) == [[1, 1, 1], [1, 0, 0]]
    assert matrix(data, "sentence", "Frames/Tragically flawed", ids) == [[0, 0, 0], [0, 0, 0]]


def test_token_and_document_units(make_data, ids):
    data = make_data(
        {"d": TEXT, "e": "Xx yy."},
        [
            ("d", "a", "Frames/Appeasement", 5, 14),  # tokens 1 and 2
            ("d", "b", "Frames/Appeasement", 6, 7),  # inside token 1
            ("e", "b", "Frames/Tragically flawed", 0, 2),
        ],
    )
    assert matrix(data, "token", "Frames/Appeasement", ids) == [
        [0, 1, 1, 0, 0, 0, 0, 0],
        [0, 1, 0, 0, 0, 0, 0, 0],
    ]
    assert matrix(data, "document", "Frames/Appeasement", ids) == [[1, 0], [1, 0]]
    assert matrix(data, "document", "Frames/Tragically flawed", ids) == [[0, 0], [0, 1]]


def test_exclusive_group_takes_the_value_covering_most_of_the_unit(make_data, ids):
    data = make_data(
        {"d": TEXT},
        [
            ("d", "a", "Source type/Government", 0, 3),
            ("d", "a", "Source type/NGO", 3, 9),  # NGO covers more of sentence 0
            ("d", "b", "Source type/Government", 10, 14),
            ("d", "b", "Source type/NGO", 14, 18),  # a tie in sentence 1: Government is listed first
        ],
    )
    ud = unit_data(data, unit="sentence", coders=["a", "b"])
    var = next(v for v in ud.variables if v.id == ids["Source type"])
    assert var.categories == ("(none)", "Government", "NGO")
    assert ud.matrix(ids["Source type"]).T.tolist() == [[2, 0, 0], [0, 1, 0]]
    assert any("two values of the group meet" in n for n in ud.notes)


def test_a_coder_who_did_not_code_a_document_is_missing_not_absent(make_data, ids):
    data = make_data(
        {"d": TEXT, "e": "Xx yy."},
        [("d", "a", "Frames/Appeasement", 0, 4), ("e", "a", "Frames/Appeasement", 0, 2)],
        coded={"d": {"a", "b"}, "e": {"a"}},
    )
    assert matrix(data, "sentence", "Frames/Appeasement", ids) == [[1, 0, 0, 1], [0, 0, 0, -1]]


def test_deleted_annotations_and_other_coders_are_ignored(make_data, ids):
    data = make_data(
        {"d": TEXT},
        [
            ("d", "a", "Frames/Appeasement", 0, 4),
            ("d", "b", "Frames/Appeasement", 0, 4),
            ("d", "c", "Frames/Appeasement", 12, 14),
        ],
    )
    data.annotations[1].deleted = True
    assert matrix(data, "sentence", "Frames/Appeasement", ids) == [[1, 0, 0], [0, 0, 0]]


def test_document_level_variables(make_data, ids):
    data = make_data(
        {"d": TEXT, "e": "Xx yy.", "f": "Zz."},
        doc_codes=[
            ("d", "a", "Dominant frame/Conflict", "1"),
            ("d", "b", "Dominant frame/Economy", "1"),
            ("e", "a", "Dominant frame/Economy", "1"),
            ("d", "a", "Tone", "-1"),
            ("d", "b", "Tone", "2"),
            ("e", "b", "Tone", "2"),
        ],
    )
    ud = unit_data(data, unit="document", coders=["a", "b"], levels={ids["Tone"]: "interval"})
    frame = next(v for v in ud.variables if v.id == ids["Dominant frame"])
    tone = next(v for v in ud.variables if v.id == ids["Tone"])
    assert frame.kind == "document-group" and frame.categories == ("Conflict", "Economy")
    assert tone.kind == "document-value" and tone.categories == (-1, 2) and tone.level == "interval"
    # no value chosen is missing for valued variables
    assert ud.matrix(ids["Dominant frame"]).T.tolist() == [[0, 1, -1], [1, -1, -1]]
    assert ud.matrix(ids["Tone"]).T.tolist() == [[0, -1, -1], [1, 1, -1]]
    # document variables exist only at the document unit
    assert all(v.is_span for v in select_variables(data, "sentence"))


def test_presence_document_code_is_binary(make_data, ids):
    data = make_data({"d": TEXT, "e": "Xx yy."}, doc_codes=[("d", "a", "Tone", "1"), ("e", "b", "Tone", "1")])
    ud = unit_data(data, unit="document", coders=["a", "b"])
    assert ud.matrix(ids["Tone"]).T.tolist() == [[1, 0], [0, 1]]


def test_parent_code_reads_all_its_codes(make_data, ids):
    data = make_data(
        {"d": TEXT},
        [
            ("d", "a", "Frames/Appeasement", 0, 4),
            ("d", "b", "Frames/Tragically flawed", 12, 14),
        ],
    )
    ud = unit_data(data, unit="sentence", coders=["a", "b"], variables=[ids["Frames"]])
    assert ud.matrix(ids["Frames"]).T.tolist() == [[1, 0, 0], [0, 1, 0]]


def test_unit_labels_name_document_unit_and_index(make_data):
    data = make_data({"d": TEXT, "e": "Xx yy."}, [("d", "a", "Frames/Appeasement", 0, 4)])
    ud = unit_data(data, unit="sentence", coders=["a"])
    assert ud.unit_labels() == ["d:sentence:0", "d:sentence:1", "d:sentence:2", "e:sentence:0"]


def test_continuum_segments_keep_values_and_documents(make_data, ids):
    data = make_data(
        {"d": TEXT, "e": "Xx yy."},
        [
            ("d", "a", "Source type/NGO", 0, 4),
            ("e", "b", "Source type/Government", 1, 3),
        ],
    )
    cd = continuum_data(data, coders=["a", "b"], variables=[ids["Source type"]])
    seg = cd.segments[0]
    assert seg.doc.tolist() == [0, 1] and seg.coder.tolist() == [0, 1]
    assert seg.start.tolist() == [0, 1] and seg.end.tolist() == [4, 3] and seg.value.tolist() == [2, 1]
    assert cd.lengths.tolist() == [len(TEXT), 6]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(unit="clause", coders=["a"]), "Unknown unit"),
        (dict(unit="sentence", coders=[]), "at least one coder"),
        (dict(unit="sentence", coders=["a", "a"]), "listed twice"),
        (dict(unit="sentence", coders=["a"], variables=["nope"]), "not a code"),
        (dict(unit="sentence", coders=["a"], levels={"x": "fuzzy"}), "Unknown level"),
    ],
)
def test_bad_options_get_one_clear_sentence(make_data, kwargs, message):
    data = make_data({"d": TEXT}, [("d", "a", "Frames/Appeasement", 0, 4)])
    with pytest.raises(AgreementError, match=message):
        unit_data(data, **kwargs)


def test_document_code_at_sentence_unit_is_refused(make_data, ids):
    data = make_data({"d": TEXT}, [("d", "a", "Frames/Appeasement", 0, 4)])
    with pytest.raises(AgreementError, match="document unit"):
        unit_data(data, unit="sentence", coders=["a"], variables=[ids["Tone"]])


def test_nominal_only_for_codes(make_data, ids):
    data = make_data({"d": TEXT}, [("d", "a", "Frames/Appeasement", 0, 4)])
    with pytest.raises(AgreementError, match="only be nominal"):
        unit_data(data, unit="sentence", coders=["a"], levels={ids["Frames/Appeasement"]: "interval"})


def test_span_outside_its_text_is_reported(make_data):
    data = make_data({"d": TEXT}, [("d", "a", "Frames/Appeasement", 0, 400)])
    with pytest.raises(AgreementError, match="outside its text"):
        unit_data(data, unit="sentence", coders=["a"])


def test_missing_segmentation_is_reported(make_data):
    data = make_data({"d": TEXT}, [("d", "a", "Frames/Appeasement", 0, 4)])
    data.segmentations.clear()
    with pytest.raises(AgreementError, match="no stored segmentation"):
        unit_data(data, unit="sentence", coders=["a"])
    assert unit_data(data, unit="document", coders=["a"]).values[0].shape == (1, 1)


def test_matrices_are_units_by_coders(make_data):
    data = make_data({"d": TEXT}, [("d", "a", "Frames/Appeasement", 0, 4)])
    ud = unit_data(data, unit="sentence", coders=["a", "b", "c"])
    assert all(m.shape == (3, 3) for m in ud.values)
    assert np.all(ud.values[0][:, 1:] == -1)  # b and c coded nothing: not in "coded", so missing
