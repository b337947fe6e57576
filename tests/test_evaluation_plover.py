"""``dateline eval plover``: the PLOVER gold-standard records, read, run and scored."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from service.evaluation import plover
from service.pipeline import extract_many
from service.pipeline.types import Event, Plover, Span


def _gsr(shared_dir: Path) -> Path:
    return shared_dir / "data" / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"


def _event(ptype: str | None, status: str = "occurred") -> Event:
    return Event(
        id="v1",
        type="x",
        label="x",
        trigger=Span("x", 0, 1),
        sentence=(0, 1),
        plover=Plover(ptype) if ptype else None,
        status=status,  # type: ignore[arg-type]
    )


def test_records_are_mapped_to_plover_v2(tmp_path: Path) -> None:
    raw = [
        {"id": "doc", "event": "DOCUMENT"},
        {
            "id": "a",
            "event": "DEMAND",
            "text": "Iran demanded X.",
            "date": "2000-01-01",
            "source": [{"actorText": "Iran"}],
            "target": "",
        },
        {"id": "b", "event": "DISAPPROVE", "text": "Y condemned Z.", "source": [], "target": [{"actorText": "Z"}]},
        {"id": "c", "event": "INVESTIGATE", "mode": "", "text": "Q probed R."},
        {"id": "d", "event": "FIGHT", "mode": "firearms", "text": "S shot T."},
        {"id": "e", "event": "PROTEST", "mode": "riot", "text": "U rioted."},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(raw), "utf-8")
    records = plover.read_records(path)
    assert [(r.type, r.mode) for r in records] == [
        ("REQUEST", None),
        ("ACCUSE", "disapprove"),
        ("ACCUSE", "investigate"),
        ("ASSAULT", None),
        ("PROTEST", "riot"),
    ]
    assert records[0].sources == ("Iran",) and records[0].targets == ()
    assert records[1].targets == ("Z",)


@pytest.mark.parametrize(
    ("ptype", "status", "expected"),
    [
        ("CONSULT", "planned", "AGREE"),
        ("AID", "hypothetical", "AGREE"),
        ("SANCTION", "planned", "THREATEN"),
        ("ASSAULT", "occurred", "ASSAULT"),
        ("REQUEST", "planned", "REQUEST"),
        ("CONSULT", "negated", "REJECT"),
        (None, "occurred", "NONE"),
    ],
)
def test_plover_conventions(ptype: str | None, status: str, expected: str) -> None:
    assert plover.convention_type(_event(ptype, status)) == expected


def test_scores_count_hits_and_actors() -> None:
    records = [
        plover.GoldRecord(
            "a", "Russia demanded that Ukraine withdraw.", None, "REQUEST", None, ("Russia",), ("Ukraine",)
        ),
        plover.GoldRecord("b", "Protesters rioted in Paris.", None, "PROTEST", "riot", (), ()),
    ]
    results = list(extract_many((r.text, r.date) for r in records))
    scores = plover.score(records, results)
    assert scores.total == 2 and scores.correct == 2
    assert scores.prf("REQUEST") == (1.0, 1.0, 1.0)
    assert scores.macro_f1 == 1.0
    assert scores.actors_gold == 1 and scores.recipients_gold == 1


def test_run_prints_the_figures(shared_dir: Path, tmp_path: Path) -> None:
    raw = json.loads(_gsr(shared_dir).read_text("utf-8"))
    sample = tmp_path / "sample.json"
    sample.write_text(json.dumps(raw[:1] + raw[40:46] + raw[200:206]), "utf-8")
    out = io.StringIO()
    assert plover.run(sample, out) == 0
    report = out.getvalue()
    for line in (
        "records: 12",
        "event type, as extracted",
        "event type, PLOVER conventions",
        "actor detection",
        "recipient detection",
        "per type (PLOVER conventions)",
    ):
        assert line in report


def test_gold_standard_floor(shared_dir: Path) -> None:
    records = plover.read_records(_gsr(shared_dir))
    assert len(records) == 322
    results = list(extract_many((r.text, r.date) for r in records))
    plain = plover.score(records, results)
    conv = plover.score(records, results, conventions=True)
    # Measured 2026-11-28: 80.1% / 86.3% accuracy, macro-F1 0.770 / 0.833; actors 76.0%, recipients 46.5%.
    assert plain.accuracy >= 0.77
    assert conv.accuracy >= 0.83
    assert conv.macro_f1 >= 0.80
    assert plain.actors_found / plain.actors_gold >= 0.65
