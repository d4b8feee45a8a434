"""Comparing coders on one document and building the gold standard (issue 6,
items 4 and 5).

A *disagreement* is found per code: the spans of one code by the chosen
coders are grouped by overlap; a group that not every coder has is a span
only some coders have, a group every coder has with other boundaries is a
boundary disagreement. Where coders who lack one code put a sibling code
(another value of the same variable) on the same words instead, the groups
become one disagreement about the code.

Gold annotations belong to a coder with the role ``adjudicator``, have origin
``adjudicated`` and list the annotations they came from in ``derived_from``;
the reason is kept as the annotation's note.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

from annotator.agreement.spans_match import span_scores, spans_from_tuples
from annotator.core.codebook import Codebook
from annotator.core.errors import AnnotatorError, NotFound
from annotator.core.models import Annotation, Coder
from annotator.store.project import Project

KINDS = ("only_some", "boundaries", "code")


class AdjudicationError(AnnotatorError):
    pass


@dataclass(frozen=True)
class Disagreement:
    kind: str  # one of KINDS
    start: int  # the stretch of text concerned: the union of the spans involved
    end: int
    code_ids: tuple[str, ...]
    annotations: tuple[Annotation, ...]
    coders_with: tuple[str, ...]  # coder ids that have a span here
    coders_without: tuple[str, ...] = ()  # coder ids that have none of these codes here

    @property
    def annotation_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.annotations)

    def by_coder(self, coder_id: str) -> list[Annotation]:
        return [a for a in self.annotations if a.coder_id == coder_id]

    def describe(self, codebook: Codebook, names: dict[str, str]) -> str:
        codes = " / ".join(codebook.path(c, " › ") if c in codebook else c for c in self.code_ids)
        who = ", ".join(names.get(c, c) for c in self.coders_with)
        if self.kind == "only_some":
            missing = ", ".join(names.get(c, c) for c in self.coders_without)
            return f"{codes}: only {who} (not {missing})"
        if self.kind == "boundaries":
            return f"{codes}: different boundaries"
        return f"Different codes: {codes}"


@dataclass
class DocumentFigures:
    """This document's agreement between the chosen coders, pairwise."""

    spans: dict[str, int] = field(default_factory=dict)  # coder id -> spans
    pairs: list[tuple[str, str, float | None, float | None]] = field(
        default_factory=list
    )  # a, b, F1 overlap, exact
    disagreements: dict[str, int] = field(default_factory=dict)  # kind -> count

    @property
    def mean_f1(self) -> float | None:
        values = [p[2] for p in self.pairs if p[2] is not None]
        return sum(values) / len(values) if values else None

    @property
    def mean_exact_f1(self) -> float | None:
        values = [p[3] for p in self.pairs if p[3] is not None]
        return sum(values) / len(values) if values else None


# --- finding disagreements -------------------------------------------------------------


def _clusters(spans: list[Annotation]) -> list[list[Annotation]]:
    """Groups of spans connected by overlap, in text order."""
    out: list[list[Annotation]] = []
    end = -1
    for a in sorted(spans, key=lambda a: (a.start, a.end)):
        if out and a.start < end:
            out[-1].append(a)
            end = max(end, a.end)
        else:
            out.append([a])
            end = a.end
    return out


def _span_annotations(project: Project, document_id: str, coder_ids: Sequence[str]) -> list[Annotation]:
    codebook = project.codes.codebook()
    wanted = set(coder_ids)
    return [
        a
        for a in project.annotations.select(document_id)
        if a.coder_id in wanted and (codebook.get(a.code_id) is None or codebook[a.code_id].scope == "span")
    ]


def _check_coders(coder_ids: Sequence[str]) -> list[str]:
    ids = list(dict.fromkeys(coder_ids))
    if len(ids) < 2:
        raise AdjudicationError("Choose at least two coders to compare.")
    return ids


