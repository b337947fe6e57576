"""Optional API keys: 401 without a usable header, 403 for an unknown key, open health endpoints."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from service import auth
from tests.conftest import Contract

KEYS = "alpha-key-1, beta.key_2"


@pytest.fixture(scope="module")
def keyed_app(nlp: Any) -> Flask:
    from service.app import create_app

    return create_app({"API_KEYS": KEYS})


def _problem(response: Any, status: int, contract: Contract) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body: dict[str, Any] = response.get_json(force=True)
    contract.validate(body, "Problem")
    assert body["status"] == status
    return body


def test_open_without_keys(client: Any) -> None:
    assert client.post("/v1/extract", json={"text": "The Senate voted."}).status_code == 200


@pytest.mark.parametrize("key", ["alpha-key-1", "beta.key_2"])
def test_known_key_passes(keyed_app: Flask, key: str) -> None:
    response = keyed_app.test_client().post(
        "/v1/extract", json={"text": "The Senate voted."}, headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 200


def test_scheme_is_case_insensitive(keyed_app: Flask) -> None:
    response = keyed_app.test_client().post(
        "/v1/extract/batch", json={"articles": []}, headers={"Authorization": "bearer alpha-key-1"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("header", "error"),
    [
        pytest.param(None, None, id="missing"),
        pytest.param("", None, id="empty"),
        pytest.param("Basic YWxhZGRpbjpvcGVuc2VzYW1l", "invalid_request", id="basic"),
        pytest.param("Bearer", "invalid_request", id="no-token"),
        pytest.param("Bearer two words", "invalid_request", id="two-tokens"),
        pytest.param("Bearer " + "a" * 600, "invalid_request", id="over-long"),
        pytest.param("Bearer ключ", "invalid_request", id="non-ascii"),
    ],
)
def test_missing_or_malformed_is_401(
    keyed_app: Flask, contract: Contract, header: str | None, error: str | None
) -> None:
    headers = {} if header is None else {"Authorization": header}
    response = keyed_app.test_client().post("/v1/extract", json={"text": "x"}, headers=headers)
    _problem(response, 401, contract)
    challenge = response.headers["WWW-Authenticate"]
    assert challenge.startswith("Bearer ")
    assert (f'error="{error}"' in challenge) if error else ("error=" not in challenge)


@pytest.mark.parametrize("token", ["alpha-key-2", "alpha-key-1x", "ALPHA-KEY-1", "beta.key_"])
def test_unknown_key_is_403(keyed_app: Flask, contract: Contract, token: str) -> None:
    response = keyed_app.test_client().post(
        "/v1/extract", json={"text": "x"}, headers={"Authorization": f"Bearer {token}"}
    )
    _problem(response, 403, contract)


def test_auth_comes_before_parsing(keyed_app: Flask, contract: Contract) -> None:
    # An unauthenticated caller learns nothing about the body's validity, nor which routes exist.
    client = keyed_app.test_client()
    _problem(client.post("/v1/extract", data=b"{oops", content_type="application/json"), 401, contract)
    _problem(client.get("/v1/nothing-here"), 401, contract)


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics", "/openapi.yaml"])
def test_operational_endpoints_stay_open(keyed_app: Flask, path: str) -> None:
    assert keyed_app.test_client().get(path).status_code == 200


def test_key_file(tmp_path: Path, nlp: Any) -> None:
    from service.app import create_app

    path = tmp_path / "keys"
    path.write_text("# newsroom A\nfile-key-1\n\nfile-key-2  # rotated 2024\n", encoding="utf-8")
    client = create_app({"API_KEYS_FILE": str(path), "LOAD_MODEL": False}).test_client()
    good = client.post("/v1/extract/batch", json={"articles": []}, headers={"Authorization": "Bearer file-key-2"})
    assert good.status_code == 200
    assert client.post("/v1/extract/batch", json={"articles": []}).status_code == 401
    assert (
        client.post(
            "/v1/extract/batch", json={"articles": []}, headers={"Authorization": "Bearer newsroom"}
        ).status_code
        == 403
    )


def test_unreadable_key_file_refuses_to_start(tmp_path: Path) -> None:
    from service.app import create_app

    with pytest.raises(auth.KeyConfigError, match="cannot be read"):
        create_app({"API_KEYS_FILE": str(tmp_path / "missing"), "LOAD_MODEL": False})


def test_bad_key_is_refused_without_echoing_it() -> None:
    with pytest.raises(auth.KeyConfigError) as info:
        auth.load_keys({"API_KEYS": "good-key,has space-secret"})
    assert "secret" not in str(info.value)


def test_empty_items_do_not_open_anything() -> None:
    assert auth.load_keys({"API_KEYS": " , ,"}) == ()
    assert len(auth.load_keys({"API_KEYS": "a,a,b"})) == 2


def test_keys_never_logged(keyed_app: Flask) -> None:
    from service.logs import JsonFormatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("dateline")
    logger.addHandler(handler)
    try:
        client = keyed_app.test_client()
        client.post("/v1/extract", json={"text": "x"}, headers={"Authorization": "Bearer alpha-key-1"})
        client.post("/v1/extract", json={"text": "x"}, headers={"Authorization": "Bearer wrong-key-9"})
        client.post("/v1/extract", json={"text": "x"}, headers={"Authorization": "Token alpha-key-1"})
    finally:
        logger.removeHandler(handler)
    logged = stream.getvalue()
    assert len(logged.splitlines()) >= 3
    for line in logged.splitlines():
        json.loads(line)
    for secret in ("alpha-key-1", "wrong-key-9", "beta.key_2"):
        assert secret not in logged
