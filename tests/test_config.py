from __future__ import annotations

import pytest

from service import config


def test_environment_overrides_defaults() -> None:
    settings = config.load(environ={"DATELINE_MAX_TEXT_CHARS": "10", "DATELINE_LOAD_MODEL": "no"})
    assert settings["MAX_TEXT_CHARS"] == 10
    assert settings["LOAD_MODEL"] is False
    assert settings["MAX_BATCH_ITEMS"] == config.DEFAULTS["MAX_BATCH_ITEMS"]


def test_overrides_win() -> None:
    assert config.load({"MAX_TEXT_CHARS": 5}, environ={"DATELINE_MAX_TEXT_CHARS": "10"})["MAX_TEXT_CHARS"] == 5


def test_bad_value_is_named() -> None:
    with pytest.raises(ValueError, match="DATELINE_MAX_BATCH_ITEMS"):
        config.load(environ={"DATELINE_MAX_BATCH_ITEMS": "many"})
