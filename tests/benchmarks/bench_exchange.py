"""Export speed and memory of the streamed formats against their floors, and
the speed of every format's export and import on data in memory.

Run: PYTHONPATH=. python tests/benchmarks/bench_exchange.py [--docs 1000 4000 16000] [--repeat 3]
     PYTHONPATH=. python tests/benchmarks/bench_exchange.py --all-formats [--docs 1000]

For each project size (a seeded synthetic project file: 3 coders, 20 spans
each per document) and each streamed format it prints the median wall time
and peak memory (resident set of a fresh process) of ``export_project``, of
the floor (the bare writer library, csv / json / openpyxl write-only / lxml
``etree.xmlfile``, writing what the export writes, its columns, keys and
elements, from one SQL query per table), and the ratios. The floors read
stored quotes and ids where the export cuts quotes from the texts and derives
REFI-QDA GUIDs, and they neither escape formulas nor sync the files to disk. Each measurement runs in its own process, so peaks do not mix.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.exchange.bundle import ProjectData


HERE = Path(__file__).resolve().parent
STREAMED = {"csv": ".csv", "jsonl": ".jsonl", "xlsx": ".xlsx", "qdpx": ".qdpx"}
WORDS = (
    "minister said talks were naïve appeasement 👍🏽 Zürich 東京 officials NGO monitor called it "
    "tragically flawed ceasefire holds spokesperson for the UN remain hopeful"
).split()

# --- the floors: one SQL query per table, the bare writer library --------------

# a code's path, as the export writes it: the bench's codebook has two levels
CODE_PATH = "coalesce(p.name || '/', '') || k.name"
ANNOTATIONS_SQL = (
    "SELECT d.id, d.title, d.outlet, d.published, d.url, a.coder_id, c.name, a.code_id, "
    f"{CODE_PATH}, a.start, a.\"end\", a.quote, a.note, a.origin, a.id, coalesce(a.link, ''), a.created_at, "
    "a.updated_at FROM documents d CROSS JOIN annotations a ON d.id = a.document_id "
    "JOIN coders c ON c.id = a.coder_id JOIN codes k ON k.id = a.code_id LEFT JOIN codes p ON p.id = k.parent_id "
    'WHERE a.deleted = 0 ORDER BY d.rowid, a.coder_id, a.start, a."end", a.code_id'
)
DOCUMENT_CODES_SQL = (
    "SELECT d.id, d.title, d.outlet, d.published, d.url, dc.coder_id, c.name, dc.code_id, "
    f"{CODE_PATH}, dc.value, dc.note, dc.updated_at FROM document_codes dc "
    "JOIN documents d ON d.id = dc.document_id JOIN coders c ON c.id = dc.coder_id "
    "JOIN codes k ON k.id = dc.code_id LEFT JOIN codes p ON p.id = k.parent_id WHERE dc.deleted = 0 "
    "ORDER BY dc.rowid"
)
DOCUMENTS_SQL = (
    "SELECT id, title, outlet, author, published, url, language, text FROM documents ORDER BY rowid"
)
CODES_SQL = (
    f"SELECT k.id, {CODE_PATH}, k.name, coalesce(k.parent_id, ''), k.description, k.color, k.shortcut, "
    "k.scope, k.sort_order, k.exclusive, k.archived, k.level FROM codes k LEFT JOIN codes p ON p.id = k.parent_id "
    "ORDER BY k.rowid"
)
# the export's column names (annotator.exchange.tabular), which the floor writes too
ANNOTATION_NAMES = (
    "document_id document_title outlet published url coder_id coder code_id code start end quote note "
    "origin annotation_id link created_at updated_at"
).split()
DOCUMENT_CODE_NAMES = (
    "document_id document_title outlet published url coder_id coder code_id code value note updated_at"
).split()
DOCUMENT_NAMES = "document_id title outlet author published url language".split()
CODE_NAMES = (
    "code_id code name parent_id description color shortcut scope order exclusive archived level".split()
)


def floor_csv(conn: sqlite3.Connection, out: Path) -> None:
    import csv

    for sql, names, name in (
        (ANNOTATIONS_SQL, ANNOTATION_NAMES, "x.csv"),
        (DOCUMENT_CODES_SQL, DOCUMENT_CODE_NAMES, "x_document_codes.csv"),
        (CODES_SQL, CODE_NAMES, "x_codebook.csv"),
    ):
        # the byte-order mark by hand, as the export writes it: the utf-8-sig codec
        # would cost the floor a Python call per row
        with open(out.parent / name, "w", encoding="utf-8", newline="") as fh:
            fh.write("\ufeff")
            writer = csv.writer(fh)
            writer.writerow(names)
            writer.writerows(conn.execute(sql))


def floor_jsonl(conn: sqlite3.Connection, out: Path) -> None:
    """One json.dumps per record, with the keys and the type the export writes."""
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        for row in conn.execute("SELECT id, name, color, role FROM coders ORDER BY rowid"):
            fh.write(
                json.dumps(
                    {"type": "coder", **dict(zip(("id", "name", "color", "role"), row, strict=True))},
                    ensure_ascii=False,
                )
            )
            fh.write("\n")
        for row in conn.execute(CODES_SQL):
            fh.write(
                json.dumps({"type": "code", **dict(zip(CODE_NAMES, row, strict=True))}, ensure_ascii=False)
            )
            fh.write("\n")
        cur = conn.execute(DOCUMENTS_SQL.replace(", text", ", metadata, text"))
        for *fields, metadata, text in cur:
            record = {"type": "document", **dict(zip(DOCUMENT_NAMES, fields, strict=True))}
            record["metadata"] = json.loads(metadata or "{}")
            record["text"] = text
            fh.write(json.dumps(record, ensure_ascii=False))
            fh.write("\n")
        for sql, kind, names in (
            (ANNOTATIONS_SQL, "annotation", ANNOTATION_NAMES),
            (DOCUMENT_CODES_SQL, "document_code", DOCUMENT_CODE_NAMES),
        ):
            for row in conn.execute(sql):
                fh.write(json.dumps({"type": kind, **dict(zip(names, row, strict=True))}, ensure_ascii=False))
                fh.write("\n")


def floor_xlsx(conn: sqlite3.Connection, out: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for title, sql in (("annotations", ANNOTATIONS_SQL), ("article codes", DOCUMENT_CODES_SQL)):
        ws = wb.create_sheet(title)
        for row in conn.execute(sql):
            ws.append(row)
    ws = wb.create_sheet("documents")
    for row in conn.execute(DOCUMENTS_SQL.replace(", text", ", length")):
        ws.append(row)
    wb.save(out)


def floor_qdpx(conn: sqlite3.Connection, out: Path) -> None:
    """lxml elements written by ``etree.xmlfile``: the elements and attributes
    the export writes (Users, CodeBook, each selection with its Coding,
    CodeRef, Description and NoteRef, the article-level codes, VariableValues,
    Notes, Links), the ids as they are stored where the export derives GUIDs."""
    from lxml import etree

    ns = "urn:QDA-XML:project:1.0"
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for doc_id, text in conn.execute("SELECT id, text FROM documents ORDER BY rowid"):
            zf.writestr(f"sources/{doc_id}.txt", text.encode("utf-8"))
        with zf.open("project.qde", "w") as entry, etree.xmlfile(entry, encoding="UTF-8") as xf:
            xf.write_declaration()
            with xf.element(f"{{{ns}}}Project", {"name": "floor"}, nsmap={None: ns}):
                users = etree.Element("Users")
                for cid, name in conn.execute("SELECT id, name FROM coders ORDER BY rowid"):
                    etree.SubElement(users, "User", {"guid": cid, "name": name, "id": cid})
                xf.write(users)
                book = etree.Element("CodeBook")
                codes = etree.SubElement(book, "Codes")
                for cid, name, color in conn.execute("SELECT id, name, color FROM codes ORDER BY rowid"):
                    etree.SubElement(
                        codes, "Code", {"guid": cid, "name": name, "isCodable": "true", "color": color}
                    )
                xf.write(book)
                with xf.element(f"{{{ns}}}Sources"):
                    _floor_sources(conn, xf, etree)
                # the Notes and Links sections that follow the sources, as REFI-QDA wants them
                with xf.element(f"{{{ns}}}Notes"):
                    for aid, coder, quote, note, created in conn.execute(
                        "SELECT a.id, a.coder_id, a.quote, a.note, a.created_at FROM documents d "
                        "CROSS JOIN annotations a ON d.id = a.document_id WHERE a.deleted = 0 AND a.note <> '' "
                        'ORDER BY d.rowid, a.coder_id, a.start, a."end", a.code_id'
                    ):
                        attrs = {
                            "guid": aid,
                            "name": quote,
                            "creatingUser": coder,
                            "creationDateTime": created,
                        }
                        n = etree.Element("Note", attrs)
                        etree.SubElement(n, "PlainTextContent").text = note
                        xf.write(n)
                    for doc_id, coder, value, note, updated in conn.execute(
                        "SELECT dc.document_id, dc.coder_id, dc.value, dc.note, dc.updated_at FROM documents d "
                        "CROSS JOIN document_codes dc ON d.id = dc.document_id WHERE dc.deleted = 0 "
                        "AND (dc.note <> '' OR dc.value <> '1') ORDER BY d.rowid, dc.rowid"
                    ):
                        n = etree.Element(
                            "Note",
                            {
                                "guid": doc_id,
                                "name": "Article-level code note",
                                "creatingUser": coder,
                                "creationDateTime": updated,
                            },
                        )
                        etree.SubElement(n, "PlainTextContent").text = f"[value: {value}] {note}"
                        xf.write(n)
                with xf.element(f"{{{ns}}}Links"):
                    for first, other in conn.execute(
                        "SELECT min(a.id), max(a.id) FROM annotations a WHERE a.deleted = 0 AND a.link IS NOT NULL "
                        "GROUP BY a.document_id, a.link HAVING count(*) > 1"
                    ):
                        xf.write(
                            etree.Element(
                                "Link",
                                {
                                    "guid": first,
                                    "name": "fragment",
                                    "direction": "Associative",
                                    "originGUID": first,
                                    "targetGUID": other,
                                },
                            )
                        )


VARIABLES = ("outlet", "published", "url", "author", "language")


def _floor_sources(conn: sqlite3.Connection, xf, etree) -> None:
    source = None
    current = None
    doc = None
    sub = etree.SubElement
    # the article-level codes, read beside the annotations by a second cursor in document order
    doc_codes = conn.cursor().execute(
        "SELECT d.rowid, dc.coder_id, dc.code_id, dc.value, dc.note, dc.updated_at FROM documents d "
        "CROSS JOIN document_codes dc ON d.id = dc.document_id WHERE dc.deleted = 0 ORDER BY d.rowid, dc.rowid"
    )
    pending = [next(doc_codes, None)]
    for row in conn.execute(
        "SELECT d.rowid, d.id, d.title, d.added_at, d.outlet, d.published, d.url, d.author, d.language, d.length, "
        'a.id, a.coder_id, a.code_id, a.start, a."end", a.quote, a.note, a.created_at, a.updated_at '
        "FROM documents d CROSS JOIN annotations a ON d.id = a.document_id "
        'WHERE a.deleted = 0 ORDER BY d.rowid, a.coder_id, a.start, a."end", a.code_id'
    ):
        rowid, doc_id, title, added, *variables, length = row[:10]
        aid, coder, code, start, end, quote, note, created, updated = row[10:]
        if doc_id != current:
            if source is not None:
                _floor_close(source, doc, doc_codes, pending, etree)
                xf.write(source)
            current = doc_id
            doc = (rowid, doc_id, variables, length)
            source = etree.Element(
                "TextSource",
                {
                    "guid": doc_id,
                    "name": f"{title}.txt",
                    "plainTextPath": f"internal://{doc_id}.txt",
                    "creationDateTime": added,
                },
            )
        attrs = {
            "guid": aid,
            "name": quote,
            "startPosition": str(start),
            "endPosition": str(end),
            "creatingUser": coder,
            "creationDateTime": created,
        }
        if updated:
            attrs["modifyingUser"] = coder
            attrs["modifiedDateTime"] = updated
        sel = sub(source, "PlainTextSelection", attrs)
        if note:
            sub(sel, "Description").text = note
        coding = sub(sel, "Coding", {"guid": aid, "creatingUser": coder, "creationDateTime": created})
        sub(coding, "CodeRef", {"targetGUID": code})
        if note:
            sub(sel, "NoteRef", {"targetGUID": aid})
    if source is not None:
        _floor_close(source, doc, doc_codes, pending, etree)
        xf.write(source)


def _floor_close(source, doc, doc_codes, pending: list, etree) -> None:
    """A source's article-level codes and metadata, after its selections."""
    rowid, doc_id, variables, length = doc
    sub = etree.SubElement
    while pending[0] is not None and pending[0][0] <= rowid:
        _, coder, code, value, note, updated = pending[0]
        pending[0] = next(doc_codes, None)
        attrs = {
            "guid": doc_id,
            "name": "Annotator: article-level code",
            "startPosition": "0",
            "endPosition": str(length),
            "creatingUser": coder,
            "creationDateTime": updated,
        }
        sel = sub(source, "PlainTextSelection", attrs)
        note = note if value == "1" else f"[value: {value}] {note}"
        if note:
            sub(sel, "Description").text = note
        coding = sub(sel, "Coding", {"guid": doc_id, "creatingUser": coder, "creationDateTime": updated})
        sub(coding, "CodeRef", {"targetGUID": code})
        if note:
            sub(sel, "NoteRef", {"targetGUID": doc_id})
    for name, value in zip(VARIABLES, variables, strict=True):
        if value:
            vv = sub(source, "VariableValue")
            sub(vv, "VariableRef", {"targetGUID": name})
            sub(vv, "TextValue").text = value


