"""Dates and column names as news databases and spreadsheets write them."""

from __future__ import annotations

import pytest

from annotator.core.errors import IngestError
from annotator.ingest.article import normalise_date, normalise_mapping, resolve_columns


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2015-10-07", "2015-10-07"),
        ("2015-10-07T18:04:11Z", "2015-10-07"),
        ("2015-10-07 18:04:11+02:00", "2015-10-07"),
        ("October 7, 2015", "2015-10-07"),
        ("October 7, 2015 Wednesday", "2015-10-07"),
        ("October 7, 2015 Wednesday 6:04 PM GMT", "2015-10-07"),
        ("Wednesday, October 7, 2015", "2015-10-07"),
        ("7 October 2015", "2015-10-07"),
        ("Oct. 7, 2015", "2015-10-07"),
        ("Sept. 7, 2015", "2015-09-07"),
        ("07.10.2015", "2015-10-07"),
        ("20151007", "2015-10-07"),
    ],
)
def test_dates_become_iso(value, iso):
    assert normalise_date(value) == iso


@pytest.mark.parametrize("value", ["03/04/2015", "October 2015", "last Tuesday", "2015-13-45"])
def test_ambiguous_or_partial_dates_are_kept_as_found(value):
    assert normalise_date(value) == value


def test_known_column_names_in_any_spelling():
    cols = resolve_columns(
        ["Article Text", "HEADLINE", "pub_date", "Publication", "By-line", "Web URL", "GUID"], {}, "x.csv"
    )
    assert cols == {
        "text": "Article Text",
        "title": "HEADLINE",
        "published": "pub_date",
        "outlet": "Publication",
        "author": "By-line",
        "url": "Web URL",
        "id": "GUID",
    }


def test_user_mapping_wins_and_accepts_date_as_a_name():
    mapping = normalise_mapping({"text": "lead", "date": "when"})
    cols = resolve_columns(["text", "lead", "when", "date"], mapping, "x.csv")
    assert cols["text"] == "lead" and cols["published"] == "when"


def test_a_column_is_used_for_one_field_only():
    cols = resolve_columns(["source", "text"], {"outlet": "source"}, "x.csv")
    assert cols == {"text": "text", "outlet": "source"}
    with pytest.raises(IngestError, match="has no text column"):
        resolve_columns(["title", "source"], {}, "x.csv")