def disagreements(project: Project, document_id: str, coder_ids: Sequence[str]) -> list[Disagreement]:
    """Every place in one document where the chosen coders' spans differ, in text order."""
    coders = _check_coders(coder_ids)
    codebook = project.codes.codebook()
    by_code: dict[str, list[Annotation]] = {}
    for a in _span_annotations(project, document_id, coders):
        by_code.setdefault(a.code_id, []).append(a)

    found: list[Disagreement] = []
    partial: list[tuple[str, list[Annotation]]] = []  # (code, group) that not every coder has
    for code_id, spans in by_code.items():
        for group in _clusters(spans):
            have = {a.coder_id for a in group}
            if have != set(coders):
                partial.append((code_id, group))
                continue
            shapes = {c: sorted((a.start, a.end) for a in group if a.coder_id == c) for c in coders}
            if any(shape != shapes[coders[0]] for shape in shapes.values()):
                found.append(_make("boundaries", [code_id], group, coders))

    # another value of the same variable on the same words: one "code" disagreement
    def parent(code_id: str) -> object:
        code = codebook.get(code_id)
        return code.parent_id if code is not None else ("?", code_id)

    extents = [(min(a.start for a in g), max(a.end for a in g)) for _, g in partial]
    parents = [parent(c) for c, _ in partial]
    links: dict[int, set[int]] = {i: set() for i in range(len(partial))}
    # a sweep in text order: only groups that start before this one ends can overlap it
    order = sorted(range(len(partial)), key=lambda k: extents[k])
    for pos, i in enumerate(order):
        end_i = extents[i][1]
        for j in order[pos + 1 :]:
            if extents[j][0] >= end_i:
                break
            if partial[i][0] != partial[j][0] and parents[i] == parents[j]:
                links[i].add(j)
                links[j].add(i)
    seen: set[int] = set()
    for i in range(len(partial)):
        if i in seen:
            continue
        component, stack = [], [i]
        while stack:
            k = stack.pop()
            if k in seen:
                continue
            seen.add(k)
            component.append(k)
            stack.extend(links[k])
        codes = list(dict.fromkeys(partial[k][0] for k in sorted(component)))
        group = [a for k in component for a in partial[k][1]]
        found.append(_make("code" if len(codes) > 1 else "only_some", codes, group, coders))
    found.sort(key=lambda d: (d.start, d.end, KINDS.index(d.kind)))
    return found


def _make(kind: str, code_ids: list[str], group: list[Annotation], coders: list[str]) -> Disagreement:
    group = sorted(group, key=lambda a: (a.start, a.end, coders.index(a.coder_id)))
    have = [c for c in coders if any(a.coder_id == c for a in group)]
    return Disagreement(
        kind=kind,
        start=min(a.start for a in group),
        end=max(a.end for a in group),
        code_ids=tuple(code_ids),
        annotations=tuple(group),
        coders_with=tuple(have),
        coders_without=tuple(c for c in coders if c not in have),
    )


def agreed_spans(project: Project, document_id: str, coder_ids: Sequence[str]) -> list[list[Annotation]]:
    """Spans every chosen coder has with the same code and the same boundaries
    (one list of source annotations, one per coder, for each)."""
    coders = _check_coders(coder_ids)
    out = []
    keyed: dict[tuple[str, int, int], dict[str, Annotation]] = {}
    for a in _span_annotations(project, document_id, coders):
        keyed.setdefault((a.code_id, a.start, a.end), {})[a.coder_id] = a
    for (_code, _s, _e), per_coder in sorted(keyed.items(), key=lambda kv: (kv[0][1], kv[0][2])):
        if len(per_coder) == len(coders):
            out.append([per_coder[c] for c in coders])
    return out


def document_figures(
    project: Project,
    document_id: str,
    coder_ids: Sequence[str],
    *,
    found: Sequence[Disagreement] | None = None,
) -> DocumentFigures:
    """Pairwise span F1 (overlap and exact, same code) in this document, and
    the disagreements counted by kind (``found``: already computed by
    ``disagreements`` for the same coders); F1 comes from the agreement engine."""
    coders = _check_coders(coder_ids)
    spans = _span_annotations(project, document_id, coders)
    figures = DocumentFigures(spans={c: sum(1 for a in spans if a.coder_id == c) for c in coders})
    for a, b in combinations(coders, 2):
        ta, tb = spans_from_tuples(
            [(a_.document_id, a_.start, a_.end, a_.code_id) for a_ in spans if a_.coder_id == a],
            [(b_.document_id, b_.start, b_.end, b_.code_id) for b_ in spans if b_.coder_id == b],
        )
        overlap = span_scores(ta, tb, mode="overlap").f1
        exact = span_scores(ta, tb, mode="exact").f1
        figures.pairs.append((a, b, overlap, exact))
    for d in found if found is not None else disagreements(project, document_id, coders):
        figures.disagreements[d.kind] = figures.disagreements.get(d.kind, 0) + 1
    return figures


# --- building the gold standard ----------------------------------------------------------


def adjudicator(project: Project, adjudicator_id: str) -> Coder:
    coder = project.coder(adjudicator_id)
    if coder.role != "adjudicator":
        raise AdjudicationError(
            f"{coder.name} is a coder, not an adjudicator; gold spans need a coder with the adjudicator role."
        )
    return coder


