"""RFC 9457 problem details, as plain dicts (used by HTTP, the CLI and batches)."""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "urn:dateline:problem:"


def problem(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    title: str | None = None,
    errors: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"{TYPE_BASE}{slug}" if slug else "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    return body


def field_errors(messages: Mapping[str, Any] | list[Any] | str, prefix: str = "") -> list[dict[str, str]]:
    """Flatten marshmallow's nested messages into ``[{"pointer", "detail"}]`` (RFC 9457 style)."""
    out: list[dict[str, str]] = []
    if isinstance(messages, str):
        out.append({"pointer": f"#{prefix}" if prefix else "#", "detail": messages})
    elif isinstance(messages, list):
        for message in messages:
            out.extend(field_errors(message, prefix))
    else:
        for key, value in messages.items():
            name = "" if key == "_schema" else f"/{key}"
            out.extend(field_errors(value, prefix + name))
    return out


def validation_problem(messages: Mapping[str, Any] | list[Any] | str) -> dict[str, Any]:
    errors = field_errors(messages)
    fields = sorted({e["pointer"].removeprefix("#/").split("/")[0] for e in errors if e["pointer"] != "#"})
    detail = f"invalid field(s): {', '.join(fields)}" if fields else "the request body is invalid"
    return problem(422, detail, slug="validation-error", title="Validation failed", errors=errors)
