"""Requests in flight on a worker that dies are answered anyway, by a replay.

A sync gunicorn worker owns the connection of the request it serves: when it
is SIGKILLed (by an operator, the OOM killer, a crash in native code) the
kernel closes that connection and the client sees it drop, even though the
master replaces the worker at once. Extraction is a pure function of the
request, so the request can safely be served again.

The guardian is one small process beside the master (no model, no Flask).
As a worker accepts a connection (service/worker.py) it hands the guardian a
duplicate of the socket and the request's bytes, peeked before gunicorn reads
them (or, for a request still arriving, handed over by ``Guard``, a WSGI
middleware, once the app has read it); once the connection is answered and
closed it lets go. Should the worker die in between, its channel to the
guardian closes. If the kernel's TCP counters show that nothing of an answer
went out, the guardian sends the request again to the server's own listening
address, where a live worker takes it, and writes that response on the
connection it still holds; an answer that had begun is left as it is.

A replay is tried once: when the replayed request also loses its worker, when
the request had not all arrived, or when it ran past the worker timeout (it may
be what kills workers), the client gets a problem+json (503 or 504) instead.

    python -m service.guardian --socket PATH --target tcp:127.0.0.1:8000 --master PID
"""

from __future__ import annotations

import argparse
import array
import collections
import contextlib
import functools
import http.client
import io
import json
import logging
import os
import selectors
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import PROBLEM_MEDIA_TYPE, problem

SOCKET_ENV = "DATELINE_GUARDIAN_SOCKET"
# A replayed request carries this header so that it is not guarded a second time.
REPLAY_HEADER = "X-Dateline-Replay"

_FRAME = struct.Struct("!BQI")  # kind, token, payload length
_REGISTER, _RELEASE, _PAYLOAD = 1, 2, 3
# The bytes of a request the worker peeks at as it accepts the connection, before gunicorn reads them.
_PEEK_BYTES = 256 * 1024
_TCP_INFO_SIZE = 208
# Hop-by-hop headers describe the first connection, not the request.
_HOP_BY_HOP = frozenset({"CONNECTION", "KEEP_ALIVE", "TRANSFER_ENCODING", "TE", "UPGRADE", "EXPECT", "CONTENT_LENGTH"})
# A worker must never wait long on the guardian: past this it serves unguarded.
_SEND_TIMEOUT = 1.0
_RECONNECT_AFTER = 1.0

log = logging.getLogger("dateline.guardian")


# --- The worker's side ----------------------------------------------------


