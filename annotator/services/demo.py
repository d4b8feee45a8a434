"""Build the demo project (``annotator demo``) from ``resources/demo/``.

The demo holds ten invented news articles about the Russian strikes in Syria in
autumn 2015, the Syria example codebook, and the work of three coders with
realistic partial disagreement, so that comparison and agreement have real
data to show. The coders' annotations are anchored by quoted text in
``resources/demo/annotations.yaml``; each anchor is resolved to offsets in the
article's stored (cleaned) text, and an anchor that does not match is an error
that names the article and the quote.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from annotator.core.codebook import Codebook
from annotator.core.errors import AnnotatorError, ProjectError
from annotator.core.models import STATUSES, Annotation, Coder, DocumentCode
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange.codebook_yaml import parse_codebook
from annotator.resources_path import resource
from annotator.services.importing import ImportOptions, import_batch
from annotator.store.project import Project

DEMO_PROJECT_NAME = "Demo: Russian strikes in Syria, 2015"
BATCH_NAME = "Demo articles"


class DemoError(AnnotatorError):
    """The demo content in resources/demo/ is inconsistent (a bug in the package)."""


@dataclass
class DemoSummary:
    path: Path
    documents: int
    coders: list[str]
    annotations: int
    codebook: str
    document_codes: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    notice: str = ""  # e.g. that no trained spaCy pipeline is installed

    def describe(self) -> str:
        return (
            f"{self.path}: {self.documents} articles, {self.annotations} annotations and "
            f"{self.document_codes} article-level codes by {', '.join(self.coders)}; "
            f"codebook {self.codebook!r}."
        )


# --- the demo content -----------------------------------------------------------


@dataclass(frozen=True)
class DemoArticle:
    file: str
    title: str
    outlet: str
    author: str
    date: str
    url: str
    text: str  # as written, debris and all: the import cleans it


def _read_yaml(*parts: str) -> Any:
    node = resource("demo", *parts)
    try:
        return yaml.safe_load(node.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DemoError(f"The demo file {'/'.join(parts)} cannot be read ({exc}).") from exc


def demo_articles() -> list[DemoArticle]:
    data = _read_yaml("articles.yaml")
    out = []
    for entry in data["articles"]:
        node = resource("demo", "articles", entry["file"])
        if not node.is_file():
            raise DemoError(f"The demo article {entry['file']} listed in articles.yaml is missing.")
        out.append(
            DemoArticle(
                file=entry["file"],
                title=str(entry["title"]),
                outlet=str(entry.get("outlet", "")),
                author=str(entry.get("author", "")),
                date=str(entry.get("date", "")),
                url=str(entry.get("url", "")),
                text=node.read_text(encoding="utf-8"),
            )
        )
    return out


def demo_annotations() -> dict[str, Any]:
    return _read_yaml("annotations.yaml")


def demo_codebook(name: str = "syria_2015.yaml") -> Codebook:
    return parse_codebook(resource("codebooks", name).read_text(encoding="utf-8"), source=name)


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Offsets of the ``occurrence``-th match of ``quote`` in ``text`` (code points)."""
    quote = unicodedata.normalize("NFC", quote)
    if not quote:
        return None
    pos = -1
    for _ in range(max(1, occurrence)):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            return None
    return pos, pos + len(quote)


# --- building -------------------------------------------------------------------


def build_demo(path: str | Path, *, state: TaskState = NULL_STATE) -> DemoSummary:
    """Create the demo project at ``path``; refuse if the file exists.

    ``state`` counts the articles as they are imported and coded.
    On any error, or when interrupted, the half-built file is removed, so a
    retry starts afresh.
    """
    path = Path(path)
    if path.exists():
        raise ProjectError(f"{path} already exists; choose another file name or remove it first.")
    path.parent.mkdir(parents=True, exist_ok=True)
    articles = demo_articles()
    spec = demo_annotations()
    codebook = demo_codebook(spec.get("codebook", "syria_2015.yaml"))
    total = 2 + 2 * len(articles)
    done = 0

    def step(n: int = 1) -> None:
        nonlocal done
        done += n
        state.set_progress(min(done, total), total)
        state.check("Building the demo was cancelled; no project was created.")

    project = Project.create(path, name=DEMO_PROJECT_NAME)
    try:
        project.codes.import_codebook(codebook)
        step()
        notice, doc_ids = _import_articles(project, articles)
        step(len(articles))
        coders = _add_coders(project, spec)
        ids = [doc_ids[a.file] for a in articles]
        for coder in coders.values():
            project.workflow.assign(ids, coder.id)
        step()
        counts = _code_articles(project, codebook, articles, doc_ids, coders, spec, step)
        _set_statuses(project, articles, doc_ids, coders, spec)
        summary = DemoSummary(
            path=path,
            documents=len(doc_ids),
            coders=list(coders),
            annotations=counts["annotations"],
            codebook=codebook.name,
            document_codes=counts["document_codes"],
            statuses=_status_totals(project),
            notice=notice,
        )
    except BaseException:
        project.close()
        _remove_project_file(path)
        raise
    project.close()
    return summary


def is_demo_project(path: str | Path) -> bool:
    """Whether ``path`` is a demo project, the only file ``demo --force`` may replace."""
    try:
        with Project.open(path, readonly=True) as project:
            return project.name == DEMO_PROJECT_NAME
    except AnnotatorError:
        return False


def _remove_project_file(path: Path) -> None:
    for p in (
        path,
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        path.with_name(path.name + "-journal"),
    ):
        with contextlib.suppress(OSError):
            p.unlink()


