"""The guarded sync worker's socket: a response's head and body leave in one write."""

from __future__ import annotations

import socket

import pytest

from service.worker import GuardedSyncWorker, OneWriteSocket
from tests.conftest import tcp_pair

HEAD = b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n"


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def sendall(self, data: bytes) -> None:
        self.calls.append(("sendall", data))

    def shutdown(self, how: int) -> None:
        self.calls.append(("shutdown", how))

    def close(self) -> None:
        self.calls.append(("close", None))

    def fileno(self) -> int:
        return 42


def test_head_and_body_leave_together() -> None:
    raw = Recorder()
    sock = OneWriteSocket(raw)  # type: ignore[arg-type]
    sock.sendall(HEAD)
    assert raw.calls == []
    sock.sendall(b"body")
    sock.sendall(b"more")
    assert raw.calls == [("sendall", HEAD + b"body"), ("sendall", b"more")]
    assert sock.fileno() == 42  # everything else is the socket's own


def test_a_head_without_body_leaves_before_the_close() -> None:
    raw = Recorder()
    sock = OneWriteSocket(raw)  # type: ignore[arg-type]
    sock.sendall(HEAD)
    sock.shutdown(socket.SHUT_WR)
    sock.close()
    assert raw.calls == [("sendall", HEAD), ("shutdown", socket.SHUT_WR), ("close", None)]


def test_on_a_real_connection() -> None:
    client, conn = tcp_pair()
    with client:
        sock = OneWriteSocket(conn)
        sock.sendall(HEAD)
        sock.sendall(b"body")
        sock.shutdown(socket.SHUT_WR)
        sock.close()
        received = b""
        while chunk := client.recv(65536):
            received += chunk
    assert received == HEAD + b"body"


class FakeConfig:
    def __init__(self, is_ssl: bool) -> None:
        self.is_ssl = is_ssl


def test_tls_connections_are_not_handed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    from service import worker as worker_module

    begun: list[object] = []

    class Channel:
        def begin(self, client: object) -> None:
            begun.append(client)

        def end(self) -> None:
            pass

    monkeypatch.setattr(worker_module, "worker_channel", lambda: Channel())
    handled: list[object] = []
    for is_ssl in (True, False):
        fake = GuardedSyncWorker.__new__(GuardedSyncWorker)
        fake.cfg = FakeConfig(is_ssl)

        def handle(listener: object, client: socket.socket, addr: object) -> None:
            handled.append(client)
            client.close()

        fake.handle = handle
        with socket.socket() as listener:
            listener.bind(("127.0.0.1", 0))
            listener.listen(1)
            with socket.create_connection(listener.getsockname()):
                fake.accept(listener)
    # Ciphertext cannot be replayed: only the plain connection was handed over.
    assert len(handled) == 2 and len(begun) == 1
