"""Page-debris rules: named line patterns, shipped as YAML, that the user can
list, extend with a file of their own, and switch off one by one or all."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from annotator.core.errors import IngestError
from annotator.core.safe_open import read_regular
from annotator.core.safe_yaml import load_untrusted_yaml
from annotator.resources_path import resource

BUILTIN_RULES_FILE = "cleaning_rules.yaml"
MAX_RULES_BYTES = 1 << 20
_RULE_KEYS = {
    "name",
    "description",
    "pattern",
    "kind",
    "ignore_case",
    "followed_by",
    "preceded_by",
    "within",
    "min_length",
    "enabled",
}


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: str = ""
    description: str = ""
    kind: Literal["line", "repeated"] = "line"
    ignore_case: bool = True
    followed_by: str = ""
    preceded_by: str = ""
    within: int = 1
    min_length: int = 20
    enabled: bool = True
    origin: str = "built-in"  # or the path of the user's file

    def compiled(self, pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE if self.ignore_case else 0)


@dataclass
class RuleSet:
    rules: list[Rule] = field(default_factory=list)

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def names(self) -> list[str]:
        return [r.name for r in self.rules]

    def active(self) -> list[Rule]:
        return [r for r in self.rules if r.enabled]

    def without(self, names: Iterable[str]) -> RuleSet:
        """The same rules with those named switched off; unknown names are an error,
        since a typo would otherwise silently leave a rule on."""
        names = set(names)
        unknown = names - set(self.names())
        if unknown:
            raise IngestError(
                f"There is no cleaning rule named {', '.join(sorted(unknown))}; the rules are {', '.join(self.names())}."
            )
        return RuleSet([replace(r, enabled=False) if r.name in names else r for r in self.rules])

    def extended(self, other: RuleSet) -> RuleSet:
        """These rules with another set's added; a rule of the same name is replaced in place."""
        by_name = {r.name: r for r in other.rules}
        merged = [by_name.pop(r.name, r) for r in self.rules]
        # user rules go before the repeated-line rule so it only sees what is left
        tail = [r for r in merged if r.kind == "repeated"]
        head = [r for r in merged if r.kind != "repeated"]
        new = list(by_name.values())
        return RuleSet(
            head + [r for r in new if r.kind != "repeated"] + tail + [r for r in new if r.kind == "repeated"]
        )

    @classmethod
    def none(cls) -> RuleSet:
        return cls([])


def _rule_from_dict(entry: Any, origin: str, index: int) -> Rule:
    where = f"rule {index} of {origin}"
    if not isinstance(entry, dict):
        raise IngestError(f"The {where} is not a mapping with a name and a pattern.")
    unknown = set(entry) - _RULE_KEYS
    if unknown:
        raise IngestError(f"The {where} has unknown keys: {', '.join(sorted(unknown))}.")
    name = str(entry.get("name", "")).strip()
    if not name:
        raise IngestError(f"The {where} has no name.")
    kind = str(entry.get("kind", "line"))
    if kind not in ("line", "repeated"):
        raise IngestError(f"The rule {name!r} in {origin} has kind {kind!r}; use line or repeated.")
    pattern = str(entry.get("pattern", "") or "")
    if kind == "line" and not pattern:
        raise IngestError(f"The rule {name!r} in {origin} has no pattern.")
    try:
        within = int(entry.get("within", 1))
        min_length = int(entry.get("min_length", 20))
    except (TypeError, ValueError) as exc:
        raise IngestError(
            f"The rule {name!r} in {origin} needs whole numbers for within and min_length."
        ) from exc
    rule = Rule(
        name=name,
        pattern=pattern,
        description=str(entry.get("description", "") or "").strip(),
        kind=kind,  # type: ignore[arg-type]  # checked against both kinds above
        ignore_case=bool(entry.get("ignore_case", True)),
        followed_by=str(entry.get("followed_by", "") or ""),
        preceded_by=str(entry.get("preceded_by", "") or ""),
        within=max(1, within),
        min_length=max(1, min_length),
        enabled=bool(entry.get("enabled", True)),
        origin=origin,
    )
    for p in (rule.pattern, rule.followed_by, rule.preceded_by):
        if p:
            try:
                rule.compiled(p)
            except re.error as exc:
                raise IngestError(f"The rule {name!r} in {origin} has an invalid pattern ({exc}).") from exc
    return rule


def parse_rules(text: str, origin: str) -> RuleSet:
    data = load_untrusted_yaml(text, source=f"The cleaning rules file {origin}", error=IngestError)
    if isinstance(data, dict):
        data = data.get("rules")
    if not isinstance(data, list):
        raise IngestError(f"The cleaning rules file {origin} must hold a 'rules' list.")
    rules = [_rule_from_dict(e, origin, i) for i, e in enumerate(data, start=1)]
    seen: set[str] = set()
    for r in rules:
        if r.name in seen:
            raise IngestError(f"The rule name {r.name!r} appears twice in {origin}.")
        seen.add(r.name)
    return RuleSet(rules)


def builtin_rules() -> RuleSet:
    node = resource(BUILTIN_RULES_FILE)
    return parse_rules(node.read_text(encoding="utf-8"), "built-in")


def load_rules(
    extra_files: Iterable[str | Path] = (),
    *,
    disabled: Iterable[str] = (),
    builtin: bool = True,
) -> RuleSet:
    """The rules cleaning uses: the built-in ones (unless ``builtin`` is false),
    extended by the user's files, without those named in ``disabled``."""
    rules = builtin_rules() if builtin else RuleSet.none()
    for f in extra_files:
        path = Path(f)
        try:
            text = read_regular(
                path, MAX_RULES_BYTES, error=IngestError, shown=f"The cleaning rules file {path}"
            ).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise IngestError(f"The cleaning rules file {path} is not UTF-8 text.") from exc
        rules = rules.extended(parse_rules(text, str(path)))
    disabled = list(disabled)
    return rules.without(disabled) if disabled else rules
