"""Cutting a project copy down to one coder's package, the lead's package
secret, and what a package file says about how it was copied (SQL lives here,
the use cases in ``annotator.services.packages``)."""

from __future__ import annotations

import secrets

from annotator.store.project import Project

# The lead's key for package tokens: in the lead's project only, removed from
# every package (prune_to_coder) and never shown as a setting.
SECRET_KEY = "package_secret"
RELIABILITY_SAMPLE_KEY = "reliability_sample"
LEAD_ONLY_TABLES = ("hidden_checks", "assignment_draws", "training_results", "training_rounds")


def existing_package_secret(project: Project) -> bytes | None:
    """The project's secret for package tokens, if it ever made a package."""
    value = project.get_meta(SECRET_KEY)
    try:
        return bytes.fromhex(value) if value else None
    except ValueError:
        return None


def package_secret(project: Project) -> bytes:
    """The project's secret for package tokens, made the first time it is needed."""
    with project.transaction():
        value = project.get_meta(SECRET_KEY)
        if not value:
            value = secrets.token_bytes(32).hex()
            project.set_meta(SECRET_KEY, value)
    return bytes.fromhex(value)


def prune_to_coder(package: Project, coder_id: str) -> dict[str, int]:
    """In a copy of a project: keep only the documents assigned to ``coder_id``
    (all documents when nothing is assigned to them), only that coder, and only
    their own work, then VACUUM so nothing of the others stays in the file."""
    c = package.conn
    with package.transaction():
        assigned = c.execute("SELECT count(*) FROM assignments WHERE coder_id = ?", (coder_id,)).fetchone()[0]
        if assigned:
            c.execute(
                "DELETE FROM documents WHERE id NOT IN (SELECT document_id FROM assignments WHERE coder_id = ?)",
                (coder_id,),
            )
        # which articles are shared (hidden checks, the reliability sample, how
        # they were drawn) and the certification record stay with the lead
        for table in LEAD_ONLY_TABLES:
            c.execute(f"DELETE FROM {table}")
        for table in ("annotations", "document_codes", "assignments"):
            c.execute(f"DELETE FROM {table} WHERE coder_id <> ?", (coder_id,))
        c.execute("DELETE FROM coders WHERE id <> ?", (coder_id,))
        c.execute("DELETE FROM merges")
        c.execute(
            "DELETE FROM meta WHERE key IN (?, ?) OR key LIKE 'package\\_%' ESCAPE '\\'",
            (SECRET_KEY, RELIABILITY_SAMPLE_KEY),
        )
        c.execute(
            "DELETE FROM batches WHERE id NOT IN (SELECT DISTINCT batch_id FROM documents "
            "WHERE batch_id IS NOT NULL)"
        )
        # the raw imports stay with the lead; the coder needs the cleaned text only
        c.execute("UPDATE documents SET raw = NULL")
        counts = {
            "documents": c.execute("SELECT count(*) FROM documents").fetchone()[0],
            "annotations": c.execute("SELECT count(*) FROM annotations WHERE deleted = 0").fetchone()[0],
        }
    c.execute("VACUUM")
    # Handed out in rollback-journal mode: a package that comes back in WAL mode
    # was opened in Annotator since (see opened_since_made).
    c.execute("PRAGMA journal_mode = DELETE")
    return counts


def opened_since_made(package: Project) -> bool:
    """Whether the package file is in WAL mode, i.e. Annotator opened it after
    ``prune_to_coder`` left it in rollback-journal mode."""
    return str(package.conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"


def changed_since(package: Project, moment: str) -> bool:
    """Whether anything the coder saves carries a change time after ``moment``."""
    return bool(
        package.conn.execute(
            "SELECT EXISTS(SELECT 1 FROM annotations WHERE updated_at > ?) "
            "OR EXISTS(SELECT 1 FROM document_codes WHERE updated_at > ?) "
            "OR EXISTS(SELECT 1 FROM assignments WHERE updated_at > ?)",
            (moment, moment, moment),
        ).fetchone()[0]
    )