class _Channel:
    """One Unix-socket connection to the guardian per worker process, opened lazily after the fork."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._sock: socket.socket | None = None
        self._pid = 0
        self._retry_at = 0.0
        self._token = 0
        self.current: _Current | None = None

    def _socket(self) -> socket.socket | None:
        if self._pid != os.getpid():
            # Inherited from the master through fork: never share it with it or a sibling.
            self._sock, self._pid, self._retry_at = None, os.getpid(), 0.0
        if self._sock is None and time.monotonic() >= self._retry_at:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(_SEND_TIMEOUT)
            try:
                sock.connect(self.path)
            except TimeoutError:
                # A guardian too busy to accept: the requests of the next moment go unguarded, unkept.
                sock.close()
                self._retry_at = time.monotonic() + _RECONNECT_AFTER
                return None
            except OSError:
                # None listens (yet): refused at once, so the next request may look again. A dead
                # guardian is started again before the next worker is, and must be found at once.
                sock.close()
                return None
            self._sock = sock
        return self._sock

    def _send(self, frame: bytes, fd: int | None = None) -> bool:
        # A guardian that died and was started again leaves this end broken: one fresh try.
        for _ in range(2):
            sock = self._socket()
            if sock is None:
                return False
            try:
                if fd is None:
                    sock.sendall(frame)
                else:
                    fds = array.array("i", [fd])
                    sent = sock.sendmsg([frame], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)])
                    sock.sendall(frame[sent:])
            except (BrokenPipeError, ConnectionResetError):
                sock.close()
                self._sock = None
                continue
            except OSError:
                # Slow or stuck: never make the request wait. A half-sent frame would
                # desynchronise the stream, so start again later; the guardian sees this
                # process still alive and drops what it held, unreplayed.
                sock.close()
                self._sock = None
                break
            return True
        self._retry_at = time.monotonic() + _RECONNECT_AFTER
        return False

    def begin(self, client: socket.socket) -> None:
        """Hand the guardian the connection just accepted, with its request when it has all arrived."""
        self.current = None
        peeked = _peek_request(client)
        if peeked is None:
            return  # a replay: never guarded twice
        request, request_id = peeked
        self._token += 1
        frame = _FRAME.pack(_REGISTER, self._token, len(request)) + request
        if self._send(frame, client.fileno()):
            self.current = _Current(self._token, client.fileno(), bool(request), request_id)

    def attach(self, request: bytes) -> None:
        """The request, read by the app, for a connection registered before it had all arrived."""
        current = self.current
        if current is not None and not current.has_request:
            current.has_request = self._send(_FRAME.pack(_PAYLOAD, current.token, len(request)) + request)

    def end(self) -> None:
        """The connection is answered and closed: the guardian lets go of it."""
        if self.current is not None:
            self._send(_FRAME.pack(_RELEASE, self.current.token, 0))
            self.current = None


@dataclass
class _Current:
    """The connection a worker is serving, as registered with the guardian."""

    token: int
    fd: int
    has_request: bool
    request_id: str | None


@functools.lru_cache(maxsize=1)
def _peek_buffer() -> bytearray:
    # One per process: a fresh quarter-megabyte per request would cost an mmap and its page faults.
    return bytearray(_PEEK_BYTES)


def _peek_request(client: socket.socket) -> tuple[bytes, str | None] | None:
    """The whole request if it has arrived (b"" if not yet), ready to replay; None for a replay.

    Peeking leaves the bytes for gunicorn to read. The replay gets a marker
    header, and a request id when it has none, which the app is then given too.
    """
    buffer = _peek_buffer()
    try:
        size = client.recv_into(buffer, len(buffer), socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except OSError:
        return b"", None
    data = bytes(memoryview(buffer)[:size])  # one copy, of what arrived
    head_end = data.find(b"\r\n\r\n")
    if head_end < 0:
        return b"", None
    head = data[:head_end].lower()
    if b"\r\n" + REPLAY_HEADER.lower().encode() + b":" in head:
        return None
    if b"\r\ntransfer-encoding:" in head:
        return b"", None
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip() == b"content-length":
            try:
                length = int(value.strip())
            except ValueError:
                return b"", None
    end = head_end + 4 + length
    if len(data) < end:
        return b"", None
    line_end = data.find(b"\r\n")
    extra = f"{REPLAY_HEADER}: 1\r\n".encode()
    request_id = None
    if b"\r\nx-request-id:" not in head:
        request_id = uuid.uuid4().hex
        extra += f"X-Request-ID: {request_id}\r\n".encode()
    return data[: line_end + 2] + extra + data[line_end + 2 : end], request_id


_WORKER_CHANNEL: list[_Channel | None] = []


def worker_channel() -> _Channel | None:
    """This process's channel to the guardian named by ``DATELINE_GUARDIAN_SOCKET``; None without one."""
    if not _WORKER_CHANNEL:
        path = os.environ.get(SOCKET_ENV)
        _WORKER_CHANNEL.append(_Channel(path) if path else None)
    return _WORKER_CHANNEL[0]


class Guard:
    """WSGI middleware for the guardian and for gunicorn stopping a request.

    The worker (service/worker.py) registers each connection as it accepts it;
    when the request had not all arrived by then, this hands over the request
    once the app has read it, and it gives the app the request id that a replay
    would carry. It also answers a request that gunicorn stops (timeout, fast
    shutdown) with a problem instead of gunicorn's HTML page.
    """

    def __init__(self, app: Callable[..., Iterable[bytes]], channel: _Channel | None, max_body: int) -> None:
        self.app = app
        self.max_body = max_body
        self.channel = channel

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        client = environ.get("gunicorn.socket")
        current = None if self.channel is None else self.channel.current
        if client is not None and current is not None and current.fd == client.fileno():
            if current.request_id:
                environ.setdefault("HTTP_X_REQUEST_ID", current.request_id)
            if not current.has_request:
                request = _buffer_request(environ, self.max_body)
                if request is not None:
                    assert self.channel is not None
                    self.channel.attach(request)
        try:
            return self.app(environ, start_response)
        except SystemExit as stop:
            if client is None:
                raise
            # gunicorn stops a worker mid-request by raising SystemExit: 1 past the timeout, 0 on a fast
            # shutdown. The worker takes no more requests and exits once this answer is out.
            if stop.code:
                status, body, headers = _problem(504, "worker-timeout", _TIMED_OUT)
            else:
                status, body, headers = _problem(503, "shutting-down", _STOPPING)
            start_response(status, headers, sys.exc_info())
            return [body]


