"""In-process measurements: full ``extract()`` against spaCy alone, one at a time, and scaling."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .corpus import Article, concatenated

if TYPE_CHECKING:
    from spacy.language import Language

STAGE_NAMES = ("dateline", "analysis", "dates", "participants", "events")


@dataclass(slots=True)
class Throughput:
    """Wall-clock seconds of the full path and of spaCy alone over the same articles."""

    articles: int
    chars: int
    batch_size: int
    components: tuple[str, ...]
    full_s: float = 0.0
    spacy_s: float = 0.0
    # Seconds by stage, summed over the articles; "serialisation" is the
    # marshmallow dump plus json.dumps, "overhead" the rest of the wall clock.
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.full_s / self.spacy_s if self.spacy_s else float("inf")


def load_model() -> Language:
    """The model, loaded as the server and the CLI load it: then the start-up heap is frozen."""
    from service.pipeline import freeze_heap, load_nlp

    nlp = load_nlp()
    freeze_heap()
    return nlp


def warm_up(articles: Sequence[Article], nlp: Language) -> None:
    """Pay lazy imports, caches and first-call costs before anything is timed."""
    from service.extraction import response_body
    from service.pipeline import extract_many

    sample = list(articles[:4])
    for _ in nlp.pipe([a.text for a in sample]):
        pass
    for result in extract_many(((a.text, a.dateline) for a in sample), nlp=nlp):
        json.dumps(response_body(result), ensure_ascii=False)


def _time_spacy(nlp: Language, texts: list[str], batch_size: int) -> float:
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - t0


def _time_full(nlp: Language, chunk: Sequence[Article], batch_size: int, stages: dict[str, float]) -> float:
    from service.extraction import response_body
    from service.pipeline import extract_many

    t0 = time.perf_counter()
    serialise = 0.0
    results = extract_many(((a.text, a.dateline) for a in chunk), nlp=nlp, batch_size=batch_size)
    for article, result in zip(chunk, results, strict=True):
        s0 = time.perf_counter()
        json.dumps(response_body(result, ident=article.name), ensure_ascii=False)
        serialise += time.perf_counter() - s0
        for name in STAGE_NAMES:
            stages[name] = stages.get(name, 0.0) + result.timings.get(name, 0.0)
    stages["serialisation"] = stages.get("serialisation", 0.0) + serialise
    return time.perf_counter() - t0


def throughput(articles: Sequence[Article], nlp: Language, batch_size: int = 16) -> Throughput:
    """Full path (extract_many + serialisation) and spaCy's ``nlp.pipe`` over the same texts.

    The two are interleaved chunk by chunk, alternating which goes first, so
    both see the same machine: other load on the cores slows them alike and the
    ratio stays meaningful on a busy machine.
    """
    result = Throughput(
        articles=len(articles),
        chars=sum(len(a.text) for a in articles),
        batch_size=batch_size,
        components=tuple(nlp.pipe_names),
    )
    for i in range(0, len(articles), batch_size):
        chunk = articles[i : i + batch_size]
        texts = [a.text for a in chunk]
        if (i // batch_size) % 2 == 0:
            result.spacy_s += _time_spacy(nlp, texts, batch_size)
            result.full_s += _time_full(nlp, chunk, batch_size, result.stages)
        else:
            result.full_s += _time_full(nlp, chunk, batch_size, result.stages)
            result.spacy_s += _time_spacy(nlp, texts, batch_size)
    result.stages["overhead"] = max(0.0, result.full_s - sum(result.stages.values()))
    return result


def one_at_a_time(articles: Sequence[Article], nlp: Language) -> float:
    """Seconds for ``extract()`` called once per article: no batching, no serialisation."""
    from service.pipeline import extract

    t0 = time.perf_counter()
    for article in articles:
        extract(article.text, article.dateline, nlp=nlp)
    return time.perf_counter() - t0


@dataclass(frozen=True, slots=True)
class ScalePoint:
    chars: int
    seconds: float
    stages: dict[str, float]

    @property
    def us_per_char(self) -> float:
        return self.seconds / self.chars * 1e6


def scaling(articles: Sequence[Article], nlp: Language, sizes: Sequence[int]) -> list[ScalePoint]:
    """``extract()`` + serialisation on real text of each size; the median of a few runs for the small ones."""
    from service.extraction import response_body
    from service.pipeline import extract

    dateline = next((a.dateline for a in articles if a.dateline), None)
    points: list[ScalePoint] = []
    for size in sizes:
        text = concatenated(articles, size)
        runs: list[tuple[float, dict[str, float]]] = []
        for _ in range(max(1, min(5, 100_000 // size))):
            t0 = time.perf_counter()
            result = extract(text, dateline, nlp=nlp)
            s0 = time.perf_counter()
            json.dumps(response_body(result), ensure_ascii=False)
            end = time.perf_counter()
            stages = {name: result.timings.get(name, 0.0) for name in STAGE_NAMES}
            stages["serialisation"] = end - s0
            runs.append((end - t0, stages))
        median = statistics.median(seconds for seconds, _ in runs)
        seconds, stages = min(runs, key=lambda run: abs(run[0] - median))
        points.append(ScalePoint(size, seconds, stages))
    return points
