"""Dateline's benchmark: ``python -m bench`` (``make bench``); never part of ``make test``.

One run prints one table: library throughput split by stage, spaCy alone on the
same texts, the batch paths, HTTP under load with wrk, memory of the gunicorn
processes, scaling with input length, and start-up time. ``--quick`` and
``--only`` run a subset.
"""