def _buffer_request(environ: dict[str, Any], max_body: int) -> bytes | None:
    """The request as bytes for a replay, reading its body into memory; None leaves it unguarded."""
    if environ.get("HTTP_" + REPLAY_HEADER.upper().replace("-", "_")) or environ.get("HTTP_TRANSFER_ENCODING"):
        return None
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if not 0 <= length <= max_body:
        return None  # the app answers 413 without reading it
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    if len(body) != length:
        return None  # the client stopped sending: nothing to replay
    # Fixed now, so that a replay answers and logs under the id this attempt would have had.
    environ.setdefault("HTTP_X_REQUEST_ID", uuid.uuid4().hex)
    target = environ.get("RAW_URI") or environ.get("PATH_INFO", "/")
    lines = [f"{environ['REQUEST_METHOD']} {target} HTTP/1.1"]
    for key, value in environ.items():
        if key.startswith("HTTP_") and key[5:] not in _HOP_BY_HOP:
            lines.append(f"{key[5:].replace('_', '-').title()}: {value}")
    if environ.get("CONTENT_TYPE"):
        lines.append(f"Content-Type: {environ['CONTENT_TYPE']}")
    lines += [f"Content-Length: {length}", f"{REPLAY_HEADER}: 1", "Connection: close", "", ""]
    try:
        # WSGI gives header values as latin-1 strings: this restores the bytes received.
        return "\r\n".join(lines).encode("latin-1") + body
    except UnicodeEncodeError:
        return None


# --- The guardian process -------------------------------------------------


@dataclass
class _Held:
    fd: int
    request: bytes
    since: float


@dataclass
class _Worker:
    pid: int
    buffer: bytearray = field(default_factory=bytearray)
    fds: collections.deque[int] = field(default_factory=collections.deque)
    held: dict[int, _Held] = field(default_factory=dict)


_PF_EXITING = 0x4  # the kernel's per-task flag, set as a process starts to exit


