"""Codebooks as human-editable YAML files (the nested form of
``annotator.core.codebook``)."""

from __future__ import annotations

from pathlib import Path

import yaml

from annotator.core.codebook import Codebook, codebook_from_dict, codebook_to_dict
from annotator.core.errors import CodebookError
from annotator.core.output_files import write_text

MAX_CODEBOOK_BYTES = 5_000_000


def parse_codebook(text: str, *, source: str = "the codebook") -> Codebook:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise CodebookError(f"{source} is not valid YAML{where}: {getattr(exc, 'problem', exc)}.") from exc
    return codebook_from_dict(data)


def read_codebook(path: str | Path) -> Codebook:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_CODEBOOK_BYTES:
            raise CodebookError(f"{path.name} is too large to be a codebook.")
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise CodebookError(f"There is no codebook file at {path}.") from exc
    except UnicodeDecodeError as exc:
        raise CodebookError(f"{path.name} is not a UTF-8 text file.") from exc
    except OSError as exc:
        raise CodebookError(f"{path.name} cannot be read: {exc.strerror}.") from exc
    return parse_codebook(text, source=path.name)


def dump_codebook(codebook: Codebook) -> str:
    return yaml.safe_dump(codebook_to_dict(codebook), sort_keys=False, allow_unicode=True, width=100)


def write_codebook(codebook: Codebook, path: str | Path) -> Path:
    path = Path(path)
    write_text(path, dump_codebook(codebook))
    return path
