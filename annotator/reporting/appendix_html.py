"""The methods appendix as one self-contained HTML page (no scripts, no
external files). Every text is escaped."""

from __future__ import annotations

import html

from annotator.reporting.appendix_content import Table, build_appendix
from annotator.reporting.appendix_model import AppendixFacts

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
caption { caption-side: top; text-align: left; font-style: italic; padding-bottom: .25rem; }
.source { font-size: .85rem; color: #555; margin-top: -.5rem; }
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def appendix_html(facts: AppendixFacts) -> str:
    a = build_appendix(facts)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{esc(a.title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{esc(a.title)}</h1>",
        f"<p>{esc(a.preface)}</p>",
    ]
    for n, section in enumerate(a.sections, 1):
        out.append(f'<h2 id="{esc(section.id)}">{n}. {esc(section.title)}</h2>')
        out += [f"<p>{esc(p)}</p>" for p in section.paragraphs]
        for i, table in enumerate(section.tables, 1):
            out += _table(table, f"{section.id}-{i}")
    out.append('<h2 id="checklist">Checklist: Lombard, Snyder-Duch &amp; Bracken (2002)</h2>')
    numbers = {s.id: (n, s.title) for n, s in enumerate(a.sections, 1)}
    out.append(
        "<table><caption>What a reliability report must contain, and where this appendix answers it</caption>"
    )
    out.append("<tr><th>Item</th><th>Section</th><th>Answer</th></tr>")
    for c in a.checklist:
        n, title = numbers[c.section]
        out.append(
            f'<tr><td>{esc(c.item)}</td><td><a href="#{esc(c.section)}">{n}. {esc(title)}</a></td>'
            f"<td>{esc(c.answer)}</td></tr>"
        )
    out += ["</table>", "</body></html>"]
    return "\n".join(out) + "\n"


def _table(t: Table, anchor: str) -> list[str]:
    out = [f'<table id="{esc(anchor)}"><caption>{esc(t.caption)}</caption>']
    out.append("<tr>" + "".join(f"<th>{esc(h)}</th>" for h in t.headers) + "</tr>")
    for row in t.rows:
        out.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>")
    out += ["</table>", f'<p class="source">Source: {esc(t.source)}.</p>']
    return out