FLOORS = {"csv": floor_csv, "jsonl": floor_jsonl, "xlsx": floor_xlsx, "qdpx": floor_qdpx}


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_one(kind: str, fmt: str, db: Path, out: Path) -> dict[str, float]:
    """In a fresh process: one export, its wall time, the process's peak
    memory and how far the export raised it above the memory at its start
    (the modules loaded)."""
    if fmt == "xlsx":
        import openpyxl  # noqa: F401  # imported before the clock starts, as the floor does
    if fmt == "qdpx":
        import lxml.etree  # noqa: F401
    if kind == "project":
        from annotator.services.exchange import export_project
        from annotator.store.project import Project
    start_mb = _rss_mb()
    t0 = time.perf_counter()
    if kind == "project":
        with Project.open(db, readonly=True) as project:
            export_project(project, fmt, out, losses=[])
    else:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        FLOORS[fmt](conn, out)
        conn.close()
    seconds = time.perf_counter() - t0
    peak = _peak_mb()
    return {"seconds": seconds, "peak_mb": peak, "growth_mb": peak - start_mb}


def _peak_mb() -> float:
    """This process's resident high-water mark. Not getrusage's ru_maxrss,
    which Linux carries over from the parent through fork and exec."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(kind: str, fmt: str, db: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"x{STREAMED[fmt]}"
        done = subprocess.run(
            [sys.executable, __file__, "--one", kind, fmt, str(db), str(out)],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", ".")},
        )
        return json.loads(done.stdout.strip().splitlines()[-1])


def project_file(n_docs: int, workdir: Path) -> Path:
    path = workdir / f"export-bench-{n_docs}.annotator"
    if not path.exists():
        sys.path.insert(0, str(HERE.parent))
        from synthetic_export_project import build

        building = path.with_name(path.name + ".building")
        building.unlink(missing_ok=True)
        build(building, n_docs, direct=True)
        building.rename(path)  # an interrupted build is never taken for a whole project
    return path


def streamed(args: argparse.Namespace) -> None:
    print(
        f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; medians of {args.repeat}"
    )
    print(
        f"{'docs':>6} {'annotations':>11} {'format':6} {'export s':>9} {'peak MB':>8} {'+MB':>6} "
        f"{'floor s':>8} {'peak MB':>8} {'+MB':>6} {'time ×':>7}"
    )
    print("(+MB: how far the export raised the process's memory above its start, modules loaded)")
    for n_docs in args.docs:
        db = project_file(n_docs, Path(args.workdir))
        with sqlite3.connect(db) as conn:
            n_anns = conn.execute("SELECT count(*) FROM annotations WHERE deleted = 0").fetchone()[0]
        for fmt in args.formats:
            runs: dict[str, list[dict[str, float]]] = {"project": [], "floor": []}
            for _ in range(args.repeat):
                for kind in runs:  # interleaved, so load changes hit both alike
                    runs[kind].append(measure(kind, fmt, db))
            med = {
                k: {m: statistics.median(r[m] for r in v) for m in ("seconds", "peak_mb", "growth_mb")}
                for k, v in runs.items()
            }
            p, f = med["project"], med["floor"]
            print(
                f"{n_docs:>6} {n_anns:>11} {fmt:6} {p['seconds']:>9.2f} {p['peak_mb']:>8.0f} "
                f"{p['growth_mb']:>6.0f} {f['seconds']:>8.2f} {f['peak_mb']:>8.0f} {f['growth_mb']:>6.0f} "
                f"{p['seconds'] / f['seconds']:>7.2f}",
                flush=True,
            )
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


# --- every format, on data in memory ---------------------------------------------


def make_project(n_docs: int, n_coders: int = 3, spans_per_coder: int = 20, seed: int = 1) -> ProjectData:
    from annotator.core.codebook import Codebook
    from annotator.core.models import Annotation, Code, Coder, Document, DocumentCode

    rng = random.Random(seed)
    codes = [Code(name=f"Group {g}", id=f"00000000-0000-4000-8000-{g:012d}") for g in range(4)]
    codes += [
        Code(
            name=f"code {g}.{i}",
            id=f"00000000-0000-4000-8001-{g * 10 + i:012d}",
            parent_id=codes[g].id,
            order=i,
        )
        for g in range(4)
        for i in range(5)
    ]
    codes.append(Code(name="tone", id="00000000-0000-4000-8002-000000000001", scope="document"))
    cb = Codebook(codes=codes)
    leaves = [c for c in codes if c.parent_id]
    coders = [Coder(name=f"coder {i}") for i in range(n_coders)]
    docs, anns, dcs = [], [], []
    for d in range(n_docs):
        paras = [
            "\n".join(" ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(1)) for _ in range(8)
        ]
        text = f"Article {d}\n\n" + "\n\n".join(paras)
        doc = Document(text=text, title=f"Article {d}", outlet="Outlet", published="2024-01-01")
        docs.append(doc)
        for coder in coders:
            for _ in range(spans_per_coder):
                s = rng.randrange(0, len(text) - 50)
                anns.append(
                    Annotation(
                        document_id=doc.id,
                        coder_id=coder.id,
                        code_id=rng.choice(leaves).id,
                        start=s,
                        end=s + rng.randrange(5, 50),
                        note=rng.choice(["", "a note"]),
                    )
                )
            dcs.append(DocumentCode(document_id=doc.id, coder_id=coder.id, code_id=codes[-1].id))
    return ProjectData(docs, cb, coders, anns, dcs)


def all_formats(args: argparse.Namespace) -> None:
    from annotator.exchange import FORMATS, export_data, import_data

    data = make_project(args.docs[0])
    texts_only = type(data)(documents=data.documents)
    print(f"{len(data.documents)} documents, {len(data.annotations)} annotations, {len(data.coders)} coders")
    print(f"{'format':8} {'export s':>9} {'import s':>9}")
    for name, fmt in FORMATS.items():
        ex, im = [], []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as tmp:
                ext = fmt.extensions[0]
                out = Path(tmp) / (f"bench{ext}" if ext else "bench")
                t0 = time.perf_counter()
                export_data(data, name, out)
                ex.append(time.perf_counter() - t0)
                if fmt.can_import:
                    t0 = time.perf_counter()
                    result = import_data(out, name, existing=texts_only if name == "csv" else None)
                    im.append(time.perf_counter() - t0)
                    if name != "qdc":
                        assert len(result.data.annotations) == len(data.annotations), name
        imp = f"{statistics.median(im):9.2f}" if im else f"{'-':>9}"
        print(f"{name:8} {statistics.median(ex):9.2f} {imp}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        kind, fmt, db, out = sys.argv[2:6]
        print(json.dumps(run_one(kind, fmt, Path(db), Path(out))))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, nargs="+", default=[1000, 4000, 16000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--formats", nargs="+", default=list(STREAMED), choices=list(STREAMED))
    ap.add_argument("--workdir", default=tempfile.gettempdir(), help="where the project files are kept")
    ap.add_argument("--all-formats", action="store_true", help="every format's export and import, in memory")
    args = ap.parse_args()
    if args.all_formats:
        all_formats(args)
    else:
        streamed(args)


if __name__ == "__main__":
    main()
