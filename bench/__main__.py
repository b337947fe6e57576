"""``python -m bench [--quick] [--only SECTIONS]``: measure and print one table (see bench/__init__.py)."""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import corpus, library, load, server
from .corpus import Article
from .cpu import Busy, Watch, process_cpu
from .report import Report, fmt_int, fmt_mib

SECTIONS = ("library", "jsonl", "http", "scaling")
FULL_SIZES = (1_000, 10_000, 100_000, 200_000)
QUICK_SIZES = (1_000, 10_000, 50_000)
CONCURRENCY = (1, 4, 16)
# The soak stops here even when it has not reached its request count.
SOAK_LIMIT_S = 900

# The bars of issue 6.
MAX_RATIO = 1.3
MIN_BATCH_GAIN = 1.5
MAX_P99_OVER_MEDIAN = 3.0
MAX_RSS_GROWTH = 0.10
MAX_STARTUP_S = 10.0
# Linear growth: the per-character cost of the largest input at most this much above the 10k one.
MAX_PER_CHAR_GROWTH = 1.5


@dataclass(slots=True)
class Options:
    sections: tuple[str, ...]
    docs: int | None
    duration: int
    requests: int
    sizes: tuple[int, ...]
    batch_size: int
    soak_chars: int
    jsonl_rounds: int
    markdown: Path | None


@dataclass(slots=True)
class State:
    """What one section measures and another compares against."""

    one_at_a_time_rate: float | None = None
    rates: dict[str, float] = field(default_factory=dict)


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _rate(n: float, seconds: float) -> str:
    return f"{n / seconds:,.2f}" if seconds else "inf"


def _baseline(articles: Sequence[Article], report: Report, state: State) -> float:
    if state.one_at_a_time_rate is None:
        nlp = library.load_model()
        library.warm_up(articles, nlp)
        with Watch() as busy:
            seconds = library.one_at_a_time(articles, nlp)
        state.one_at_a_time_rate = len(articles) / seconds
        report.add(
            "3",
            f"one at a time: extract() per article, in process, {len(articles)} articles",
            f"{state.one_at_a_time_rate:,.2f} articles/s ({seconds:.1f} s; {busy.text()})",
        )
        report.command("in process: for each article: service.pipeline.extract(text, dateline)")
    return state.one_at_a_time_rate


def section_library(articles: Sequence[Article], opts: Options, report: Report, state: State) -> None:
    report.load("library")
    log("library: loading the model and warming up")
    nlp = library.load_model()
    library.warm_up(articles, nlp)
    log(f"library: full pipeline and spaCy alone, interleaved, over {len(articles)} articles")
    with Watch() as busy:
        tp = library.throughput(articles, nlp, batch_size=opts.batch_size)
    report.add(
        "1",
        f"full extract() + serialisation, {tp.articles} articles, {fmt_int(tp.chars)} chars, batch {tp.batch_size}",
        f"{_rate(tp.articles, tp.full_s)} articles/s, {_rate(tp.chars, tp.full_s)} chars/s ({tp.full_s:.1f} s; "
        f"{busy.text()} over this and row 2)",
    )
    labels = {
        "analysis": "spaCy analysis (nlp.pipe)",
        "dateline": "dateline",
        "dates": "dates (temporal)",
        "participants": "participants (entities)",
        "events": "events",
        "serialisation": "serialisation (marshmallow dump + json.dumps)",
        "overhead": "pipeline overhead outside the stages",
    }
    for key, label in labels.items():
        seconds = tp.stages.get(key, 0.0)
        share = seconds / tp.full_s * 100 if tp.full_s else 0.0
        per_article = seconds / tp.articles * 1000
        report.add("1", f"  stage: {label}", f"{seconds:.2f} s ({share:.1f}%), {per_article:.2f} ms/article")
    report.add(
        "2",
        f"spaCy alone: nlp.pipe, same texts, components {','.join(tp.components)}",
        f"{_rate(tp.articles, tp.spacy_s)} articles/s, {_rate(tp.chars, tp.spacy_s)} chars/s ({tp.spacy_s:.1f} s)",
    )
    report.add("2", "full pipeline / spaCy alone", f"{tp.ratio:.3f}", f"<= {MAX_RATIO}", tp.ratio <= MAX_RATIO)
    report.command(
        "in process, interleaved per chunk of "
        f"{tp.batch_size}: nlp.pipe(texts) vs extract_many(...) + json.dumps(response_body(...))"
    )
    state.rates["library"] = tp.articles / tp.full_s
    log("library: one article at a time")
    _baseline(articles, report, state)