def _alive(pid: int) -> bool:
    """True while ``pid`` runs: a process that is exiting, or a zombie not yet reaped, is dead.

    A killed process closes its files, and so its channel, before it turns
    zombie: at that moment only the kernel's exiting flag tells it from a
    process that hung up on purpose.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    fields = stat[stat.rindex(")") + 2 :].split()
    return fields[0] not in ("Z", "X") and not int(fields[6]) & _PF_EXITING


def _peer_pid(conn: socket.socket) -> int:
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    pid: int = struct.unpack("3i", creds)[0]
    return pid


def parse_target(spec: str) -> tuple[int, Any]:
    """``tcp:HOST:PORT`` or ``unix:PATH`` to a socket family and address; a wildcard host means loopback."""
    kind, _, rest = spec.partition(":")
    if kind == "unix":
        return socket.AF_UNIX, rest
    host, _, port = rest.rpartition(":")
    host = host.strip("[]")
    if ":" in host:
        return socket.AF_INET6, ("::1" if host == "::" else host, int(port))
    return socket.AF_INET, ("127.0.0.1" if host in ("", "0.0.0.0") else host, int(port))


class Guardian:
    def __init__(self, listener: socket.socket, target: str, master: int, timeout: float) -> None:
        self.listener = listener
        self.family, self.address = parse_target(target)
        self.master = master
        self.timeout = timeout
        self.selector = selectors.DefaultSelector()
        self.workers: dict[socket.socket, _Worker] = {}

    def serve(self) -> None:
        self.listener.setblocking(False)
        self.selector.register(self.listener, selectors.EVENT_READ)
        while _alive(self.master):
            for key, _ in self.selector.select(timeout=0.5):
                if key.fileobj is self.listener:
                    self._accept()
                else:
                    assert isinstance(key.fileobj, socket.socket)
                    self._read(key.fileobj)

    def _accept(self) -> None:
        try:
            conn, _ = self.listener.accept()
        except BlockingIOError:
            return
        conn.setblocking(False)
        self.workers[conn] = _Worker(_peer_pid(conn))
        self.selector.register(conn, selectors.EVENT_READ)

    def _read(self, conn: socket.socket) -> None:
        worker = self.workers[conn]
        try:
            data, ancdata, flags, _ = conn.recvmsg(1 << 16, socket.CMSG_SPACE(64 * 4), socket.MSG_CMSG_CLOEXEC)
        except BlockingIOError:
            return
        except OSError:
            data, ancdata, flags = b"", [], 0
        for level, kind, payload in ancdata:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds = array.array("i")
                fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
                worker.fds.extend(fds)
        if not data or flags & socket.MSG_CTRUNC:
            self._closed(conn, worker)
            return
        worker.buffer += data
        while len(worker.buffer) >= _FRAME.size:
            kind, token, length = _FRAME.unpack_from(worker.buffer)
            if len(worker.buffer) < _FRAME.size + length:
                break
            payload = bytes(worker.buffer[_FRAME.size : _FRAME.size + length])
            del worker.buffer[: _FRAME.size + length]
            if kind == _REGISTER and worker.fds:
                worker.held[token] = _Held(worker.fds.popleft(), payload, time.monotonic())
            elif kind == _PAYLOAD and token in worker.held:
                worker.held[token].request = payload
            elif kind == _RELEASE and token in worker.held:
                os.close(worker.held.pop(token).fd)

    def _closed(self, conn: socket.socket, worker: _Worker) -> None:
        self.selector.unregister(conn)
        del self.workers[conn]
        conn.close()
        for fd in worker.fds:
            os.close(fd)
        held = sorted(worker.held.values(), key=lambda h: h.since)
        if held and _alive(worker.pid):
            # The worker hung up its channel but lives: it still answers what it holds.
            for item in held:
                os.close(item.fd)
        elif held:
            threading.Thread(target=self._replay_all, args=(held, worker.pid), daemon=True).start()

    def _replay_all(self, held: list[_Held], pid: int) -> None:
        for item in held:
            self._replay(item, pid)

    def _replay(self, held: _Held, pid: int) -> None:
        """Answer the client of a dead worker: the response of a live one, or a problem."""
        client = socket.socket(fileno=held.fd)
        started = time.monotonic()
        if _response_bytes(client):
            # The worker had begun (or finished) its answer: a second one would corrupt it.
            client.close()
            log.info("request answered before its worker died", extra={"worker_pid": pid, "outcome": "answered"})
            _count("answered")
            return
        outcome = "replayed"
        response: bytes | None = None
        if not held.request:
            outcome = "lost"
            response = _problem_response(503, "worker-lost", _INCOMPLETE)
        elif started - held.since >= self.timeout:
            outcome = "timed_out"
            response = _problem_response(504, "worker-timeout", _TIMED_OUT)
        else:
            response = self._forward(held.request)
            if response is None:
                outcome = "failed"
                response = _problem_response(503, "worker-lost", _LOST)
        _count(outcome)
        try:
            client.settimeout(30)
            client.sendall(response)
            client.shutdown(socket.SHUT_WR)
            _drain(client)
        except OSError:
            outcome += ", client gone"
        finally:
            client.close()
        log.warning(
            "request %s after its worker died",
            outcome,
            extra={
                "request_id": _request_id(held.request),
                "worker_pid": pid,
                "outcome": outcome,
                "ms": round((time.monotonic() - started) * 1000, 1),
            },
        )

    def _forward(self, request: bytes) -> bytes | None:
        """The server's whole response to ``request``, re-framed with a Content-Length; None if it broke."""
        try:
            with socket.socket(self.family, socket.SOCK_STREAM) as sock:
                sock.settimeout(self.timeout + 30)
                sock.connect(self.address)
                sock.sendall(request)
                response = http.client.HTTPResponse(sock)
                response.begin()
                body = response.read()
        except (OSError, http.client.HTTPException):
            return None
        head = [f"HTTP/1.1 {response.status} {response.reason}"]
        framing = ("content-length", "transfer-encoding", "connection")
        head += [f"{k}: {v}" for k, v in response.getheaders() if k.lower() not in framing]
        head += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
        return "\r\n".join(head).encode("latin-1") + body


_TIMED_OUT = "The request ran past the worker timeout (DATELINE_TIMEOUT) and was stopped."
_STOPPING = "The server stopped while serving the request. Safe to retry."
_INCOMPLETE = "The worker serving this request died while it was still arriving. Safe to retry."
_LOST = "The worker serving this request died, and so did the one its replay went to. Safe to retry."


def _count(outcome: str) -> None:
    """``dateline_worker_losses_total`` in /metrics: the guardian writes to the workers' metrics folder."""
    from .metrics import WORKER_LOSSES

    # The folder goes with the master: a count made as the server stops may find it gone.
    with contextlib.suppress(OSError):
        WORKER_LOSSES.labels(outcome=outcome).inc()


