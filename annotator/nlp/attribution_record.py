"""What the attribution finder returns: one reported statement and its spans."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Span = tuple[int, int]


@dataclass(frozen=True)
class Attribution:
    """One reported statement.

    ``speaker`` is where the speaker is named for this statement: the subject
    of the cue, a pronoun, or, for a quote that continues an earlier speaker's
    words without a new cue, that speaker's earlier mention. ``speaker_text``
    is the name (the antecedent's text when a pronoun was resolved);
    ``antecedent`` is the span of that earlier mention. ``speaker_context``
    is the wider phrase (appositions, relative clauses) that tells the source
    type, and ``speaker_label`` the speaker's entity label, if any.
    """

    kind: Literal["direct", "indirect"]
    content: Span
    cue: Span | None
    speaker: Span | None
    speaker_text: str = ""
    resolved_from_pronoun: bool = False
    antecedent: Span | None = None
    speaker_context: str = ""
    speaker_label: str = ""