def ensure_adjudicator(project: Project, name: str = "Gold standard") -> Coder:
    """The project's adjudicator, made the first time one is needed."""
    for coder in project.coders():
        if coder.role == "adjudicator":
            return coder
    return project.add_coder(Coder(name=name, color="#222222", role="adjudicator"))


def accept_span(
    project: Project,
    adjudicator_id: str,
    annotation_ids: Iterable[str],
    *,
    start: int | None = None,
    end: int | None = None,
    code_id: str | None = None,
    reason: str = "",
) -> Annotation:
    """Make a gold span from one or more coders' spans, optionally with other
    boundaries or another code (choosing between codes), and the reason."""
    judge = adjudicator(project, adjudicator_id)
    ids = list(dict.fromkeys(annotation_ids))
    if not ids:
        raise AdjudicationError("Choose the coder's span to accept.")
    sources = [project.annotations.annotation(i) for i in ids]
    if len({a.document_id for a in sources}) > 1:
        raise AdjudicationError("The spans to accept must all be in the same document.")
    if any(a.coder_id == judge.id for a in sources):
        raise AdjudicationError("A gold span comes from coders' spans, not from another gold span.")
    first = sources[0]
    code = code_id or first.code_id
    if code_id is not None:
        project.codes.code(code_id)  # NotFound in one sentence when it is not in the codebook
    gold = Annotation(
        document_id=first.document_id,
        coder_id=judge.id,
        code_id=code,
        start=first.start if start is None else start,
        end=first.end if end is None else end,
        note=reason.strip(),
        origin="adjudicated",
        derived_from=tuple(ids),
    )
    saved = project.annotations.add_annotation(gold).annotation
    if not saved.derived_from or set(saved.derived_from) != set(ids) or saved.origin != "adjudicated":
        # merged into an existing gold span: it now stands for both sets of sources
        merged = tuple(dict.fromkeys((*saved.derived_from, *ids)))
        saved = project.annotations.update_annotation(
            replace(saved, derived_from=merged, origin="adjudicated")
        ).annotation
    return saved


def accept_agreed(
    project: Project, adjudicator_id: str, coder_ids: Sequence[str], document_ids: Iterable[str] | None = None
) -> int:
    """Accept as gold every span all chosen coders agree on (same code, same
    boundaries); spans already in the gold standard are not added twice.
    Returns the number of gold spans added."""
    judge = adjudicator(project, adjudicator_id)
    coders = _check_coders(coder_ids)
    if judge.id in coders:
        raise AdjudicationError("The adjudicator cannot also be one of the coders compared.")
    docs = list(document_ids) if document_ids is not None else project.documents.document_ids()
    added = 0
    with project.transaction():
        for doc in docs:
            gold = {(a.code_id, a.start, a.end) for a in project.annotations.select(doc, judge.id)}
            for sources in agreed_spans(project, doc, coders):
                key = (sources[0].code_id, sources[0].start, sources[0].end)
                if key in gold:
                    continue
                project.annotations.add_annotation(
                    Annotation(
                        document_id=doc,
                        coder_id=judge.id,
                        code_id=key[0],
                        start=key[1],
                        end=key[2],
                        origin="adjudicated",
                        derived_from=tuple(a.id for a in sources),
                        note="All coders agree.",
                    )
                )
                gold.add(key)
                added += 1
    return added


def coders_without_spans(
    project: Project, coder_ids: Sequence[str], document_ids: Iterable[str] | None = None
) -> list[str]:
    """The coders among ``coder_ids`` with no span in these documents (all when
    None): with one of them compared, no span can be agreed by all."""
    if document_ids is None:
        counts = project.annotations.count_annotations()
        return [c for c in coder_ids if not counts.get(c)]
    coded = {a.coder_id for a in project.annotations.annotations_for(document_ids, coder_ids)}
    return [c for c in coder_ids if c not in coded]


def gold_annotations(project: Project, document_id: str, adjudicator_id: str) -> list[Annotation]:
    try:
        return project.annotations.select(document_id, adjudicator_id)
    except NotFound:
        return []


def remove_gold(project: Project, annotation_id: str) -> Annotation:
    """Take a gold span back (marked deleted, like every deletion, so a later
    merge or export knows it is gone). Coders' own spans are never touched."""
    gold = project.annotations.annotation(annotation_id)
    if project.coder(gold.coder_id).role != "adjudicator":
        raise AdjudicationError(
            "Only gold spans can be removed here; a coder's own spans stay as they coded them."
        )
    return project.annotations.delete_annotation(annotation_id)
