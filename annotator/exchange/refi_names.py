"""Code names that stay apart in programs that key codes by name.

REFI-QDA allows two codes of one name in different groups, but QualCoder keeps
one code per name and silently moves the other's codings to it. So a name that
repeats is written with its group's name before it (``Frames: Appeasement``),
and the reader strips the group off again when the stripped name repeats in the
file too, or when the GUID belongs to a code of the project with that name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from annotator.core.codebook import Codebook
from annotator.core.models import Code

SEPARATOR = ": "


def repeated_names(codes: Iterable[Code]) -> set[str]:
    counts = Counter(c.name for c in codes)
    return {name for name, n in counts.items() if n > 1}


def _ancestors(code: Code, by_id: Mapping[str, Code], renamed: Mapping[str, str] | None = None) -> list[str]:
    """Names of the groups above ``code``, the nearest first."""
    renamed = renamed or {}
    names: list[str] = []
    seen: set[str] = set()
    parent = by_id.get(code.parent_id or "")
    while parent is not None and parent.id not in seen:
        seen.add(parent.id)
        names.append(renamed.get(parent.id, parent.name))
        parent = by_id.get(parent.parent_id or "")
    return names


def export_names(codebook: Codebook, *, unique: bool = True) -> dict[str, str]:
    """Each code's name as written to the file, by code id."""
    names = {c.id: c.name for c in codebook}
    if not unique:
        return names
    repeats = repeated_names(codebook)
    by_id = {c.id: c for c in codebook}
    chains = {c.id: _ancestors(c, by_id) for c in codebook if c.name in repeats and c.parent_id}
    for cid, chain in chains.items():
        names[cid] = chain[0] + SEPARATOR + names[cid]
    # two groups of one name: the whole path tells them apart
    for cid in [cid for cid in chains if Counter(names.values())[names[cid]] > 1]:
        names[cid] = SEPARATOR.join([*reversed(chains[cid]), by_id[cid].name])
    return names


def restore_names(codes: list[Code], known: Mapping[str, str]) -> None:
    """Strip the group prefixes :func:`export_names` added, in place.

    ``codes`` come parents first; ``known`` maps GUIDs of the project's codes to
    their names."""
    by_id = {c.id: c for c in codes}
    stripped: dict[str, str] = {}
    for c in codes:
        if not c.parent_id:
            continue
        chain = _ancestors(c, by_id, stripped)  # a group's own name may carry a prefix too
        for k in range(len(chain), 0, -1):
            prefix = SEPARATOR.join(reversed(chain[:k])) + SEPARATOR
            rest = c.name[len(prefix) :].strip()
            if c.name.startswith(prefix) and rest:
                stripped[c.id] = rest
                break
    counts = Counter(stripped.get(c.id, c.name) for c in codes)
    for cid, rest in stripped.items():
        if counts[rest] > 1 or known.get(cid) == rest:
            by_id[cid].name = rest
