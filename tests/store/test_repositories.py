"""The Project composes its repositories over one connection: a transaction
opened on the Project holds the writes of every repository, and a read-only
Project refuses writes through each of them."""

from __future__ import annotations

import pytest

from annotator.core.codebook import Code
from annotator.core.errors import ReadOnlyProject
from annotator.core.models import Document
from annotator.store.project import Project


def test_the_repositories_share_the_projects_connection(project):
    for repo in (project.documents, project.codes, project.annotations, project.intake, project.workflow):
        assert repo.db is project.db
        assert repo.db.conn is project.conn


def test_a_failed_transaction_undoes_the_writes_of_every_repository(project):
    with pytest.raises(RuntimeError), project.transaction():
        project.documents.add_documents([Document(text="A strike.", title="Strike")])
        project.codes.add_code(Code("Frames"))
        raise RuntimeError("stop")
    assert project.documents.count_documents() == 0
    assert list(project.codes.codebook()) == []


def test_a_read_only_project_refuses_writes_through_each_repository(tmp_path):
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    with Project.open(path, readonly=True) as p:
        with pytest.raises(ReadOnlyProject):
            p.documents.add_documents([Document(text="A strike.", title="Strike")])
        with pytest.raises(ReadOnlyProject):
            p.codes.add_code(Code("Frames"))
        with pytest.raises(ReadOnlyProject):
            p.workflow.assign(["doc"], "coder")
        assert p.documents.count_documents() == 0
