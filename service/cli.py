"""``dateline serve | extract | eval``: thin faces on the library."""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from . import config


def _cmd_serve(args: argparse.Namespace) -> int:
    from gunicorn.app.wsgiapp import run

    if args.bind:
        os.environ["DATELINE_BIND"] = args.bind
    if args.workers:
        os.environ["WORKERS"] = str(args.workers)
    sys.argv = ["gunicorn", "-c", "python:service.gunicorn_conf", "service.wsgi:app"]
    run()
    return 0


def _stdout_sink() -> IO[str]:
    """Standard output as a text stream with a real write buffer of its own.

    With PYTHONUNBUFFERED (or ``-u``) ``sys.stdout`` writes straight to the
    file descriptor and ignores a short count: when Ctrl-C interrupts a write
    to a full pipe after part of a line went through, the rest of that line is
    silently dropped, yet the write returns as if complete and the line is
    counted. A BufferedWriter retries the remainder, so every line counted is
    whole on the descriptor once the chunk is flushed.
    """
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # replaced by an in-memory stream (tests)
        return sys.stdout
    sys.stdout.flush()
    return open(fd, "w", encoding="utf-8", buffering=io.DEFAULT_BUFFER_SIZE, closefd=False)


def _cmd_extract(args: argparse.Namespace) -> int:
    from .extraction import Limits, respond_items
    from .jsonl import Progress, run

    settings = config.load()
    limits = Limits(max_text_chars=settings["MAX_TEXT_CHARS"])
    if args.jsonl:
        from .pipeline import ModelError, freeze_heap, load_nlp

        # A long run: load the model before the first line (forked workers share
        # it) and keep it out of the garbage collector's full passes.
        try:
            load_nlp()
        except ModelError as exc:
            print(f"dateline: the spaCy model cannot be used: {exc}", file=sys.stderr)
            return 2
        freeze_heap()
        source = sys.stdin.buffer if args.input == "-" else open(args.input, "rb")  # noqa: SIM115
        sink = _stdout_sink() if args.output == "-" else open(args.output, "w", encoding="utf-8")  # noqa: SIM115
        progress = Progress()
        try:
            run(
                source,
                sink,
                limits=limits,
                max_line_bytes=settings["MAX_JSONL_LINE_BYTES"],
                workers=args.workers,
                progress=progress,
            )
        except KeyboardInterrupt:
            print(
                f"dateline: interrupted after {progress.lines} line(s) written, {progress.failed} failed",
                file=sys.stderr,
            )
            return 130
        finally:
            if source is not sys.stdin.buffer:
                source.close()
            if sink is not sys.stdout:
                sink.close()
        print(f"dateline: {progress.lines} line(s), {progress.failed} failed", file=sys.stderr)
        return 1 if progress.failed else 0
    raw = sys.stdin.buffer.read() if args.input == "-" else Path(args.input).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        print("dateline: the input is not valid UTF-8", file=sys.stderr)
        return 2
    item: dict[str, str] = {"text": text}
    if args.dateline:
        item["dateline"] = args.dateline
    if args.id:
        item["id"] = args.id
    result = respond_items([item], limits)[0]
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
    sys.stdout.write("\n")
    return 1 if "error" in result else 0


def _cmd_eval(args: argparse.Namespace) -> int:
    import importlib

    module = importlib.import_module(f"service.evaluation.{args.kind}")
    code: int = module.run(Path(args.path), sys.stdout)
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dateline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the HTTP API with gunicorn and the project's config")
    serve.add_argument("--bind", help="host:port (default 127.0.0.1:8000, or $PORT)")
    serve.add_argument("--workers", type=int, help="worker processes (default $WORKERS or 2)")
    serve.set_defaults(func=_cmd_serve)

    ex = sub.add_parser("extract", help="extract one article (FILE or -) or JSON lines (--jsonl)")
    ex.add_argument("input", metavar="FILE|-", help="a text file, or - for standard input")
    ex.add_argument("--dateline", help="the article's date (ISO 8601 or as printed)")
    ex.add_argument("--id", help="an id to echo in the response")
    ex.add_argument("--pretty", action="store_true", help="indent the JSON")
    ex.add_argument("--jsonl", action="store_true", help="read JSON lines of request objects")
    ex.add_argument("--output", "-o", default="-", help="with --jsonl: where to write (default stdout)")
    ex.add_argument("--workers", type=int, default=1, help="with --jsonl: worker processes")
    ex.set_defaults(func=_cmd_extract)

    ev = sub.add_parser("eval", help="evaluate against gold data")
    ev.add_argument("kind", choices=["timeml", "actors", "plover", "mentions"])
    ev.add_argument(
        "path",
        help="timeml: a folder of .tml files; actors/plover: the PLOVER GSR file; mentions: a mentions JSON file",
    )
    ev.set_defaults(func=_cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "workers", None) is not None and args.workers < 1:
        print("dateline: --workers must be at least 1", file=sys.stderr)
        return 2
    try:
        code: int = args.func(args)
    except BrokenPipeError:
        # "dateline eval timeml DIR | head": the reader has gone and wants no more. Point stdout at
        # /dev/null so that flushing it at exit does not fail again (the recipe in Python's docs).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return code


if __name__ == "__main__":
    raise SystemExit(main())