def _drain(client: socket.socket, limit: int = 1 << 20) -> None:
    """Read what the client sent until it closes: closing with unread bytes would reset the connection
    and could destroy the answer before the client reads it (as gunicorn's own close does)."""
    client.settimeout(2)
    drained = 0
    while drained < limit:
        try:
            chunk = client.recv(65536)
        except OSError:
            return
        if not chunk:
            return
        drained += len(chunk)


def _response_bytes(client: socket.socket) -> int | None:
    """Bytes the server has written on this TCP connection (sent or queued); None when the kernel cannot say."""
    try:
        info = client.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, _TCP_INFO_SIZE)
    except OSError:
        return None  # not TCP (a Unix-socket listener)
    if len(info) < _TCP_INFO_SIZE:
        return None
    # struct tcp_info (linux/tcp.h): tcpi_notsent_bytes at 144, tcpi_bytes_sent at 200 (Linux 4.19+).
    notsent: int = struct.unpack_from("I", info, 144)[0]
    sent: int = struct.unpack_from("Q", info, 200)[0]
    return notsent + sent


def _request_id(request: bytes) -> str | None:
    head = request.partition(b"\r\n\r\n")[0]
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"x-request-id":
            return value.strip().decode("latin-1")
    return None


def _problem(status: int, slug: str, detail: str) -> tuple[str, bytes, list[tuple[str, str]]]:
    """A problem+json answer: status line, body, headers (those the app sets on every response)."""
    body = json.dumps(problem(status, detail, slug=slug)).encode()
    headers = [
        ("Content-Type", PROBLEM_MEDIA_TYPE),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ]
    if status == 503:
        headers.append(("Retry-After", "1"))
    return f"{status} {http.HTTPStatus(status).phrase}", body, headers


def _problem_response(status: int, slug: str, detail: str) -> bytes:
    line, body, headers = _problem(status, slug, detail)
    head = [f"HTTP/1.1 {line}", *(f"{k}: {v}" for k, v in headers), "Connection: close", "", ""]
    return "\r\n".join(head).encode() + body


# --- Starting it ----------------------------------------------------------


def spawn(socket_path: str, target: str, master: int, timeout: float) -> int:
    """Start a guardian and return its pid once it listens.

    It is detached from the gunicorn master (a grandchild, not a child), so that
    the master's children are exactly its workers; it exits with the master.
    """
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "service.guardian",
            "--socket",
            socket_path,
            "--target",
            target,
            "--master",
            str(master),
            "--timeout",
            str(timeout),
            "--detach",
        ],
        stdout=subprocess.PIPE,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    process.wait()
    process.stdout.close()
    return int(line) if line.strip().isdigit() else 0


def alive(pid: int) -> bool:
    return pid > 0 and _alive(pid)


def target_of(listener: socket.socket) -> str:
    """The ``--target`` for a listening socket (gunicorn's listeners delegate to one)."""
    address = listener.getsockname()
    if listener.family == socket.AF_UNIX:
        return f"unix:{address}"
    if listener.family == socket.AF_INET6:
        return f"tcp:[{address[0]}]:{address[1]}"
    return f"tcp:{address[0]}:{address[1]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--socket", required=True)
    parser.add_argument("--target", required=True, help="tcp:HOST:PORT or unix:PATH of the server")
    parser.add_argument("--master", type=int, required=True, help="exit when this process does")
    parser.add_argument("--timeout", type=float, default=120.0, help="the workers' timeout, in seconds")
    parser.add_argument("--detach", action="store_true", help="fork, print the guardian's pid and return")
    args = parser.parse_args(argv)

    from .logs import configure

    configure(os.environ.get("DATELINE_LOG_LEVEL", "INFO").upper())
    Path(args.socket).unlink(missing_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(args.socket)
    os.chmod(args.socket, 0o600)
    listener.listen(64)
    if args.detach and os.fork() > 0:
        listener.close()
        return 0
    if args.detach:
        print(os.getpid(), flush=True)
        # Let the spawner's read end see EOF: nothing else is ever printed.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    # The master's group gets Ctrl-C and SIGTERM from a terminal or supervisor: so does this.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: sys.exit(0))
    try:
        Guardian(listener, args.target, args.master, args.timeout).serve()
    finally:
        Path(args.socket).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
