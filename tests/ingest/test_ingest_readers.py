"""Each reader on real files: what a researcher's exports look like."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest

from annotator.core.errors import IngestError
from annotator.core.ids import document_id
from annotator.core.models import Document
from annotator.core.task import TaskState
from annotator.ingest import ReadFailure, formats, read_sources
from tests.ingest.builders import DATA, make_docx, make_pdf


def docs_and_failures(results) -> tuple[list[Document], list[ReadFailure]]:
    results = list(results)
    return [r for r in results if isinstance(r, Document)], [r for r in results if isinstance(r, ReadFailure)]


def test_wikinews_csv_reads_171_documents_with_titles_dates_and_urls(wikinews_csv):
    docs, failures = docs_and_failures(read_sources([wikinews_csv]))
    assert failures == []
    assert len(docs) == 171
    assert all(d.title and d.url.startswith("https://en.wikinews.org/") for d in docs)
    assert all(len(d.published) == 10 and d.published.startswith("2019-") for d in docs)
    first = docs[0]
    assert first.title == "Magnitogorsk apartment building collapses after explosion, dozens dead"
    assert first.published == "2019-01-04"
    assert "An apartment building collapsed on Monday in Magnitogorsk" in first.text
    assert first.source_path == str(wikinews_csv)
    assert first.id == document_id(first.text)
    # the CSV had four columns, all mapped: only the row number is left as metadata
    assert first.metadata == {"source_row": 2}


def test_plain_text_takes_the_first_line_as_title_and_keeps_it_in_the_text(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text("Russian Navy Fires Missiles into Syria\n\nRussia said Wednesday it used four warships.\n")
    [doc] = read_sources([p])
    assert doc.title == "Russian Navy Fires Missiles into Syria"
    assert doc.text.startswith("Russian Navy Fires Missiles into Syria\n\nRussia said")
    assert doc.raw == p.read_bytes()


def test_a_first_line_that_is_a_sentence_is_not_a_title(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text("Russia said Wednesday it used four warships.\n\nShoigu told Putin.\n")
    [doc] = read_sources([p])
    assert doc.title == ""


def test_markdown_heading_becomes_the_title(tmp_path):
    p = tmp_path / "story.md"
    p.write_text("# Carter: strategy tragically flawed\n\nCarter said the strategy was tragically flawed.\n")
    [doc] = read_sources([p])
    assert doc.title == "Carter: strategy tragically flawed"


def test_html_page_gives_article_text_and_metadata_without_page_chrome():
    [doc] = read_sources([DATA / "voa_article.html"])
    assert doc.title == "Russian Navy Fires Missiles into Syria"
    assert doc.outlet == "Voice of America"
    assert doc.author == "VOA News"
    assert doc.published == "2015-10-07"
    assert doc.url.endswith("2995006.html")
    assert "four warships in the Caspian Sea" in doc.text
    assert (
        "a strategy he called \u201ctragically flawed.\u201d" in doc.text
        or 'called "tragically flawed."' in doc.text
    )
    for debris in ("Accessibility links", "please wait", "Privacy", "Home"):
        assert debris not in doc.text.split("\n")
    # paragraphs are separated by a blank line, as in every other format
    assert "\n\nDefense Minister Sergei Shoigu" in doc.text
    assert "<p>" not in doc.text


def test_docx_paragraphs_and_title(tmp_path):
    p = tmp_path / "article.docx"
    p.write_bytes(
        make_docx(
            ["Russia said Wednesday it used warships.", "", "Shoigu told Putin."],
            heading="Russian Navy Fires Missiles",
        )
    )
    [doc] = read_sources([p])
    assert doc.title == "Russian Navy Fires Missiles"
    assert (
        doc.text
        == "Russian Navy Fires Missiles\n\nRussia said Wednesday it used warships.\n\nShoigu told Putin."
    )
    assert isinstance(doc.raw, bytes) and doc.raw.startswith(b"PK")


def test_pdf_text_layer_and_title(tmp_path):
    p = tmp_path / "article.pdf"
    p.write_bytes(
        make_pdf(
            [
                ["Russia fires missiles into Syria.", "Shoigu told Putin (on Wednesday)."],
                ["The second page."],
            ],
            title="Russian Navy Fires Missiles",
        )
    )
    [doc] = read_sources([p])
    assert doc.title == "Russian Navy Fires Missiles"
    assert "Shoigu told Putin (on Wednesday)." in doc.text
    assert doc.text.endswith("The second page.")
    assert doc.metadata["pages"] == 2


def test_nexis_uni_export_is_split_into_articles_with_header_metadata():
    docs, failures = docs_and_failures(read_sources([DATA / "nexis_uni_export.txt"]))
    assert [d.title for d in docs] == [
        "Russia fires cruise missiles at Syria from Caspian Sea",
        "McCain likens US-Russia talks to appeasement",
    ]
    guardian, post = docs
    assert guardian.outlet == "The Guardian (London)"
    assert guardian.published == "2015-10-07"
    assert guardian.author == "Shaun Walker in Moscow"
    assert guardian.metadata["section"] == "WORLD NEWS; Version:2"
    assert guardian.metadata["length"] == "74 words"
    assert guardian.metadata["load-date"] == "October 7, 2015"
    assert guardian.text.startswith("Russia said on Wednesday")
    assert "Classification" not in guardian.text and "Load-Date" not in guardian.text
    assert post.author == "Missy Ryan" and post.metadata["edition"] == "Regional Edition"
    # the third entry has a header but no body: reported, not silently dropped
    assert len(failures) == 1 and "Article 3" in failures[0].reason


def test_nexis_export_as_docx_is_split_too(tmp_path):
    paragraphs = (DATA / "nexis_uni_export.txt").read_text().split("\n")
    p = tmp_path / "nexis.docx"
    p.write_bytes(make_docx(paragraphs))
    docs, _ = docs_and_failures(read_sources([p]))
    assert [d.outlet for d in docs] == ["The Guardian (London)", "The Washington Post"]


def test_lexisnexis_academic_export():
    docs, failures = docs_and_failures(read_sources([DATA / "lexis_academic_export.txt"]))
    assert failures == []
    nyt, usa = docs
    assert nyt.title == "Russia Fires Missiles at Syria From Ships in Caspian Sea"
    assert nyt.outlet == "The New York Times"
    assert nyt.author == "ANDREW E. KRAMER"
    assert nyt.url.startswith("http://www.nytimes.com/")
    assert nyt.text.endswith("ground offensive.")
    assert usa.title == "McCain: Russia is winning in Syria"
    assert usa.metadata["section"] == "NEWS; Pg. 4A"


def test_factiva_export():
    docs, failures = docs_and_failures(read_sources([DATA / "factiva_export.txt"]))
    assert failures == []
    wsj, reuters = docs
    assert wsj.title == "Russia fires missiles into Syria from Caspian warships"
    assert wsj.author == "Thomas Grove" and wsj.outlet == "The Wall Street Journal Online"
    assert wsj.published == "2015-10-07"
    assert wsj.text == (
        "Russia said Wednesday it had fired cruise missiles from warships in the Caspian Sea at "
        "targets in Syria.\n\nThe Defense Ministry said 26 missiles hit 11 targets."
    )
    assert wsj.metadata["source_id"] == "WSJO000020151007eba7004bd"
    assert reuters.outlet == "Reuters News"


def test_jsonl_reads_good_lines_and_reports_each_bad_one():
    docs, failures = docs_and_failures(read_sources([DATA / "articles.jsonl"]))
    assert [d.title for d in docs] == ["Russia fires missiles into Syria", "McCain on Russia"]
    assert (
        docs[0].outlet == "VOA"
        and docs[0].url == "https://example.org/a1"
        and docs[0].published == "2015-10-07"
    )
    assert docs[0].metadata["section"] == "World"
    assert docs[1].metadata["tags"] == ["syria", "russia"]
    reasons = [f.reason for f in failures]
    assert len(reasons) == 3
    assert reasons[0].startswith("Line 2 of") and "not valid JSON" in reasons[0]
    assert reasons[1].startswith("Line 4 of") and "not an object" in reasons[1]
    assert reasons[2].startswith("Line 5 of") and "no text" in reasons[2]


def test_json_api_response_with_nested_fields():
    docs, failures = docs_and_failures(read_sources([DATA / "guardian_api.json"]))
    assert failures == []
    assert [d.title for d in docs] == [
        "Russia fires cruise missiles at Syria",
        "McCain says Russia is winning",
    ]
    assert docs[0].author == "Shaun Walker"
    assert docs[0].published == "2015-10-07"
    assert docs[0].url.startswith("https://www.theguardian.com/")
    assert docs[0].metadata["sectionName"] == "World news"


def test_semicolon_csv_with_a_user_column_mapping():
    path = DATA / "semicolon_export.csv"
    docs, failures = docs_and_failures(
        read_sources(
            [path], columns={"text": "Inhalt", "title": "Titel", "outlet": "Zeitung", "date": "Datum"}
        )
    )
    assert failures == []
    assert docs[0].title == "Russland feuert Raketen"
    assert docs[0].outlet == "Die Zeit"
    assert docs[0].published == "2015-10-07"
    assert "Kaspischen Meer" in docs[0].text


def test_common_column_names_are_recognised_and_other_columns_kept(tmp_path):
    p = tmp_path / "export.csv"
    with p.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Headline", "Body", "Source", "Link", "Byline", "Tone", "Doc ID"])
        w.writerow(["Title A", "Text of A, with a comma.", "VOA", "https://x/a", "Jane Roe", "neg", "A-1"])
    [doc] = read_sources([p])
    assert (doc.title, doc.outlet, doc.url, doc.author) == ("Title A", "VOA", "https://x/a", "Jane Roe")
    assert doc.text == "Text of A, with a comma."
    assert doc.metadata["Tone"] == "neg"
    assert doc.metadata["source_id"] == "A-1"


def test_tsv(tmp_path):
    p = tmp_path / "export.tsv"
    p.write_text("title\ttext\nA\tText, with commas, of A.\nB\tText of B.\n", encoding="utf-8")
    docs, failures = docs_and_failures(read_sources([p]))
    assert [d.text for d in docs] == ["Text, with commas, of A.", "Text of B."]


def test_unknown_mapping_field_or_column_is_one_sentence(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("title,body\nA,Text\n")
    with pytest.raises(IngestError, match="not a document field"):
        list(read_sources([p], columns={"colour": "body"}))
    [failure] = read_sources([p], columns={"text": "content"})
    assert "has no column 'content'" in failure.reason


def test_folder_is_read_recursively_in_a_stable_order_skipping_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("First article text.")
    (tmp_path / "b" / "c.txt").write_text("Second article text.")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01binary")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main")
    docs, failures = docs_and_failures(read_sources([tmp_path]))
    assert failures == []
    assert [d.text for d in docs] == ["First article text.", "Second article text."]
    assert docs[1].source_path == str(tmp_path / "b" / "c.txt")


def test_zip_archive_members_are_read(tmp_path):
    p = tmp_path / "batch.zip"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("articles/one.txt", "One article.")
        zf.writestr("articles/two.html", (DATA / "voa_article.html").read_text())
        zf.writestr("__MACOSX/articles/._one.txt", b"\x00\x05\x16\x07")
        zf.writestr("table.csv", "title,text\nT,Row article.\n")
    docs, failures = docs_and_failures(read_sources([p]))
    assert failures == []
    assert [d.source_path for d in docs] == [
        f"{p}/articles/one.txt",
        f"{p}/articles/two.html",
        f"{p}/table.csv",
    ]
    assert docs[1].title == "Russian Navy Fires Missiles into Syria"


def test_a_file_that_is_really_a_pdf_is_read_as_one_whatever_its_name(tmp_path):
    p = tmp_path / "download"
    p.write_bytes(make_pdf([["Text inside a PDF without an extension."]]))
    [doc] = read_sources([p])
    assert doc.text == "Text inside a PDF without an extension."


def test_format_can_be_forced(tmp_path):
    p = tmp_path / "export.dat"
    p.write_text(json.dumps([{"text": "Forced JSON article."}]))
    [doc] = read_sources([p], format="json")
    assert doc.text == "Forced JSON article."
    with pytest.raises(IngestError, match="not a known format"):
        list(read_sources([p], format="xls"))


def test_formats_lists_every_reader():
    names = {f.name for f in formats()}
    assert {"text", "html", "docx", "pdf", "csv", "tsv", "json", "jsonl", "nexis", "factiva"} <= names


def test_progress_is_reported_in_bytes_and_cancel_stops_between_articles(wikinews_csv):
    calls: list[tuple[int, int]] = []
    docs = list(read_sources([wikinews_csv], state=TaskState(on_progress=lambda d, t: calls.append((d, t)))))
    size = Path(wikinews_csv).stat().st_size
    assert calls[0] == (0, size) and calls[-1] == (size, size)
    assert all(a[0] <= b[0] for a, b in zip(calls, calls[1:], strict=False))
    assert len(docs) == 171
    seen: list[Document] = []
    state = TaskState()
    for d in read_sources([wikinews_csv], state=state):
        seen.append(d)
        if len(seen) == 10:
            state.request_interruption()
    assert len(seen) == 10  # the stream ends quietly: the caller holds what was read


def test_documents_are_yielded_as_they_are_read(tmp_path):
    p = tmp_path / "big.csv"
    with p.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["text"])
        for i in range(1000):
            w.writerow([f"Article number {i}."])
    it = read_sources([p])
    first = next(it)
    assert first.text == "Article number 0."
    assert sum(1 for _ in it) == 999


def test_bytes_in_memory_can_be_read_by_a_chosen_reader():
    from annotator.ingest.reader_choice import choose_reader
    from annotator.ingest.registry import ReadOptions
    from annotator.ingest.sources import bytes_source

    src = bytes_source("pasted.txt", b"Pasted text.")
    [article] = list(choose_reader(src).read(src, ReadOptions()))
    assert article.text == "Pasted text."


def test_excel_workbook_rows(tmp_path):
    import datetime

    from tests.ingest.builders import make_xlsx

    p = tmp_path / "coded.xlsx"
    p.write_bytes(
        make_xlsx(
            [
                ["Headline", "Article text", "Paper", "Date", "Tone"],
                ["First", "Text of the first article.", "VOA", datetime.datetime(2015, 10, 7), 2],
                [None, None, None, None, None],
                ["Second", None, "VOA", "2015-10-08", 1],
                ["Third", "Text of the third.", "AP", "October 8, 2015", None],
            ]
        )
    )
    docs, failures = docs_and_failures(read_sources([p], columns={"text": "Article text"}))
    assert [(d.title, d.outlet, d.published) for d in docs] == [
        ("First", "VOA", "2015-10-07"),
        ("Third", "AP", "2015-10-08"),
    ]
    assert docs[0].metadata["Tone"] == "2"
    assert len(failures) == 1 and failures[0].reason.startswith("Row 4 of")


def test_csv_with_excel_sep_line(tmp_path):
    p = tmp_path / "excel.csv"
    p.write_text("sep=;\ntitle;text\nA;Text, with a comma.\n")
    [doc] = read_sources([p])
    assert (doc.title, doc.text) == ("A", "Text, with a comma.")


def test_every_fixture_gives_json_ready_metadata_and_one_line_nfc_fields(tmp_path):
    (tmp_path / "nfd.csv").write_text('title,text,author\n"Cafe\u0301\r\n  news",Text.,"Ame\u0301lie"\n')
    docs, _ = docs_and_failures(read_sources([DATA, tmp_path]))
    assert len(docs) >= 12
    for d in docs:
        json.dumps(d.metadata)
        for value in (d.title, d.outlet, d.author, d.published):
            assert "\n" not in value and value == value.strip()
    nfd = next(d for d in docs if d.source_path.endswith("nfd.csv"))
    assert (nfd.title, nfd.author) == ("Caf\u00e9 news", "Am\u00e9lie")


def test_mixed_folder_reads_the_good_and_reports_the_bad_the_same_way_twice(tmp_path):
    from tests.ingest.builders import build_mixed_folder

    expected = build_mixed_folder(tmp_path / "batch")
    first = list(read_sources([tmp_path / "batch"]))
    docs = [r for r in first if isinstance(r, Document)]
    failures = [r for r in first if isinstance(r, ReadFailure)]
    assert len(docs) == expected["documents"], [d.source_path for d in docs]
    assert len(failures) == expected["failures"], [f.reason for f in failures]
    assert len({f.source_path for f in failures}) == len(failures)
    again = [r.id for r in read_sources([tmp_path / "batch"]) if isinstance(r, Document)]
    assert again == [d.id for d in docs]


def test_file_names_in_document_properties_are_not_titles(tmp_path):
    p = tmp_path / "a.pdf"
    p.write_bytes(
        make_pdf(
            [["Carter calls strategy flawed"], ["Carter said the strategy was flawed."]],
            title="Microsoft Word - carter_draft3.docx",
        )
    )
    [doc] = read_sources([p])
    assert doc.title == "Carter calls strategy flawed"
    d = tmp_path / "b.docx"
    d.write_bytes(make_docx(["Body text of the article."], title="report.docx", heading="The real headline"))
    [doc] = read_sources([d])
    assert doc.title == "The real headline"


def test_pdf_lines_are_joined_into_paragraphs(tmp_path):
    lines = [
        "Russia said Wednesday it has used four warships in the Caspian",
        "Sea to launch rockets at Islamic State targets in the war-",
        "torn country.",
        "Shoigu told Putin the vessels fired 26 cruise missiles at 11",
        "targets that he said were destroyed and caused no casualties.",
        "He said there were no civilian casualties.",
    ]
    p = tmp_path / "wrapped.pdf"
    p.write_bytes(make_pdf([lines], title="Wrapped"))
    [doc] = read_sources([p])
    assert doc.text == (
        "Russia said Wednesday it has used four warships in the Caspian Sea to launch rockets at Islamic State "
        "targets in the war-torn country.\n\n"
        "Shoigu told Putin the vessels fired 26 cruise missiles at 11 targets that he said were destroyed and "
        "caused no casualties. He said there were no civilian casualties."
    )
    assert b"war-) '" in doc.raw  # the raw PDF is kept as it was


def test_table_columns_for_an_import_dialog(tmp_path):
    from annotator.ingest.preview import table_columns
    from tests.ingest.builders import make_xlsx

    semicolon = table_columns(DATA / "semicolon_export.csv")
    assert semicolon.columns == ["Titel", "Inhalt", "Zeitung", "Datum"]
    assert "has no text column" in semicolon.problem
    mapped = table_columns(DATA / "semicolon_export.csv", columns={"text": "Inhalt"})
    assert mapped.mapping == {"text": "Inhalt"} and mapped.problem == ""
    guardian = table_columns(DATA / "guardian_api.json")
    assert "fields.bodyText" in guardian.columns and guardian.mapping["text"] == "fields.bodyText"
    jsonl = table_columns(DATA / "articles.jsonl")
    assert jsonl.mapping == {
        "text": "body",
        "title": "headline",
        "published": "pubdate",
        "outlet": "source",
        "url": "link",
    }
    utf16 = tmp_path / "u.tsv"
    utf16.write_bytes("titel\ttext\nA\tB\n".encode("utf-16"))
    assert table_columns(utf16).columns == ["titel", "text"]
    book = tmp_path / "b.xlsx"
    book.write_bytes(make_xlsx([["Headline", "Body"], ["A", "B"]]))
    assert table_columns(book).mapping == {"text": "Body", "title": "Headline"}
    assert table_columns(DATA / "voa_article.html") is None


def test_json_array_is_streamed_across_chunk_boundaries(tmp_path):
    items = [
        {"text": f"Article {i}. " + "word " * (i * 997 % 5000), "n": i * 1.5, "id": i} for i in range(600)
    ]
    items.insert(300, {"text": "A huge one. " + "x" * (3 << 20), "n": 12345678901234567890})
    p = tmp_path / "big.json"
    p.write_text(json.dumps(items, indent=1), encoding="utf-8")
    docs, failures = docs_and_failures(read_sources([p]))
    assert failures == []
    assert len(docs) == 601
    assert [d.metadata["n"] for d in docs[299:302]] == [448.5, 12345678901234567890, 450.0]
    assert docs[-1].metadata["source_id"] == "599"
    assert docs[300].text.startswith("A huge one. xxx") and len(docs[300].text) == 12 + (3 << 20)
