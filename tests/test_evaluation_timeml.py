"""The TimeML reader and the TempEval-3 scorer, on a few TimeBank files."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from service.evaluation.timeml import GoldTimex, Scores, TimeMLDocument, evaluate, read_timeml, run, score

FILES = ("TimeBank/wsj_0006.tml", "TimeBank/wsj_0026.tml", "TimeBank/APW19980227.0487.tml",
         "AQUAINT/APW19980807.0261.tml", "AQUAINT/NYT20000406.0002.tml")  # fmt: skip


@pytest.fixture(scope="module")
def sample(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = shared_dir / "data" / "timebank" / "TBAQ-cleaned"
    folder = tmp_path_factory.mktemp("timeml")
    for name in FILES:
        source = root / name
        if not source.exists():
            pytest.skip(f"{name} is not in ../shared")
        (folder / source.name).write_bytes(source.read_bytes())
    return folder


def test_reader_offsets_slice_back(shared_dir: Path) -> None:
    root = shared_dir / "data" / "timebank" / "TBAQ-cleaned"
    files = sorted(root.rglob("*.tml"))
    assert len(files) == 256
    total = 0
    for path in files:
        doc = read_timeml(path)
        assert doc.dct is not None and re.fullmatch(r"\d{4}-\d\d-\d\d", doc.dct)
        assert "<" not in doc.text
        for t in doc.timexes:
            assert doc.text[t.start : t.end] == t.text
        total += len(doc.timexes)
    assert total == 1822


def test_scorer_counts_strict_relaxed_and_attributes() -> None:
    text = "It rose last week and fell on Friday, two days ago."
    gold = TimeMLDocument(
        "doc", "2023-04-14", text,
        [GoldTimex("last week", 8, 17, "DATE", "2023-W14"), GoldTimex("Friday", 30, 36, "DATE", "2023-04-14"),
         GoldTimex("two days ago", 38, 50, "DATE", "2023-04-12")],
    )  # fmt: skip
    from service.evaluation.timeml import _Sys

    system = [
        _Sys("last week", 8, 17, "DATE", "2023-W14", None),
        _Sys("on Friday", 27, 36, "DATE", "2023-04-07", None),
        _Sys("and", 18, 21, "DATE", "PAST_REF", None),
    ]
    scores = Scores()
    score(gold, system, scores)
    assert (scores.gold, scores.system, scores.strict_tp, scores.relaxed_tp_gold, scores.matched) == (3, 3, 1, 2, 2)
    assert scores.value_ok == 1 and scores.type_ok == 2
    assert scores.attribute(scores.value_ok)[1] == pytest.approx(scores.relaxed()[2] * 0.5)
    assert any("\tMISS\t" in e for e in scores.errors) and any("\tEXTRA\t" in e for e in scores.errors)


def test_run_prints_the_report_above_a_floor(sample: Path) -> None:
    out, errors = io.StringIO(), io.StringIO()
    assert run(sample, out, errors_out=errors) == 0
    report = out.getvalue()
    for label in ("strict extent", "relaxed extent", "type", "value", "docs/s"):
        assert label in report
    scores = evaluate(sample)
    assert scores.docs == len(FILES)
    assert scores.strict()[2] >= 0.75
    assert scores.relaxed()[2] >= 0.85
    assert scores.attribute(scores.value_ok)[1] >= 0.7
