"""``/v1``: extraction, one article or a batch. Views are thin: parse, call, dump."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, request
from flask.typing import ResponseReturnValue
from marshmallow import ValidationError

from schemas import BatchRequestSchema

from .errors import Problem, abort_problem
from .extraction import Limits, respond, respond_items, validate_item
from .pipeline.taxonomy import event_types
from .problems import validation_problem

bp = Blueprint("api", __name__, url_prefix="/v1")

_TEXT_CHARSETS = {"utf-8", "utf8", "us-ascii", "ascii"}
_QUERY_FIELDS = ("dateline", "id", "language")


def _limits() -> Limits:
    return Limits(max_text_chars=current_app.config["MAX_TEXT_CHARS"])


def _json_response(body: Any, status: int = 200) -> Response:
    response = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


def _json_body() -> Any:
    raw = request.get_data(cache=True)
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        abort_problem(400, "the request body is not valid UTF-8")
    except json.JSONDecodeError as exc:
        abort_problem(400, f"the request body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")


def _is_json(mimetype: str) -> bool:
    return mimetype == "application/json" or (mimetype.startswith("application/") and mimetype.endswith("+json"))


def _article_from_request() -> Any:
    mimetype = request.mimetype
    if _is_json(mimetype):
        if request.args:
            abort_problem(400, "query parameters are only read with a text/plain body; put them in the JSON")
        return _json_body()
    if mimetype == "text/plain":
        charset = (request.mimetype_params.get("charset") or "utf-8").lower()
        if charset not in _TEXT_CHARSETS:
            abort_problem(415, f"text/plain bodies must be UTF-8, not {charset}")
        try:
            text = request.get_data(cache=True).decode("utf-8")
        except UnicodeDecodeError:
            abort_problem(400, "the text/plain body is not valid UTF-8")
        unknown = sorted(set(request.args) - set(_QUERY_FIELDS))
        if unknown:
            raise Problem(validation_problem({name: ["Unknown field."] for name in unknown}))
        item: dict[str, Any] = {"text": text}
        item.update({k: request.args[k] for k in _QUERY_FIELDS if k in request.args})
        return item
    shown = mimetype or "no Content-Type"
    abort_problem(415, f"send application/json or text/plain; charset=utf-8, not {shown}")


@bp.post("/extract")
def extract_one() -> ResponseReturnValue:
    item = _article_from_request()
    try:
        article = validate_item(item, _limits())
    except ValidationError as exc:
        raise Problem(validation_problem(exc.messages)) from None
    return _json_response(respond([article])[0])


@bp.post("/extract/batch")
def extract_batch() -> ResponseReturnValue:
    if not _is_json(request.mimetype):
        abort_problem(415, f"send application/json, not {request.mimetype or 'no Content-Type'}")
    body = _json_body()
    if not isinstance(body, dict):
        raise Problem(validation_problem("the body must be a JSON object with an `articles` list"))
    try:
        batch = BatchRequestSchema(max_items=current_app.config["MAX_BATCH_ITEMS"]).load(body)
    except ValidationError as exc:
        raise Problem(validation_problem(exc.messages)) from None
    return _json_response({"results": respond_items(batch["articles"], _limits())})


@bp.get("/event-types")
def list_event_types() -> ResponseReturnValue:
    """The event taxonomy: PLOVER types and modes with CAMEO codes, plus newsroom types."""
    return _json_response({"event_types": event_types()})
