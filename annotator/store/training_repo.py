"""Training rounds and their results, assignment draws, hidden checks and the
coders' queue order (SQL lives here; the use cases in
``annotator.services.training`` and ``annotator.services.assignment``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from annotator.core.errors import NotFound
from annotator.core.ids import new_id, now_iso
from annotator.core.training import AssignmentDraw, TrainingResult, TrainingRound
from annotator.store.project_db import ProjectDb


class TrainingRepo:
    def __init__(self, db: ProjectDb) -> None:
        self.db = db

    # --- rounds ------------------------------------------------------------------

    def add_round(self, r: TrainingRound) -> TrainingRound:
        r.id = r.id or new_id()
        r.created_at = r.created_at or now_iso()
        with self.db.transaction():
            self.db.conn.execute(
                "INSERT INTO training_rounds(id, name, created_at, threshold, unit, variables, gold_coder_id, "
                "hidden) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    r.id,
                    r.name,
                    r.created_at,
                    r.threshold,
                    r.unit,
                    json.dumps(r.variables),
                    r.gold_coder_id,
                    None if r.hidden is None else int(r.hidden),
                ),
            )
            self.db.conn.executemany(
                "INSERT INTO training_documents(round_id, document_id) VALUES (?, ?)",
                [(r.id, d) for d in r.documents],
            )
            self.db.conn.executemany(
                "INSERT INTO training_coders(round_id, coder_id) VALUES (?, ?)", [(r.id, c) for c in r.coders]
            )
        return r

    def rounds(self) -> list[TrainingRound]:
        out = []
        for row in self.db.rows("SELECT * FROM training_rounds ORDER BY created_at, rowid"):
            out.append(
                TrainingRound(
                    id=row["id"],
                    name=row["name"],
                    created_at=row["created_at"],
                    threshold=row["threshold"],
                    gold_coder_id=row["gold_coder_id"],
                    unit=row["unit"],
                    variables=json.loads(row["variables"]),
                    documents=[
                        r[0]
                        for r in self.db.conn.execute(
                            "SELECT document_id FROM training_documents WHERE round_id = ? ORDER BY rowid",
                            (row["id"],),
                        )
                    ],
                    coders=[
                        r[0]
                        for r in self.db.conn.execute(
                            "SELECT coder_id FROM training_coders WHERE round_id = ? ORDER BY rowid",
                            (row["id"],),
                        )
                    ],
                    hidden=None if row["hidden"] is None else bool(row["hidden"]),
                )
            )
        return out

    def find_round(self, name: str) -> TrainingRound:
        for r in self.rounds():
            if name in (r.name, r.id):
                return r
        raise NotFound(f"There is no training round named {name!r}; `annotator training list` shows them.")

    def training_document_ids(self) -> set[str]:
        return {r[0] for r in self.db.conn.execute("SELECT DISTINCT document_id FROM training_documents")}

    def record_results(self, results: Iterable[TrainingResult]) -> None:
        with self.db.transaction():
            self.db.conn.executemany(
                "INSERT INTO training_results(round_id, coder_id, scored_at, variable, alpha, agreement, f1, "
                "units, passed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        r.round_id,
                        r.coder_id,
                        r.scored_at,
                        r.variable,
                        r.alpha,
                        r.agreement,
                        r.f1,
                        r.units,
                        int(r.passed),
                    )
                    for r in results
                ],
            )

    def results(self, round_id: str | None = None) -> list[TrainingResult]:
        sql, params = "SELECT * FROM training_results", []
        if round_id:
            sql += " WHERE round_id = ?"
            params.append(round_id)
        return [
            TrainingResult(
                round_id=r["round_id"],
                coder_id=r["coder_id"],
                scored_at=r["scored_at"],
                variable=r["variable"],
                alpha=r["alpha"],
                agreement=r["agreement"],
                f1=r["f1"],
                units=r["units"],
                passed=bool(r["passed"]),
            )
            for r in self.db.rows(sql + " ORDER BY scored_at, id", params)
        ]

    # --- draws, hidden checks, queue order ---------------------------------------

    def record_draw(self, draw: AssignmentDraw, hidden: Iterable[str] = ()) -> AssignmentDraw:
        draw.at = draw.at or now_iso()
        with self.db.transaction():
            cur = self.db.conn.execute(
                "INSERT INTO assignment_draws(at, method, seed, population, sample_size, percent, stratify, "
                "coders, divided_rest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    draw.at,
                    draw.method,
                    draw.seed,
                    draw.population,
                    draw.sample_size,
                    draw.percent,
                    draw.stratify,
                    json.dumps(draw.coders),
                    int(draw.divided_rest),
                ),
            )
            draw.id = int(cur.lastrowid or 0)
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO hidden_checks(document_id, draw_id) VALUES (?, ?)",
                [(d, draw.id) for d in hidden],
            )
        return draw

    def draws(self) -> list[AssignmentDraw]:
        return [
            AssignmentDraw(
                id=r["id"],
                at=r["at"],
                method=r["method"],
                seed=r["seed"],
                population=r["population"],
                sample_size=r["sample_size"],
                percent=r["percent"],
                stratify=r["stratify"],
                coders=json.loads(r["coders"]),
                divided_rest=bool(r["divided_rest"]),
            )
            for r in self.db.rows("SELECT * FROM assignment_draws ORDER BY id")
        ]

    def hidden_checks(self) -> set[str]:
        return {r[0] for r in self.db.conn.execute("SELECT document_id FROM hidden_checks")}

    def set_queue(self, coder_id: str, positions: Mapping[str, int]) -> None:
        with self.db.transaction():
            self.db.conn.executemany(
                "UPDATE assignments SET queue_position = ? WHERE document_id = ? AND coder_id = ?",
                [(p, d, coder_id) for d, p in positions.items()],
            )

    def queue(self, coder_id: str) -> list[str]:
        """The coder's documents in the order they are to code them."""
        return [
            r[0]
            for r in self.db.conn.execute(
                "SELECT a.document_id FROM assignments a JOIN documents d ON d.id = a.document_id "
                "WHERE a.coder_id = ? ORDER BY a.queue_position IS NULL, a.queue_position, d.rowid",
                (coder_id,),
            )
        ]
