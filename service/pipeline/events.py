"""Stage placeholder: filled by its own issue."""

from __future__ import annotations

from .document import Document


def find_events(doc: Document) -> None:
    doc.events = []
    doc.event = None
