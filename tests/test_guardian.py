"""The guardian: a request whose worker dies is replayed; one the worker answers is left alone.

A "worker" here is a real child process that registers a real TCP connection
through the same channel gunicorn's workers use, and a target server stands in
for gunicorn's listening socket. The whole server is exercised in
tests/test_faults.py.
"""

from __future__ import annotations

import http.server
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service import guardian
from tests.conftest import ROOT

REQUEST = b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n"
BODY = b'{"text": "a"}'

# Registers the connection it is passed, says so, then waits to be killed (or releases first).
WORKER = """
import socket, sys, time
from service import guardian
channel = guardian._Channel(sys.argv[1])
conn = socket.socket(fileno=int(sys.argv[3]))
token = channel.register(conn, sys.stdin.buffer.read())
if sys.argv[2] == "release":
    channel.release(token)
elif sys.argv[2] == "hang-up":
    channel._sock.close()
    time.sleep(0.3)
    conn.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Length: 4\\r\\nConnection: close\\r\\n\\r\\nmine")
print(token, flush=True)
time.sleep(60)
"""


class Target(http.server.BaseHTTPRequestHandler):
    """The server's listening address: answers with what it was sent."""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        reply = json.dumps({"path": self.path, "body": body.decode(), "replay": self.headers[guardian.REPLAY_HEADER]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply.encode())

    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture()
def target() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Target)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"tcp:127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _spawn(tmp_path: Path, target: str, timeout: float = 120.0) -> str:
    path = str(tmp_path / "guardian.sock")
    pid = guardian.spawn(path, target, os.getpid(), timeout)
    assert guardian.alive(pid)
    return path


