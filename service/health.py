"""Liveness and readiness."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from .errors import abort_problem
from .pipeline import model

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz() -> ResponseReturnValue:
    if not model.is_loaded():
        abort_problem(503, "the language model is not loaded yet")
    return jsonify(status="ready", model={"name": model.MODEL_NAME, "version": model.MODEL_VERSION})
