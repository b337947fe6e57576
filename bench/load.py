"""HTTP load with wrk (Debian's package) posting real articles; installed on demand when missing."""

from __future__ import annotations

import json
import math
import os
import shlex
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .corpus import ROOT

LUA = Path(__file__).resolve().with_name("post.lua")
CLIENT_TIMEOUT = "30s"


def ensure_wrk() -> str:
    """The path of wrk; installs Debian's package when missing and we are root, else exits clearly."""
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("bench: wrk is missing; installing it with apt-get (Debian package wrk)", flush=True)
        for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "wrk"]):
            subprocess.run(
                command,
                check=False,
                timeout=600,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
                env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            )
        found = shutil.which("wrk")
        if found:
            return found
    raise SystemExit(
        "bench: the HTTP load test needs wrk. Install it with `sudo apt-get install -y wrk` "
        "(Debian/Ubuntu) and rerun, or skip it with `python -m bench --only library,jsonl,scaling`."
    )


@dataclass(frozen=True, slots=True)
class WrkRun:
    label: str
    connections: int
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    error_detail: str
    command: str
    # (latency in us, number of requests) for every distinct latency: runs pool exactly.
    histogram: tuple[tuple[int, int], ...] = ()

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def run(
    url: str,
    bodies: Path,
    connections: int,
    duration_s: int,
    label: str,
    path: str = "/v1/extract",
) -> WrkRun:
    """One wrk run of a fixed duration."""
    wrk = ensure_wrk()
    command = [
        wrk,
        "-t1",
        f"-c{connections}",
        f"-d{duration_s}s",
        "--timeout",
        CLIENT_TIMEOUT,
        "-s",
        str(LUA),
        url,
        "--",
        str(bodies),
        path,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration_s + 120, check=False)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("WRK_JSON ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"{shlex.join(command)} failed ({done.returncode}): {done.stdout}\n{done.stderr}")
    stats = json.loads(line.removeprefix("WRK_JSON "))
    hist_line = next((ln for ln in done.stdout.splitlines() if ln.startswith("WRK_HIST ")), "WRK_HIST []")
    histogram = tuple((int(v), int(c)) for v, c in json.loads(hist_line.removeprefix("WRK_HIST ")))
    kinds = ("connect", "read", "write", "status", "timeout")
    errors = sum(int(stats[k]) for k in kinds)
    detail = ", ".join(f"{k} {stats[k]}" for k in kinds if stats[k])
    shown = [
        "wrk",
        *command[1:6],
        "-s",
        str(LUA.relative_to(ROOT)),
        url,
        "--",
        bodies.name,
        path,
    ]
    return WrkRun(
        label=label,
        connections=connections,
        requests=int(stats["requests"]),
        seconds=int(stats["duration_us"]) / 1e6,
        p50_ms=stats["p50_us"] / 1000,
        p95_ms=stats["p95_us"] / 1000,
        p99_ms=stats["p99_us"] / 1000,
        max_ms=stats["max_us"] / 1000,
        errors=errors,
        error_detail=detail,
        command=shlex.join(shown),
        histogram=histogram,
    )


def percentile_us(histogram: Sequence[tuple[int, int]], p: float) -> float:
    """wrk's own definition: the smallest latency whose cumulative count reaches rank round(p/100 * n + 0.5)."""
    n = sum(count for _, count in histogram)
    if n == 0:
        return 0.0
    rank = min(n, max(1, math.floor(p / 100 * n + 0.5 + 0.5)))  # C's round(): halves away from zero
    total = 0
    for value, count in sorted(histogram):
        total += count
        if total >= rank:
            return float(value)
    return float(max(histogram)[0])


def pool(runs: Sequence[WrkRun]) -> WrkRun:
    """Several runs at the same concurrency as one: summed counts, percentiles of the merged latencies."""
    merged: dict[int, int] = {}
    for r in runs:
        for value, count in r.histogram:
            merged[value] = merged.get(value, 0) + count
    histogram = tuple(sorted(merged.items()))
    kinds: dict[str, int] = {}
    for r in runs:
        for part in filter(None, r.error_detail.split(", ")):
            kind, number = part.rsplit(" ", 1)
            kinds[kind] = kinds.get(kind, 0) + int(number)
    first = runs[0]
    return WrkRun(
        label=first.label,
        connections=first.connections,
        requests=sum(r.requests for r in runs),
        seconds=sum(r.seconds for r in runs),
        p50_ms=percentile_us(histogram, 50) / 1000,
        p95_ms=percentile_us(histogram, 95) / 1000,
        p99_ms=percentile_us(histogram, 99) / 1000,
        max_ms=max(r.max_ms for r in runs),
        errors=sum(r.errors for r in runs),
        error_detail=", ".join(f"{k} {v}" for k, v in kinds.items()),
        command=f"{len(runs)} x {first.command}" if len(runs) > 1 else first.command,
        histogram=histogram,
    )

