"""``python -m bench.bench_dates [DIR]``: the date stage alone over the TimeBank + AQUAINT documents.

The dateline stage and the spaCy analysis run first and are not timed; then
``temporal.tag_dates`` runs over every document, several rounds on one core,
and the best round is reported in documents per second. Bar (issue 3): >= 300.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from .corpus import TIMEBANK, dated_documents

BAR_DOCS_PER_S = 300.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", default=str(TIMEBANK), help="a folder of .tml files")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    from service.pipeline import load_nlp
    from service.pipeline.temporal import tag_dates

    docs = dated_documents(Path(args.path))
    if not docs:
        print(f"no .tml files under {args.path}", file=sys.stderr)
        return 2
    nlp = load_nlp()
    for doc, analysed in zip(docs, nlp.pipe([d.analysis_text() for d in docs], batch_size=16), strict=True):
        doc.spacy = analysed

    for doc in docs[:8]:  # warm-up: lexicon, compiled patterns, caches
        tag_dates(doc)
    rounds = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for doc in docs:
            tag_dates(doc)
        rounds.append(time.perf_counter() - t0)
    best = min(rounds)
    chars = sum(len(d.text) for d in docs)
    found = sum(len(d.dates) for d in docs)
    rate = len(docs) / best
    print(f"date stage alone: {len(docs)} documents, {chars:,} characters, {found} expressions")
    print(f"rounds {args.rounds}: best {best * 1000:.1f} ms, median {statistics.median(rounds) * 1000:.1f} ms")
    print(
        f"{rate:,.0f} docs/s on one core ({best / len(docs) * 1000:.2f} ms/doc); bar {BAR_DOCS_PER_S:.0f} docs/s: "
        f"{'PASS' if rate >= BAR_DOCS_PER_S else 'FAIL'}"
    )
    return 0 if rate >= BAR_DOCS_PER_S else 1


if __name__ == "__main__":
    sys.exit(main())
