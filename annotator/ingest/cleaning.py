"""Text cleaning, a pure function: Unicode and line endings are always
normalised (the offset contract, DESIGN.md section 3); tidying white space and
removing page debris by line rules can be switched off."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from annotator.ingest.decoding import strip_controls
from annotator.ingest.rules import Rule, RuleSet, builtin_rules

# Debris lines are short; rules are not tried on long lines, which keeps a
# careless user pattern from spending seconds on a huge paragraph.
MAX_RULE_LINE = 1000
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_NEWLINE_CHARS = "\r\u2028\u2029\x85\x0b\x0c"
_CONTROL_CHARS = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r\x0b\x0c")
_NEEDS_FIXING = re.compile("[" + re.escape(_NEWLINE_CHARS + _CONTROL_CHARS) + "]")
_LONG = 1 << 20


@dataclass(frozen=True)
class RemovedLine:
    rule: str
    line: int  # 1-based, in the text after normalisation
    text: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.text}"


@dataclass
class CleanResult:
    text: str
    removed: list[RemovedLine] = field(default_factory=list)


def normalise_text(text: str) -> str:
    """NFC, ``\\n`` line endings, no control characters: what every stored text is."""
    if len(text) < _LONG:
        if _NEEDS_FIXING.search(text):
            text = strip_controls(_NEWLINES.sub("\n", text))
    else:
        # substring tests (memchr) first: much faster than a regex over a long text that needs nothing
        if any(ch in text for ch in _NEWLINE_CHARS):
            text = _NEWLINES.sub("\n", text)
        if any(ch in text for ch in _CONTROL_CHARS):
            text = strip_controls(text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text


@dataclass(frozen=True)
class _Compiled:
    line_rules: tuple[tuple[Rule, re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None], ...]
    any_line: re.Pattern[str] | None  # all line patterns in one, to skip most lines fast
    repeated: tuple[Rule, ...]


@lru_cache(maxsize=16)
def _compile(rules: tuple[Rule, ...]) -> _Compiled:
    line_rules = []
    for r in rules:
        if r.kind != "line" or not r.enabled:
            continue
        line_rules.append(
            (
                r,
                r.compiled(r.pattern),
                r.compiled(r.followed_by) if r.followed_by else None,
                r.compiled(r.preceded_by) if r.preceded_by else None,
            )
        )
    any_line = None
    if line_rules:
        parts = [f"(?i:{r.pattern})" if r.ignore_case else f"(?:{r.pattern})" for r, *_ in line_rules]
        try:
            any_line = re.compile("|".join(parts))
        except re.error:  # e.g. a pattern with global flags: test the rules one by one
            any_line = None
    repeated = tuple(r for r in rules if r.kind == "repeated" and r.enabled)
    return _Compiled(tuple(line_rules), any_line, repeated)


def _compiled_for(rules: RuleSet) -> _Compiled:
    # Hashing every rule for the cache on every call costs more than cleaning a
    # short article; remember the compiled form on the rule set itself.
    active = tuple(rules.active())
    key = tuple(map(id, active))
    cached = rules.__dict__.get("_compiled")
    if cached is not None and cached[0] == key:
        return cached[1]
    compiled = _compile(active)
    rules.__dict__["_compiled"] = (key, compiled)
    return compiled


_DEFAULT: list[RuleSet] = []


def default_rules() -> RuleSet:
    if not _DEFAULT:
        _DEFAULT.append(builtin_rules())
    return _DEFAULT[0]


def clean_text(text: str, rules: RuleSet | None = None, *, tidy: bool = True) -> CleanResult:
    """Normalise ``text`` and, when ``tidy``, strip trailing spaces, collapse runs of
    blank lines, drop blank lines at both ends and remove the lines that the
    ``rules`` (default: the built-in ones) take for page debris. What was removed
    is returned with the name of the rule that removed it."""
    text = normalise_text(text)
    if not tidy:
        return CleanResult(text)
    lines = [ln.rstrip() for ln in text.split("\n")]
    removed: list[RemovedLine] = []
    compiled = _compiled_for(rules if rules is not None else default_rules())
    if compiled.line_rules or compiled.repeated:
        drop = _debris(lines, compiled, removed)
        if drop:
            lines = [ln for i, ln in enumerate(lines) if i not in drop]
    out: list[str] = []
    for ln in lines:
        if not ln.strip():
            if out and out[-1]:
                out.append("")
            continue
        out.append(ln)
    while out and not out[-1]:
        out.pop()
    return CleanResult("\n".join(out), removed)


def _debris(lines: list[str], compiled: _Compiled, removed: list[RemovedLine]) -> set[int]:
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    stripped = {i: lines[i].strip() for i in nonblank}
    drop: set[int] = set()
    seen: set[str] = set()

    def context(pos: int, pattern: re.Pattern[str], step: int, within: int) -> bool:
        for k in range(1, within + 1):
            j = pos + step * k
            if j < 0 or j >= len(nonblank):
                return False
            if pattern.fullmatch(stripped[nonblank[j]]):
                return True
        return False

    for pos, i in enumerate(nonblank):
        s = stripped[i]
        rule_name = ""
        if (
            len(s) <= MAX_RULE_LINE
            and compiled.line_rules
            and (compiled.any_line is None or compiled.any_line.fullmatch(s))
        ):
            for rule, pattern, after, before in compiled.line_rules:
                if not pattern.fullmatch(s):
                    continue
                if after is not None and not context(pos, after, 1, rule.within):
                    continue
                if before is not None and not context(pos, before, -1, rule.within):
                    continue
                rule_name = rule.name
                break
        if not rule_name and compiled.repeated:
            key = (" ".join(s.split()) if "  " in s or "\t" in s else s).casefold()
            for rule in compiled.repeated:
                if len(s) >= rule.min_length and key in seen:
                    rule_name = rule.name
                    break
            seen.add(key)
        if rule_name:
            drop.add(i)
            removed.append(RemovedLine(rule_name, i + 1, s))
    return drop
