"""Configuration: defaults, then ``DATELINE_*`` environment variables, then overrides.

Every limit is configuration, so an operator can tighten or loosen it without
touching code; the OpenAPI contract documents the defaults.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

DEFAULTS: dict[str, Any] = {
    # Largest request body, in bytes (werkzeug answers 413 beyond it).
    "MAX_BODY_BYTES": 16 * 1024 * 1024,
    # Largest article, in characters (422 naming the field beyond it).
    "MAX_TEXT_CHARS": 200_000,
    # Most articles in one batch request (422 naming `articles` beyond it).
    "MAX_BATCH_ITEMS": 100,
    # Longest line `dateline extract --jsonl` accepts, in bytes.
    "MAX_JSONL_LINE_BYTES": 4 * 1024 * 1024,
    # Load (and verify) the spaCy model when the app is created, not on first request.
    "LOAD_MODEL": True,
    # Comma-separated API keys; empty means the API is open.
    "API_KEYS": "",
    # A file with one API key per line (comments with #).
    "API_KEYS_FILE": "",
    # Origins allowed by CORS, comma-separated; empty means CORS is off.
    "CORS_ORIGINS": "",
    # Log level of the service's own logger.
    "LOG_LEVEL": "INFO",
}


# A limit of zero or less would refuse everything: treat it as a configuration error.
_POSITIVE = ("MAX_BODY_BYTES", "MAX_TEXT_CHARS", "MAX_BATCH_ITEMS", "MAX_JSONL_LINE_BYTES")


def _coerce(default: Any, raw: str) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    return raw


def load(overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    environ = os.environ if environ is None else environ
    config = dict(DEFAULTS)
    for key, default in DEFAULTS.items():
        raw = environ.get(f"DATELINE_{key}")
        if raw is not None and raw != "":
            try:
                config[key] = _coerce(default, raw)
            except ValueError as exc:
                raise ValueError(f"DATELINE_{key}={raw!r} is not a valid {type(default).__name__}") from exc
    if overrides:
        config.update(overrides)
    for key in _POSITIVE:
        if int(config[key]) < 1:
            raise ValueError(f"DATELINE_{key} must be at least 1, not {config[key]!r}")
    return config


def split_list(raw: str) -> frozenset[str]:
    """A comma-separated setting as a set of its non-empty, stripped items."""
    return frozenset(item.strip() for item in str(raw or "").split(",") if item.strip())
