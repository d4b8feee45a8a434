"""A self-contained HTML agreement report with plots (PNGs from ``agreement_charts`` inlined).

Everything a methods section needs is in the file: every parameter, the
figures with their intervals, where coders part ways, and a plain-language
reading of each measure with its source. All user text is escaped.
"""

from __future__ import annotations

import html
from typing import Any

from annotator.agreement.report import AgreementReport
from annotator.reporting.agreement_charts import charts
from annotator.reporting.agreement_table import columns, methods_sentences, to_rows

READINGS = [
    (
        "Model coder",
        "A coder of role model among the chosen coders adds three alphas per variable, each with its bootstrap "
        "interval from the same resamples: the humans alone, the humans with the model, and the model against the "
        "humans (the mean of the alphas of each human paired with the model, so the model is judged as one more "
        "coder of the team, not against a majority no single human reaches).",
    ),
    (
        "Alternative annotator test",
        "Calderon, Reichart & Dror (2025): leaving out one human at a time, does the model represent the other "
        "humans at least as well as the left-out human, up to a margin epsilon granted for its lower cost? "
        "One-sided paired t-tests per human, Benjamini-Yekutieli correction; the winning rate is the share of "
        "humans the model beats (it passes at 0.5 or more), the advantage probability the chance that it does "
        "at least as well as a random human on a unit. The paper asks for 30 or more units per human. "
        "The t-test takes units as independent: at the paragraph, sentence or token unit the units of one "
        "article are not, so its p-values there are too small; the document unit fits the test best.",
    ),
    (
        "Percent agreement",
        "The share of pairs of values within a unit on which two coders agree. Easy to read but not corrected "
        "for chance: a rare code gives high agreement even when coders never agree on where it occurs, which is "
        "why alpha is shown beside it (the prevalence paradox).",
    ),
    (
        "Krippendorff's alpha (α)",
        "1 − observed / expected disagreement, from the coincidences of values within units; any number of "
        "coders, missing values allowed, nominal, ordinal, interval or ratio data. 1 is perfect reliability, 0 "
        "is agreement at chance level. Krippendorff (2004, 2019) recommends α ≥ 0.8 for conclusions and "
        "0.667 ≤ α < 0.8 only for tentative ones. Undefined when the data has no variation.",
    ),
    (
        "Bootstrap interval and P(α < t)",
        "Units are resampled with replacement; the interval holds the middle share of the resampled alphas and "
        "P(α < t) is the share of resamples below the threshold t (cf. Hayes & Krippendorff 2007).",
    ),
    (
        "Cohen's kappa (κ)",
        "Two coders; chance agreement from each coder's own distribution of values (Cohen 1960). Shown for each "
        "pair of coders.",
    ),
    (
        "Scott's pi (π)",
        "Two coders; chance agreement from the coders' pooled distribution of values (Scott 1955).",
    ),
    (
        "Fleiss' kappa",
        "Any number of coders; mean agreement over units corrected by pooled category shares (Fleiss 1971).",
    ),
    (
        "Brennan-Prediger",
        "Chance agreement taken as 1/q for q possible values, whether used or not (Brennan & Prediger 1981).",
    ),
    (
        "Span F1 (exact / overlap)",
        "Spans of one coder matched one-to-one with spans of the same code by another: exact needs identical "
        "boundaries, overlap at least one shared character. F1 = 2 × matches / (spans of both); averaged over "
        "pairs of coders.",
    ),
    (
        "Unitizing: uα, |uα, cuα, (k)uα",
        "On the character continuum (Krippendorff et al. 2016; Krippendorff 2019, ch. 12): uα assesses "
        "segments and their values together; |uα whether coders mark the same stretches at all (valued versus "
        "gap); cuα the values given where valued segments of different coders overlap, with the share of the "
        "continuum this covers; (k)uα the same for one value k.",
    ),
    (
        "Coverage",
        "For each coder, the share of units (or characters) in the documents they coded that they marked with "
        "the code; very different coverage usually means different readings of the coding instructions.",
    ),
]

