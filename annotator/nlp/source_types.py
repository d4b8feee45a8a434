"""Proposed source types for speakers, from a small editable word mapping.

The mapping lives in ``resources/source_types.yaml``; a user file of the same
form extends it. A proposed type is a name ("government official"); which code
of a project's codebook it stands for is decided by name and synonyms, so a
project without source-type codes simply gets no label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from annotator.core.codebook import Codebook
from annotator.core.errors import AnnotatorError
from annotator.resources_path import resource


class SourceTypeMappingError(AnnotatorError):
    """A source-type mapping file cannot be read."""


@dataclass
class SourceType:
    name: str
    synonyms: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    sentence: list[str] = field(default_factory=list)
    entity_labels: list[str] = field(default_factory=list)


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    """One regex for a word list; words in capitals match only in capitals."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        body = r"\s+".join(re.escape(p) for p in w.split())
        if w.isupper() and len(w) > 1:
            parts.append(rf"(?-i:\b{body}\b)")
        else:
            parts.append(rf"\b{body}\b")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


class SourceTypeMapping:
    """Source types in order of priority, with their compiled word patterns."""

    def __init__(self, types: list[SourceType]):
        self.types = types
        self._words = [_pattern(t.words) for t in types]
        self._sentence = [_pattern(t.sentence) for t in types]

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.types]

    def get(self, name: str) -> SourceType | None:
        key = normalise_name(name)
        return next((t for t in self.types if normalise_name(t.name) == key), None)

    def propose(
        self, speaker: str, *, context: str = "", sentence: str = "", entity_label: str = ""
    ) -> str | None:
        """The type for a speaker phrase, or None when nothing in it says.

        ``context`` is the speaker's wider phrase (with appositions and relative
        clauses); ``sentence`` the sentence it was found in.
        """
        text = f"{speaker} {context}" if context and context != speaker else speaker
        best: tuple[int, int] | None = None  # (length of the match, -priority)
        best_name = None
        for rank, (t, pat) in enumerate(zip(self.types, self._words, strict=True)):
            if pat is None:
                continue
            for m in pat.finditer(text):
                key = (len(m.group(0).split()), -rank)
                if best is None or key > best:
                    best, best_name = key, t.name
        if entity_label != "PERSON" and sentence:
            for t, pat in zip(self.types, self._sentence, strict=True):
                if pat is not None and pat.search(sentence):
                    return t.name
        if best_name is not None:
            return best_name
        if entity_label:
            for t in self.types:
                if entity_label in t.entity_labels:
                    return t.name
        return None


def normalise_name(name: str) -> str:
    """'NGO / monitor', 'NGO or monitor' and 'ngo & monitor' compare equal."""
    s = name.casefold().replace("&", " or ").replace("/", " or ").replace(" and ", " or ")
    s = re.sub(r"[^\w\s-]", " ", s)
    return " ".join(s.split())


def _types_from(data: object, where: str) -> list[SourceType]:
    if not isinstance(data, dict) or not isinstance(data.get("types"), dict):
        raise SourceTypeMappingError(
            f"The source-type mapping {where} must hold a 'types' mapping at the top."
        )
    out = []
    for name, entry in data["types"].items():
        entry = entry or {}
        if not isinstance(entry, dict):
            raise SourceTypeMappingError(
                f"The source type {name!r} in {where} must be a mapping of word lists."
            )
        lists = {}
        for key in ("synonyms", "words", "sentence", "entity_labels"):
            value = entry.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
                raise SourceTypeMappingError(
                    f"The {key!r} of source type {name!r} in {where} must be a list of words."
                )
            lists[key] = [str(v) for v in value]
        out.append(SourceType(str(name), **lists))
    return out


def load_mapping(user_file: str | Path | None = None) -> SourceTypeMapping:
    """The shipped mapping, extended by ``user_file`` when given."""
    shipped = yaml.safe_load(resource("source_types.yaml").read_text(encoding="utf-8"))
    types = _types_from(shipped, "shipped with Annotator")
    if user_file is not None:
        path = Path(user_file)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise SourceTypeMappingError(
                f"The source-type mapping {path} cannot be read ({exc.strerror})."
            ) from exc
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise SourceTypeMappingError(f"The source-type mapping {path} is not valid YAML.") from exc
        by_name = {normalise_name(t.name): t for t in types}
        for extra in _types_from(data, str(path)):
            base = by_name.get(normalise_name(extra.name))
            if base is None:
                types.append(extra)
                by_name[normalise_name(extra.name)] = extra
                continue
            for key in ("synonyms", "words", "sentence", "entity_labels"):
                getattr(base, key).extend(v for v in getattr(extra, key) if v not in getattr(base, key))
    return SourceTypeMapping(types)


_DEFAULT: SourceTypeMapping | None = None


def default_mapping() -> SourceTypeMapping:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_mapping()
    return _DEFAULT


def code_for_source_type(
    codebook: Codebook, type_name: str | None, mapping: SourceTypeMapping | None = None
) -> str | None:
    """Id of the codebook's span code for ``type_name`` (by name or synonym,
    case-insensitively), or None when the codebook has no such code.

    A code in a group whose name mentions "source" wins over a namesake elsewhere.
    """
    if not type_name:
        return None
    mapping = mapping or default_mapping()
    st = mapping.get(type_name)
    names = {normalise_name(type_name)}
    if st is not None:
        names |= {normalise_name(s) for s in st.synonyms}
    found = [c for c in codebook.leaves(scope="span") if normalise_name(c.name) in names]
    if not found:
        return None

    def in_source_group(code_id: str) -> bool:
        parent = codebook.get(code_id)
        parent = codebook.get(parent.parent_id) if parent and parent.parent_id else None
        return parent is not None and "source" in parent.name.casefold()

    exact = [c for c in found if normalise_name(c.name) == normalise_name(type_name)]
    found.sort(key=lambda c: (not in_source_group(c.id), c not in exact))
    return found[0].id


# the parts of an attribution, by the names a codebook gives them (PolNeAR: Source, Cue, Content)
KIND_CODE_NAMES = {
    "speaker": ("source", "speaker"),
    "cue": ("cue",),
    "content": ("content", "quote", "quotation"),
}


def code_for_kind(codebook: Codebook, kind: str) -> str | None:
    """Id of the codebook's span code named after a part of an attribution
    ("Source" for a speaker, "Cue", "Content"), or None when there is none."""
    names = KIND_CODE_NAMES.get(kind, ())
    for name in names:  # in the order of preference
        found = [c for c in codebook.leaves(scope="span") if normalise_name(c.name) == name]
        if found:
            return found[0].id
    return None
