"""The application factory."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Mapping
from importlib import resources
from typing import Any

from flask import Flask, Response, g, request

from . import api, config, errors, health
from .pipeline import model

# A caller's request id is echoed only when it is short and plain, so it cannot
# inject anything into logs or headers.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Defaults, then ``DATELINE_*`` environment variables, then ``test_config``."""
    settings = config.load(test_config)
    app = Flask(__name__)
    app.config.update(settings)
    app.config["MAX_CONTENT_LENGTH"] = settings["MAX_BODY_BYTES"]
    logging.getLogger("dateline").setLevel(settings["LOG_LEVEL"])

    errors.register(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(api.bp)

    @app.get("/openapi.yaml")
    def openapi() -> Response:
        spec = resources.files("service").joinpath("openapi.yaml").read_text("utf-8")
        return Response(spec, mimetype="application/yaml")

    @app.before_request
    def _request_id() -> None:
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers["X-Request-ID"] = g.get("request_id") or uuid.uuid4().hex
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # Results describe one article; no shared cache should keep them.
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    if settings["LOAD_MODEL"]:
        # Fail at start-up, not on the first request, when the model is wrong.
        model.load_nlp()
        _warm_up()
    return app


def _warm_up() -> None:
    """Run one tiny article so that lazy imports and caches are paid before serving."""
    from .pipeline import extract

    extract("WASHINGTON, April 14, 2023 (AP) -- The minister said on Sunday he would visit Paris.")
