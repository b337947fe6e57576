"""The real server, started as ``make run`` starts it, on 127.0.0.1 only; its processes' memory."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]

from .corpus import ROOT, Article

HOST = "127.0.0.1"
READY_TIMEOUT_S = 120.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True, slots=True)
class Memory:
    """One process's memory in bytes; ``shared`` is RSS minus USS (pages other processes map too)."""

    pid: int
    role: str
    rss: int
    uss: int
    pss: int

    @property
    def shared(self) -> int:
        return self.rss - self.uss


class Server:
    """``make run PORT=...`` in its own session, its output in ``log``."""

    def __init__(self, log: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.log = log
        self.command = ["make", "--no-print-directory", "-s", "run", f"PORT={self.port}"]
        self._proc: subprocess.Popen[bytes] | None = None
        self.master: Any = None  # psutil.Process of the gunicorn master
        self.launch_to_ready_s = 0.0
        self.startup_s = 0.0

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> None:
        """Launch and wait until ``/readyz`` answers 200 and every worker is up."""
        env = dict(os.environ)
        env.pop("DATELINE_BIND", None)
        launched = time.time()
        with self.log.open("wb") as out:
            self._proc = subprocess.Popen(
                self.command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
            )
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self._proc.returncode}:\n{self.tail()}")
            if self._ready():
                break
            time.sleep(0.05)
        else:
            self.stop()
            raise RuntimeError(f"the server was not ready within {READY_TIMEOUT_S:.0f} s:\n{self.tail()}")
        ready = time.time()
        self.master = self._find_master()
        self.launch_to_ready_s = ready - launched
        # From the gunicorn master's birth, so that a reinstall by make is not counted.
        self.startup_s = ready - max(launched, float(self.master.create_time()))
        self._wait_for_workers()

    def _ready(self) -> bool:
        try:
            status, _ = request(self.url, "GET", "/readyz", timeout=2.0)
        except OSError:
            return False
        return status == 200

    def _find_master(self) -> Any:
        assert self._proc is not None
        root = psutil.Process(self._proc.pid)
        found = [p for p in [root, *root.children(recursive=True)] if _is_gunicorn(p)]
        masters = [p for p in found if not _is_gunicorn(p.parent())]
        if len(masters) != 1:
            raise RuntimeError(f"cannot tell the gunicorn master among {[p.pid for p in found]}")
        return masters[0]

    def expected_workers(self) -> int:
        """The worker count ``make run`` gets: ``WORKERS`` if set, else gunicorn.conf.py's default."""
        raw = os.environ.get("WORKERS")
        if raw:
            return int(raw)
        # In a child process: loading the config has side effects (the metrics folder).
        probe = subprocess.run(
            [sys.executable, "-c", "import runpy; print(runpy.run_path('gunicorn.conf.py')['workers'])"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return int(probe.stdout.strip().splitlines()[-1])

    def _wait_for_workers(self) -> None:
        want = self.expected_workers()
        deadline = time.monotonic() + 30
        while len(self.workers()) < want and time.monotonic() < deadline:
            time.sleep(0.05)

    def workers(self) -> list[Any]:
        return sorted(self.master.children(), key=lambda p: p.pid)

    def guardians(self) -> list[Any]:
        """The guardian process beside the master (service/guardian.py): not its child, so found by command line."""
        found = []
        for proc in psutil.process_iter(["cmdline"]):
            cmdline = proc.info["cmdline"] or []
            if "service.guardian" in cmdline and str(self.master.pid) in cmdline:
                found.append(proc)
        return found

    def memory(self) -> list[Memory]:
        out = []
        procs = [("master", self.master), *(("worker", w) for w in self.workers())]
        procs += [("guardian", g) for g in self.guardians()]
        for role, proc in procs:
            info = proc.memory_full_info()
            out.append(Memory(proc.pid, role, info.rss, info.uss, info.pss))
        return out

    def stop(self) -> None:
        """SIGTERM to the gunicorn master (a graceful stop), then whatever is left of the session."""
        if self._proc is None:
            return
        master = self.master
        if master is None:
            try:
                master = self._find_master()
            except (RuntimeError, psutil.Error):
                master = None
        if master is not None and master.is_running():
            master.send_signal(signal.SIGTERM)
            psutil.wait_procs([master], timeout=45)
        try:
            self._proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self._proc.pid, signal.SIGTERM)
            try:
                self._proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self._proc.pid, signal.SIGKILL)
                self._proc.wait(timeout=10)
        self._proc = None

    def events(self) -> list[str]:
        """gunicorn's worker lifecycle lines from the log: boots, timeouts, restarts, kills."""
        keys = ("Booting worker", "WORKER TIMEOUT", "Autorestarting", "SIGKILL", "Worker exiting", "Traceback")
        try:
            text = self.log.read_text("utf-8", errors="replace")
        except OSError:
            return []
        return [line for line in text.splitlines() if any(k in line for k in keys)]

    def tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text("utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def _is_gunicorn(proc: Any) -> bool:
    """A Python process running gunicorn (not the shell or make that launched it)."""
    try:
        argv = proc.cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False
    names = [Path(a).name for a in argv[:2]]
    return bool(names) and names[0].startswith(("python", "gunicorn")) and "gunicorn" in names


def request(url: str, method: str, path: str, body: Any = None, timeout: float = 120.0) -> tuple[int, Any]:
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        payload = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {} if payload is None else {"Content-Type": "application/json"}
        conn.request(method, path, body=payload, headers=headers)
        response = conn.getresponse()
        raw = response.read()
        return response.status, json.loads(raw) if raw else None
    finally:
        conn.close()


def post_all(url: str, articles: Sequence[Article], clients: int) -> int:
    """POST every article to /v1/extract with ``clients`` concurrent clients; the number of failures."""

    def one(article: Article) -> bool:
        status, _ = request(url, "POST", "/v1/extract", article.request())
        return status == 200

    with ThreadPoolExecutor(max_workers=clients) as pool:
        return sum(not ok for ok in pool.map(one, articles))


@dataclass(frozen=True, slots=True)
class BatchRun:
    clients: int
    batch: int
    articles: int
    requests: int
    seconds: float
    failed: int

    @property
    def rate(self) -> float:
        return self.articles / self.seconds


def post_batches(url: str, articles: Sequence[Article], batch: int, clients: int) -> BatchRun:
    """POST the articles to /v1/extract/batch, ``batch`` per request, ``clients`` requests at a time."""
    groups = [list(articles[i : i + batch]) for i in range(0, len(articles), batch)]

    def one(group: list[Article]) -> int:
        status, body = request(url, "POST", "/v1/extract/batch", {"articles": [a.request() for a in group]})
        if status != 200:
            return len(group)
        results = body["results"]
        if [r.get("id") for r in results] != [a.name for a in group]:
            return len(group)
        return sum("error" in r for r in results)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        failed = sum(pool.map(one, groups))
    return BatchRun(clients, batch, len(articles), len(groups), time.perf_counter() - t0, failed)
