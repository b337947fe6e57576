"""10,000 requests at concurrency 16 on the real server, one worker SIGKILLed midway.

    .venv/bin/python -m bench.faults [--requests 10000] [--concurrency 16] [--workers 2] [--kill-at 0.5]
    .venv/bin/python -m bench.faults --storm    # a random worker SIGKILLed every 0.3-0.9 s instead

Starts gunicorn with ``gunicorn.conf.py`` on a free loopback port (as `make
run` does), posts short articles from 16 threads, each on a fresh connection
and never retried, SIGKILLs one worker when half the requests are done, and
counts every outcome. A request fails when the status is not 200 or the
connection breaks. The guardian (service/guardian.py) replays the request the
killed worker had in flight; its log lines are counted too. Never part of `make test` (tests/test_faults.py is the
bounded version).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [
    "WASHINGTON, April 14, 2023 (AP) -- The Senate voted on Monday to approve the bill, officials said.",
    "BEIJING, April 14 (Xinhua) -- Chinese Defense Minister Li Shangfu will visit Russia on Sunday.",
    "MOSCOW, April 14, 2023 /PRNewswire/ -- The company said it signed an agreement with Gazprom last week.",
    "date 2023-04-14\nProtesters gathered in Paris on Saturday; police arrested 12 people, the ministry said.",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            state, ppid = stat[stat.rindex(")") + 2 :].split()[:2]
            if int(ppid) == pid and state not in ("Z", "X"):
                found.add(int(entry.name))
    return found


def _json_lines(path: Path) -> list[dict[str, object]]:
    records = []
    for line in path.read_text("utf-8", "replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            records.append(record)
    return records


def _request(port: int, method: str, path: str, body: bytes | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(method, path, body, {"Content-Type": "application/json"} if body else {})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kill-at", type=float, default=0.5, help="fraction of requests done when a worker dies")
    parser.add_argument(
        "--storm", action="store_true", help="instead, SIGKILL a random worker every 0.3-0.9 s (seeded) all along"
    )
    args = parser.parse_args(argv)

    port = _free_port()
    log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"dateline-faults-{port}.log", "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "service.wsgi:app"],
        cwd=ROOT,
        env={**os.environ, "PORT": str(port), "WORKERS": str(args.workers)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if _request(port, "GET", "/readyz") == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                print("gunicorn did not start; see", log.name)
                return 2
            time.sleep(0.2)
        workers_before = _children(server.pid)
        while len(workers_before) < args.workers and time.monotonic() < deadline:
            time.sleep(0.1)
            workers_before = _children(server.pid)
        bodies = [json.dumps({"text": a, "id": str(i)}).encode() for i, a in enumerate(ARTICLES)]
        lock = threading.Lock()
        issued = 0
        outcomes: Counter[str] = Counter()
        kill_after = int(args.requests * args.kill_at)
        killed: dict[str, int] = {}

        def worker() -> None:
            nonlocal issued
            while True:
                with lock:
                    if issued >= args.requests:
                        return
                    issued += 1
                    n = issued
                if n == kill_after and not killed and not args.storm:
                    victim = min(_children(server.pid))
                    os.kill(victim, signal.SIGKILL)
                    killed["pid"] = victim
                try:
                    status = _request(port, "POST", "/v1/extract", bodies[n % len(bodies)])
                    outcome = "200" if status == 200 else f"status {status}"
                except (OSError, http.client.HTTPException) as exc:
                    outcome = type(exc).__name__
                with lock:
                    outcomes[outcome] += 1

        finished = threading.Event()
        storm_kills = 0

        def storm() -> None:
            nonlocal storm_kills
            rnd = random.Random(7)
            while not finished.wait(rnd.uniform(0.3, 0.9)):
                alive = sorted(_children(server.pid))
                if len(alive) == args.workers:  # not while a replacement is still booting
                    os.kill(rnd.choice(alive), signal.SIGKILL)
                    storm_kills += 1

        t0 = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
        killer = threading.Thread(target=storm)
        if args.storm:
            killer.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        finished.set()
        if args.storm:
            killer.join()
        elapsed = time.perf_counter() - t0
        workers_after = _children(server.pid)
        total = sum(outcomes.values())
        errors = total - outcomes["200"]
        print(f"requests {total}, concurrency {args.concurrency}, workers {args.workers}, {elapsed:.1f} s")
        print(f"throughput {total / elapsed:.1f} req/s")
        if args.storm:
            print(f"killed {storm_kills} workers, one every 0.3-0.9 s")
        else:
            print(f"killed worker {killed.get('pid')} after {kill_after} requests issued")
        print(f"workers before {sorted(workers_before)} after {sorted(workers_after)}")
        print(f"outcomes {dict(sorted(outcomes.items()))}")
        log.flush()
        replays = Counter(
            record.get("outcome")
            for record in _json_lines(Path(log.name))
            if record.get("logger") == "dateline.guardian"
        )
        print(f"guardian {dict(sorted(replays.items())) or 'nothing to replay'}")
        print(f"errors {errors}")
        return 0 if errors == 0 else 1
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()


if __name__ == "__main__":
    sys.exit(main())
