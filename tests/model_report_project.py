"""A small project with a model coder among three humans (issue 16): on 40
articles Amira and Ben mark the code on every even article, Cleo errs on six
and the model "bot" on one, so the model represents the humans better than
Cleo does and passes the alternative annotator test."""

from __future__ import annotations

from pathlib import Path

from annotator.core.codebook import Code
from annotator.core.models import Annotation, Coder, Document
from annotator.store.project import Project

N = 40
CLEO_WRONG = {3, 8, 14, 21, 27, 33}  # Cleo misses or adds the code here
BOT_WRONG = {5}


def truth(i: int) -> bool:
    return i % 2 == 0


def build(path: Path, marked: dict[str, set[int]] | None = None) -> Path:
    """The project; ``marked``: the articles each coder marks instead (a code
    the model never gives, say)."""
    with Project.create(path) as p:
        claim = p.codes.add_code(Code("Claim"))
        humans = [p.add_coder(Coder(n)) for n in ("Amira", "Ben", "Cleo")]
        bot = p.add_coder(Coder("bot", role="model"))
        docs = [
            Document(text=f"Article {i}: the minister said the plan works.", title=f"A{i}") for i in range(N)
        ]
        p.documents.add_documents(docs)
        for i, d in enumerate(docs):
            marks = {
                "Amira": truth(i),
                "Ben": truth(i),
                "Cleo": truth(i) != (i in CLEO_WRONG),
                "bot": truth(i) != (i in BOT_WRONG),
            }
            if marked is not None:
                marks = {name: i in marked.get(name, set()) for name in marks}
            for c in [*humans, bot]:
                if marks[c.name]:
                    origin = "model" if c is bot else "manual"
                    p.annotations.add_annotation(
                        Annotation(
                            d.id, c.id, claim.id, 0, 9, origin=origin, model="m1@1" if c is bot else ""
                        )
                    )
                p.workflow.set_status(d.id, c.id, "done")
    return path