CITATIONS = [
    "Benjamini, Y., & Yekutieli, D. (2001). The control of the false discovery rate in multiple testing under "
    "dependency. The Annals of Statistics, 29(4), 1165–1188.",
    "Calderon, N., Reichart, R., & Dror, R. (2025). The alternative annotator test for LLM-as-a-judge: How to "
    "statistically justify replacing human annotators with LLMs. Proceedings of the 63rd Annual Meeting of the "
    "Association for Computational Linguistics, 16051–16081.",
    "Brennan, R. L., & Prediger, D. J. (1981). Coefficient kappa: Some uses, misuses, and alternatives. "
    "Educational and Psychological Measurement, 41(3), 687–699.",
    "Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological "
    "Measurement, 20(1), 37–46.",
    "Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin, "
    "76(5), 378–382.",
    "Hayes, A. F., & Krippendorff, K. (2007). Answering the call for a standard reliability measure for "
    "coding data. Communication Methods and Measures, 1(1), 77–89.",
    "Krippendorff, K. (2004). Content analysis: An introduction to its methodology (2nd ed.). Sage.",
    "Krippendorff, K. (2019). Content analysis: An introduction to its methodology (4th ed.). Sage.",
    "Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016). On the reliability of unitizing "
    "textual continua: Further developments. Quality & Quantity, 50, 2347–2364.",
    "Scott, W. A. (1955). Reliability of content analysis: The case of nominal scale coding. Public Opinion "
    "Quarterly, 19(3), 321–325.",
]

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:72em;color:#222;
line-height:1.45;padding:0 1em}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
th{background:#f3f3f3}
.undefined{color:#888;font-style:italic}
img{max-width:100%;height:auto}
dt{font-weight:600;margin-top:.6em}
"""


def to_html(report: AgreementReport, *, title: str = "Inter-coder agreement") -> str:
    """The report as one HTML document (no external files, scripts or fonts)."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        "<h2>Parameters</h2>",
        _parameters_table(report),
        "<h2>Agreement per variable</h2>",
        _variables_table(report),
    ]
    for caption, png in charts(report):
        parts.append(
            f'<figure><img alt="{e(caption)}" src="data:image/png;base64,{png}">'
            f"<figcaption>{e(caption)}</figcaption></figure>"
        )
    parts.append(
        "<h2>For the methods section</h2><ul>"
        + "".join(f"<li>{e(t)}</li>" for t in methods_sentences(report))
        + "</ul>"
    )
    parts.append(_unitizing_section(report))
    parts.append("<h2>Documents where coders part ways</h2>")
    parts.append(_documents_table(report))
    notes = list(report.notes)
    for v in report.variables:
        notes += [f"{v.name} — {k}: {why}" for k, why in v.reasons.items()]
    if notes:
        parts.append("<h2>Notes</h2><ul>" + "".join(f"<li>{e(n)}</li>" for n in notes) + "</ul>")
    parts.append("<h2>How to read these measures</h2><dl>")
    parts += [f"<dt>{e(name)}</dt><dd>{e(text)}</dd>" for name, text in READINGS]
    parts.append("</dl><h2>References</h2><ul>")
    parts += [f"<li>{e(c)}</li>" for c in CITATIONS]
    parts.append("</ul></body></html>")
    return "\n".join(parts)


def _fmt(v: Any) -> str:
    if v is None:
        return '<span class="undefined">undefined</span>'
    if isinstance(v, float):
        return f"{v:.3f}"
    return html.escape(str(v))


def _parameters_table(report: AgreementReport) -> str:
    rows = []
    for k, v in report.parameters.items():
        if k == "coders":
            text = "; ".join(
                (f"{c['name']} ({c['id']})" if c["name"] != c["id"] else c["name"])
                + (f": {c['documents_coded']} documents" if "documents_coded" in c else "")
                for c in v
            )
        elif k in ("variables", "levels"):
            continue
        elif isinstance(v, list | tuple):
            text = ", ".join(str(x) for x in v)
        else:
            text = "" if v is None else str(v)
        rows.append(f"<tr><th>{html.escape(k.replace('_', ' '))}</th><td>{html.escape(text)}</td></tr>")
    levels = report.parameters.get("levels")
    if levels:
        names = {v.id: v.name for v in report.variables}
        text = "; ".join(f"{names.get(k, k)}: {lv}" for k, lv in levels.items())
        rows.append(f"<tr><th>levels</th><td>{html.escape(text)}</td></tr>")
    return "<table>" + "".join(rows) + "</table>"


def _variables_table(report: AgreementReport) -> str:
    cols = columns(report)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body = []
    for row in to_rows(report):
        cells = []
        for c in cols:
            v = row.get(c)
            cls = ' class="n"' if isinstance(v, int | float) and not isinstance(v, bool) else ""
            cells.append(f"<td{cls}>{_fmt(v) if c != 'Note' else html.escape(str(v or ''))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _unitizing_section(report: AgreementReport) -> str:
    groups = [v for v in report.variables if v.k_u_alpha]
    if not groups:
        return ""
    out = ["<h2>Unitizing: values of exclusive groups</h2>"]
    for v in groups:
        out.append(
            f"<h3>{html.escape(v.name)}</h3><p>uα {_fmt(v.u_alpha)}, |uα {_fmt(v.binary_u_alpha)}, "
            f"cuα {_fmt(v.cu_alpha)} (covering {_fmt(v.cu_coverage)} of the continuum)</p>"
        )
        out.append("<table><tr><th>Value</th><th>(k)uα</th><th>Coverage</th></tr>")
        for label, a in v.k_u_alpha.items():
            out.append(
                f"<tr><td>{html.escape(label)}</td><td class='n'>{_fmt(a)}</td>"
                f"<td class='n'>{_fmt(v.k_coverage.get(label))}</td></tr>"
            )
        out.append("</table>")
    return "".join(out)


def _documents_table(report: AgreementReport) -> str:
    rows = []
    for f in report.documents[:20]:
        rows.append(
            f"<tr><td>{html.escape(f.title or '')}</td><td>{html.escape(f.document_id)}</td>"
            f"<td class='n'>{f.pairable_units}</td><td class='n'>{f.disagreeing_units}</td>"
            f"<td class='n'>{_fmt(f.agreement)}</td></tr>"
        )
    if not rows:
        return "<p>No document was coded by two or more of the chosen coders.</p>"
    continuum = report.parameters.get("unit") == "continuum"
    head = (
        "<th>Characters</th><th>Characters where coders differ</th>"
        if continuum
        else "<th>Pairable units × variables</th><th>Where coders differ</th>"
    )
    return (
        f"<table><tr><th>Title</th><th>Document</th>{head}<th>Agreement</th></tr>"
        + "".join(rows)
        + "</table>"
    )
