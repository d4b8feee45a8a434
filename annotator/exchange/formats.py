"""The registry of exchange formats and the two entry points the command line
and the GUI call: :func:`export_data` and :func:`import_data`."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import ExchangeError
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange import (
    brat_format,
    csv_format,
    docbin_format,
    doccano_format,
    inception_layout,
    jsonl_format,
    labelstudio_format,
    prodigy_format,
    refi_codebook,
    refi_qdpx,
    refi_qdpx_read,
    uima_xmi,
    webanno_tsv,
    xlsx_format,
)
from annotator.exchange.bundle import ImportResult, ProjectData
from annotator.exchange.export_source import ExportSource
from annotator.exchange.refi_names import repeated_names


@dataclass(frozen=True)
class ExchangeFormat:
    name: str
    label: str  # for menus and --help
    extensions: tuple[str, ...]  # what a file of this format ends with; "" for a folder
    exporter: Callable[..., list[Path]] | None
    importer: Callable[..., ImportResult] | None
    description: str = ""
    # reads the annotations only from the source's annotation table, so a source
    # whose table refuses a problem row needs no problems() pass before writing
    annotations_from_table: bool = False

    @property
    def can_export(self) -> bool:
        return self.exporter is not None

    @property
    def can_import(self) -> bool:
        return self.importer is not None


FORMATS: dict[str, ExchangeFormat] = {
    f.name: f
    for f in (
        ExchangeFormat(
            "csv",
            "CSV (annotations + article-level codes)",
            (".csv",),
            csv_format.export_csv,
            csv_format.import_csv,
            "Two files; import needs the texts to be in the project already.",
            annotations_from_table=True,
        ),
        ExchangeFormat(
            "jsonl",
            "JSON Lines",
            (".jsonl", ".ndjson"),
            jsonl_format.export_jsonl,
            jsonl_format.import_jsonl,
            "One record per line: coders, codes, documents with texts, annotations.",
        ),
        ExchangeFormat(
            "xlsx",
            "Excel workbook",
            (".xlsx",),
            xlsx_format.export_xlsx,
            None,
            "Sheets: annotations, article codes, codebook, documents.",
        ),
        ExchangeFormat(
            "spacy",
            "spaCy DocBin",
            (".spacy",),
            docbin_format.export_docbin,
            docbin_format.import_docbin,
            "One Doc per document, a span group per coder.",
        ),
        ExchangeFormat(
            "brat",
            "brat standoff folder",
            ("",),
            brat_format.export_brat,
            brat_format.import_brat,
            "A .txt per document and an .ann per document and coder.",
        ),
        ExchangeFormat(
            "qdpx",
            "REFI-QDA project",
            (".qdpx",),
            refi_qdpx.export_qdpx,
            refi_qdpx_read.import_qdpx,
            "For ATLAS.ti, MAXQDA, NVivo, QualCoder and other QDA programs.",
        ),
        ExchangeFormat(
            "qdc",
            "REFI-QDA codebook",
            (".qdc",),
            refi_codebook.export_qdc,
            refi_codebook.import_qdc,
            "The codebook only.",
        ),
        ExchangeFormat(
            "prodigy",
            "Prodigy tasks (JSON Lines)",
            (".jsonl",),
            prodigy_format.export_prodigy,
            prodigy_format.import_prodigy,
            "One task per document and coder: spans, article codes as choices, the coder as _annotator_id.",
        ),
        ExchangeFormat(
            "doccano",
            "doccano (JSON Lines per coder)",
            ("",),
            doccano_format.export_doccano,
            doccano_format.import_doccano,
            "A folder with one .jsonl per coder, a line per document; import reads a file or the folder.",
        ),
        ExchangeFormat(
            "labelstudio",
            "Label Studio tasks (JSON)",
            (".json",),
            labelstudio_format.export_labelstudio,
            labelstudio_format.import_labelstudio,
            "A list of tasks, an annotation per coder, suggestions as predictions; "
            "the labeling config beside it.",
        ),
        ExchangeFormat(
            "xmi",
            "UIMA CAS XMI (INCEpTION)",
            (".zip", ".xmi"),
            uima_xmi.export_xmi,
            uima_xmi.import_xmi,
            "A folder or .zip as INCEpTION exports projects: annotation/<document>/<coder>.xmi, TypeSystem.xml.",
        ),
        ExchangeFormat(
            "webanno",
            "WebAnno TSV 3.3 (INCEpTION)",
            (".zip", ".tsv"),
            webanno_tsv.export_webanno_tsv,
            webanno_tsv.import_webanno_tsv,
            "A folder or .zip as INCEpTION exports projects: annotation/<document>/<coder>.tsv.",
        ),
    )
}

# The formats that write rows as they read them, so they can take a project
# file's reader; the others build their output per document from a whole bundle
# in memory (brat, spaCy, task formats, INCEpTION) or carry no codings (qdc).
STREAMED = frozenset({"csv", "jsonl", "xlsx", "qdpx"})

# What the task-per-document formats cannot carry; each module knows its own.
TASK_FORMAT_LOSSES: dict[str, Callable[[ProjectData], list[str]]] = {
    "prodigy": prodigy_format.data_loss,
    "doccano": doccano_format.data_loss,
    "labelstudio": labelstudio_format.data_loss,
}


def get_format(fmt: str) -> ExchangeFormat:
    try:
        return FORMATS[fmt.lower().lstrip(".")]
    except KeyError:
        raise ExchangeError(f"Unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.") from None


def guess_format(path: Path) -> str:
    """The format a path most likely holds: by extension, a folder is brat."""
    if path.is_dir():
        # brat's own layout has a folder per coder under one annotation.conf
        if any(path.glob("*.ann")) or any(path.glob("*/*.ann")) or (path / "annotation.conf").is_file():
            return "brat"
        for name, fmt in (("annotations.csv", "csv"), ("annotations.jsonl", "jsonl")):
            if (path / name).is_file():
                return fmt
    inception = inception_layout.sniff(path, {"xmi": ".xmi", "webanno": ".tsv"})
    if inception:
        return inception
    suffix = path.suffix.lower()
    for f in FORMATS.values():
        if suffix and suffix in f.extensions:
            return f.name
    if suffix == ".ann":
        return "brat"
    raise ExchangeError(f"Cannot tell the format of {path.name}; name it with --format.")


def data_loss(data: ExportSource, fmt: str, *, unique_code_names: bool = True) -> list[str]:
    """What an export in ``fmt`` cannot carry for this data, one sentence each,
    for the user to see before or after exporting (REFI-QDA 1.5, section 7).
    ``unique_code_names`` is the REFI-QDA export option of that name. Counted
    by ``data.facts()``: a project file answers with aggregate queries."""
    name = get_format(fmt).name
    lost: list[str] = []

    def count(n: int, what: str) -> None:
        if n:
            lost.append(f"{n} {what}.")

    # the CSV's one loss needs no facts, which would cost a project file a pass over its annotations
    if name == "csv":
        count(len(data.coders), "coders' colours and roles stay behind (JSONL keeps them)")
        return lost
    facts = data.facts()

    if name == "brat":
        count(facts.document_codes, "article-level codes are not exported, brat has no place for them")
        count(
            facts.documents_with_metadata,
            "documents' metadata (outlet, date, URL) stay behind, brat keeps only the text",
        )
        count(facts.annotations_not_manual, "annotation origins (suggestion, adjudicated) are lost")
    if name in {"qdpx", "qdc"}:
        count(sum(1 for c in data.codebook if c.shortcut), "code shortcut keys are not part of REFI-QDA")
        if not unique_code_names:
            repeats = repeated_names(data.codebook)
            count(
                sum(1 for c in data.codebook if c.name in repeats),
                "codes share a name with a code in another group; QualCoder keeps one code per name "
                "and moves the others' codings to it (export with unique code names to keep them apart)",
            )
    if name == "qdpx":
        count(facts.annotations_not_manual, "annotation origins (suggestion, adjudicated) are lost")
        count(facts.documents_with_extra_metadata, "documents' extra metadata are not exported")
    if name == "qdc":
        count(facts.annotations + facts.document_codes, "codings are not part of a codebook file")
    if name in {"xmi", "webanno"}:
        count(facts.annotations_not_manual, "annotation origins (suggestion, adjudicated) are lost")
        kept = "title and URL go out" if name == "xmi" else "title goes out, as a folder name"
        count(
            facts.documents_with_more_than_title_and_url,
            f"documents' outlet, author, date and extra metadata stay behind (only the {kept})",
        )
        count(len(data.coders), "coders' colours and roles stay behind (only their names go out)")
        count(facts.annotations_timed, "annotations' creation and change times are not exported")
    if name == "webanno":
        count(facts.document_codes, "article-level codes are not exported, WebAnno TSV has no place for them")
        count(facts.notes_with_carriage_returns, "notes' carriage returns become line feeds")
    if name == "xlsx":
        count(facts.annotations_too_long_for_a_cell, "cells longer than Excel's 32,767 characters are cut")
    if name in {"qdpx", "qdc", *TASK_FORMAT_LOSSES}:  # the others write the code table, level included
        count(
            sum(1 for c in data.codebook if c.level != "nominal"),
            "variables lose their level of measurement (ordinal, interval, ratio): the format has no "
            "place for it, so they read back as nominal",
        )
    if name in TASK_FORMAT_LOSSES:
        if not isinstance(data, ProjectData):
            raise TypeError(f"the {name} format's losses are counted on the data in memory")
        lost += TASK_FORMAT_LOSSES[name](data)
    return lost


def export_data(
    data: ExportSource, fmt: str, out: Path, *, state: TaskState = NULL_STATE, **options: Any
) -> list[Path]:
    """Write ``data`` (a bundle, or a project file's reader for the formats in
    ``STREAMED``) in format ``fmt`` to ``out`` (a file or a folder) and return
    the files written. ``options`` go to the format (spacy: ``nlp`` or
    ``pipeline``; jsonl: ``include_texts``; qdpx: ``name``; qdpx and qdc:
    ``unique_code_names``, on unless False). Interrupted, it
    raises Cancelled and leaves no file."""
    f = get_format(fmt)
    if f.exporter is None:
        raise ExchangeError(f"The {f.label} format can be imported but not exported.")
    if f.name not in STREAMED and not isinstance(data, ProjectData):
        raise TypeError(f"the {f.name} exporter needs the data in memory (a ProjectData)")
    problems = [] if f.annotations_from_table and data.refuses_problem_rows else data.problems()
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise ExchangeError(problems[0].rstrip(".") + more + ".")
    out = Path(out)
    existed = out.exists()
    try:
        return f.exporter(data, out, state=state, **options)
    except OSError as e:
        _drop_empty_folder(out, existed)
        raise ExchangeError(f"Cannot write {e.filename or out}: {e.strerror or e}.") from e
    except BaseException:
        _drop_empty_folder(out, existed)
        raise


def _drop_empty_folder(out: Path, existed: bool) -> None:
    """A folder export that stopped before its first file leaves no empty
    folder behind, which would look like an export; a folder the user had is kept."""
    if not existed and out.is_dir():
        try:
            out.rmdir()  # only when empty: never removes a file
        except OSError:
            pass


def import_data(
    path: Path,
    fmt: str | None = None,
    *,
    coder_from_filename: str | None = None,
    coder: str | None = None,
    existing: ProjectData | None = None,
) -> ImportResult:
    """Read ``path`` in format ``fmt`` (guessed from the name when None).

    The result's documents, codes and coders are reconciled with ``existing``:
    the same text is the same document, codes and coders are found by id, then
    by name, and created otherwise. CSV needs ``existing`` to hold the texts.
    ``coder`` names the coder for files that may not (doccano, Prodigy, Label Studio).
    """
    path = Path(path)
    if not path.exists():
        raise ExchangeError(f"{path} does not exist.")
    f = get_format(fmt or guess_format(path))
    if f.importer is None:
        raise ExchangeError(f"The {f.label} format can be exported but not imported.")
    kwargs: dict[str, Any] = {"existing": existing}
    if coder_from_filename is not None:
        if f.name != "brat":
            raise ExchangeError("A coder-from-file-name pattern only applies to brat folders.")
        kwargs["coder_from_filename"] = coder_from_filename
    if coder:
        if "coder" not in inspect.signature(f.importer).parameters:
            takers = ", ".join(TASK_FORMAT_LOSSES)
            raise ExchangeError(f"A coder name only applies to {takers} files, which can lack one.")
        kwargs["coder"] = coder
    try:
        return f.importer(path, **kwargs)
    except OSError as e:
        raise ExchangeError(f"Cannot read {e.filename or path}: {e.strerror or e}.") from e
    except RecursionError:
        raise ExchangeError(f"{path.name} is nested too deeply to be read.") from None
