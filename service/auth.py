"""Optional API keys: with keys configured, ``/v1/*`` needs ``Authorization: Bearer <key>``.

Keys come from ``DATELINE_API_KEYS`` (comma-separated) and/or
``DATELINE_API_KEYS_FILE`` (one per line, ``#`` comments). Without any key the
API is open. Only SHA-256 digests are kept, and a presented token is compared
with every one of them with :func:`hmac.compare_digest`, so neither the
comparison nor the number of keys checked depends on where a match is. Keys
and tokens are never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import Problem
from .problems import problem

PROTECTED_PREFIX = "/v1/"
# RFC 6750 b64token; the length bound keeps a hostile header cheap to reject.
_BEARER = re.compile(r"Bearer +([A-Za-z0-9\-._~+/]{1,512}=*)", re.IGNORECASE)
_CHALLENGE = 'Bearer realm="dateline"'


class KeyConfigError(ValueError):
    """The key file is missing or unreadable: refuse to start rather than serve an open API."""


def load_keys(settings: Mapping[str, Any]) -> tuple[bytes, ...]:
    """SHA-256 digests of the configured keys (empty: no authentication), sorted."""
    keys = [k.strip() for k in str(settings.get("API_KEYS") or "").split(",")]
    path = str(settings.get("API_KEYS_FILE") or "")
    if path:
        try:
            lines = Path(path).read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise KeyConfigError(f"DATELINE_API_KEYS_FILE {path!r} cannot be read: {exc.__class__.__name__}") from None
        keys += [line.split("#", 1)[0].strip() for line in lines]
    for key in keys:
        if key and not _BEARER.fullmatch(f"Bearer {key}"):
            # Say which rule failed, never the key itself.
            raise KeyConfigError("an API key must be 1-512 characters of A-Z a-z 0-9 - . _ ~ + / (then optional =)")
    return tuple(sorted({_digest(k) for k in keys if k}))


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


def _unauthorized(detail: str, error: str | None = None) -> Problem:
    challenge = f'{_CHALLENGE}, error="{error}"' if error else _CHALLENGE
    return Problem(problem(401, detail, slug="unauthorized"), headers={"WWW-Authenticate": challenge})


def check(header: str | None, digests: tuple[bytes, ...]) -> None:
    """Raise a 401 or 403 :class:`Problem` unless ``header`` carries one of the keys."""
    if not header:
        raise _unauthorized("this API needs an `Authorization: Bearer <key>` header")
    match = _BEARER.fullmatch(header.strip())
    if match is None:
        raise _unauthorized("the Authorization header must be `Bearer <key>`", "invalid_request")
    presented = _digest(match.group(1))
    found = False
    for digest in digests:  # no early exit: the time taken does not say which key matched
        found |= hmac.compare_digest(presented, digest)
    if not found:
        raise Problem(problem(403, "the API key is not known", slug="forbidden"))


def requires_key(path: str, method: str) -> bool:
    # A CORS preflight carries no credentials by design; it is answered without any.
    return path.startswith(PROTECTED_PREFIX) and method != "OPTIONS"
