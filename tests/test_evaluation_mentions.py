"""``dateline eval mentions``: entity mentions against ACE-like gold, ours and the spaCy model's."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from service.evaluation import mentions
from service.evaluation.mentions import GoldMention, SysMention

if TYPE_CHECKING:
    from spacy.language import Language

CORPUS = Path(__file__).parent / "corpus" / "mentions.json"


def test_matches_one_to_one_by_overlap_and_class() -> None:
    gold = [GoldMention("the spokesman", 0, 13, "PER", "NOM"), GoldMention("China", 18, 23, "PLACE", "NAM")]
    system = [
        SysMention("spokesman", 4, 13, "PER", False),
        SysMention("spokesman", 4, 13, "PER", False),  # a duplicate matches nothing
        SysMention("China", 18, 23, "ORG"),  # the wrong class matches nothing
    ]
    assert mentions.match(gold, system) == [(0, 0)]


def test_prefers_the_exact_extent() -> None:
    gold = [GoldMention("Japanese", 0, 8, "PLACE", "NAM")]
    system = [SysMention("Japanese Prime", 0, 14, "PLACE"), SysMention("Japanese", 0, 8, "PLACE")]
    assert mentions.match(gold, system) == [(0, 1)]


def test_reads_passages_and_checks_offsets(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    doc = {"passages": [{"id": "p", "text": "Police said.", "mentions": [
        {"text": "Police", "start": 0, "end": 6, "type": "ORG", "kind": "NOM"}]}]}
    path.write_text(json.dumps(doc), encoding="utf-8")
    [passage] = mentions.read_passages(path)
    assert passage.mentions == (GoldMention("Police", 0, 6, "ORG", "NOM"),)
    doc["passages"][0]["mentions"][0]["end"] = 5  # type: ignore[index]
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ValueError, match="Police"):
        mentions.read_passages(path)


def test_development_set_is_well_formed() -> None:
    passages = mentions.read_passages(CORPUS)
    assert len(passages) >= 25
    assert {m.kind for p in passages for m in p.mentions} == {"NAM", "NOM", "PRO"}


def test_development_set_floor(nlp: Language) -> None:
    """Ours well above the spaCy model alone, with nominal and pronoun mentions counted."""
    out = io.StringIO()
    assert mentions.run(CORPUS, out) == 0
    f1 = {
        " ".join(line.split()[:2]): float(line.split("F1 ")[1].split()[0])
        for line in out.getvalue().splitlines()
        if " F1 " in line
    }
    assert f1["ours, all"] >= 0.85
    assert f1["ours, all"] >= f1["spaCy, all"] + 0.10
    assert f1["ours, names"] >= f1["spaCy, names"]
