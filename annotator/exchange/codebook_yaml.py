"""Codebooks as human-editable YAML files (the nested form of
``annotator.core.codebook``)."""

from __future__ import annotations

from pathlib import Path

import yaml

from annotator.core.codebook import Codebook, codebook_from_dict, codebook_to_dict
from annotator.core.errors import CodebookError
from annotator.core.output_files import write_text
from annotator.core.safe_open import read_regular
from annotator.core.safe_yaml import load_untrusted_yaml

MAX_CODEBOOK_BYTES = 5 << 20


def parse_codebook(text: str, *, source: str = "the codebook") -> Codebook:
    if len(text) > MAX_CODEBOOK_BYTES:
        raise CodebookError(f"{source} is too large to be a codebook.")
    return codebook_from_dict(load_untrusted_yaml(text, source=source, error=CodebookError))


def read_codebook(path: str | Path) -> Codebook:
    path = Path(path)
    raw = read_regular(path, MAX_CODEBOOK_BYTES, error=CodebookError, shown=path.name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CodebookError(f"{path.name} is not a UTF-8 text file.") from exc
    return parse_codebook(text, source=path.name)


def dump_codebook(codebook: Codebook) -> str:
    return yaml.safe_dump(codebook_to_dict(codebook), sort_keys=False, allow_unicode=True, width=100)


def write_codebook(codebook: Codebook, path: str | Path) -> Path:
    path = Path(path)
    write_text(path, dump_codebook(codebook))
    return path