def _import_articles(project: Project, articles: list[DemoArticle]) -> tuple[str, dict[str, str]]:
    """Import through the import service (cleaning, spaCy segmentation).
    Returns a notice for the user and {file: document id}."""
    with tempfile.TemporaryDirectory(prefix="annotator-demo-") as tmp:
        # One JSON Lines file carries each article's text with its metadata
        # (outlet, author, date, URL), which plain .txt files cannot.
        batch_file = Path(tmp) / "demo-articles.jsonl"
        with batch_file.open("w", encoding="utf-8") as fh:
            for a in articles:
                fh.write(
                    json.dumps(
                        {
                            "text": a.text,
                            "title": a.title,
                            "outlet": a.outlet,
                            "author": a.author,
                            "date": a.date,
                            "url": a.url,
                            "file": a.file,
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
        report = import_batch(project, [batch_file], ImportOptions(name=BATCH_NAME))
    if report.failed:
        first = report.failed[0]
        raise DemoError(f"A demo article could not be imported: {first.get('reason', first)}")
    doc_ids: dict[str, str] = {}
    for doc in project.documents.iter_documents():
        name = (doc.metadata or {}).get("file")
        if name:
            doc_ids[str(name)] = doc.id
    missing = [a.file for a in articles if a.file not in doc_ids]
    if missing:
        raise DemoError(f"The demo article {missing[0]} was not imported.")
    return report.notice, doc_ids


def _add_coders(project: Project, spec: dict[str, Any]) -> dict[str, Coder]:
    coders: dict[str, Coder] = {}
    for entry in spec["coders"]:
        coder = Coder(
            name=str(entry["name"]), color=str(entry.get("color", "#4477aa")), role=entry.get("role", "coder")
        )
        coders[coder.name] = project.add_coder(coder)
    return coders


def _code(codebook: Codebook, code_path: str, where: str) -> str:
    code = codebook.by_path(code_path)
    if code is None:
        raise DemoError(f"{where} uses the code {code_path!r}, which the demo codebook does not have.")
    return code.id


def _code_articles(
    project: Project,
    codebook: Codebook,
    articles: list[DemoArticle],
    doc_ids: dict[str, str],
    coders: dict[str, Coder],
    spec: dict[str, Any],
    step: Callable[[int], None],
) -> dict[str, int]:
    by_article: dict[str, list[dict[str, Any]]] = {a.file: [] for a in articles}
    for entry in spec.get("annotations", []):
        if entry["article"] not in by_article:
            raise DemoError(
                f"annotations.yaml names the article {entry['article']!r}, which is not a demo article."
            )
        by_article[entry["article"]].append(entry)
    paths = {
        code_path: _code(codebook, code_path, "annotations.yaml")
        for code_path in {e["code"] for e in spec.get("annotations", []) + spec.get("document_codes", [])}
    }
    annotations = 0
    for a in articles:
        doc_id = doc_ids[a.file]
        text = project.documents.document_text(doc_id)
        with project.transaction():
            for entry in by_article[a.file]:
                coder = _coder(coders, entry)
                quote = str(entry["quote"])
                found = find_quote(text, quote, int(entry.get("occurrence", 1)))
                if found is None:
                    raise DemoError(
                        f"The quote {quote!r} ({entry['coder']}, {entry['code']}) is not in the stored "
                        f"text of the demo article {a.file}."
                    )
                try:
                    written = project.annotations.add_annotation(
                        Annotation(
                            document_id=doc_id,
                            coder_id=coder.id,
                            code_id=paths[entry["code"]],
                            start=found[0],
                            end=found[1],
                            note=str(entry.get("note", "") or ""),
                        )
                    )
                except AnnotatorError as exc:
                    raise DemoError(
                        f"The demo annotation {quote[:60]!r} by {coder.name} in {a.file} was refused: {exc}"
                    ) from exc
                if not written.created:
                    raise DemoError(
                        f"The demo annotation {quote[:60]!r} by {coder.name} in {a.file} overlaps "
                        f"another span of the same code and was merged into it."
                    )
                annotations += 1
        step(1)
    document_codes = 0
    with project.transaction():
        for entry in spec.get("document_codes", []):
            if entry["article"] not in doc_ids:
                raise DemoError(
                    f"annotations.yaml names the article {entry['article']!r}, which is not a demo article."
                )
            project.annotations.set_document_code(
                DocumentCode(
                    doc_ids[entry["article"]],
                    _coder(coders, entry).id,
                    paths[entry["code"]],
                    note=str(entry.get("note", "") or ""),
                )
            )
            document_codes += 1
    return {"annotations": annotations, "document_codes": document_codes}


def _coder(coders: dict[str, Coder], entry: dict[str, Any]) -> Coder:
    coder = coders.get(str(entry["coder"]))
    if coder is None:
        raise DemoError(f"annotations.yaml names the coder {entry['coder']!r}, who is not a demo coder.")
    return coder


def _set_statuses(
    project: Project,
    articles: list[DemoArticle],
    doc_ids: dict[str, str],
    coders: dict[str, Coder],
    spec: dict[str, Any],
) -> None:
    default = spec.get("default_status", "done")
    status = {(doc_ids[a.file], c.id): default for a in articles for c in coders.values()}
    for entry in spec.get("status", []):
        if entry["status"] not in STATUSES:
            raise DemoError(f"annotations.yaml gives the unknown status {entry['status']!r}.")
        status[(doc_ids[entry["article"]], _coder(coders, entry).id)] = entry["status"]
    with project.transaction():
        for (doc_id, coder_id), value in status.items():
            project.workflow.set_status(doc_id, coder_id, value)


def _status_totals(project: Project) -> dict[str, int]:
    totals: dict[str, int] = {}
    for a in project.workflow.assignments():
        totals[a.status] = totals.get(a.status, 0) + 1
    return totals


def default_demo_path() -> Path:
    """Where ``annotator demo`` puts the demo project when no path is given."""
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "Annotator demo.annotator"
