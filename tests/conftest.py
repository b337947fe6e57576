"""Shared fixtures: the shared data folder, the spaCy model, the app and its clients."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from flask import Flask
    from flask.testing import FlaskClient
    from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent


def tcp_pair() -> tuple[socket.socket, socket.socket]:
    """Both ends of a fresh loopback TCP connection: (client, the server's accepted socket)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        client = socket.create_connection(listener.getsockname())
        conn, _ = listener.accept()
    return client, conn


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the project; tests that need it skip cleanly without it."""
    path = ROOT.parent / "shared"
    if not (path / "data").is_dir():
        pytest.skip("../shared/data is not present")
    return path


@pytest.fixture(scope="session")
def nlp() -> Iterator[Language]:
    from service.pipeline import load_nlp

    yield load_nlp()


@pytest.fixture(scope="session")
def seed_text(shared_dir: Path) -> str:
    return (shared_dir / "data" / "seed" / "li-shangfu-russia-visit.txt").read_text("utf-8")


@pytest.fixture(scope="session")
def seed_expected(shared_dir: Path) -> dict[str, Any]:
    expected: dict[str, Any] = json.loads(
        (shared_dir / "data" / "seed" / "li-shangfu-russia-visit.expected.json").read_text("utf-8")
    )
    return expected


@pytest.fixture(scope="session")
def app(nlp: Language) -> Flask:
    from service.app import create_app

    return create_app({"TESTING": True})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class Contract:
    """Validates bodies against the component schemas of ``openapi.yaml``."""

    def __init__(self, spec: dict[str, Any]) -> None:
        from jsonschema import Draft202012Validator, FormatChecker
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        self.spec = spec
        resource = Resource.from_contents(spec, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource("urn:dateline:openapi", resource)
        self._validator_cls = Draft202012Validator
        self._formats = FormatChecker()

    def validate(self, body: Any, schema_name: str) -> None:
        validator = self._validator_cls(
            {"$ref": f"urn:dateline:openapi#/components/schemas/{schema_name}"},
            registry=self._registry,
            format_checker=self._formats,
        )
        validator.validate(body)


@pytest.fixture(scope="session")
def contract() -> Contract:
    import yaml

    return Contract(yaml.safe_load((ROOT / "openapi.yaml").read_text("utf-8")))