def section_jsonl(articles: Sequence[Article], opts: Options, report: Report, state: State, tmp: Path) -> None:
    from . import jsonl

    before = _baseline(articles, report, state)
    report.load("jsonl")
    # The machine's speed drifts over minutes (bench/RESULTS.md), so each JSONL run is bracketed by
    # one-at-a-time runs and compared with their mean: baseline, --workers 2, baseline, ... ,
    # --workers 1, baseline. Both sides of each ratio then see the same conditions, as rows 1 and 2
    # do by interleaving. Two workers on two cores also feel every slow spell of the host on both
    # cores at once, which one-at-a-time does not: one such spell moved the ratio by 0.2x (1.66x at
    # 20:08, 1.44x at 20:32, with no change to the JSONL path between). So the bar takes the median
    # of several rounds, and every round is printed.
    rates = [before]
    runs: list[tuple[int, jsonl.JsonlRun, Busy, float]] = []
    for workers in (2,) * opts.jsonl_rounds + (1,):
        log(f"jsonl: dateline extract --jsonl --workers {workers}")
        with Watch() as busy:
            run = jsonl.measure(articles, workers, tmp)
        log("jsonl: one article at a time again")
        again_s = library.one_at_a_time(articles, library.load_model())
        rates.append(len(articles) / again_s)
        baseline = (rates[-2] + rates[-1]) / 2
        report.add(
            "3",
            f"one at a time again, straight after --workers {workers} (round {len(runs) + 1})",
            f"{rates[-1]:,.2f} articles/s ({again_s:.1f} s); mean with the run before it {baseline:,.2f}/s: the "
            f"baseline of that round",
        )
        runs.append((workers, run, busy, baseline))
    state.one_at_a_time_rate = sum(rates) / len(rates)
    for n, (workers, run, busy, baseline) in enumerate(runs, start=1):
        report.add(
            "3",
            f"dateline extract --jsonl --workers {workers}, round {n} "
            f"({run.articles} lines, wall clock incl. start-up)",
            f"{run.rate:,.2f} articles/s ({run.seconds:.1f} s; {run.steady_rate:,.2f}/s once started), "
            f"{run.rate / baseline:.2f}x one-at-a-time, {run.failed} failed; {busy.text()}",
        )
        report.command(run.command)
        state.rates[f"jsonl-{workers}"] = run.rate
    gains = sorted(run.rate / baseline for workers, run, _, baseline in runs if workers == 2)
    failed = sum(run.failed for workers, run, _, _ in runs if workers == 2)
    median = statistics.median(gains)
    report.add(
        "3",
        f"dateline extract --jsonl --workers 2 against one at a time: median of {len(gains)} round(s)",
        f"{median:.2f}x (rounds: {', '.join(f'{g:.2f}x' for g in gains)}), {failed} failed",
        f">= {MIN_BATCH_GAIN}x",
        median >= MIN_BATCH_GAIN and failed == 0,
    )


def _settle(procs: Sequence[Any], limit_s: float = 10.0) -> None:
    """Wait until the server is idle: wrk stops at its deadline and drops the requests in flight,
    but the workers still finish them, and the next run's first requests would queue behind."""
    deadline = time.monotonic() + limit_s
    last = process_cpu(procs)
    while time.monotonic() < deadline:
        time.sleep(0.2)
        now = process_cpu(procs)
        if now - last < 0.02:  # under a tenth of a core: no request is being served
            return
        last = now


