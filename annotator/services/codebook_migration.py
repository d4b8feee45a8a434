"""Replaying recorded codebook operations on older codings (issue 18, item 4).

A coding made under version ``v`` goes through every merge and split recorded
after ``v`` up to the target version, in order. A merge gives it the code
merged into; a split needs the lead's choice, per coding or as a default for
the split code, from a mapping file. Renames, moves and archivings keep the
code id, so they need nothing. While any coding needs a decision, nothing is
changed. A replay stamps every older coding with the target version, so a
second run finds nothing to do.

The mapping file (YAML)::

    splits:
      Frames/Conflict:                 # the split code, by path or id
        default: Frames/Military       # for every coding not listed below
        codings:
          <annotation id>: Political   # a code it split into: path, name or id
          <document id>/<coder id>/<code id>: Military   # an article-level code
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.codebook import Codebook
from annotator.core.errors import CodebookError
from annotator.core.safe_open import read_regular
from annotator.core.safe_yaml import load_untrusted_yaml
from annotator.services.codebook_versions import (
    REPLAYED,
    check_version,
    codebook_diff,
    operation_detail,
    reverted_versions,
)
from annotator.store.coding_versions import StampedCoding
from annotator.store.project import Project

MAX_MAPPING_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class SplitChoice:
    default: str | None = None
    codings: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SplitMapping:
    """The lead's choices, per split code id, read from ``source``."""

    source: str
    splits: Mapping[str, SplitChoice] = field(default_factory=dict)


@dataclass(frozen=True)
class Remap:
    coding: StampedCoding
    code_id: str


@dataclass(frozen=True)
class Decision:
    """A coding of a split code that waits for the lead's choice."""

    coding: StampedCoding
    version: int  # the split's version
    from_code: str
    choices: tuple[str, ...]


@dataclass
class MigrationPlan:
    to_version: int
    remaps: list[Remap] = field(default_factory=list)
    undecided: list[Decision] = field(default_factory=list)
    restamped: int = 0  # older codings that keep their code and take the version
    # (span given a new code, span of the same coder it comes to overlap under
    # that code): kept as two spans, since a replay never moves an offset
    overlaps: list[tuple[str, str]] = field(default_factory=list)
    applied: bool = False
    # per operation (by its version): the codings it gives a new code, and
    # those that wait at it for the lead's decision
    moved_by: dict[int, int] = field(default_factory=dict)
    waiting_at: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Operation:
    version: int
    kind: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]


def _operations(project: Project, to_version: int) -> list[_Operation]:
    out = []
    rows = project.codes.codebook_changes()
    undone = reverted_versions(rows, to_version)
    for row in rows:
        if row["kind"] not in REPLAYED or row["version"] > to_version or row["version"] in undone:
            continue
        d = operation_detail(row)
        if row["kind"] == "merged":
            out.append(_Operation(row["version"], "merged", tuple(d["from"]), (d["into"],)))
        else:
            out.append(_Operation(row["version"], "split", (d["from"],), tuple(d["into"])))
    return sorted(out, key=lambda o: o.version)


def plan_migration(project: Project, to_version: int, mapping: SplitMapping | None = None) -> MigrationPlan:
    """What a migration to ``to_version`` would do; changes nothing."""
    check_version(project, to_version, "target")
    operations = _operations(project, to_version)
    mapping = mapping or SplitMapping("")
    _check_choices(mapping, operations, project.codes.codebook(), to_version)
    plan = MigrationPlan(to_version)
    older = project.coding_versions.older_codings(to_version)
    for coding in older:
        code, decision, through = coding.code_id, None, []
        for op in operations:
            if op.version <= (coding.codebook_version or 0) or code not in op.sources:
                continue
            if op.kind == "merged":
                code = op.targets[0]
                through.append(op.version)
                continue
            choice = _choice(mapping.splits.get(code), coding.key)
            if choice is None:
                decision = Decision(coding, op.version, code, op.targets)
                break
            code = choice
            through.append(op.version)
        if decision is not None:
            plan.undecided.append(decision)
            plan.waiting_at[decision.version] = plan.waiting_at.get(decision.version, 0) + 1
        elif code != coding.code_id:
            plan.remaps.append(Remap(coding, code))
            for version in through:
                plan.moved_by[version] = plan.moved_by.get(version, 0) + 1
    plan.restamped = len(older) - len(plan.remaps) - len(plan.undecided)
    plan.overlaps = _overlaps(project, plan.remaps)
    return plan


def _overlaps(project: Project, remaps: list[Remap]) -> list[tuple[str, str]]:
    moved = {r.coding.key: r.code_id for r in remaps if r.coding.kind == "span"}
    if not moved:
        return []
    pairs = [(r.coding.document_id, r.coding.coder_id) for r in remaps if r.coding.kind == "span"]
    groups: dict[tuple[str, str, str], list[tuple[int, int, str]]] = {}
    for i, doc, coder, code, start, end in project.coding_versions.live_spans(pairs):
        groups.setdefault((moved.get(i, code), doc, coder), []).append((start, end, i))
    found = set()
    for group in groups.values():
        group.sort()
        for n, (_, end, i) in enumerate(group):
            for later_start, _, j in group[n + 1 :]:
                if later_start >= end:
                    break
                if i in moved or j in moved:
                    found.add((i, j) if i in moved and (j not in moved or i < j) else (j, i))
    return sorted(found)


