"""Assignments and status per document and coder, NLP suggestions, and the
log of merged coder packages."""

from __future__ import annotations

import json
from collections.abc import Iterable

from annotator.core.errors import InvalidSpan
from annotator.core.ids import new_id, now_iso
from annotator.core.models import STATUSES, Assignment, Suggestion
from annotator.store import rows
from annotator.store.project_db import ProjectDb


class WorkflowRepo:
    def __init__(self, db: ProjectDb) -> None:
        self.db = db

    # --- assignments and status --------------------------------------------------

    def assign(self, document_ids: Iterable[str], coder_id: str) -> int:
        """Assign documents to a coder; existing assignments keep their status."""
        now = now_iso()
        with self.db.transaction():
            cur = self.db.conn.executemany(
                "INSERT OR IGNORE INTO assignments(document_id, coder_id, status, updated_at) "
                "VALUES (?, ?, 'assigned', ?)",
                [(d, coder_id, now) for d in document_ids],
            )
        return cur.rowcount

    def unassign(self, document_ids: Iterable[str], coder_id: str) -> int:
        with self.db.transaction():
            cur = self.db.conn.executemany(
                "DELETE FROM assignments WHERE document_id = ? AND coder_id = ?",
                [(d, coder_id) for d in document_ids],
            )
        return cur.rowcount

    def set_status(self, document_id: str, coder_id: str, status: str) -> Assignment:
        if status not in STATUSES:
            raise InvalidSpan(f"Unknown status {status!r}; use one of {', '.join(STATUSES)}.")
        now = now_iso()
        with self.db.transaction():
            self.db.conn.execute(
                "INSERT INTO assignments(document_id, coder_id, status, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(document_id, coder_id) DO UPDATE SET status = excluded.status, "
                "updated_at = excluded.updated_at",
                (document_id, coder_id, status, now),
            )
        return Assignment(document_id, coder_id, status, now)

    def status(self, document_id: str, coder_id: str) -> str | None:
        return self.db.scalar(
            "SELECT status FROM assignments WHERE document_id = ? AND coder_id = ?", (document_id, coder_id)
        )

    def assignments(self, coder_id: str | None = None, document_id: str | None = None) -> list[Assignment]:
        clauses, params = [], []
        if coder_id:
            clauses.append("coder_id = ?")
            params.append(coder_id)
        if document_id:
            clauses.append("document_id = ?")
            params.append(document_id)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return [rows.assignment(r) for r in self.db.rows(f"SELECT * FROM assignments {where}", params)]

    def coders_with_status(self, status: str, coder_ids: Iterable[str]) -> list[tuple[str, str]]:
        """(document id, coder id) pairs with this status, for the given coders."""
        ids = list(coder_ids)
        q = ",".join("?" * len(ids))
        return [
            (r[0], r[1])
            for r in self.db.conn.execute(
                f"SELECT document_id, coder_id FROM assignments WHERE status = ? AND coder_id IN ({q})",
                [status, *ids],
            )
        ]

    def has_assignments(self) -> bool:
        return self.db.scalar("SELECT EXISTS(SELECT 1 FROM assignments)") == 1

    def status_counts(self) -> dict[str, dict[str, int]]:
        """{coder_id: {status: n}}."""
        out: dict[str, dict[str, int]] = {}
        for coder_id, status, n in self.db.conn.execute(
            "SELECT coder_id, status, count(*) FROM assignments GROUP BY coder_id, status"
        ):
            out.setdefault(coder_id, {})[status] = n
        return out

    # --- suggestions -------------------------------------------------------------

    def replace_suggestions(self, document_id: str, model: str, suggestions: Iterable[Suggestion]) -> int:
        """Store a document's suggestions from ``model``; decisions already taken
        (accepted or rejected) on the same span and kind are kept."""
        decided = {
            (r["start"], r["end"], r["kind"]): r["status"]
            for r in self.db.rows(
                "SELECT start, \"end\", kind, status FROM suggestions WHERE document_id = ? AND status <> 'open'",
                (document_id,),
            )
        }
        n = 0
        with self.db.transaction():
            self.db.conn.execute("DELETE FROM suggestions WHERE document_id = ?", (document_id,))
            for s in suggestions:
                s.model = model
                s.status = decided.get((s.start, s.end, s.kind), s.status)
                self.db.conn.execute(
                    'INSERT INTO suggestions(id, document_id, start, "end", kind, label, detail, status, model) '
                    "VALUES (:id, :document_id, :start, :end, :kind, :label, :detail, :status, :model)",
                    rows.suggestion_row(s),
                )
                n += 1
            self.db.conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (f"suggestions_model:{document_id}", model),
            )
        return n

    def suggestions_model(self, document_id: str) -> str | None:
        return self.db.get_meta(f"suggestions_model:{document_id}")

    def suggestions(self, document_id: str, *, status: str | None = None) -> list[Suggestion]:
        sql, params = "SELECT * FROM suggestions WHERE document_id = ?", [document_id]
        if status:
            sql += " AND status = ?"
            params.append(status)
        return [rows.suggestion(r) for r in self.db.rows(sql + ' ORDER BY start, "end"', params)]

    def suggestion(self, suggestion_id: str) -> Suggestion | None:
        row = self.db.one("SELECT * FROM suggestions WHERE id = ?", (suggestion_id,))
        return rows.suggestion(row) if row else None

    def set_suggestion_status(self, suggestion_id: str, status: str) -> None:
        with self.db.transaction():
            self.db.conn.execute("UPDATE suggestions SET status = ? WHERE id = ?", (status, suggestion_id))

    # --- merges --------------------------------------------------------------------

    def record_merge(self, coder_id: str | None, package: str, report: dict) -> str:
        merge_id = new_id()
        with self.db.transaction():
            self.db.conn.execute(
                "INSERT INTO merges(id, at, coder_id, package, report) VALUES (?, ?, ?, ?, ?)",
                (merge_id, now_iso(), coder_id, package, json.dumps(report, default=str)),
            )
        return merge_id

    def merges(self) -> list[dict]:
        out = self.db.rows("SELECT * FROM merges ORDER BY at")
        for r in out:
            r["report"] = json.loads(r["report"])
        return out
