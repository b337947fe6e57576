"""Stage placeholder: filled by its own issue."""

from __future__ import annotations

from .document import Document


def find_entities(doc: Document) -> None:
    doc.entities = []
