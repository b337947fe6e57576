"""Prometheus metrics: requests, latency, per-stage time and errors.

Under gunicorn every worker is its own process, so the client library runs in
multiprocess mode: ``gunicorn.conf.py`` sets ``PROMETHEUS_MULTIPROC_DIR``
before the app is imported, each worker writes its samples to files there,
and ``/metrics`` merges them. Without that variable (tests, the CLI) the
process-local registry is used. Nothing here imports Flask.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Mapping
from typing import ParamSpec

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

# Articles take from a few milliseconds to a few seconds (200,000 characters).
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
_STAGE_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUESTS = Counter(
    "dateline_http_requests",
    "HTTP requests answered, by route template, method and status.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "dateline_http_request_duration_seconds",
    "Time from the request's arrival in the app to its response, by route template and method.",
    ["route", "method"],
    buckets=_LATENCY_BUCKETS,
)
ERRORS = Counter(
    "dateline_http_errors",
    "Problem responses (status 400 and above), by route template, status and problem type.",
    ["route", "status", "type"],
)
STAGE_SECONDS = Histogram(
    "dateline_stage_duration_seconds",
    "Time per article in each pipeline stage (dateline, analysis, dates, participants, events, total).",
    ["stage"],
    buckets=_STAGE_BUCKETS,
)
ARTICLES = Counter(
    "dateline_articles",
    "Articles processed, by outcome (ok, or invalid for a batch or JSONL item refused by validation).",
    ["outcome"],
)
WORKER_LOSSES = Counter(
    "dateline_worker_losses",
    "Requests whose worker died while serving them, by what the guardian did: replayed, answered (the worker "
    "had begun its answer), lost (the request had not all arrived), failed (the replay's worker died too), "
    "timed_out (past the worker timeout).",
    ["outcome"],
)


_P = ParamSpec("_P")
log = logging.getLogger("dateline.metrics")


def _never_fails(func: Callable[_P, None]) -> Callable[_P, None]:
    """Metrics are a by-product: losing a sample (its file gone, a full disk) must not fail the request."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> None:
        try:
            func(*args, **kwargs)
        except OSError as exc:
            log.warning("metrics sample lost: %s", exc)

    return wrapper


@_never_fails
def observe_stages(timings: Mapping[str, float]) -> None:
    """Record one article's ``Extraction.timings`` (seconds per stage)."""
    for stage, seconds in sorted(timings.items()):
        if seconds >= 0:
            STAGE_SECONDS.labels(stage=stage).observe(seconds)
    ARTICLES.labels(outcome="ok").inc()


@_never_fails
def observe_request(route: str, method: str, status: int, seconds: float, problem_type: str | None) -> None:
    REQUESTS.labels(route=route, method=method, status=str(status)).inc()
    LATENCY.labels(route=route, method=method).observe(max(seconds, 0.0))
    if status >= 400:
        ERRORS.labels(route=route, status=str(status), type=problem_type or "about:blank").inc()


def multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


def render() -> tuple[bytes, str]:
    """The exposition text (merged over all workers in multiprocess mode) and its content type."""
    if multiprocess_dir():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def mark_dead(pid: int) -> None:
    """gunicorn's ``child_exit``: drop a dead worker's live gauges (its counters stay summed)."""
    if multiprocess_dir():
        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]
