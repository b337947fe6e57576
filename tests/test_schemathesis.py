"""Schemathesis against ``openapi.yaml`` and the live WSGI app: no 5xx, conforming responses, no hang.

Generation is bounded and derandomized (a fixed seed derived from each test),
so `make test` is reproducible; set ``DATELINE_FUZZ_EXAMPLES`` to explore more.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = int(os.environ.get("DATELINE_FUZZ_EXAMPLES", "25"))
# Far above any honest request here (the longest generated article is parsed in well under a second):
# it only turns a hang into a failure instead of a stuck run.
HANG_SECONDS = 60

CHECKS: list[Callable[..., Any]] = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
OPERATIONS = [
    ("POST", "/v1/extract"),
    ("POST", "/v1/extract/batch"),
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/metrics"),
    ("GET", "/openapi.yaml"),
]


class Hang(Exception):
    pass


@contextmanager
def no_hang(seconds: int) -> Iterator[None]:
    def alarm(_signum: int, _frame: FrameType | None) -> None:
        raise Hang(f"no response within {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _fuzz(app: Flask, method: str, path: str, mode: GenerationMode, headers: dict[str, str] | None = None) -> None:
    schema = schemathesis.openapi.from_wsgi("/openapi.yaml", app)
    operation = schema[path][method]
    examples = EXAMPLES if path.startswith("/v1/") else 3

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        with no_hang(HANG_SECONDS):
            response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_open_api(app: Flask, method: str, path: str, mode: GenerationMode) -> None:
    if mode is GenerationMode.NEGATIVE and method == "GET":
        pytest.skip("GET operations take no input to negate")
    _fuzz(app, method, path, mode)


@pytest.fixture(scope="module")
def keyed_app(nlp: Any) -> Flask:
    from service.app import create_app

    return create_app({"API_KEYS": "fuzz-key"})


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"Authorization": "Bearer fuzz-key"}, id="known-key"),
        pytest.param({"Authorization": "Bearer other-key"}, id="unknown-key"),
        pytest.param({}, id="no-key"),
    ],
)
def test_with_api_keys(keyed_app: Flask, headers: dict[str, str]) -> None:
    _fuzz(keyed_app, "POST", "/v1/extract", GenerationMode.POSITIVE, headers)
