"""gunicorn's sync worker, handing each connection to the guardian as it accepts it.

Registered at accept, before gunicorn reads a byte of the request, a
connection stays covered until it is answered and closed: a worker that dies
at any point in between has its request replayed (service/guardian.py), or
left alone if it had already begun to answer.
"""

from __future__ import annotations

import contextlib
import socket
from typing import Any

from gunicorn import util
from gunicorn.workers.sync import SyncWorker

from .guardian import worker_channel


class GuardedSyncWorker(SyncWorker):  # type: ignore[misc]
    def accept(self, listener: Any) -> None:
        client, addr = listener.accept()
        # Under TLS the bytes on the socket are ciphertext: there is nothing the guardian could replay.
        channel = None if self.cfg.is_ssl else worker_channel()
        if channel is not None:
            # First thing: until the guardian holds a copy, the worker's death drops the connection.
            channel.begin(client)
        client.setblocking(1)
        util.close_on_exec(client)
        if channel is None:
            self.handle(listener, client, addr)
            return
        try:
            self.handle(listener, OneWriteSocket(client), addr)
        finally:
            channel.end()


class OneWriteSocket:
    """The client socket as gunicorn uses it, with a response's head held back until its body follows.

    gunicorn writes the head and the body with two calls. A worker that died
    between them would leave the client a head with no body, which nobody can
    complete; in one write the client gets the whole answer or none of it, and
    none can be replayed. (It also saves a small packet.)
    """

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._head = b""

    def sendall(self, data: bytes) -> None:
        if not self._head and data.startswith(b"HTTP/") and data.endswith(b"\r\n\r\n"):
            self._head = bytes(data)
            return
        data, self._head = self._head + data, b""
        self._sock.sendall(data)

    def _flush(self) -> None:
        if self._head:
            head, self._head = self._head, b""
            self._sock.sendall(head)

    def send(self, data: bytes) -> int:
        self._flush()
        return self._sock.send(data)

    def sendfile(self, *args: Any, **kwargs: Any) -> int:
        self._flush()
        return self._sock.sendfile(*args, **kwargs)

    def shutdown(self, how: int) -> None:
        self._flush()
        self._sock.shutdown(how)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._flush()
        self._sock.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)
