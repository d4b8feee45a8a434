"""Names and texts from project files and imports are untrusted (DESIGN.md
section 7): before they reach a terminal or a label, characters that steer the
display instead of showing something are made visible as escapes."""

from __future__ import annotations

import re

# C0 and C1 control characters (ESC starts terminal escape sequences, BEL rings,
# CR overwrites the line), DEL, and the bidirectional overrides and isolates
# that reorder what follows them.
_STEERING = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_STEERING_KEEP_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: object, *, keep_lines: bool = False) -> str:
    """``text`` as a string with every control character shown as an escape
    such as ``\\x1b``; line breaks and tabs stay with ``keep_lines``."""
    pattern = _STEERING_KEEP_LINES if keep_lines else _STEERING
    return pattern.sub(_escape, str(text))
