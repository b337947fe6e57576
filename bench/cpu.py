"""How busy the cores were during a measurement: our own processes against everything else.

Other work on the machine slows every figure; this puts a number on it, so
that a table measured on a busy machine says so.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psutil  # type: ignore[import-untyped]


def _busy_seconds() -> float:
    times = psutil.cpu_times()
    total = sum(times)
    idle = times.idle + getattr(times, "iowait", 0.0)
    return float(total - idle)


def _own_seconds() -> float:
    """CPU of this process and of the children it has waited for (subprocess.run)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def process_cpu(procs: Sequence[Any]) -> float:
    total = 0.0
    for proc in procs:
        try:
            t = proc.cpu_times()
        except psutil.Error:
            continue
        total += t.user + t.system
    return total


@dataclass(slots=True)
class Busy:
    """Cores used on average during ``wall`` seconds: by the measured work and by everything else."""

    wall: float = 0.0
    own: float = 0.0
    others: float = 0.0

    def text(self) -> str:
        return f"cores busy: ours {self.own:.1f}, others {self.others:.1f}"


class Watch:
    """``with Watch(procs) as busy:``; ``procs`` are live processes to count as ours (the server's)."""

    def __init__(self, procs: Sequence[Any] = ()) -> None:
        self._procs = list(procs)
        self.busy = Busy()

    def __enter__(self) -> Busy:
        self._t0 = time.perf_counter()
        self._busy0 = _busy_seconds()
        self._own0 = _own_seconds()
        self._extra0 = process_cpu(self._procs)
        return self.busy

    def __exit__(self, *_: object) -> None:
        wall = time.perf_counter() - self._t0
        busy = _busy_seconds() - self._busy0
        own = _own_seconds() - self._own0 + process_cpu(self._procs) - self._extra0
        self.busy.wall = wall
        if wall > 0:
            self.busy.own = own / wall
            self.busy.others = max(0.0, busy - own) / wall
