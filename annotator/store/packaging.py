"""Cutting a project copy down to one coder's package (SQL lives here, the
use case in ``annotator.services.packages``)."""

from __future__ import annotations

from annotator.store.project import Project


def prune_to_coder(package: Project, coder_id: str) -> dict[str, int]:
    """In a copy of a project: keep only the documents assigned to ``coder_id``
    (all documents when nothing is assigned to them), only that coder, and only
    their own work, then VACUUM so nothing of the others stays in the file."""
    c = package.conn
    with package.transaction():
        assigned = c.execute("SELECT count(*) FROM assignments WHERE coder_id = ?", (coder_id,)).fetchone()[0]
        if assigned:
            c.execute("DELETE FROM documents WHERE id NOT IN (SELECT document_id FROM assignments WHERE coder_id = ?)",
                      (coder_id,))
        for table in ("annotations", "document_codes", "assignments"):
            c.execute(f"DELETE FROM {table} WHERE coder_id <> ?", (coder_id,))
        c.execute("DELETE FROM coders WHERE id <> ?", (coder_id,))
        c.execute("DELETE FROM merges")
        c.execute("DELETE FROM batches WHERE id NOT IN (SELECT DISTINCT batch_id FROM documents "
                  "WHERE batch_id IS NOT NULL)")
        # the raw imports stay with the lead; the coder needs the cleaned text only
        c.execute("UPDATE documents SET raw = NULL")
        counts = {
            "documents": c.execute("SELECT count(*) FROM documents").fetchone()[0],
            "annotations": c.execute("SELECT count(*) FROM annotations WHERE deleted = 0").fetchone()[0],
        }
    c.execute("VACUUM")
    return counts