def _client_and_worker(path: str, mode: str) -> tuple[socket.socket, subprocess.Popen[bytes]]:
    """A client connected to a worker process that holds the server's end of the connection."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        client = socket.create_connection(listener.getsockname())
        conn, _ = listener.accept()
    with conn:
        worker = subprocess.Popen(
            [sys.executable, "-c", WORKER, path, mode, str(conn.fileno())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            pass_fds=(conn.fileno(),),
            cwd=ROOT,
        )
    assert worker.stdin is not None and worker.stdout is not None
    worker.stdin.write(REQUEST + BODY)
    worker.stdin.close()
    assert worker.stdout.readline().strip() == b"1"
    return client, worker


def _kill(worker: subprocess.Popen[bytes]) -> None:
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    assert worker.stdout is not None
    worker.stdout.close()


def _receive(client: socket.socket) -> bytes:
    client.settimeout(30)
    chunks = []
    while chunk := client.recv(65536):
        chunks.append(chunk)
    client.close()
    return b"".join(chunks)


def _parse(raw: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    assert int(headers["Content-Length"]) == len(body)
    return int(lines[0].split()[1]), headers, body


def test_request_of_a_killed_worker_is_replayed(tmp_path: Path, target: str) -> None:
    path = _spawn(tmp_path, target)
    client, worker = _client_and_worker(path, "hold")
    _kill(worker)
    status, headers, body = _parse(_receive(client))
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"path": "/v1/extract", "body": BODY.decode(), "replay": None}


def test_released_request_is_left_to_its_worker(tmp_path: Path, target: str) -> None:
    path = _spawn(tmp_path, target)
    client, worker = _client_and_worker(path, "release")
    _kill(worker)
    # The worker was about to answer itself when it died: nothing may be written after its bytes.
    assert _receive(client) == b""


def test_a_live_worker_that_hangs_up_keeps_its_requests(tmp_path: Path, target: str) -> None:
    path = _spawn(tmp_path, target)
    client, worker = _client_and_worker(path, "hang-up")
    raw = client.recv(65536)
    _kill(worker)
    assert raw.endswith(b"mine") and _receive(client) == b""


def test_a_replay_that_fails_gets_a_problem(tmp_path: Path) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    path = _spawn(tmp_path, f"tcp:127.0.0.1:{port}")
    client, worker = _client_and_worker(path, "hold")
    _kill(worker)
    status, headers, body = _parse(_receive(client))
    assert status == 503 and headers["Content-Type"] == "application/problem+json"
    assert json.loads(body)["type"] == "urn:dateline:problem:worker-lost"


def test_a_request_past_the_timeout_is_not_replayed(tmp_path: Path, target: str) -> None:
    # It may be what kills workers: a replay would kill another.
    path = _spawn(tmp_path, target, timeout=0.0)
    client, worker = _client_and_worker(path, "hold")
    _kill(worker)
    status, _, body = _parse(_receive(client))
    assert status == 504 and json.loads(body)["status"] == 504


def test_the_guardian_exits_with_its_master(tmp_path: Path) -> None:
    master = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    pid = guardian.spawn(str(tmp_path / "g.sock"), "tcp:127.0.0.1:9", master.pid, 1.0)
    assert guardian.alive(pid)
    master.kill()
    master.wait()
    deadline = time.monotonic() + 10
    while guardian.alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not guardian.alive(pid)
    assert not (tmp_path / "g.sock").exists()


class FakeChannel:
    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []

    def register(self, client: object, request: bytes) -> int:
        self.events.append(("register", request))
        return 7

    def release(self, token: int) -> None:
        self.events.append(("release", token))


def _environ(body: bytes, **extra: str) -> dict[str, Any]:
    return {
        "REQUEST_METHOD": "POST",
        "RAW_URI": "/v1/extract?x=1",
        "PATH_INFO": "/v1/extract",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_X_REQUEST_ID": "abc",
        "HTTP_CONNECTION": "keep-alive",
        "wsgi.input": io.BytesIO(body),
        "gunicorn.socket": object(),
        **extra,
    }


def _guard(channel: FakeChannel, seen: list[bytes], fail: bool = False) -> guardian.Guard:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.append(environ["wsgi.input"].read())
        if fail:
            raise RuntimeError("boom")
        channel.events.append(("app", None))
        start_response("200 OK", [])
        return [b"ok"]

    guard = guardian.Guard(app, "/nowhere", max_body=100)
    guard.channel = channel  # type: ignore[assignment]
    return guard


def test_guard_hands_over_the_request_and_releases_before_the_response() -> None:
    channel, seen = FakeChannel(), list[bytes]()
    guard = _guard(channel, seen)
    result = guard(_environ(BODY), lambda *a: None)
    assert seen == [BODY]  # the app still reads the whole body
    assert [e[0] for e in channel.events] == ["register", "app"]
    assert list(result) == [b"ok"] and channel.events[-1] == ("release", 7)
    request = channel.events[0][1]
    head, _, body = request.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    assert lines[0] == "POST /v1/extract?x=1 HTTP/1.1" and body == BODY
    assert {"Host: 127.0.0.1:8000", "X-Request-Id: abc", "Content-Type: application/json"} <= set(lines)
    assert f"Content-Length: {len(BODY)}" in lines and "Connection: close" in lines
    assert f"{guardian.REPLAY_HEADER}: 1" in lines and "Connection: keep-alive" not in lines


def test_guard_releases_when_the_app_raises() -> None:
    channel, seen = FakeChannel(), list[bytes]()
    with pytest.raises(RuntimeError):
        _guard(channel, seen, fail=True)(_environ(BODY), lambda *a: None)
    assert [e[0] for e in channel.events] == ["register", "release"]


@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_X_DATELINE_REPLAY": "1"},  # a replay is never replayed again
        {"HTTP_TRANSFER_ENCODING": "chunked"},
        {"CONTENT_LENGTH": "1000"},  # over the body limit: the app answers 413 unread
        {"CONTENT_LENGTH": "x"},
    ],
    ids=["replay", "chunked", "too-large", "bad-length"],
)
def test_guard_leaves_some_requests_unguarded(extra: dict[str, str]) -> None:
    channel, seen = FakeChannel(), list[bytes]()
    result = _guard(channel, seen)(_environ(BODY, **extra), lambda *a: None)
    assert list(result) == [b"ok"] and [e[0] for e in channel.events] == ["app"]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("tcp:127.0.0.1:8000", (socket.AF_INET, ("127.0.0.1", 8000))),
        ("tcp:0.0.0.0:80", (socket.AF_INET, ("127.0.0.1", 80))),
        ("tcp:[::]:8000", (socket.AF_INET6, ("::1", 8000))),
        ("unix:/run/dateline.sock", (socket.AF_UNIX, "/run/dateline.sock")),
    ],
)
def test_parse_target(spec: str, expected: tuple[int, Any]) -> None:
    assert guardian.parse_target(spec) == expected


@pytest.mark.parametrize(
    ("code", "status", "slug"),
    [(1, "504 Gateway Timeout", "worker-timeout"), (0, "503 Service Unavailable", "shutting-down")],
    ids=["timeout-abort", "fast-stop"],
)
def test_guard_answers_a_request_gunicorn_stops(code: int, status: str, slug: str) -> None:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        raise SystemExit(code)  # what gunicorn's abort and quit handlers raise inside the request

    channel, started = FakeChannel(), list[tuple[str, dict[str, str]]]()
    guard = guardian.Guard(app, "/nowhere", max_body=100)
    guard.channel = channel  # type: ignore[assignment]
    body = b"".join(guard(_environ(BODY), lambda s, h, exc_info=None: started.append((s, dict(h)))))
    assert started[0][0] == status and started[0][1]["Content-Type"] == "application/problem+json"
    assert json.loads(body)["type"] == f"urn:dateline:problem:{slug}"
    assert [e[0] for e in channel.events] == ["register", "release"]  # answered here: no replay
    # Outside gunicorn a SystemExit is not ours to answer.
    with pytest.raises(SystemExit):
        guardian.Guard(app, None, max_body=100)({**_environ(BODY), "gunicorn.socket": None}, lambda *a: None)


def test_a_stuck_guardian_holds_no_request_up(tmp_path: Path, target: str) -> None:
    path = _spawn(tmp_path, target)
    channel = guardian._Channel(path)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        client = socket.create_connection(listener.getsockname())
        conn, _ = listener.accept()
    guardian_pid = _guardian_pid(path)
    os.kill(guardian_pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        # Far more than a Unix socket buffers: the send blocks until it gives up.
        assert channel.register(conn, b"x" * (8 << 20)) is None
        assert time.monotonic() - started < 5
    finally:
        os.kill(guardian_pid, signal.SIGCONT)
    # Later requests go unguarded at once until the retry delay has passed.
    assert channel.register(conn, b"y") is None
    conn.close()
    assert _receive(client) == b""  # what the guardian got of the connection it dropped


def _guardian_pid(path: str) -> int:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"service.guardian" in cmdline and path.encode() in cmdline:
                return int(entry.name)
    raise AssertionError("no guardian process")


def test_guard_fixes_the_request_id_a_replay_will_carry() -> None:
    channel, seen_ids = FakeChannel(), list[str]()

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen_ids.append(environ["HTTP_X_REQUEST_ID"])
        start_response("200 OK", [])
        return [b"ok"]

    guard = guardian.Guard(app, "/nowhere", max_body=100)
    guard.channel = channel  # type: ignore[assignment]
    environ = _environ(BODY)
    del environ["HTTP_X_REQUEST_ID"]
    list(guard(environ, lambda *a: None))
    request = channel.events[0][1]
    assert len(seen_ids[0]) == 32 and f"X-Request-Id: {seen_ids[0]}".encode() in request
    assert guardian._request_id(request) == seen_ids[0]
