"""``python -m bench.bench_participants [DIR]``: the participants stage against the analysis it reuses.

Over the TimeBank + AQUAINT documents: the dateline stage runs first (not
timed), then the spaCy analysis (timed once, ``nlp.pipe``, as the pipeline
runs it), then ``entities.find_entities`` over every document, several rounds
on one core, best round. Bar (issue 4): the stage adds at most 20% to the
analysis time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from .corpus import TIMEBANK, dated_documents

BAR_SHARE = 0.20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", default=str(TIMEBANK), help="a folder of .tml files")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    from service.pipeline import load_nlp
    from service.pipeline.entities import find_entities

    docs = dated_documents(Path(args.path))
    if not docs:
        print(f"no .tml files under {args.path}", file=sys.stderr)
        return 2
    nlp = load_nlp()
    list(nlp.pipe([d.analysis_text() for d in docs[:4]]))  # warm-up
    t0 = time.perf_counter()
    analysed = list(nlp.pipe([d.analysis_text() for d in docs], batch_size=16))
    analysis = time.perf_counter() - t0
    for doc, spacy_doc in zip(docs, analysed, strict=True):
        doc.spacy = spacy_doc

    for doc in docs[:8]:  # warm-up: lexicons, tables
        find_entities(doc)
    rounds = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for doc in docs:
            find_entities(doc)
        rounds.append(time.perf_counter() - t0)
    best = min(rounds)
    share = best / analysis
    entities = sum(len(d.entities) for d in docs)
    mentions = sum(len(e.mentions) for d in docs for e in d.entities)
    print(f"participants stage: {len(docs)} documents, {entities} entities, {mentions} mentions")
    print(f"spaCy analysis: {analysis:.2f} s ({analysis / len(docs) * 1000:.1f} ms/doc)")
    print(
        f"participants: best {best:.2f} s ({best / len(docs) * 1000:.2f} ms/doc), "
        f"median {statistics.median(rounds):.2f} s over {args.rounds} rounds"
    )
    print(f"share of the analysis: {share:.1%}; bar {BAR_SHARE:.0%}: {'ok' if share <= BAR_SHARE else 'MISSED'}")
    return 0 if share <= BAR_SHARE else 1


if __name__ == "__main__":
    raise SystemExit(main())
