"""Schemathesis against ``openapi.yaml`` and the live WSGI app: no 5xx, conforming responses, no hang.

Generation is bounded and derandomized (a fixed seed derived from each test),
so `make test` is reproducible; ``DATELINE_FUZZ_EXAMPLES=300 DATELINE_FUZZ_RANDOM=1``
explores more.
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
# `make test` is reproducible; DATELINE_FUZZ_RANDOM=1 explores fresh cases instead.
DERANDOMIZE = os.environ.get("DATELINE_FUZZ_RANDOM") != "1"
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


def _operations() -> list[tuple[str, str]]:
    """Every operation in the contract, so a new route is fuzzed without editing this file."""
    import yaml

    from tests.conftest import ROOT

    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text("utf-8"))
    methods = ("get", "post", "put", "patch", "delete")
    return [(m.upper(), path) for path, item in spec["paths"].items() for m in methods if m in item]


OPERATIONS = _operations()


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
    examples = EXAMPLES if method == "POST" else 3

    @settings(
        max_examples=examples,
        derandomize=DERANDOMIZE,
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


# GET operations here take no input, so there is nothing to negate.
CASES = [
    pytest.param(method, path, mode, id=f"{method} {path}-{mode}")
    for method, path in OPERATIONS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if method != "GET" or mode is GenerationMode.POSITIVE
]


@pytest.mark.parametrize(("method", "path", "mode"), CASES)
def test_open_api(app: Flask, method: str, path: str, mode: GenerationMode) -> None:
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
