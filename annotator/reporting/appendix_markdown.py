"""The methods appendix as Markdown. Every text is escaped, so a name such as
``*Source* | type`` can neither format the page nor break a table."""

from __future__ import annotations

import re

from annotator.reporting.appendix_content import Appendix, Table, build_appendix
from annotator.reporting.appendix_model import AppendixFacts

# brackets are escaped, so no link can form and parentheses may stay as written
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")


def md(text: object) -> str:
    """Text that Markdown shows as written, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def appendix_markdown(facts: AppendixFacts) -> str:
    a = build_appendix(facts)
    out = [f"# {md(a.title)}", "", md(a.preface), ""]
    for n, section in enumerate(a.sections, 1):
        out += [f"## {n}. {md(section.title)}", ""]
        for paragraph in section.paragraphs:
            out += [md(paragraph), ""]
        for table in section.tables:
            out += _table(table)
    out += ["## Checklist: Lombard, Snyder-Duch & Bracken (2002)", ""]
    numbers = {s.id: n for n, s in enumerate(a.sections, 1)}
    out += _table(
        Table(
            "What a reliability report must contain, and where this appendix answers it",
            "this appendix",
            ["Item", "Section", "Answer"],
            [[c.item, f"{numbers[c.section]}. {_title(a, c.section)}", c.answer] for c in a.checklist],
        )
    )
    return "\n".join(out).rstrip() + "\n"


def _title(a: Appendix, section_id: str) -> str:
    return next(s.title for s in a.sections if s.id == section_id)


def _table(t: Table) -> list[str]:
    lines = [f"*{md(t.caption)}.*", ""]
    lines.append("| " + " | ".join(md(h) for h in t.headers) + " |")
    lines.append("|" + "|".join("---" for _ in t.headers) + "|")
    for row in t.rows:
        lines.append("| " + " | ".join(md(c) for c in row) + " |")
    lines += ["", f"Source: {md(t.source)}.", ""]
    return lines