def _choice(choice: SplitChoice | None, key: str) -> str | None:
    if choice is None:
        return None
    return choice.codings.get(key, choice.default)


def migrate(
    project: Project, to_version: int, mapping: SplitMapping | None = None, *, dry_run: bool = False
) -> MigrationPlan:
    """Replay the recorded operations on every older coding, or (``dry_run``)
    only say what would change. Refused, changing nothing, while a split lacks
    a decision."""
    plan = plan_migration(project, to_version, mapping)
    if dry_run:
        return plan
    if plan.undecided:
        n = len(plan.undecided)
        raise CodebookError(
            f"{n} coding{'s need' if n != 1 else ' needs'} a decision for a split code, so nothing was changed; "
            "give the codes they become in a mapping file (--mapping)."
        )
    project.coding_versions.replay([(r.coding, r.code_id) for r in plan.remaps], to_version)
    plan.applied = True
    return plan


@dataclass(frozen=True)
class OperationLine:
    """One replayed operation in a plan: what it was, how many codings it
    gives a new code, how many wait at it for a decision."""

    version: int
    description: str
    moved: int
    waiting: int


def operation_lines(project: Project, plan: MigrationPlan) -> list[OperationLine]:
    """The merges and splits a migration to ``plan.to_version`` replays, oldest first."""
    undone = reverted_versions(project.codes.codebook_changes(), plan.to_version)
    return [
        OperationLine(
            c.version, c.description, plan.moved_by.get(c.version, 0), plan.waiting_at.get(c.version, 0)
        )
        for c in codebook_diff(project, 1, plan.to_version)
        if c.kind in REPLAYED and c.version not in undone
    ]


@dataclass(frozen=True)
class WaitingSplit:
    """A split code whose older codings wait for the lead's choice."""

    code_id: str
    path: str
    codings: int
    choices: tuple[tuple[str, str], ...]  # (code id, path) of the codes it was split into


def waiting_splits(project: Project, plan: MigrationPlan) -> list[WaitingSplit]:
    codebook = project.codes.codebook()
    counts = Counter(d.from_code for d in plan.undecided)
    choices = {d.from_code: d.choices for d in plan.undecided}
    return [
        WaitingSplit(code, codebook.path(code), n, tuple((c, codebook.path(c)) for c in choices[code]))
        for code, n in counts.items()
    ]


def with_defaults(mapping: SplitMapping | None, defaults: Mapping[str, str], source: str) -> SplitMapping:
    """A split code's default choice for every coding not listed, over the
    per-coding choices of ``mapping`` (a file), if any."""
    splits = dict(mapping.splits) if mapping else {}
    for code, chosen in defaults.items():
        given = splits.get(code)
        splits[code] = SplitChoice(chosen, given.codings if given else {})
    return SplitMapping(mapping.source if mapping else source, splits)


def read_mapping(path: Path, codebook: Codebook) -> SplitMapping:
    raw = read_regular(path, MAX_MAPPING_BYTES, error=CodebookError, shown=f"The mapping file {path.name}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CodebookError(f"The mapping file {path.name} is not UTF-8 text.") from None
    return parse_mapping(text, codebook, source=path.name)


def parse_mapping(text: str, codebook: Codebook, *, source: str) -> SplitMapping:
    """The lead's split decisions, each code resolved to its id and checked."""
    data = load_untrusted_yaml(text, source=source, error=CodebookError)
    splits = data.get("splits") if isinstance(data, dict) else None
    if not isinstance(splits, dict):
        raise CodebookError(f"{source} must hold a 'splits' mapping from each split code to its decisions.")
    out: dict[str, SplitChoice] = {}
    for ref, entry in splits.items():
        split = _code(codebook, ref, source)
        if not isinstance(entry, dict):
            raise CodebookError(f"In {source}, the entry of {ref!r} must hold 'default' and/or 'codings'.")
        codings = entry.get("codings") or {}
        if not isinstance(codings, dict):
            raise CodebookError(f"In {source}, 'codings' of {ref!r} must map coding keys to codes.")
        default = entry.get("default")
        out[split] = SplitChoice(
            _code(codebook, default, source) if default is not None else None,
            {str(k): _code(codebook, v, source) for k, v in codings.items()},
        )
    return SplitMapping(source, out)


def _code(codebook: Codebook, ref: Any, source: str) -> str:
    text = str(ref).strip()
    code = codebook.get(text) or codebook.by_path(text)
    if code is None:
        named = codebook.by_name(text)
        code = named[0] if len(named) == 1 else None
    if code is None:
        raise CodebookError(
            f"In {source}, there is no code {text!r} (give its path, its id, or a unique name)."
        )
    return code.id


def _check_choices(
    mapping: SplitMapping, operations: list[_Operation], codebook: Codebook, to_version: int
) -> None:
    """Every chosen code is one the split code was split into."""
    splits = {op.sources[0]: op.targets for op in operations if op.kind == "split"}
    for split, choice in mapping.splits.items():
        allowed = splits.get(split)
        name = codebook.path(split)
        if allowed is None:
            raise CodebookError(f"In {mapping.source}, {name!r} was not split up to version {to_version}.")
        for chosen in [choice.default, *choice.codings.values()]:
            if chosen is not None and chosen not in allowed:
                raise CodebookError(
                    f"In {mapping.source}, {codebook.path(chosen)!r} is not one of the codes {name!r} was split into."
                )
