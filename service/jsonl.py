"""``dateline extract --jsonl``: one response line per input line, in order, streaming.

Memory stays constant whatever the input size: lines are read in bounded
chunks, an over-long line is skipped in pieces (never held whole), and with
``--workers`` only a bounded window of chunks is in flight at once.
"""

from __future__ import annotations

import json
import multiprocessing
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import IO, Any

from .extraction import Limits, error_item, item_id, respond_items
from .problems import problem

CHUNK_LINES = 16
# With several workers a chunk also closes at this many characters of text, and
# up to WINDOW_PER_WORKER chunks per worker are in flight: output stays in input
# order, so one long chunk at the head must not leave the other workers idle.
CHUNK_CHARS = 12_000
WINDOW_PER_WORKER = 4


@dataclass(frozen=True, slots=True)
class _Bad:
    """A line that failed before it could be parsed as a request."""

    body: dict[str, Any]


@dataclass(slots=True)
class Progress:
    lines: int = 0
    failed: int = 0


def read_items(stream: IO[bytes], max_line_bytes: int) -> Iterator[Any]:
    """Parsed JSON values, or :class:`_Bad` for lines that are not; one per line."""
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            return
        if len(line) > max_line_bytes and not line.endswith(b"\n"):
            while True:  # drop the rest of the line without holding it
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield _Bad(problem(413, f"the line is over {max_line_bytes} bytes", slug="line-too-long"))
            continue
        stripped = line.strip()
        if not stripped:
            yield _Bad(problem(400, "the line is empty", slug="bad-request"))
            continue
        try:
            yield json.loads(stripped.decode("utf-8"))
        except UnicodeDecodeError:
            yield _Bad(problem(400, "the line is not valid UTF-8", slug="bad-request"))
        except json.JSONDecodeError as exc:
            yield _Bad(problem(400, f"the line is not valid JSON: {exc.msg}", slug="bad-request"))


def process_chunk(items: list[Any], limits: Limits) -> list[tuple[bool, str]]:
    """``(ok, serialised line)`` for each input item of one chunk, in order."""
    out: list[tuple[bool, str] | None] = [None] * len(items)
    good: list[tuple[int, Any]] = []
    for i, item in enumerate(items):
        if isinstance(item, _Bad):
            out[i] = (False, json.dumps(error_item(None, item.body), ensure_ascii=False))
        else:
            good.append((i, item))
    try:
        results = respond_items([item for _, item in good], limits)
    except Exception:
        results = [_one(item, limits) for _, item in good]
    for (i, _), result in zip(good, results, strict=True):
        out[i] = ("error" not in result, json.dumps(result, ensure_ascii=False))
    return [slot if slot is not None else (False, "{}") for slot in out]


def _one(item: Any, limits: Limits) -> dict[str, Any]:
    try:
        return respond_items([item], limits)[0]
    except Exception:
        return error_item(item_id(item), problem(500, "the article could not be processed", slug="internal-error"))


def _text_length(item: Any) -> int:
    text = item.get("text") if isinstance(item, dict) else None
    return len(text) if isinstance(text, str) else 0


def _chunks(items: Iterator[Any], max_chars: int | None = None) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    chars = 0
    for item in items:
        chunk.append(item)
        chars += _text_length(item)
        if len(chunk) >= CHUNK_LINES or (max_chars is not None and chars >= max_chars):
            yield chunk
            chunk = []
            chars = 0
    if chunk:
        yield chunk


def _start_worker() -> None:
    # Ctrl-C is the parent's to handle: it stops the pool and reports how far the run got.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _init_worker()


def _init_worker() -> None:
    from .pipeline import load_nlp

    load_nlp()


def run(
    source: IO[bytes],
    sink: IO[str],
    *,
    limits: Limits,
    max_line_bytes: int,
    workers: int = 1,
    progress: Progress | None = None,
) -> Progress:
    """Stream ``source`` to ``sink``; ``progress`` counts lines written and failed as it goes."""
    progress = progress if progress is not None else Progress()

    with _InterruptBetweenChunks() as guard:

        def emit(lines: list[tuple[bool, str]]) -> None:
            with guard.writing():
                for ok, line in lines:
                    sink.write(line + "\n")
                    progress.lines += 1
                    progress.failed += not ok
                sink.flush()

        if workers <= 1:
            for chunk in _chunks(read_items(source, max_line_bytes)):
                emit(process_chunk(chunk, limits))
            return progress
        context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
        if context.get_start_method() == "fork":
            # Load the model once here: forked workers then share it copy-on-write
            # and start at once, instead of each loading (and verifying) its own.
            _init_worker()
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker)
        chunks = _chunks(read_items(source, max_line_bytes), CHUNK_CHARS)
        try:
            window: deque[Future[list[tuple[bool, str]]]] = deque()
            for chunk in chunks:
                window.append(pool.submit(process_chunk, chunk, limits))
                if len(window) >= WINDOW_PER_WORKER * workers:
                    emit(window.popleft().result())
                # Write what is ready: a slow or open-ended input must not hold back finished lines.
                while window and window[0].done():
                    emit(window.popleft().result())
            while window:
                emit(window.popleft().result())
        except BaseException:
            # Interrupted: drop the queued chunks; the running ones end with their chunk.
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
    return progress


class _InterruptBetweenChunks:
    """Ctrl-C never lands in the middle of writing a chunk.

    A KeyboardInterrupt raised inside a buffered write can tear a line or write
    part of it twice, and the count of lines written would no longer match the
    output. While a chunk is written, SIGINT is only noted and raised once the
    chunk is flushed and counted; at any other moment it interrupts at once.
    The sink must write a short-written remainder again, as a BufferedWriter
    does (``sys.stdout`` under PYTHONUNBUFFERED does not: see
    ``cli._stdout_sink``). Only the main thread can own signal handlers;
    elsewhere this does nothing.
    """

    def __init__(self) -> None:
        self._writing = False
        self._pending = False
        self._previous: Any = None
        self._installed = False

    def _handler(self, signum: int, frame: FrameType | None) -> None:
        if self._writing:
            self._pending = True
            return
        raise KeyboardInterrupt

    def __enter__(self) -> _InterruptBetweenChunks:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handler)
            self._installed = True
        return self

    def __exit__(self, *_: object) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)

    @contextmanager
    def writing(self) -> Iterator[None]:
        self._writing = True
        try:
            yield
        finally:
            self._writing = False
        if self._pending:
            self._pending = False
            raise KeyboardInterrupt
