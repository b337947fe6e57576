"""``python -m bench.guardian_cost``: what the guardian's hand-over costs a worker per request.

Starts a guardian, opens one loopback connection holding a real request (the
seed-sized article below, or ``--body-kib`` of text), then times what
service/worker.py adds to each request: ``begin`` (peek the request, send it
with a copy of the socket to the guardian) and ``end`` (let go), over many
rounds. The guardian runs in its own process, as under gunicorn.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

ARTICLE = (
    "BEIJING, April 14 (Xinhua) -- Chinese State Councilor and Defense Minister Gen. Li Shangfu will start an "
    "official four-day visit to Russia on Sunday, the Chinese Defense Ministry said on Friday. "
) * 8


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=2000, help="hand-overs per round")
    parser.add_argument("--body-kib", type=int, default=0, help="a body of this many KiB instead of the article")
    args = parser.parse_args(argv)

    from service import guardian

    text = "x" * (args.body_kib * 1024) if args.body_kib else ARTICLE
    body = json.dumps({"text": text}).encode()
    request = (
        f"POST /v1/extract HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    with tempfile.TemporaryDirectory(prefix="dateline-guardian-cost-") as tmp:
        path = str(Path(tmp) / "guardian.sock")
        # Nothing listens at the target: no replay happens here, only hand-overs.
        pid = guardian.spawn(path, "tcp:127.0.0.1:9", os.getpid(), 120.0)
        if not guardian.alive(pid):
            print("the guardian did not start", file=sys.stderr)
            return 2
        with socket.socket() as listener:
            listener.bind(("127.0.0.1", 0))
            listener.listen(1)
            with socket.create_connection(listener.getsockname()) as client:
                conn, _ = listener.accept()
                with conn:
                    client.sendall(request)
                    time.sleep(0.1)
                    channel = guardian._Channel(path)
                    per_round = []
                    for _ in range(args.rounds):
                        t0 = time.perf_counter()
                        for _ in range(args.requests):
                            channel.begin(conn)
                            channel.end()
                        per_round.append((time.perf_counter() - t0) / args.requests)
                    whole = channel.current is None and channel._token == args.rounds * args.requests
    print(f"request {len(request):,} bytes; {args.rounds} rounds of {args.requests} hand-overs")
    print(
        f"begin + end per request: median {statistics.median(per_round) * 1e6:.1f} us, "
        f"best {min(per_round) * 1e6:.1f} us; every hand-over registered: {whole}"
    )
    return 0 if whole else 1


if __name__ == "__main__":
    sys.exit(main())
