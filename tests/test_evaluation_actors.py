"""``dateline eval actors``: the PLOVER gold actors found as entities."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

from service.evaluation import actors

if TYPE_CHECKING:
    from spacy.language import Language

GSR = Path("data") / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"


def test_reads_records_and_skips_the_document_record(tmp_path: Path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(
        json.dumps(
            [
                {"id": "doc", "event": "DOCUMENT", "eventText": "about the file"},
                {
                    "id": "r1",
                    "event": "AGREE",
                    "text": "Senior Hungarian and Romanian officials agreed on Wednesday.",
                    "source": [{"actorText": "Hungarian", "code": "HUN"}, {"actorText": "Romanian", "code": "ROU"}],
                    "target": "",
                },
            ]
        ),
        encoding="utf-8",
    )
    records = actors.read_records(path)
    assert [r.id for r in records] == ["r1"]
    assert [(a.role, a.text, a.code, a.start) for a in records[0].actors] == [
        ("source", "Hungarian", "HUN", 7),
        ("source", "Romanian", "ROU", 21),
    ]


def test_scores_a_small_file(tmp_path: Path, nlp: Language) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(
        json.dumps(
            [
                {
                    "id": "r1",
                    "text": "Russian President Boris Yeltsin hosted Japanese Prime Minister Ryutaro Hashimoto.",
                    "source": [{"actorText": "Russian President Boris Yeltsin", "code": "RUS"}],
                    "target": [{"actorText": "Japanese Prime Minister Ryutaro Hashimoto", "code": "JAP"}],
                },
                {
                    "id": "r2",
                    "text": "The United Nations will provide food aid to refugees in Liberia.",
                    "source": [{"actorText": "United Nations", "code": "IGO"}],
                    "target": [{"actorText": "nobody here", "code": "LBR"}],
                },
            ]
        ),
        encoding="utf-8",
    )
    out = io.StringIO()
    assert actors.run(path, out) == 0
    report = out.getvalue()
    assert "records: 2" in report
    assert "docs/s" in report
    lines = {line.split()[0]: line.split() for line in report.splitlines() if line.split()}
    # role, actors, located, found, rate, country, right, rate
    assert lines["source"][1:4] == ["2", "2", "2"]
    assert lines["source"][5:7] == ["1", "1"]
    assert lines["target"][1:4] == ["2", "1", "1"]
    assert lines["target"][5:7] == ["1", "1"]  # the unlocated actor counts for neither


def test_plover_gold_actors_floor(shared_dir: Path, nlp: Language) -> None:
    out = io.StringIO()
    assert actors.run(shared_dir / GSR, out) == 0
    report = out.getvalue()
    rows = {line.split()[0]: line.split() for line in report.splitlines() if line.split()}
    assert int(rows["records:"][1]) > 300
    # role, actors, located, found, rate, country, right, rate
    found_rate, country_rate = float(rows["all"][4]), float(rows["all"][7])
    assert found_rate >= 0.95
    assert country_rate >= 0.74
    # The stage's share of the analysis time is printed; speed is judged in bench/, not here.
    assert "% of the spaCy analysis" in report
