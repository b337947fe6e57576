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
from tests.conftest import ROOT, tcp_pair

REQUEST = b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n"
BODY = b'{"text": "a"}'

# Registers the connection it is passed as it would on accept, says so, then waits to be killed.
WORKER = """
import socket, sys, time
from service import guardian
channel = guardian._Channel(sys.argv[1])
conn = socket.socket(fileno=int(sys.argv[3]))
channel.begin(conn)
mode = sys.argv[2]
if mode in ("release", "hang-up", "answered"):
    conn.recv(65536)  # gunicorn reads the request
if mode == "release":
    channel.end()
elif mode == "attach":
    channel.attach(sys.stdin.buffer.read())
elif mode == "hang-up":
    channel._sock.close()
    time.sleep(0.3)
if mode in ("hang-up", "answered"):
    conn.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Length: 4\\r\\nConnection: close\\r\\n\\r\\nmine")
print(channel.current.token if channel.current else 0, flush=True)
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


def _client_and_worker(
    path: str, mode: str, sent: bytes = REQUEST + BODY
) -> tuple[socket.socket, subprocess.Popen[bytes]]:
    """A client that has ``sent`` its request, connected to a worker process holding the server's end."""
    client, conn = tcp_pair()
    client.sendall(sent)
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
    assert worker.stdout.readline().strip() == (b"0" if mode == "release" else b"1")
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
    assert json.loads(body) == {"path": "/v1/extract", "body": BODY.decode(), "replay": "1"}


def test_a_request_still_arriving_is_attached_later(tmp_path: Path, target: str) -> None:
    path = _spawn(tmp_path, target)
    # Only the head had come when the worker accepted it; the app hands over the whole request.
    client, worker = _client_and_worker(path, "attach", sent=REQUEST)
    _kill(worker)
    status, _, body = _parse(_receive(client))
    assert status == 200 and json.loads(body)["body"] == BODY.decode()


def test_a_request_lost_while_arriving_gets_a_problem(tmp_path: Path, target: str) -> None:
    path = _spawn(tmp_path, target)
    client, worker = _client_and_worker(path, "hold", sent=REQUEST)
    _kill(worker)
    status, headers, body = _parse(_receive(client))
    assert status == 503 and headers["Content-Type"] == "application/problem+json"
    assert "still arriving" in json.loads(body)["detail"]


@pytest.mark.parametrize("mode", ["answered", "hang-up"])
def test_a_request_its_worker_answers_is_not_answered_twice(tmp_path: Path, target: str, mode: str) -> None:
    # "answered": the worker dies after writing its answer, and the kernel's count of what it wrote shows
    # it. "hang-up": the worker closes its channel yet lives on, so it keeps what it holds.
    path = _spawn(tmp_path, target)
    client, worker = _client_and_worker(path, mode)
    raw = client.recv(65536)
    _kill(worker)
    assert raw.endswith(b"mine") and _receive(client) == b""


def test_released_request_is_left_to_its_worker(tmp_path: Path, target: str) -> None:
    path = _spawn(tmp_path, target)
    client, worker = _client_and_worker(path, "release")
    _kill(worker)
    # The worker was about to answer itself when it died: nothing may be written after its bytes.
    assert _receive(client) == b""


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


class FakeSocket:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def fileno(self) -> int:
        return self.fd


class FakeChannel:
    """What the worker registered on accept, and what the middleware hands over."""

    def __init__(self, has_request: bool, request_id: str | None = None, fd: int = 9) -> None:
        self.current: guardian._Current | None = guardian._Current(7, fd, has_request, request_id)
        self.attached: list[bytes] = []

    def attach(self, request: bytes) -> None:
        self.attached.append(request)


def _environ(body: bytes, **extra: Any) -> dict[str, Any]:
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
        "gunicorn.socket": FakeSocket(9),
        **extra,
    }


def _app(seen: list[dict[str, Any]]) -> Any:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.append({"body": environ["wsgi.input"].read(), "request_id": environ.get("HTTP_X_REQUEST_ID")})
        start_response("200 OK", [])
        return [b"ok"]

    return app


def test_guard_hands_over_a_request_that_was_still_arriving() -> None:
    channel, seen = FakeChannel(has_request=False), list[dict[str, Any]]()
    guard = guardian.Guard(_app(seen), channel, max_body=100)  # type: ignore[arg-type]
    environ = _environ(BODY)
    del environ["HTTP_X_REQUEST_ID"]
    assert list(guard(environ, lambda *a: None)) == [b"ok"]
    assert seen[0]["body"] == BODY  # the app still reads the whole body
    (request,) = channel.attached
    head, _, body = request.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    assert lines[0] == "POST /v1/extract?x=1 HTTP/1.1" and body == BODY
    assert {"Host: 127.0.0.1:8000", "Content-Type: application/json", "Connection: close"} <= set(lines)
    assert f"Content-Length: {len(BODY)}" in lines and f"{guardian.REPLAY_HEADER}: 1" in lines
    assert "Connection: keep-alive" not in lines
    # The app and a replay go by the same request id.
    assert guardian._request_id(request) == seen[0]["request_id"] and len(seen[0]["request_id"]) == 32


