"""``dateline extract --jsonl`` as a user runs it: a separate process, the corpus as JSON lines."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .corpus import ROOT, Article, write_jsonl


@dataclass(frozen=True, slots=True)
class JsonlRun:
    workers: int
    articles: int
    # Wall clock of the whole command: interpreter start, model load, all lines.
    seconds: float
    # Wall clock of the same command on the single shortest article: start-up and model load.
    startup_s: float
    failed: int
    command: str

    @property
    def rate(self) -> float:
        return self.articles / self.seconds

    @property
    def steady_rate(self) -> float:
        """Articles/s once started: the extra articles over the extra time."""
        extra = self.seconds - self.startup_s
        return (self.articles - 1) / extra if extra > 0 else float("inf")


def dateline_command() -> list[str]:
    script = Path(sys.executable).with_name("dateline")
    return [str(script)] if script.exists() else [sys.executable, "-m", "service.cli"]


def _run(source: Path, sink: Path, workers: int) -> tuple[float, list[str]]:
    command = [*dateline_command(), "extract", "--jsonl", str(source), "-o", str(sink), "--workers", str(workers)]
    t0 = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False)
    seconds = time.perf_counter() - t0
    if done.returncode not in (0, 1) or not sink.exists():
        raise RuntimeError(f"{shlex.join(command)} exited {done.returncode}: {done.stderr[-2000:]}")
    return seconds, command


def measure(articles: Sequence[Article], workers: int, tmp: Path) -> JsonlRun:
    source = tmp / "corpus.jsonl"
    single = tmp / "single.jsonl"
    sink = tmp / f"out-{workers}.jsonl"
    write_jsonl(source, [a.request() for a in articles])
    write_jsonl(single, [min(articles, key=lambda a: len(a.text)).request()])
    startup_s, _ = _run(single, tmp / "out-single.jsonl", workers)
    seconds, command = _run(source, sink, workers)
    lines = sink.read_text("utf-8").splitlines()
    if len(lines) != len(articles):
        raise RuntimeError(f"--jsonl wrote {len(lines)} lines for {len(articles)} articles")
    ids = [json.loads(line).get("id") for line in lines]
    if ids != [a.name for a in articles]:
        raise RuntimeError("--jsonl lost the input order")
    failed = sum("error" in json.loads(line) for line in lines)
    shown = shlex.join(["dateline", *command[len(dateline_command()) :]]).replace(str(tmp) + "/", "")
    return JsonlRun(workers, len(articles), seconds, startup_s, failed, shown)
