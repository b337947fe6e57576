"""JSON logs with request ids and no article text; security headers; CORS only when configured."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service import logs

SECRET_TEXT = "Zanzibar-7731 minister said the confidential plan"


def _lines(err: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in err.splitlines() if line.strip()]


def test_access_line_is_json(client: FlaskClient, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    response = client.post(
        "/v1/extract?dateline=2023-04-14",
        data=SECRET_TEXT.encode(),
        content_type="text/plain",
        headers={"X-Request-ID": "req-42"},
    )
    assert response.status_code == 200
    records = _lines(capsys.readouterr().err)
    access = [r for r in records if r["logger"] == "dateline.access"]
    assert len(access) == 1
    line = access[0]
    assert line["request_id"] == "req-42"
    assert line["method"] == "POST"
    assert line["path"] == "/v1/extract"  # no query string
    assert line["route"] == "/v1/extract"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert {"ts", "level", "message", "pid"} <= set(line)


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"json": {"text": SECRET_TEXT}}, id="ok"),
        pytest.param({"json": {"text": SECRET_TEXT, SECRET_TEXT: 1}}, id="unknown-field-422"),
        pytest.param({"data": ("{" + SECRET_TEXT).encode(), "content_type": "application/json"}, id="bad-json-400"),
        pytest.param({"json": {"text": SECRET_TEXT, "dateline": SECRET_TEXT}}, id="bad-dateline-422"),
    ],
)
def test_no_article_text_in_logs(client: FlaskClient, capsys: pytest.CaptureFixture[str], kwargs: Any) -> None:
    capsys.readouterr()
    client.post("/v1/extract", **kwargs)
    captured = capsys.readouterr()
    assert captured.err.strip()
    assert "Zanzibar" not in captured.err + captured.out
    for record in _lines(captured.err):
        assert record["request_id"]


def test_warning_for_problems_carries_request_id(client: FlaskClient, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    client.post("/v1/extract", json={}, headers={"X-Request-ID": "rid-9"})
    records = _lines(capsys.readouterr().err)
    warning = [r for r in records if r["logger"] == "dateline.errors"]
    assert warning and warning[0]["level"] == "warning" and warning[0]["request_id"] == "rid-9"
    assert warning[0]["status"] == 422


def test_500_logs_traceback_as_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from service import api
    from service.app import create_app

    app = create_app({"LOAD_MODEL": False})

    def boom(*_: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "respond", boom)
    capsys.readouterr()
    assert app.test_client().post("/v1/extract", json={"text": "x"}).status_code == 500
    records = _lines(capsys.readouterr().err)
    error = [r for r in records if r["level"] == "error"]
    assert error and "RuntimeError" in error[0]["exc"]
    assert [r["status"] for r in records if r["logger"] == "dateline.access"] == [500]


def test_formatter_keeps_extra_fields() -> None:
    record = logging.LogRecord("dateline.x", logging.INFO, __file__, 1, "hello %s", ("world",), None)
    record.request_id = "abc"
    entry = json.loads(logs.JsonFormatter().format(record))
    assert entry["message"] == "hello world" and entry["request_id"] == "abc" and entry["level"] == "info"


def test_configure_is_idempotent() -> None:
    logger = logs.configure()
    count = len(logger.handlers)
    assert logs.configure() is logger and len(logger.handlers) == count


def test_security_headers(client: FlaskClient) -> None:
    for response in (client.get("/healthz"), client.post("/v1/extract", json={}), client.get("/nowhere")):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
        assert "Access-Control-Allow-Origin" not in response.headers
        assert len(response.headers["X-Request-ID"]) == 32


def test_cors_off_by_default(client: FlaskClient) -> None:
    response = client.options(
        "/v1/extract", headers={"Origin": "https://newsroom.example", "Access-Control-Request-Method": "POST"}
    )
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "Access-Control-Allow-Methods" not in response.headers


@pytest.fixture(scope="module")
def cors_app(nlp: Any) -> Flask:
    from service.app import create_app

    return create_app({"CORS_ORIGINS": "https://newsroom.example, https://desk.example", "API_KEYS": "k1"})


def test_cors_preflight_for_listed_origin(cors_app: Flask) -> None:
    response = cors_app.test_client().options(
        "/v1/extract",
        headers={
            "Origin": "https://desk.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    # Answered without a key: browsers never send credentials on a preflight.
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "https://desk.example"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "Authorization" in response.headers["Access-Control-Allow-Headers"]
    assert "Origin" in response.headers["Vary"]


def test_cors_actual_request(cors_app: Flask) -> None:
    client = cors_app.test_client()
    ok = client.post(
        "/v1/extract",
        json={"text": "x"},
        headers={"Origin": "https://newsroom.example", "Authorization": "Bearer k1"},
    )
    assert ok.status_code == 200
    assert ok.headers["Access-Control-Allow-Origin"] == "https://newsroom.example"
    assert "X-Request-ID" in ok.headers["Access-Control-Expose-Headers"]
    denied = client.post("/v1/extract", json={"text": "x"}, headers={"Origin": "https://newsroom.example"})
    assert denied.status_code == 401
    assert denied.headers["Access-Control-Allow-Origin"] == "https://newsroom.example"


@pytest.mark.parametrize("origin", ["https://evil.example", "https://newsroom.example.evil", "null", ""])
def test_cors_unlisted_origin(cors_app: Flask, origin: str) -> None:
    client = cors_app.test_client()
    preflight = client.options("/v1/extract", headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in preflight.headers
    assert "Access-Control-Allow-Methods" not in preflight.headers
    response = client.get("/healthz", headers={"Origin": origin})
    assert "Access-Control-Allow-Origin" not in response.headers
