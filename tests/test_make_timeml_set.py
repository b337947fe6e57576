"""scripts/make_timeml_set.py: marked-up stories become TimeML the evaluation reads back."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from service.evaluation.timeml import read_timeml

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_timeml_set.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_timeml_set", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _story(tmp_path: Path, text: str) -> Path:
    (tmp_path / "src").mkdir()
    source = tmp_path / "src" / "council_vote.txt"
    source.write_text(text, encoding="utf-8")
    return source


def test_builds_timeml_that_reads_back(tmp_path: Path) -> None:
    source = _story(
        tmp_path,
        "DCT: 2006-03-01\nCouncil OKs rebuild; detours start after [[Easter|DATE|2006-04-16]]\n\n"
        "The council voted 9-2 [[Tuesday night|TIME|2006-02-28TNI]] & work lasts "
        "[[about six weeks|DURATION|P6W|APPROX]].\n",
    )
    lines = _script().build(source, tmp_path)
    assert lines == ["council_vote.txt: DCT 2006-03-01 (wed), 19 words, 3 TIMEX3, 0 problems"]
    doc = read_timeml(tmp_path / "council_vote.tml")
    assert str(doc.dct) == "2006-03-01"
    assert [(t.text, t.type, t.value, t.mod) for t in doc.timexes] == [
        ("Easter", "DATE", "2006-04-16", None),
        ("Tuesday night", "TIME", "2006-02-28TNI", None),
        ("about six weeks", "DURATION", "P6W", "APPROX"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)
    assert "9-2" in doc.text and "&" in doc.text


def test_reports_a_weekday_its_date_does_not_fall_on(tmp_path: Path) -> None:
    source = _story(
        tmp_path, "DCT: 2006-03-01\nWork starts [[Monday|DATE|2006-03-07]], not in a [[month|DURATION|P1M]].\n"
    )
    lines = _script().build(source, tmp_path)
    assert lines[0] == "council_vote.txt: [[Monday]]: 2006-03-07 is a tuesday, the text says monday"
    assert lines[-1].endswith("1 problems")


def test_reports_bad_markup(tmp_path: Path) -> None:
    source = _story(tmp_path, "DCT: 2006-03-01\nIt ended [[last year|DATE|2005]] and [[soon|DATE]].\n")
    lines = _script().build(source, tmp_path)
    assert any("unparsed" in line for line in lines)