def _one_run(
    srv: server.Server, bodies: Path, connections: int, duration_s: int, label: str
) -> tuple[load.WrkRun, float, Busy]:
    """One wrk run, with the CPU the server's processes used meanwhile."""
    procs = [srv.master, *srv.workers()]
    _settle(procs)
    cpu0 = process_cpu(procs)
    with Watch(procs) as busy:
        run = load.run(srv.url, bodies, connections, duration_s, label)
    return run, process_cpu(procs) - cpu0, busy


def _interleaved(
    srv: server.Server, bodies: Path, concurrencies: Sequence[int], duration_s: int, label: str, slices: int = 4
) -> dict[int, tuple[load.WrkRun, float, Busy]]:
    """Each concurrency for ``duration_s`` in all, in ``slices`` turns that alternate with the others.

    A shared machine goes through slower and faster spells; measured one after
    the other, one concurrency can land in a slow spell and the other in a fast
    one, and their ratio then says more about the spells than about the server.
    Taking turns (swapping who goes first each round) exposes both to the same
    conditions, as the library section does for spaCy alone. Latencies are
    pooled exactly (``load.pool``); CPU and the cores' business are summed.
    """
    per_slice = max(1, duration_s // slices)
    parts: dict[int, list[tuple[load.WrkRun, float, Busy]]] = {c: [] for c in concurrencies}
    order = list(concurrencies)
    for _ in range(slices):
        for connections in order:
            parts[connections].append(_one_run(srv, bodies, connections, per_slice, label))
        order.reverse()
    pooled: dict[int, tuple[load.WrkRun, float, Busy]] = {}
    for connections, runs in parts.items():
        wall = sum(b.wall for _, _, b in runs)
        busy = Busy(
            wall=wall,
            own=sum(b.own * b.wall for _, _, b in runs) / wall if wall else 0.0,
            others=sum(b.others * b.wall for _, _, b in runs) / wall if wall else 0.0,
        )
        pooled[connections] = (load.pool([r for r, _, _ in runs]), sum(c for _, c, _ in runs), busy)
    return pooled


def section_http(articles: Sequence[Article], opts: Options, report: Report, state: State, tmp: Path) -> None:
    load.ensure_wrk()
    report.load("http")
    srv = server.Server(tmp / "server.log")
    log(f"http: starting the server: {' '.join(srv.command)}")
    with srv:
        report.command(f"{' '.join(srv.command)}  (the real server; stopped with SIGTERM at the end)")
        workers = srv.workers()
        report.add(
            "7",
            f"start-up, gunicorn master start to /readyz 200 ({len(workers)} workers, preload_app)",
            f"{srv.startup_s:.2f} s (launch of make to ready {srv.launch_to_ready_s:.2f} s)",
            f"< {MAX_STARTUP_S:.0f} s",
            srv.startup_s < MAX_STARTUP_S,
        )
        log(f"http: warm-up, every article once ({len(articles)} requests)")
        warm_failed = server.post_all(srv.url, articles, clients=max(1, len(workers)))
        if warm_failed:
            report.notes.append(f"{warm_failed} warm-up request(s) failed")
        before = srv.memory()
        pids = [m.pid for m in before if m.role == "worker"]

        typical = corpus.median_article(articles)
        fixed = tmp / "fixed.jsonl"
        corpus.write_jsonl(fixed, [typical.request()])
        mix = tmp / "mix.jsonl"
        corpus.write_jsonl(mix, [a.request() for a in articles])
        served = 0
        # The c=4 bar compares with the c=1 median: those two take turns (_interleaved) so that both
        # see the same spells of a shared machine; every other load is one run of the full duration.
        paired = (1, 4)
        turns = max(1, min(4, opts.duration // 5))  # turns of at least 5 s: few requests cut at the ends
        for label, bodies in (
            (f"one typical article ({typical.name}, {len(typical.text):,} chars)", fixed),
            (f"all {len(articles)} articles in turn", mix),
        ):
            results: dict[int, tuple[load.WrkRun, float, Busy]] = {}
            if bodies is fixed:
                log(f"http: wrk -c1 and -c4 taking turns, {turns} x {opts.duration // turns}s each, {label}")
                results.update(_interleaved(srv, bodies, paired, opts.duration, label, turns))
            for connections in CONCURRENCY:
                if connections not in results:
                    log(f"http: wrk -c{connections} -d{opts.duration}s, {label}")
                    results[connections] = _one_run(srv, bodies, connections, opts.duration, label)
            single_p50 = results[1][0].p50_ms if bodies is fixed and results[1][0].requests else None
            for connections in CONCURRENCY:
                run, cpu_s, busy = results[connections]
                served += run.requests
                report.command(run.command)
                how = (
                    f"in {turns} turns alternating with c={paired[1] if connections == paired[0] else paired[0]}"
                    if bodies is fixed and connections in paired and turns > 1
                    else ""
                )
                measure = f"POST /v1/extract, wrk c={connections}, {opts.duration} s{' ' + how if how else ''}, {label}"
                value = (
                    f"{run.rate:,.2f} req/s, p50 {run.p50_ms:,.0f} / p95 {run.p95_ms:,.0f} / "
                    f"p99 {run.p99_ms:,.0f} ms, {run.requests} requests, {run.errors} errors"
                    + (f" ({run.error_detail})" if run.errors else "")
                    + (f"; server CPU {cpu_s / run.requests * 1000:,.0f} ms/request" if run.requests else "")
                    + f"; {busy.text()}"
                )
                if bodies is fixed and connections == 4 and single_p50:
                    limit = MAX_P99_OVER_MEDIAN * single_p50
                    report.add(
                        "4",
                        measure,
                        value + f"; p99 = {run.p99_ms / single_p50:.2f}x single-request median",
                        f"0 errors, p99 < {limit:,.0f} ms (3x {single_p50:,.0f})",
                        run.errors == 0 and run.requests > 0 and run.p99_ms < limit,
                    )
                else:
                    # A run in which nothing completed proves nothing: it does not pass.
                    report.add("4", measure, value, "0 errors", run.errors == 0 and run.requests > 0)

        batch_size = 32
        for clients in (1, 2):
            log(f"http: /v1/extract/batch, {batch_size} per request, {clients} client(s)")
            procs = [srv.master, *srv.workers()]
            with Watch(procs) as busy:
                batch = server.post_batches(srv.url, articles, batch_size, clients)
            served += batch.requests
            baseline = state.one_at_a_time_rate
            gain = f", {batch.rate / baseline:.2f}x one-at-a-time" if baseline else ""
            report.add(
                "3",
                f"POST /v1/extract/batch, {batch_size} articles per request, {clients} client(s)",
                f"{batch.rate:,.2f} articles/s ({batch.seconds:.1f} s){gain}, {batch.failed} failed; {busy.text()}",
            )
        report.command(f"POST /v1/extract/batch from Python (http.client), {batch_size} articles per body")

        served += _soak(srv, articles, opts, report, tmp, served)
        after = srv.memory()
        recycled = sorted(set(pids) - {m.pid for m in after if m.role == "worker"})
        report.add(
            "5",
            "requests served between the two memory readings",
            f"{served:,}",
            f">= {opts.requests:,}",
            served >= opts.requests,
        )
        _memory_rows(report, before, after, served, recycled)
    kept = Path(tempfile.gettempdir()) / "dateline-bench-server.log"
    shutil.copyfile(srv.log, kept)
    events = srv.events()
    boots = sum("Booting worker" in e for e in events)
    unusual = [e for e in events if "Booting worker" not in e and "Worker exiting" not in e]
    report.notes.append(f"server log kept in {kept}: {boots} worker boot(s), {len(unusual)} unusual line(s)")
    report.notes.extend(f"server: {e[:300]}" for e in unusual[:5])


def _soak(
    srv: server.Server, articles: Sequence[Article], opts: Options, report: Report, tmp: Path, served: int
) -> int:
    """wrk at c=4 on the articles' leads until the server has answered ``opts.requests`` since warm-up."""
    remaining = opts.requests - served
    if remaining <= 0:
        return 0
    leads = tmp / "leads.jsonl"
    corpus.write_jsonl(leads, [a.request(a.lead(opts.soak_chars)) for a in articles])
    log(f"http: soak, {remaining:,} more requests (article leads of <= {opts.soak_chars} chars), c=4")
    runs: list[load.WrkRun] = []
    rate = 0.0
    deadline = time.monotonic() + SOAK_LIMIT_S
    while remaining > 0 and time.monotonic() < deadline:
        # A short first run measures the rate; the next ones aim at the remaining count.
        duration = 10 if not rate else int(min(600, max(3, remaining / rate * 1.05 + 1)))
        run = load.run(srv.url, leads, 4, duration, "soak")
        runs.append(run)
        report.command(run.command)
        remaining -= run.requests
        rate = run.rate or 1.0
    total = sum(r.requests for r in runs)
    seconds = sum(r.seconds for r in runs)
    errors = sum(r.errors for r in runs)
    report.add(
        "5",
        f"soak: leads (<= {opts.soak_chars} chars) of every article, c=4, {len(runs)} wrk run(s)",
        f"{total:,} requests, {total / seconds:,.2f} req/s, worst p99 {max(r.p99_ms for r in runs):,.0f} ms, "
        f"{errors} errors",
        "0 errors",
        errors == 0,
    )
    return total


def _memory_rows(
    report: Report, before: list[server.Memory], after: list[server.Memory], served: int, recycled: list[int]
) -> None:
    after_by_pid = {m.pid: m for m in after}
    for m in before:
        report.add(
            "5",
            f"{m.role} {m.pid} after warm-up: RSS / USS / PSS / shared (RSS-USS)",
            f"{fmt_mib(m.rss)} / {fmt_mib(m.uss)} / {fmt_mib(m.pss)} / {fmt_mib(m.shared)}",
        )
        later = after_by_pid.get(m.pid)
        if later is None:
            report.add("5", f"{m.role} {m.pid} after {served:,} requests", "recycled before the reading", "", False)
            continue
        growth = later.rss / m.rss - 1
        report.add(
            "5",
            f"{m.role} {m.pid} after {served:,} requests: RSS / USS / PSS / shared",
            f"{fmt_mib(later.rss)} / {fmt_mib(later.uss)} / {fmt_mib(later.pss)} / {fmt_mib(later.shared)}, "
            f"RSS {growth * 100:+.1f}%",
            f"within {MAX_RSS_GROWTH * 100:.0f}%" if m.role == "worker" else "",
            abs(growth) <= MAX_RSS_GROWTH if m.role == "worker" else None,
        )
    total_pss = sum(m.pss for m in after)
    total_rss = sum(m.rss for m in after)
    report.add(
        "5",
        "all processes after the load: sum of PSS (real footprint) vs sum of RSS",
        f"{fmt_mib(total_pss)} vs {fmt_mib(total_rss)}",
    )
    if recycled:
        report.notes.append(f"worker(s) {recycled} were recycled (max_requests) during the run")


def section_scaling(articles: Sequence[Article], opts: Options, report: Report) -> None:
    report.load("scaling")
    nlp = library.load_model()
    library.warm_up(articles, nlp)
    log(f"scaling: extract() on {', '.join(fmt_int(s) for s in opts.sizes)} chars")
    with Watch() as busy:
        points = library.scaling(articles, nlp, opts.sizes)
    report.notes.append(f"scaling (6) ran with {busy.text()}")
    for p in points:
        parts = ", ".join(f"{k} {v * 1000:,.0f}" for k, v in p.stages.items())
        report.add(
            "6",
            f"extract() + serialisation of {fmt_int(p.chars)} chars of concatenated TimeBank text",
            f"{p.seconds * 1000:,.0f} ms, {p.us_per_char:.1f} us/char (ms: {parts})",
        )
    ref = next((p for p in points if p.chars == 10_000), points[0])
    big = points[-1]
    if len(points) >= 2:
        prev = points[-2]
        factor = big.chars / prev.chars
        growth = ", ".join(
            f"{k} {big.stages[k] / prev.stages[k]:.1f}x" for k in big.stages if prev.stages.get(k, 0.0) > 1e-4
        )
        report.add(
            "6",
            f"time growth from {fmt_int(prev.chars)} to {fmt_int(big.chars)} chars ({factor:.0f}x input), by stage",
            f"total {big.seconds / prev.seconds:.2f}x ({growth})",
        )
    per_char = big.us_per_char / ref.us_per_char
    report.add(
        "6",
        f"linearity: us/char at {fmt_int(big.chars)} over us/char at {fmt_int(ref.chars)}",
        f"{per_char:.2f}",
        f"<= {MAX_PER_CHAR_GROWTH} (linear)",
        per_char <= MAX_PER_CHAR_GROWTH,
    )
    report.command(f"in process: extract(text[:n], dateline) + json.dumps(response_body(...)) for n in {opts.sizes}")


def parse(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a short run: 32 articles, 5 s loads, 1,000 requests")
    parser.add_argument("--only", help=f"comma-separated sections to run: {', '.join(SECTIONS)}")
    parser.add_argument("--docs", type=int, help="use only the first N articles")
    parser.add_argument("--duration", type=int, help="seconds of each wrk run (default 20, quick 5)")
    parser.add_argument("--requests", type=int, help="requests before the second memory reading (default 10,000)")
    parser.add_argument("--sizes", help="comma-separated scaling sizes in characters")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size (default 16)")
    parser.add_argument(
        "--soak-chars", type=int, default=600, help="soak requests use each article's lead up to N chars (0: whole)"
    )
    parser.add_argument(
        "--jsonl-rounds",
        type=int,
        help="bracketed --jsonl --workers 2 runs; the bar takes their median ratio (default 3, quick 1)",
    )
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    sections = tuple(s.strip() for s in args.only.split(",") if s.strip()) if args.only else SECTIONS
    unknown = sorted(set(sections) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    sizes = tuple(int(s) for s in args.sizes.split(",")) if args.sizes else (QUICK_SIZES if args.quick else FULL_SIZES)
    return Options(
        sections=sections,
        docs=args.docs if args.docs is not None else (32 if args.quick else None),
        duration=args.duration or (5 if args.quick else 20),
        requests=args.requests or (1_000 if args.quick else 10_000),
        sizes=sizes,
        batch_size=args.batch_size,
        soak_chars=args.soak_chars,
        jsonl_rounds=max(1, args.jsonl_rounds or (1 if args.quick else 3)),
        markdown=args.markdown,
    )


def main(argv: Sequence[str] | None = None) -> int:
    opts = parse(argv)
    report = Report(echo=True)
    articles = corpus.load(limit=opts.docs)
    report.command("python -m bench " + " ".join(sys.argv[1:] if argv is None else argv))
    state = State()
    t0 = time.perf_counter()
    code = 0
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp_name:
        tmp = Path(tmp_name)
        try:
            if "library" in opts.sections:
                section_library(articles, opts, report, state)
            if "jsonl" in opts.sections:
                section_jsonl(articles, opts, report, state, tmp)
            if "http" in opts.sections:
                section_http(articles, opts, report, state, tmp)
            if "scaling" in opts.sections:
                section_scaling(articles, opts, report)
        except KeyboardInterrupt:
            report.notes.append("INTERRUPTED: the table holds only what was measured before the interruption")
            code = 130
    met, judged = report.bars()
    report.notes.append(f"bars met: {met} of {judged}; bench wall clock {time.perf_counter() - t0:,.0f} s")
    text = report.render()
    print(text, end="")
    if opts.markdown:
        opts.markdown.write_text(text, encoding="utf-8")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
