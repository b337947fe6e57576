"""The real server: gunicorn with the project's config, as `make run` starts it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _request(url: str, data: bytes | None = None, content_type: str = "application/json") -> tuple[int, Any]:
    req = urllib.request.Request(url, data=data, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    env = dict(os.environ, PORT=str(port), WORKERS="2")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "service.wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                if _request(f"{base}/readyz")[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not become ready")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=40)


def test_seed_through_gunicorn(server: str, seed_text: str) -> None:
    status, body = _request(f"{server}/v1/extract", json.dumps({"text": seed_text}).encode())
    assert status == 200
    assert body["dateline"]["date"] == "2023-04-14"
    status, body = _request(f"{server}/v1/extract", seed_text.encode(), "text/plain; charset=utf-8")
    assert status == 200 and body["dateline"]["source"] == "text"


def test_errors_through_gunicorn(server: str) -> None:
    status, body = _request(f"{server}/v1/extract", b"{oops")
    assert status == 400 and body["status"] == 400
    status, body = _request(f"{server}/v1/extract", b"{}")
    assert status == 422
