"""The codebook: a tree of codes, with exclusive groups, and its validation.

The nested-dict form here is what the YAML codebook files hold; reading and
writing YAML itself lives in ``annotator.exchange.codebook_yaml``.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from annotator.core.colours import PALETTE
from annotator.core.errors import CodebookError
from annotator.core.models import LEVELS, SCOPES, Code

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ID_NAMESPACE = uuid.UUID("6f1d3b2e-5c1a-4c55-9a0e-3a7b1f0e2d11")


def stable_code_id(path: str) -> str:
    """Id for a code given without one, derived from its path, so importing the
    same codebook file into two projects gives the same ids."""
    return str(uuid.uuid5(_ID_NAMESPACE, path))


@dataclass
class Codebook:
    codes: list[Code] = field(default_factory=list)
    name: str = ""
    version: int = 1

    def __post_init__(self) -> None:
        self._index()

    def _index(self) -> None:
        self._by_id = {c.id: c for c in self.codes}
        self._children: dict[str | None, list[Code]] = {}
        for c in sorted(self.codes, key=lambda c: (c.order, c.name.casefold())):
            self._children.setdefault(c.parent_id, []).append(c)

    def refresh(self) -> None:
        """Rebuild the indexes after ``codes`` was changed in place."""
        self._index()

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, code_id: object) -> bool:
        return code_id in self._by_id

    def get(self, code_id: str) -> Code | None:
        return self._by_id.get(code_id)

    def __getitem__(self, code_id: str) -> Code:
        return self._by_id[code_id]

    def children(self, parent_id: str | None) -> list[Code]:
        return list(self._children.get(parent_id, ()))

    def roots(self) -> list[Code]:
        return self.children(None)

    def walk(self, parent_id: str | None = None, depth: int = 0) -> Iterator[tuple[int, Code]]:
        """Depth-first, in display order."""
        for c in self._children.get(parent_id, ()):
            yield depth, c
            yield from self.walk(c.id, depth + 1)

    def path(self, code_id: str, sep: str = "/") -> str:
        names = []
        c = self._by_id.get(code_id)
        seen = set()
        while c is not None and c.id not in seen:
            seen.add(c.id)
            names.append(c.name)
            c = self._by_id.get(c.parent_id) if c.parent_id else None
        return sep.join(reversed(names))

    def by_path(self, path: str, sep: str = "/") -> Code | None:
        for c in self.codes:
            if self.path(c.id, sep) == path:
                return c
        return None

    def by_name(self, name: str) -> list[Code]:
        return [c for c in self.codes if c.name == name]

    def exclusive_group(self, code_id: str) -> Code | None:
        """The exclusive group whose value this code is, if any."""
        c = self._by_id.get(code_id)
        if c is None or c.parent_id is None:
            return None
        parent = self._by_id.get(c.parent_id)
        return parent if parent is not None and parent.exclusive else None

    def exclusive_groups(self, scope: str | None = None) -> list[Code]:
        return [c for c in self.codes if c.exclusive and (scope is None or c.scope == scope)]

    def leaves(self, scope: str | None = None, include_archived: bool = False) -> list[Code]:
        """Codes a coder can apply: those without children (groups are headings)."""
        return [
            c
            for _, c in self.walk()
            if not self._children.get(c.id)
            and (scope is None or c.scope == scope)
            and (include_archived or not c.archived)
        ]

    def by_shortcut(self, key: str) -> Code | None:
        for c in self.codes:
            if c.shortcut and c.shortcut == key and not c.archived:
                return c
        return None

    def validate(self) -> None:
        """Raise :class:`CodebookError` listing every problem found."""
        problems = validate_codes(self.codes)
        if problems:
            raise CodebookError(problems)


def validate_codes(codes: Iterable[Code]) -> list[str]:
    codes = list(codes)
    problems: list[str] = []
    ids = {c.id for c in codes}
    names = {c.id: c.name for c in codes}
    seen_ids: set[str] = set()
    shortcuts: dict[str, str] = {}
    siblings: dict[tuple[str | None, str], str] = {}
    for c in codes:
        label = f"code {c.name!r}"
        if not c.name.strip():
            problems.append(f"A code (id {c.id}) has an empty name.")
        if c.id in seen_ids:
            problems.append(f"The id {c.id} is used by more than one code.")
        seen_ids.add(c.id)
        if c.parent_id is not None and c.parent_id not in ids:
            problems.append(f"The parent {c.parent_id!r} of {label} is not a code of this codebook.")
        if not _COLOUR.match(c.color or ""):
            problems.append(f"The colour {c.color!r} of {label} is not of the form #rrggbb.")
        if c.scope not in SCOPES:
            problems.append(f"The scope {c.scope!r} of {label} must be 'span' or 'document'.")
        if c.level not in LEVELS:
            problems.append(f"The level {c.level!r} of {label} must be one of {', '.join(LEVELS)}.")
        if c.shortcut and not c.archived:
            key = c.shortcut.casefold() if len(c.shortcut) > 1 else c.shortcut
            if key in shortcuts:
                problems.append(
                    f"The shortcut {c.shortcut!r} is given to both {shortcuts[key]!r} and {c.name!r}."
                )
            else:
                shortcuts[key] = c.name
        sib = (c.parent_id, c.name.strip().casefold())
        if sib in siblings:
            where = f"group {names.get(c.parent_id, '?')!r}" if c.parent_id else "the top level"
            problems.append(f"The name {c.name!r} appears twice in {where}.")
        siblings[sib] = c.id
    # cycles
    parent = {c.id: c.parent_id for c in codes}
    for c in codes:
        seen, p = {c.id}, parent.get(c.id)
        while p is not None:
            if p in seen:
                problems.append(f"The code {c.name!r} is its own ancestor.")
                break
            seen.add(p)
            p = parent.get(p)
    return problems


# --- the nested form of the YAML files ----------------------------------------

_CODE_KEYS = {
    "id",
    "name",
    "description",
    "color",
    "colour",
    "shortcut",
    "scope",
    "exclusive",
    "archived",
    "level",
    "children",
    "codes",
}


def codebook_from_dict(data: Any) -> Codebook:
    """Build a codebook from the nested form; raise :class:`CodebookError` with
    every problem found."""
    if not isinstance(data, dict):
        raise CodebookError("A codebook file must hold a mapping with a 'codes' list at the top.")
    items = data.get("codes")
    if not isinstance(items, list):
        raise CodebookError("A codebook file must have a 'codes' list at the top.")
    problems: list[str] = []
    codes: list[Code] = []
    palette = palette_colours()

    def visit(entries: list, parent: Code | None, prefix: str, inherited_scope: str) -> None:
        for order, entry in enumerate(entries):
            if isinstance(entry, str):
                entry = {"name": entry}
            if not isinstance(entry, dict) or not str(entry.get("name", "")).strip():
                problems.append(f"An entry under {prefix or 'the top level'!r} has no name.")
                continue
            unknown = set(entry) - _CODE_KEYS
            name = str(entry["name"]).strip()
            if unknown:
                problems.append(f"The code {name!r} has unknown keys: {', '.join(sorted(unknown))}.")
            path = f"{prefix}/{name}" if prefix else name
            scope = str(entry.get("scope", inherited_scope))
            colour = entry.get("color", entry.get("colour"))
            if colour is None:
                colour = (
                    parent.color if parent is not None and parent.parent_id is not None else next(palette)
                )
            code = Code(
                id=str(entry.get("id") or stable_code_id(path)),
                name=name,
                parent_id=parent.id if parent else None,
                description=str(entry.get("description", "") or "").strip(),
                color=str(colour),
                shortcut=str(entry.get("shortcut", "") or ""),
                scope=scope,  # type: ignore[arg-type]  # an unknown scope is reported by validate_codes below
                order=order,
                archived=bool(entry.get("archived", False)),
                exclusive=bool(entry.get("exclusive", False)),
                level=str(entry.get("level", "nominal") or "nominal").strip(),  # type: ignore[arg-type]  # checked by validate_codes
            )
            codes.append(code)
            kids: object = entry.get("children", entry.get("codes", []))
            if kids is None:
                kids = []
            if not isinstance(kids, list):
                problems.append(f"The children of {name!r} must be a list.")
                continue
            visit(kids, code, path, scope)

    visit(items, None, "", "span")
    problems.extend(validate_codes(codes))
    if problems:
        raise CodebookError(problems)
    return Codebook(codes=codes, name=str(data.get("name", "")), version=_version(data.get("version", 1)))


MAX_VERSION = 1_000_000


def _version(value: Any) -> int:
    """A codebook's version: a whole number from 0 to MAX_VERSION (it is stored
    as an integer; "²" passes ``str.isdigit`` but is no number)."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdecimal():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_VERSION:
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        raise CodebookError(
            f"The codebook's version must be a whole number from 0 to {MAX_VERSION:,}, not {shown}."
        )
    return value


