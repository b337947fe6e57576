"""Smoke test of the benchmark harness: it imports and a tiny run prints its table (no timing asserted)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bench import __main__ as bench_main
from bench import corpus, library, load, report

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def articles(shared_dir: Path) -> list[corpus.Article]:
    root = shared_dir / "data" / "timebank" / "TBAQ-cleaned"
    return corpus.load(root, limit=3)


def test_corpus_reads_text_and_dateline(articles: list[corpus.Article]) -> None:
    assert len(articles) == 3
    for article in articles:
        assert article.text.strip()
        assert "<" not in article.text  # tags are stripped
        assert article.dateline is not None and len(article.dateline) == 10
        assert article.request()["id"] == article.name


def test_concatenated_and_lead(articles: list[corpus.Article]) -> None:
    text = corpus.concatenated(articles, 25_000)
    assert len(text) == 25_000
    assert text.startswith(articles[0].text.strip()[:100])
    lead = articles[0].lead(300)
    assert len(lead) <= 300 and articles[0].text.startswith(lead)


def test_tiny_library_run(articles: list[corpus.Article], nlp: Language) -> None:
    short = [corpus.Article(a.name, a.lead(400), a.dateline) for a in articles]
    result = library.throughput(short, nlp, batch_size=2)
    assert result.articles == 3 and result.full_s > 0 and result.spacy_s > 0
    assert set(library.STAGE_NAMES) | {"serialisation", "overhead"} <= set(result.stages)
    points = library.scaling(short, nlp, (200, 400))
    assert [p.chars for p in points] == [200, 400]


def test_main_prints_one_table(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_main.main(["--only", "library,scaling", "--docs", "2", "--sizes", "300,600"]) == 0
    out = capsys.readouterr().out
    assert "| # | measure" in out
    assert "full pipeline / spaCy alone" in out
    assert "linearity" in out
    assert "cores" in out


def test_jsonl_section_judges_the_median_of_its_rounds(
    articles: list[corpus.Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    short = [corpus.Article(a.name, a.lead(300), a.dateline) for a in articles[:2]]
    opts = bench_main.parse(["--only", "jsonl", "--jsonl-rounds", "2"])
    rep = report.Report()
    bench_main.section_jsonl(short, opts, rep, bench_main.State(), tmp_path)
    rounds = [r for r in rep.rows if "--jsonl --workers" in r.measure and ", round " in r.measure]
    assert [r.measure.split(",")[0] for r in rounds] == ["dateline extract --jsonl --workers 2"] * 2 + [
        "dateline extract --jsonl --workers 1"
    ]
    judged = [r for r in rep.rows if r.ok is not None]
    assert len(judged) == 1 and "median of 2 round(s)" in judged[0].measure
    assert ", 0 failed" in judged[0].value


def test_options_and_report() -> None:
    opts = bench_main.parse(["--quick", "--only", "http"])
    assert opts.sections == ("http",) and opts.duration == 5 and opts.docs == 32
    assert opts.jsonl_rounds == 1 and bench_main.parse([]).jsonl_rounds == 3
    with pytest.raises(SystemExit):
        bench_main.parse(["--only", "nonsense"])
    rep = report.Report()
    rep.add("1", "a measure", "a value", "<= 1", True)
    assert "MET" in rep.render()
    assert load.LUA.is_file()


def _wrk(histogram: tuple[tuple[int, int], ...], errors: str = "") -> load.WrkRun:
    n = sum(c for _, c in histogram)
    return load.WrkRun("x", 1, n, 1.0, 0, 0, 0, max(v for v, _ in histogram) / 1000, 0, errors, "wrk", histogram)


def test_pooled_runs_take_percentiles_of_all_their_latencies() -> None:
    fast = _wrk(((10_000, 148), (20_000, 2)))
    slow = _wrk(((100_000, 50),), errors="read 1")
    pooled = load.pool([fast, slow])
    assert pooled.requests == 200 and pooled.seconds == 2.0
    assert pooled.p50_ms == 10.0  # wrk's rank: the 101st of the 200 latencies
    assert pooled.p99_ms == 100.0  # the 199th
    assert pooled.error_detail == "read 1"
    assert load.percentile_us(fast.histogram, 50) == 10_000
    assert load.percentile_us(fast.histogram, 99) == 20_000
    assert load.percentile_us((), 99) == 0.0
