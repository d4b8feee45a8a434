"""A model coder's suggestion accepted in the coding session (the workbench's
accept key) keeps origin ``model`` and the model's id@version through undo and redo."""

from __future__ import annotations

from annotator.core.codebook import Code
from annotator.core.models import Coder, Document, Suggestion
from annotator.services.session import AcceptSuggestion, CodingSession
from annotator.store.project import Project


def test_accept_undo_redo_keep_the_models_origin_and_tag(tmp_path):
    with Project.create(tmp_path / "s.annotator") as p:
        p.codes.add_code(Code("Claim", id="claim"))
        p.add_coder(Coder("ann", id="ann"))
        p.documents.add_documents([Document("The minister said the plan works.", id="doc1")])
        p.workflow.replace_suggestions(
            "doc1",
            "model bot m1@2",
            [Suggestion("doc1", 18, 32, "model", "claim", {"model": "bot", "model_tag": "m1@2"}, id="s1")],
        )
        session = CodingSession(p, "ann")
        session.open_document("doc1")
        accept = AcceptSuggestion(session, "s1", "doc1")
        first = accept.do().annotation
        assert (first.origin, first.model) == ("model", "m1@2")
        accept.undo()
        assert session.annotations == {}
        accept.do()
        (again,) = session.annotations.values()
        assert (again.origin, again.model) == ("model", "m1@2")
        stored = p.annotations.annotations_for(["doc1"], ["ann"])
        assert [(a.origin, a.model) for a in stored if not a.deleted] == [("model", "m1@2")]
