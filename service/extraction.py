"""From validated requests to response bodies: shared by the HTTP API and the CLI.

Nothing here knows about Flask. Items are validated one by one, so in a batch
an invalid item becomes an error in its place and the others still succeed;
the valid ones share one batched spaCy run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from marshmallow import ValidationError

from schemas import ArticleRequest, ExtractRequestSchema, ExtractResponseSchema
from schemas.response import BatchErrorSchema

from . import metrics
from .pipeline import Extraction, extract_many
from .pipeline.model import MODEL_NAME, MODEL_VERSION
from .problems import problem, validation_problem

_response_schema = ExtractResponseSchema()
_error_schema = BatchErrorSchema()


@cache
def service_version() -> str:
    # Reading the installed metadata costs milliseconds: once per process, not per response.
    try:
        return version("dateline")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


@dataclass(frozen=True, slots=True)
class Limits:
    max_text_chars: int = 200_000


def meta(elapsed_s: float, language: str = "en") -> dict[str, Any]:
    return {
        "service": {"name": "dateline", "version": service_version()},
        "model": {"name": MODEL_NAME, "version": MODEL_VERSION},
        "language": language,
        "elapsed_ms": round(elapsed_s * 1000, 3),
    }


def validate_item(item: Any, limits: Limits) -> ArticleRequest:
    """Raise marshmallow's ValidationError for an invalid request object."""
    if not isinstance(item, dict):
        raise ValidationError("each article must be a JSON object")
    loaded: ArticleRequest = ExtractRequestSchema(max_text_chars=limits.max_text_chars).load(item)
    return loaded


def response_body(result: Extraction, *, ident: str | None = None, language: str = "en") -> dict[str, Any]:
    """The JSON-ready response for one extraction (marshmallow dump, no validation)."""
    metrics.observe_stages(result.timings)
    body = {
        "id": ident,
        "dateline": result.dateline,
        "dates": result.dates,
        "entities": result.entities,
        "events": result.events,
        "event": result.event,
        "warnings": result.warnings,
        "meta": meta(result.timings.get("total", 0.0), language),
    }
    dumped: dict[str, Any] = _response_schema.dump(body)
    return dumped


def respond(requests: Sequence[ArticleRequest]) -> list[dict[str, Any]]:
    """Response bodies for valid requests, in order, with one batched analysis."""
    results = extract_many((r.text, r.dateline) for r in requests)
    return [
        response_body(result, ident=request.id, language=request.language)
        for request, result in zip(requests, results, strict=True)
    ]


def item_id(item: Any) -> str | None:
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        value: str = item["id"]
        return value
    return None


def error_item(ident: str | None, body: dict[str, Any]) -> dict[str, Any]:
    dumped: dict[str, Any] = _error_schema.dump({"id": ident, "error": body})
    return dumped


def respond_items(items: Sequence[Any], limits: Limits) -> list[dict[str, Any]]:
    """One result per raw item, in order: a response, or ``{"id", "error"}``."""
    slots: list[dict[str, Any] | None] = [None] * len(items)
    valid: list[tuple[int, ArticleRequest]] = []
    for i, item in enumerate(items):
        try:
            valid.append((i, validate_item(item, limits)))
        except ValidationError as exc:
            metrics.ARTICLES.labels(outcome="invalid").inc()
            slots[i] = error_item(item_id(item), validation_problem(exc.messages))
    if valid:
        for (i, _), body in zip(valid, respond([r for _, r in valid]), strict=True):
            slots[i] = body
    out: list[dict[str, Any]] = []
    for slot in slots:
        if slot is None:  # pragma: no cover - every slot is filled above
            slot = error_item(None, problem(500, "the item was not processed"))
        out.append(slot)
    return out
