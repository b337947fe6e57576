"""HTTP load with wrk (Debian's package) posting real articles; installed on demand when missing."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
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
    )
