"""gunicorn settings for Dateline (plain Python; `gunicorn --check-config` runs in `make test`)."""

import atexit
import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

# --- Binding -------------------------------------------------------------
# Loopback by default: put a reverse proxy in front to expose the service.
bind = os.environ.get("DATELINE_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"

# --- Workers -------------------------------------------------------------
# spaCy's analysis is CPU-bound: one sync worker per core, no threads. Two per
# core was measured too (bench/RESULTS.md): the same tail latency at
# concurrency 4 and a quarter less throughput, so one per core it is.
workers = int(os.environ.get("WORKERS") or str(max(2, multiprocessing.cpu_count())))
# gunicorn's sync worker, which also hands each connection to the guardian
# (see "Requests whose worker dies" below) as it accepts it.
worker_class = "service.worker.GuardedSyncWorker"
# Load the app (and the spaCy model) once in the master; forked workers share
# its memory pages copy-on-write.
preload_app = True

# --- Time limits ---------------------------------------------------------
# A sync worker is silent while it serves a request, so this bounds the
# longest request. An ordinary 200,000-character article takes 10-30 s on a
# busy 2-core machine, but a pathological one of that size (a table of
# numbers, a dateline on every line; see bench/stress.py) took 50-70 s there.
# Longer than this, the worker is taken to be stuck and replaced.
timeout = int(os.environ.get("DATELINE_TIMEOUT", "120"))
# On SIGTERM, workers finish their in-flight requests within this window: as
# long as the timeout, so that no request that may run is cut by a drain.
graceful_timeout = int(os.environ.get("DATELINE_GRACEFUL_TIMEOUT", "120"))
keepalive = 5

# --- Recycling -----------------------------------------------------------
# Recycle workers now and then so that any slow growth is bounded; the jitter
# keeps them from restarting all at once.
max_requests = int(os.environ.get("DATELINE_MAX_REQUESTS", "10000"))
max_requests_jitter = int(os.environ.get("DATELINE_MAX_REQUESTS_JITTER", "1000"))

# --- Control socket ------------------------------------------------------
# gunicorn >= 25 opens a control socket at one path per user, not per server:
# two servers on one machine (tests, benchmarks, a second port) would take it
# from each other. Nothing here uses `gunicornc`.
control_socket_disable = True

# --- Request limits ------------------------------------------------------
limit_request_line = 8190
limit_request_fields = 100

# --- Logging -------------------------------------------------------------
# Everything is one JSON object per line on stderr (service/logs.py). The app
# writes the access line itself (request id, method, path without the query,
# status, duration; never a body), so gunicorn's own access log stays off.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("DATELINE_LOG_LEVEL", "info").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "WARNING", "handlers": ["json"]},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["json"], "propagate": False},
        "gunicorn.access": {"level": "CRITICAL", "handlers": ["null"], "propagate": False},
    },
    "handlers": {
        "json": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
        "null": {"class": "logging.NullHandler"},
    },
    "formatters": {"json": {"()": "service.logs.JsonFormatter"}},
}

# --- Metrics -------------------------------------------------------------
# prometheus-client's multiprocess mode: every worker writes its samples to
# files in this folder and /metrics merges them. The variable must be set
# before prometheus_client is imported, i.e. here, before the app is loaded.
_MASTER_PID = os.getpid()


def _master_temp_dir(prefix: str) -> str:
    """A private folder that lives as long as the master.

    Workers inherit the atexit handler through fork and a worker that exits
    gracefully runs it too: only the master may remove the folder, or workers
    still draining their requests would lose what they keep there.
    """
    path = tempfile.mkdtemp(prefix=prefix)

    def remove() -> None:
        if os.getpid() == _MASTER_PID:
            shutil.rmtree(path, ignore_errors=True)

    atexit.register(remove)
    return path


if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = _master_temp_dir("dateline-metrics-")


def on_starting(server: Any) -> None:
    """Samples left in the folder by an earlier run would be summed into this one's."""
    for stale in Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).glob("*.db"):
        stale.unlink(missing_ok=True)


def child_exit(server: Any, worker: Any) -> None:
    """A worker died (or was recycled): let the metrics forget its live gauges."""
    from service.metrics import mark_dead

    mark_dead(worker.pid)


# --- Environment ---------------------------------------------------------
# One BLAS thread per worker: workers are the unit of parallelism.
raw_env = ["OMP_NUM_THREADS=1", "OPENBLAS_NUM_THREADS=1", "MKL_NUM_THREADS=1"]

# --- Requests whose worker dies --------------------------------------------
# A worker that is SIGKILLed takes the connection of its in-flight request with
# it. The guardian (service/guardian.py) holds a copy of that connection and
# replays the request on a live worker. DATELINE_REPLAY=0 turns it off.
_guardian = {"pid": 0}
if os.environ.get("DATELINE_REPLAY", "1") != "0" and not os.environ.get("DATELINE_GUARDIAN_SOCKET"):
    os.environ["DATELINE_GUARDIAN_SOCKET"] = str(Path(_master_temp_dir("dateline-guardian-")) / "guardian.sock")


def when_ready(server: Any) -> None:
    _start_guardian(server)


def pre_fork(server: Any, worker: Any) -> None:
    """Every new worker finds a guardian: one that died is started again."""
    from service import guardian

    if os.environ.get("DATELINE_GUARDIAN_SOCKET") and not guardian.alive(_guardian["pid"]):
        _start_guardian(server)


def _start_guardian(server: Any) -> None:
    from service import guardian

    path = os.environ.get("DATELINE_GUARDIAN_SOCKET")
    if path and server.LISTENERS:
        target = guardian.target_of(server.LISTENERS[0])
        _guardian["pid"] = guardian.spawn(path, target, os.getpid(), float(timeout))
        server.log.info("guardian %s replays requests of dead workers", _guardian["pid"])
