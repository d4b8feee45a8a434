"""Where the runtime assets are, installed or in a source checkout."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def resource_root() -> Traversable:
    try:
        return resources.files("annotator.resources")
    except ModuleNotFoundError:  # running from a source checkout without install
        return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Traversable:
    node = resource_root()
    for p in parts:
        node = node / p
    return node
