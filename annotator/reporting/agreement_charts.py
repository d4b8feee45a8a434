"""The plots of the HTML agreement report, drawn with matplotlib as PNG images."""

from __future__ import annotations

import base64
import io
from typing import Any

from annotator.agreement.report import AgreementReport


def charts(report: AgreementReport) -> list[tuple[str, str]]:
    """(caption, base64 PNG) for each plot of ``report``: alpha with its interval per variable,
    coverage per coder, and the documents with most disagreement."""
    # Figure + Agg canvas directly: no pyplot, so a GUI's matplotlib backend is left alone.
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    out = []
    with rc_context({"text.parse_math": False, "font.size": 9}):
        vs = [v for v in report.variables]
        if vs:
            fig = Figure(figsize=(7.5, 0.9 + 0.32 * len(vs)))
            FigureCanvasAgg(fig)
            ax = fig.add_subplot()
            ys = list(range(len(vs)))[::-1]
            for y, v in zip(ys, vs, strict=True):
                if v.alpha is None:
                    ax.text(0.0, y, " undefined", va="center", color="#888", fontsize=8)
                    continue
                if v.ci_low is not None and v.ci_high is not None:
                    ax.plot([v.ci_low, v.ci_high], [y, y], color="#0072b2", lw=2)
                ax.plot([v.alpha], [y], "o", color="#0072b2")
            ax.axvline(0.667, color="#d55e00", ls="--", lw=1, label="0.667")
            ax.axvline(0.8, color="#009e73", ls="--", lw=1, label="0.8")
            ax.set_yticks(ys, [f"{v.name} ({v.alpha_name})" for v in vs])
            lows = [v.ci_low for v in vs if v.ci_low is not None] + [
                v.alpha for v in vs if v.alpha is not None
            ]
            ax.set_xlim(min([0.0, *lows]) - 0.05, 1.05)
            ax.set_xlabel("alpha (bars: bootstrap interval)")
            ax.legend(loc="lower left", fontsize=8)
            fig.tight_layout()
            out.append(("Alpha per variable against the 0.667 and 0.8 thresholds", _png(fig)))
        coders = [c["name"] for c in report.parameters.get("coders", [])]
        if vs and coders:
            fig = Figure(figsize=(7.5, 0.9 + 0.25 * len(vs) * max(1, len(coders)) / 2))
            FigureCanvasAgg(fig)
            ax = fig.add_subplot()
            height = 0.8 / len(coders)
            for ci, name in enumerate(coders):
                ys = [len(vs) - 1 - i - (ci - (len(coders) - 1) / 2) * height for i in range(len(vs))]
                ax.barh(ys, [v.coverage.get(name) or 0.0 for v in vs], height=height, label=name)
            ax.set_yticks(list(range(len(vs)))[::-1], [v.name for v in vs])
            ax.set_xlabel("coverage (share of units or characters marked)")
            ax.legend(fontsize=8)
            fig.tight_layout()
            out.append(("Coverage per coder", _png(fig)))
        docs = [d for d in report.documents if d.disagreeing_units > 0][:15]
        if docs:
            fig = Figure(figsize=(7.5, 0.9 + 0.3 * len(docs)))
            FigureCanvasAgg(fig)
            ax = fig.add_subplot()
            ys = list(range(len(docs)))[::-1]
            ax.barh(ys, [d.disagreeing_units for d in docs], color="#cc79a7")
            ax.set_yticks(ys, [_short(d.title or d.document_id) for d in docs])
            continuum = report.parameters.get("unit") == "continuum"
            ax.set_xlabel(
                "characters where coders differ (all variables)"
                if continuum
                else "units where coders differ, summed over variables"
            )
            fig.tight_layout()
            out.append(("Documents with most disagreement", _png(fig)))
    return out


def _short(text: str, n: int = 48) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    return base64.b64encode(buf.getvalue()).decode("ascii")
