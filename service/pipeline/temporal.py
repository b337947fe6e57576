"""Stage placeholder: filled by its own issue."""

from __future__ import annotations

from .document import Document


def tag_dates(doc: Document) -> None:
    doc.dates = []