def test_guard_gives_the_app_the_id_of_a_request_registered_whole() -> None:
    channel, seen = FakeChannel(has_request=True, request_id="f" * 32), list[dict[str, Any]]()
    guard = guardian.Guard(_app(seen), channel, max_body=100)  # type: ignore[arg-type]
    environ = _environ(BODY)
    del environ["HTTP_X_REQUEST_ID"]
    list(guard(environ, lambda *a: None))
    assert seen[0]["request_id"] == "f" * 32 and channel.attached == []


@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_TRANSFER_ENCODING": "chunked"},
        {"CONTENT_LENGTH": "1000"},  # over the body limit: the app answers 413 unread
        {"CONTENT_LENGTH": "x"},
        {"gunicorn.socket": FakeSocket(10)},  # not the connection the worker registered
    ],
    ids=["chunked", "too-large", "bad-length", "other-connection"],
)
def test_guard_hands_over_nothing_it_cannot_replay(extra: dict[str, Any]) -> None:
    channel, seen = FakeChannel(has_request=False), list[dict[str, Any]]()
    guard = guardian.Guard(_app(seen), channel, max_body=100)  # type: ignore[arg-type]
    assert list(guard(_environ(BODY, **extra), lambda *a: None)) == [b"ok"] and channel.attached == []


def _request_bytes(*headers: str, body: bytes = BODY) -> bytes:
    head = ["POST /v1/extract HTTP/1.1", "Host: x", f"Content-Length: {len(body)}", *headers]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        (_request_bytes(), "whole"),
        (_request_bytes("X-Request-ID: r-1"), "whole, own id"),
        (_request_bytes()[:-3], "still arriving"),
        (_request_bytes(f"{guardian.REPLAY_HEADER}: 1"), "replay"),
        (_request_bytes("Transfer-Encoding: chunked"), "still arriving"),
    ],
    ids=["whole", "own-id", "partial", "replay", "chunked"],
)
def test_peek_request(sent: bytes, expected: str) -> None:
    client, conn = tcp_pair()
    with client, conn:
        client.sendall(sent)
        time.sleep(0.05)
        peeked = guardian._peek_request(conn)
        assert conn.recv(65536) == sent  # peeking leaves every byte for gunicorn
    if expected == "replay":
        assert peeked is None
        return
    assert peeked is not None
    request, request_id = peeked
    if expected == "still arriving":
        assert request == b"" and request_id is None
        return
    assert request.endswith(BODY) and f"{guardian.REPLAY_HEADER}: 1".encode() in request
    if expected == "whole, own id":
        assert request_id is None and guardian._request_id(request) == "r-1"
    else:
        assert request_id is not None and guardian._request_id(request) == request_id


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

    started = list[tuple[str, dict[str, str]]]()
    guard = guardian.Guard(app, None, max_body=100)
    body = b"".join(guard(_environ(BODY), lambda s, h, exc_info=None: started.append((s, dict(h)))))
    assert started[0][0] == status and started[0][1]["Content-Type"] == "application/problem+json"
    assert json.loads(body)["type"] == f"urn:dateline:problem:{slug}"
    # Outside gunicorn a SystemExit is not ours to answer.
    with pytest.raises(SystemExit):
        guard({**_environ(BODY), "gunicorn.socket": None}, lambda *a: None)


def test_a_stuck_guardian_holds_no_request_up(tmp_path: Path, target: str) -> None:
    path = _spawn(tmp_path, target)
    channel = guardian._Channel(path)
    big = _request_bytes(body=b"x" * (200 * 1024))
    client, conn = tcp_pair()
    client.sendall(big)
    time.sleep(0.05)
    guardian_pid = _guardian_pid(path)
    os.kill(guardian_pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        # Registrations pile up unread in the Unix socket until a send blocks, then gives up.
        for _ in range(100):
            channel.begin(conn)
            if channel.current is None:
                break
        assert channel.current is None
        assert time.monotonic() - started < 10
    finally:
        os.kill(guardian_pid, signal.SIGCONT)
    # Later connections go unguarded at once until the retry delay has passed.
    channel.begin(conn)
    assert channel.current is None
    received = 0
    while received < len(big):  # as gunicorn would: a socket closed unread resets the connection
        received += len(conn.recv(1 << 20))
    conn.close()
    assert _receive(client) == b""  # the guardian let go of every copy it had been given


def test_a_guardian_started_again_is_found_at_once(tmp_path: Path, target: str) -> None:
    path = _spawn(tmp_path, target)
    channel = guardian._Channel(path)
    client, conn = tcp_pair()
    client.sendall(REQUEST + BODY)
    channel.begin(conn)
    assert channel.current is not None
    dead = _guardian_pid(path)
    os.kill(dead, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while guardian.alive(dead):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    # The worker answers and lets go: the guardian is gone, its socket file left with no one listening.
    channel.end()
    _spawn(tmp_path, target)
    # The next connection, a moment later, is guarded by the new one.
    channel.begin(conn)
    assert channel.current is not None
    channel.end()
    assert channel._sock is not None
    channel._sock.close()
    client.close()
    conn.close()


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
