"""The model is checked against its sha256 list before anything is served."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from service.pipeline import model


def test_installed_model_matches_the_list() -> None:
    model.verify_model_files(model.model_dir())


def test_list_is_the_shared_one(shared_dir: Path) -> None:
    shipped = model.expected_checksums()
    listing = (shared_dir / "models" / "en_core_web_sm-3.8.0.sha256").read_text("utf-8").split()
    assert shipped == dict(zip(listing[1::2], listing[0::2], strict=True))


def test_mismatch_refuses(tmp_path: Path) -> None:
    (tmp_path / "config.cfg").write_text("tampered")
    with pytest.raises(model.ModelError, match=r"refusing to start.*config\.cfg: sha256"):
        model.verify_model_files(tmp_path, {"config.cfg": "0" * 64})


def test_missing_file_refuses(tmp_path: Path) -> None:
    with pytest.raises(model.ModelError, match="ner/model: missing"):
        model.verify_model_files(tmp_path, {"ner/model": "0" * 64})


def test_app_refuses_to_start_on_mismatch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from service.app import create_app

    monkeypatch.setattr(model, "_nlp", None)
    monkeypatch.setattr(model, "model_dir", lambda: tmp_path)
    with pytest.raises(model.ModelError):
        create_app()


def test_freeze_heap_takes_loaded_objects_out_of_collection() -> None:
    before = gc.get_freeze_count()
    kept = [[index] for index in range(1000)]  # tracked objects alive at start-up
    try:
        model.freeze_heap()
        assert gc.get_freeze_count() >= before + len(kept)
    finally:
        gc.unfreeze()
