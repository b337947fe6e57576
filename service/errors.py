"""The one place that turns every error into ``application/problem+json``."""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import Flask, Response, g, has_request_context
from werkzeug.exceptions import HTTPException, InternalServerError

from .problems import PROBLEM_MEDIA_TYPE, problem

log = logging.getLogger("dateline.errors")

_SLUGS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    413: "content-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
    503: "not-ready",
}


class Problem(HTTPException):
    """An HTTP error that carries a full problem body."""

    def __init__(self, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        super().__init__(description=body.get("detail"))
        self.code = int(body["status"])
        self.body = body
        self.extra_headers = headers or {}


def problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    response = Response(json.dumps(body, ensure_ascii=False), status=body["status"], mimetype=PROBLEM_MEDIA_TYPE)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def abort_problem(status: int, detail: str, *, slug: str | None = None, **extra: Any) -> None:
    raise Problem(problem(status, detail, slug=slug or _SLUGS.get(status), **extra))


def _handle_http(error: HTTPException) -> Response:
    if isinstance(error, Problem):
        body = error.body
        headers = error.extra_headers
    else:
        status = error.code or 500
        if status >= 500:
            original = getattr(error, "original_exception", None)
            log.error("unhandled error", exc_info=original or error)
            # Never echo exception text to the client.
            body = problem(500, "the server failed to process the request", slug="internal-error")
        else:
            detail = error.description or ""
            body = problem(status, detail, slug=_SLUGS.get(status))
        headers = {}
        if isinstance(error, HTTPException) and error.code == 405:
            response = error.get_response()
            allow = response.headers.get("Allow")
            if allow:
                headers["Allow"] = allow
    if has_request_context():
        g.problem_type = body["type"]  # for the error metric, read when the response goes out
    if body["status"] < 500:
        # Status and title only: a detail can quote what the client sent.
        log.warning("%s %s", body["status"], body["title"], extra={"status": body["status"], "type": body["type"]})
    return problem_response(body, headers)


def register(app: Flask) -> None:
    # HTTPException covers InternalServerError, which Flask raises for any
    # unhandled exception (with ``original_exception`` set).
    app.register_error_handler(HTTPException, _handle_http)
    app.register_error_handler(InternalServerError, _handle_http)
