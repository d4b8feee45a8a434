"""Trained model coders, stored in the project file so that it stays one file:
the model's bytes beside the provenance a methods section cites."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import ModelError
from annotator.core.ids import new_id, now_iso
from annotator.store.project_db import ProjectDb

# the built-in rule-based attribution finder answers to this name (services.model_baseline),
# so no stored model may take it, whatever path stores one
RULES_MODEL = "rules"


@dataclass(frozen=True)
class StoredModel:
    name: str
    version: int
    kind: str
    id: str = field(default_factory=new_id)
    created_at: str = ""
    provenance: dict[str, Any] = field(default_factory=dict)
    size: int = 0

    @property
    def tag(self) -> str:
        """What every annotation the model makes carries: its id and version."""
        return f"{self.id}@{self.version}"


def _model(row: dict[str, Any]) -> StoredModel:
    try:
        provenance = json.loads(row["provenance"] or "{}")
    except ValueError:
        provenance = None
    if not isinstance(provenance, dict):
        raise ModelError(
            f"The provenance of model {row['name']!r} is not a JSON object, so the file was edited outside Annotator."
        )
    return StoredModel(
        id=row["id"],
        name=row["name"],
        version=row["version"],
        kind=row["kind"],
        created_at=row["created_at"],
        provenance=provenance,
        size=row["size"],
    )


_COLUMNS = "id, name, version, kind, created_at, provenance, size"


class ModelsRepo:
    def __init__(self, db: ProjectDb) -> None:
        self.db = db

    @staticmethod
    def check_name(name: str) -> None:
        """Refuse a name no stored model may take (before training, so no work is lost)."""
        if not name.strip():
            raise ModelError("A model needs a name that is not blank.")
        if name.strip().casefold() == RULES_MODEL:
            raise ModelError(
                f"{name!r} is the name of the built-in rule-based finder; give the model another name."
            )

    def add(self, name: str, kind: str, data: bytes, provenance: dict[str, Any]) -> StoredModel:
        """Store a new version of the model ``name`` (1 for a new name)."""
        self.check_name(name)
        with self.db.transaction():
            version = 1 + (self.db.scalar("SELECT max(version) FROM models WHERE name = ?", (name,)) or 0)
            model = StoredModel(
                name=name,
                version=version,
                kind=kind,
                created_at=now_iso(),
                provenance=provenance,
                size=len(data),
            )
            self.db.conn.execute(
                "INSERT INTO models(id, name, version, kind, created_at, provenance, size, bytes) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    model.id,
                    name,
                    version,
                    kind,
                    model.created_at,
                    json.dumps(provenance, sort_keys=True),
                    len(data),
                    data,
                ),
            )
        return model

    def set_provenance(self, model_id: str, provenance: dict[str, Any]) -> None:
        """Record what was learned after training (its evaluation)."""
        with self.db.transaction():
            self.db.conn.execute(
                "UPDATE models SET provenance = ? WHERE id = ?",
                (json.dumps(provenance, sort_keys=True), model_id),
            )

    def models(self) -> list[StoredModel]:
        return [_model(r) for r in self.db.rows(f"SELECT {_COLUMNS} FROM models ORDER BY name, version")]

    def latest(self, name: str) -> StoredModel:
        row = self.db.one(
            f"SELECT {_COLUMNS} FROM models WHERE name = ? ORDER BY version DESC LIMIT 1", (name,)
        )
        if row is None and name.strip().casefold() == RULES_MODEL:
            raise ModelError(
                "The built-in rules are not a stored model: they are evaluated and suggest "
                "(model evaluate and model suggest with --name rules), but learn and code nothing."
            )
        if row is None:
            known = ", ".join(sorted({m.name for m in self.models()})) or "none yet"
            raise ModelError(f"The project has no model named {name!r} (models: {known}).")
        return _model(row)

    def data(self, model_id: str) -> bytes:
        blob = self.db.scalar("SELECT bytes FROM models WHERE id = ?", (model_id,))
        if blob is None:
            raise ModelError(f"The project has no model with id {model_id!r}.")
        return bytes(blob)
