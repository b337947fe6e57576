"""The HTTP contract: every shape and every error, checked against openapi.yaml."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.conftest import Contract

PROBLEM = "application/problem+json"


def _problem(response: Any, status: int, contract: Contract) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body: dict[str, Any] = response.get_json(force=True)
    contract.validate(body, "Problem")
    assert body["status"] == status
    return body


def test_seed_as_json(client: FlaskClient, contract: Contract, seed_text: str) -> None:
    response = client.post("/v1/extract", json={"text": seed_text, "id": "seed-1"})
    assert response.status_code == 200
    body = response.get_json()
    contract.validate(body, "ExtractResponse")
    assert body["id"] == "seed-1"
    assert body["dateline"]["date"] == "2023-04-14"
    assert body["dateline"]["source"] == "text"
    for key in ("id", "dateline", "dates", "entities", "events", "event", "warnings", "meta"):
        assert key in body
    assert body["meta"]["model"] == {"name": "en_core_web_sm", "version": "3.8.0"}


def test_seed_as_text_plain(client: FlaskClient, contract: Contract, seed_text: str) -> None:
    response = client.post(
        "/v1/extract?id=seed-2",
        data=seed_text.encode("utf-8"),
        content_type="text/plain; charset=utf-8",
    )
    assert response.status_code == 200
    body = response.get_json()
    contract.validate(body, "ExtractResponse")
    assert body["id"] == "seed-2"
    assert body["dateline"]["date"] == "2023-04-14"


def test_request_dateline_as_printed(client: FlaskClient, contract: Contract) -> None:
    response = client.post(
        "/v1/extract?dateline=BEIJING,%20April%2014,%202023",
        data=b"The minister will visit Moscow on Sunday.",
        content_type="text/plain",
    )
    body = response.get_json()
    contract.validate(body, "ExtractResponse")
    assert body["dateline"]["source"] == "request"
    assert body["dateline"]["date"] == "2023-04-14"
    assert body["dateline"]["location"] == "Beijing"


def test_offsets_slice_back_through_the_api(client: FlaskClient, seed_text: str) -> None:
    body = client.post("/v1/extract", json={"text": seed_text}).get_json()
    spans = [(d["text"], d["start"], d["end"]) for d in body["dates"]]
    spans += [(m["text"], m["start"], m["end"]) for e in body["entities"] for m in e["mentions"]]
    spans += [(v["trigger"]["text"], v["trigger"]["start"], v["trigger"]["end"]) for v in body["events"]]
    for text, start, end in spans:
        assert seed_text[start:end] == text


def test_no_dateline_warning(client: FlaskClient, contract: Contract) -> None:
    body = client.post("/v1/extract", json={"text": "Talks resume on Sunday."}).get_json()
    contract.validate(body, "ExtractResponse")
    assert body["dateline"]["source"] == "none"
    assert "no_dateline" in [w["code"] for w in body["warnings"]]


@pytest.mark.parametrize(
    ("kwargs", "status", "field"),
    [
        pytest.param({"data": b"{not json", "content_type": "application/json"}, 400, None, id="malformed-json"),
        pytest.param({"data": b"\xff\xfe\x00", "content_type": "text/plain; charset=utf-8"}, 400, None, id="bad-utf8"),
        pytest.param({"data": b"\xff", "content_type": "application/json"}, 400, None, id="json-not-utf8"),
        pytest.param({"data": b"<a/>", "content_type": "application/xml"}, 415, None, id="xml"),
        pytest.param({"data": b"text"}, 415, None, id="no-content-type"),
        pytest.param({"data": b"x", "content_type": "text/plain; charset=latin-1"}, 415, None, id="latin1"),
        pytest.param({"json": {}}, 422, "text", id="missing-text"),
        pytest.param({"json": {"text": ""}}, 422, "text", id="empty-text"),
        pytest.param({"json": {"text": 42}}, 422, "text", id="text-not-string"),
        pytest.param({"json": {"text": None}}, 422, "text", id="text-null"),
        pytest.param({"json": {"text": "x", "extra": 1}}, 422, "extra", id="unknown-field"),
        pytest.param({"json": {"text": "x", "dateline": "the other day"}}, 422, "dateline", id="bad-dateline"),
        pytest.param({"json": {"text": "x", "language": "fr"}}, 422, "language", id="language"),
        pytest.param({"json": {"text": "x", "id": 7}}, 422, "id", id="id-not-string"),
        pytest.param({"json": [{"text": "x"}]}, 422, None, id="array-body"),
        pytest.param({"json": "text"}, 422, None, id="string-body"),
        pytest.param(
            {"data": b"x", "content_type": "text/plain", "query_string": {"foo": "1"}}, 422, "foo", id="bad-query"
        ),
        pytest.param(
            {"data": b"x", "content_type": "text/plain", "query_string": {"dateline": "soon"}},
            422,
            "dateline",
            id="bad-query-dateline",
        ),
    ],
)
def test_extract_errors(
    client: FlaskClient, contract: Contract, kwargs: dict[str, Any], status: int, field: str | None
) -> None:
    body = _problem(client.post("/v1/extract", **kwargs), status, contract)
    if field is not None:
        assert f"#/{field}" in [e["pointer"] for e in body["errors"]]
        assert field in body["detail"]


def test_text_over_the_limit(app: Any, contract: Contract) -> None:
    limit = app.config["MAX_TEXT_CHARS"]
    client = app.test_client()
    body = _problem(client.post("/v1/extract", json={"text": "a" * (limit + 1)}), 422, contract)
    assert body["errors"][0]["pointer"] == "#/text"


def test_body_over_the_limit(contract: Contract) -> None:
    from service.app import create_app

    client = create_app({"MAX_BODY_BYTES": 1000}).test_client()
    _problem(client.post("/v1/extract", json={"text": "a" * 5000}), 413, contract)


def test_unknown_route_and_method(client: FlaskClient, contract: Contract) -> None:
    _problem(client.get("/v2/nothing"), 404, contract)
    response = client.get("/v1/extract")
    _problem(response, 405, contract)
    assert "POST" in response.headers["Allow"]


def test_500_hides_the_exception(contract: Contract, monkeypatch: pytest.MonkeyPatch) -> None:
    from service import api
    from service.app import create_app

    app = create_app()  # not TESTING: exceptions reach the handler as in production

    def boom(*_: Any) -> Any:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(api, "respond", boom)
    response = app.test_client().post("/v1/extract", json={"text": "x"})
    body = _problem(response, 500, contract)
    assert "secret" not in response.get_data(as_text=True)
    assert body["title"] == "Internal Server Error"


def test_batch_keeps_order_and_good_items(client: FlaskClient, contract: Contract, seed_text: str) -> None:
    articles: list[Any] = [
        {"text": seed_text, "id": "a"},
        {"text": "", "id": "b"},
        {"text": "Talks resume on Sunday.", "dateline": "2023-04-14", "id": "c"},
        "not an object",
        {"text": "x", "dateline": "never", "id": "e"},
        {"text": "WASHINGTON (AP) -- The Senate voted.", "id": "f"},
    ]
    response = client.post("/v1/extract/batch", json={"articles": articles})
    assert response.status_code == 200
    body = response.get_json()
    contract.validate(body, "BatchResponse")
    results = body["results"]
    assert [r["id"] for r in results] == ["a", "b", "c", None, "e", "f"]
    assert ["error" in r for r in results] == [False, True, False, True, True, False]
    assert results[0]["dateline"]["date"] == "2023-04-14"
    assert results[2]["dateline"]["source"] == "request"
    assert results[1]["error"]["status"] == 422
    assert results[4]["error"]["errors"][0]["pointer"] == "#/dateline"


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        pytest.param({}, 422, id="no-articles"),
        pytest.param({"articles": "x"}, 422, id="articles-not-list"),
        pytest.param({"articles": [], "more": 1}, 422, id="unknown-field"),
        pytest.param([], 422, id="array-body"),
    ],
)
def test_batch_errors(client: FlaskClient, contract: Contract, payload: Any, status: int) -> None:
    _problem(client.post("/v1/extract/batch", json=payload), status, contract)


def test_batch_over_the_limit(contract: Contract) -> None:
    from service.app import create_app

    client = create_app({"MAX_BATCH_ITEMS": 2}).test_client()
    body = _problem(client.post("/v1/extract/batch", json={"articles": [{"text": "x"}] * 3}), 422, contract)
    assert body["errors"][0]["pointer"] == "#/articles"


def test_batch_needs_json(client: FlaskClient, contract: Contract) -> None:
    _problem(client.post("/v1/extract/batch", data=b"x", content_type="text/plain"), 415, contract)


def test_health_and_contract(client: FlaskClient) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["status"] == "ready"
    spec = client.get("/openapi.yaml")
    assert spec.status_code == 200 and spec.get_data(as_text=True).startswith("openapi: 3.1")


def test_readyz_before_model(monkeypatch: pytest.MonkeyPatch, contract: Contract) -> None:
    from service.app import create_app
    from service.pipeline import model

    app = create_app({"LOAD_MODEL": False})
    monkeypatch.setattr(model, "is_loaded", lambda: False)
    _problem(app.test_client().get("/readyz"), 503, contract)


def test_headers(client: FlaskClient) -> None:
    response = client.post("/v1/extract", json={"text": "x"}, headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    generated = client.get("/healthz", headers={"X-Request-ID": "bad id;<x>"}).headers["X-Request-ID"]
    assert generated != "bad id;<x>" and len(generated) == 32


def test_openapi_is_valid() -> None:
    import yaml
    from openapi_spec_validator import validate

    from tests.conftest import ROOT

    validate(yaml.safe_load((ROOT / "openapi.yaml").read_text("utf-8")))


def test_event_types(client: FlaskClient, contract: Contract) -> None:
    response = client.get("/v1/event-types")
    assert response.status_code == 200
    body = response.get_json()
    for item in body["event_types"]:
        contract.validate(item, "EventType")
    types = {t["type"]: t for t in body["event_types"]}
    assert types["visit"]["plover"] == {"type": "CONSULT", "mode": "visit"}
    assert types["visit"]["cameo"] == "042"
    plover = {t["plover"]["type"] for t in body["event_types"] if t["plover"]}
    assert len(plover) == 16
    assert {"acquisition", "arrest", "earthquake", "election", "statement"} <= set(types)
