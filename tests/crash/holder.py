"""A child process that holds a project open the way the workbench does (one
long-lived connection) and writes on command, for the crash-consistency tests.

Run as ``python tests/crash/holder.py PROJECT``. Commands arrive one a line on
stdin; every write the user would see as saved is printed as a ``saved ...``
line *after* the call that saved it returned, and each command ends with
``ok <command>``. The parent kills this process whenever it likes and then
checks that every ``saved`` line is on disk.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

from annotator.core.codebook import Code
from annotator.core.errors import AnnotatorError
from annotator.services import coding
from annotator.store.project import Project


def main(path: str, window: bool) -> None:
    project = Project.open(path, window=window)
    rng = random.Random(7)
    coder = project.coder_by_name("alice")
    lengths = project.documents.document_lengths()
    docs = sorted(lengths)
    print("ready", "readonly" if project.readonly else "writable", flush=True)
    for line in sys.stdin:
        cmd, *args = line.split()
        try:
            if run(project, path, rng, coder, lengths, docs, cmd, args):
                return
        except AnnotatorError as exc:  # refused: the user is told, nothing is reported saved
            print("refused", str(exc), flush=True)
        print("ok", cmd, flush=True)


def run(
    project: Project,
    path: str,
    rng: random.Random,
    coder,
    lengths: dict,
    docs: list,
    cmd: str,
    args: list[str],
) -> bool:
    if cmd == "second":  # another connection in this process, opened and closed (import dialog, dashboard)
        Project.open(path).close()
    elif cmd == "apply":  # window actions through the coding service
        codes = [c.id for c in project.codes.codebook() if c.parent_id and c.scope == "span"]
        for _ in range(int(args[0])):
            d = rng.choice(docs)
            start = rng.randrange(0, lengths[d] - 1)
            end = min(lengths[d], start + rng.randint(1, 30))
            w = coding.apply_code(project, d, coder.id, rng.choice(codes), start, end, snap=False)
            print(
                "saved span",
                w.annotation.id,
                d,
                w.annotation.code_id,
                w.annotation.start,
                w.annotation.end,
                flush=True,
            )
    elif cmd == "note":
        for ann in project.annotations.select(coder_id=coder.id)[: int(args[0])]:
            text = f"note {rng.randrange(1 << 30)}"
            coding.set_note(project, ann.id, text)
            print("saved note", ann.id, text, flush=True)
    elif cmd == "code":  # a codebook edit
        for _ in range(int(args[0])):
            code = project.codes.add_code(Code(f"Code {rng.randrange(1 << 30)}"))
            print("saved code", code.id, flush=True)
    elif cmd == "import":
        from annotator.services.importing import ImportOptions, import_batch

        report = import_batch(project, [Path(args[0])], ImportOptions(model="blank:en"))
        print("saved import", report.batch.id, report.imported, flush=True)
    elif cmd == "merge":
        from annotator.services.packages import merge_package

        report = merge_package(project, Path(args[0]))
        print("saved merge", report.added, flush=True)
    elif cmd == "adjudicate":
        from annotator.services.adjudication import accept_agreed, ensure_adjudicator

        judge = ensure_adjudicator(project)
        coders = [c.id for c in project.coders() if c.role == "coder"]
        added = accept_agreed(project, judge.id, coders)
        print("saved gold", judge.id, added, flush=True)
    elif cmd == "export":
        from annotator.services.exchange import export_project

        export_project(project, "csv", Path(args[0]))
        print("saved export", args[0], flush=True)
    elif cmd == "locks":  # POSIX locks this process holds (SQLite's, on the project and its -shm)
        pid = str(os.getpid())
        with open("/proc/locks") as fh:
            held = sum(1 for line in fh if line.split()[4:5] == [pid])
        print("locks", held, flush=True)
    elif cmd == "quit":
        project.close()
        print("ok quit", flush=True)
        return True
    return False


if __name__ == "__main__":
    main(sys.argv[1], "--window" in sys.argv[2:])
