"""Pathological articles at doubling sizes: does every stage stay linear?

    .venv/bin/python -m bench.stress [--scales 0.125,0.25,0.5,1] [--patterns no_space,newlines] [--cap 120]

For each pattern the full size is the one the reliability issue names (200,000
characters with no space, 50,000 newlines, "on Monday" 20,000 times, ...); the
script runs ``extract`` at fractions of it and prints the time per input size,
per stage, and the growth factor from one size to the next. Doubling the input
should about double the time (factor ~2); a factor near 4 means quadratic
growth, and the stage column says where. Never part of `make test`.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from service.pipeline import extract, load_nlp

STAGES = ("dateline", "analysis", "dates", "participants", "events")


def _cut(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def no_space(scale: float) -> str:
    """200,000 characters and not one space (letters, digits, punctuation, a date glued in)."""
    return _cut("WashingtonApril14,2023(Reuters)--PutinmetXiinMoscow;talks:3.5%rise/", int(200_000 * scale))


def newlines(scale: float) -> str:
    """50,000 newlines, with a word now and then so that there is something to parse."""
    count = int(50_000 * scale)
    return "WASHINGTON (AP) --" + "\n" * count + "The Senate voted on Monday.\n"


def on_monday(scale: float) -> str:
    """ "on Monday" 20,000 times."""
    return "date 2023-04-14\n" + " ".join(["on Monday"] * int(20_000 * scale))


def nested(scale: float) -> str:
    """Quotes and brackets nested thousands deep, several times over."""
    depth = int(2_000 * scale)
    opening = "(\u201c[\"'{\u2018"
    closing = "\u2019}'\"]\u201d)"
    block = opening * depth + " the minister said on Monday " + closing * depth
    return " ".join([block] * 4)


def datelines(scale: float) -> str:
    """Every line a dateline."""
    unit = "BEIJING, April 14 (Xinhua) -- MOSCOW, April 14, 2023 /PRNewswire/ --\n"
    return _cut(unit, int(200_000 * scale))


def table(scale: float) -> str:
    """A table of numbers: years, decimals, thousands, dates and times in columns."""
    rows = []
    for i in range(int(4_000 * scale)):
        rows.append(
            f"{1990 + i % 35} | {i % 97}.{i % 10} | {i * 37 % 100_000:,} | "
            f"{1 + i % 12:02d}/{1 + i % 28:02d}/{2000 + i % 25} | {i % 24:02d}:{i % 60:02d} | {i % 7}%"
        )
    return "\n".join(rows)


def clauses(scale: float) -> str:
    """One sentence of present-tense clauses, a "today" in each: what the "nowadays" test reads
    around every "today" must not be the whole sentence."""
    return "date 2023-04-14\n" + "it is today and " * int(12_000 * scale)


PATTERNS: dict[str, Callable[[float], str]] = {
    "no_space": no_space,
    "newlines": newlines,
    "on_monday": on_monday,
    "nested": nested,
    "datelines": datelines,
    "table": table,
    "clauses": clauses,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="0.125,0.25,0.5,1")
    parser.add_argument("--patterns", default=",".join(PATTERNS))
    parser.add_argument("--cap", type=float, default=120.0, help="skip the larger sizes once one takes this long (s)")
    args = parser.parse_args(argv)
    scales = [float(s) for s in args.scales.split(",")]
    load_nlp()
    extract("WASHINGTON (AP) -- Warm-up on Monday.")
    header = f"{'pattern':<10} {'chars':>8} {'seconds':>8} {'us/char':>8} {'growth':>6}  " + " ".join(
        f"{s:>12}" for s in STAGES
    )
    print(header)
    print("-" * len(header))
    worst = 0.0
    for name in args.patterns.split(","):
        make = PATTERNS[name]
        previous: tuple[int, float] | None = None
        for scale in scales:
            text = make(scale)
            t0 = time.perf_counter()
            result = extract(text)
            elapsed = time.perf_counter() - t0
            growth = ""
            if previous is not None and previous[1] > 0.05:
                # Time ratio normalised by size ratio: ~1 is linear, ~2 per doubling is quadratic.
                ratio = (elapsed / previous[1]) / (len(text) / previous[0])
                worst = max(worst, ratio)
                growth = f"{ratio:5.2f}x"
            stages = " ".join(f"{result.timings.get(s, 0.0):12.3f}" for s in STAGES)
            per_char = elapsed / max(len(text), 1) * 1e6
            print(f"{name:<10} {len(text):>8} {elapsed:8.2f} {per_char:8.1f} {growth:>6}  {stages}", flush=True)
            previous = (len(text), elapsed)
            if elapsed > args.cap:
                print(f"{name:<10} stopped: {elapsed:.0f} s is over the {args.cap:.0f} s cap", flush=True)
                break
    print(f"\nworst size-normalised growth: {worst:.2f}x (1.0 = linear; 2.0 per doubling = quadratic)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
