"""Notes a REFI-QDA file puts on text that no code was applied to.

QualCoder writes its annotations as a Note holding a PlainTextSelection,
referenced from the TextSource; MAXQDA writes a memo as the Description of an
uncoded selection, NVivo as a Note linked to one. Our model keeps notes on codings only, so such a note joins
the note of the codings of exactly the same text, or else goes to its
article's metadata under ``notes``. Nothing is dropped without a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.models import Annotation, Document

METADATA_KEY = "notes"


@dataclass
class FreeNote:
    document: Document
    start: int  # in document.text
    end: int
    text: str
    by: str = ""  # the author's name, when the file names one


@dataclass
class FreeNotes:
    notes: list[FreeNote] = field(default_factory=list)

    def add(self, note: FreeNote) -> None:
        if note.text.strip():
            self.notes.append(note)

    def settle(
        self, annotations: list[Annotation], new_documents: set[str], where: str, warnings: list[str]
    ) -> None:
        """Attach every note, in place, and say in one sentence where they went."""
        if not self.notes:
            return
        by_range: dict[tuple[str, int, int], list[Annotation]] = {}
        for a in annotations:
            by_range.setdefault((a.document_id, a.start, a.end), []).append(a)
        joined = kept = lost = 0
        for n in sorted(self.notes, key=lambda n: (n.start, n.end)):  # in reading order
            same = by_range.get((n.document.id, n.start, n.end), [])
            if same:
                for a in same:
                    if n.text not in a.note:
                        a.note = "\n\n".join(p for p in (a.note, n.text) if p)
                joined += 1
            elif n.document.id in new_documents:
                n.document.metadata.setdefault(METADATA_KEY, []).append(
                    {
                        "start": n.start,
                        "end": n.end,
                        "quote": n.document.text[n.start : n.end],
                        "note": n.text,
                        "by": n.by,
                    }
                )
                kept += 1
            else:  # the article is already in the project, whose metadata an import does not change
                lost += 1
        parts = []
        if joined:
            parts.append(
                "1 was added to the note of the coding of the same text"
                if joined == 1
                else f"{joined} were added to the notes of the codings of the same text"
            )
        if kept:
            parts.append(
                f"{kept} {'was' if kept == 1 else 'were'} kept in the article's metadata under 'notes'"
            )
        if lost:
            parts.append(
                f"{lost} {'was' if lost == 1 else 'were'} not imported, the article being in the project already"
            )
        total = len(self.notes)
        warnings.append(
            f"{where}: {total} note{'s are' if total > 1 else ' is'} on text no code was applied to "
            f"(annotations): {', '.join(parts)}."
        )