_DISTINCT_COLOURS = 4096  # beyond this many codes, colours may repeat


def palette_colours() -> Iterator[str]:
    """Colours for codes given none, as many as asked for: the palette first,
    then lighter and darker shades of it, then colours spread over the hue
    circle (golden-angle steps) and lightness, so any number of codes gets one
    (distinct for the first 4,096) and the same codebook always the same ones."""
    seen: set[str] = set()
    for colour in itertools.chain(PALETTE, (_shade(c, f) for f in (0.6, -0.35) for c in PALETTE)):
        seen.add(colour)
        yield colour
    n = 0
    while True:
        # two irrational steps: hue and lightness never fall into a short cycle
        colour = _hls_hex((n * 0.381966) % 1.0, 0.35 + 0.3 * ((n * 0.7548776) % 1.0), 0.55)
        n += 1
        if colour in seen and len(seen) < _DISTINCT_COLOURS:
            continue
        seen.add(colour)
        yield colour


def _shade(colour: str, factor: float) -> str:
    """``colour`` mixed with white (factor > 0) or black (factor < 0)."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    target = 255 if factor > 0 else 0
    mixed = [round(c + (target - c) * abs(factor)) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _hls_hex(h: float, lightness: float, s: float) -> str:
    import colorsys

    r, g, b = colorsys.hls_to_rgb(h, lightness, s)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


def codebook_to_dict(codebook: Codebook) -> dict[str, Any]:
    def entry(code: Code) -> dict[str, Any]:
        d: dict[str, Any] = {"name": code.name, "id": code.id}
        if code.description:
            d["description"] = code.description
        d["color"] = code.color
        if code.shortcut:
            d["shortcut"] = code.shortcut
        parent = codebook.get(code.parent_id) if code.parent_id else None
        if code.scope != (parent.scope if parent else "span"):
            d["scope"] = code.scope
        if code.exclusive:
            d["exclusive"] = True
        if code.archived:
            d["archived"] = True
        if code.level != "nominal":
            d["level"] = code.level
        kids = codebook.children(code.id)
        if kids:
            d["children"] = [entry(k) for k in kids]
        return d

    return {
        "name": codebook.name,
        "version": codebook.version,
        "codes": [entry(c) for c in codebook.roots()],
    }
