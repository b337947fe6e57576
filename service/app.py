"""The application factory."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Mapping
from importlib import resources
from typing import Any

from flask import Flask, Response, g, request
from flask.logging import default_handler

from . import api, auth, config, errors, health, logs, metrics
from .pipeline import model

# A caller's request id is echoed only when it is short and plain, so it cannot
# inject anything into logs or headers.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

# Responses are JSON or YAML for programs, never pages: forbid framing, scripts and referrers outright.
_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # Results describe one article; no shared cache should keep them.
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
_CORS_METHODS = "GET, POST, OPTIONS"
_CORS_HEADERS = "Authorization, Content-Type, X-Request-ID"
_CORS_MAX_AGE = "600"

access_log = logging.getLogger("dateline.access")


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Defaults, then ``DATELINE_*`` environment variables, then ``test_config``."""
    settings = config.load(test_config)
    app = Flask(__name__)
    app.config.update(settings)
    app.config["MAX_CONTENT_LENGTH"] = settings["MAX_BODY_BYTES"]
    logs.configure(settings["LOG_LEVEL"])
    # errors.py logs every 500 once, as JSON with its request id and traceback; Flask's own
    # copy would go out as plain text on wsgi.errors.
    app.logger.removeHandler(default_handler)
    app.logger.disabled = True
    key_digests = auth.load_keys(settings)
    cors_origins = config.split_list(settings["CORS_ORIGINS"])
    # How many keys and origins, never which: an operator can see that the API is (not) open.
    logging.getLogger("dateline.app").info(
        "api keys: %d, cors origins: %d",
        len(key_digests),
        len(cors_origins),
        extra={"api_keys": len(key_digests), "cors_origins": len(cors_origins)},
    )

    errors.register(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(api.bp)

    @app.get("/openapi.yaml")
    def openapi() -> Response:
        spec = resources.files("service").joinpath("openapi.yaml").read_text("utf-8")
        return Response(spec, mimetype="application/yaml")

    @app.get("/metrics")
    def metrics_view() -> Response:
        body, content_type = metrics.render()
        return Response(body, content_type=content_type)

    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex

    @app.before_request
    def _preflight() -> Response | None:
        # Answered before authentication: browsers send preflights without credentials.
        origin = request.headers.get("Origin")
        if (
            request.method == "OPTIONS"
            and origin in cors_origins
            and "Access-Control-Request-Method" in request.headers
            and request.url_rule is not None
        ):
            response = Response(status=204)
            response.headers["Access-Control-Allow-Methods"] = _CORS_METHODS
            response.headers["Access-Control-Allow-Headers"] = _CORS_HEADERS
            response.headers["Access-Control-Max-Age"] = _CORS_MAX_AGE
            return response
        return None

    @app.before_request
    def _authenticate() -> None:
        if key_digests and auth.requires_key(request.path, request.method):
            auth.check(request.headers.get("Authorization"), key_digests)

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers["X-Request-ID"] = g.get("request_id") or uuid.uuid4().hex
        for name, value in _SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if cors_origins:
            response.vary.add("Origin")
            origin = request.headers.get("Origin")
            if origin in cors_origins:
                response.headers["Access-Control-Allow-Origin"] = origin
                response.headers["Access-Control-Expose-Headers"] = "X-Request-ID"
        _observe(response)
        return response

    if settings["LOAD_MODEL"]:
        # Fail at start-up, not on the first request, when the model is wrong.
        model.load_nlp()
        _warm_up()
    return app


def _observe(response: Response) -> None:
    """Count the request and write its access line: method, path (no query), status, time; never the body."""
    seconds = time.perf_counter() - g.get("started", time.perf_counter())
    # The rule, not the path: unknown paths must not create a metric series each.
    route = request.url_rule.rule if request.url_rule is not None else "unmatched"
    metrics.observe_request(route, request.method, response.status_code, seconds, g.get("problem_type"))
    access_log.info(
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "request_id": g.get("request_id"),
            "method": request.method,
            "path": request.path,
            "route": route,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 3),
        },
    )


def _warm_up() -> None:
    """Run one tiny article so that lazy imports and caches are paid before serving."""
    from .pipeline import extract

    # (Boston: a city the country table does not name, so the cities table loads too.)
    extract("WASHINGTON, April 14, 2023 (AP) -- The minister said on Sunday he would visit Paris and Boston.")
