"""The participants stage: the seed's entities, a golden corpus per phenomenon, invariants."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from service.pipeline import extract
from service.pipeline.document import Document
from service.pipeline.entities import find_entities
from service.pipeline.entities_lexicon import city_countries, country_code, lexicon, organization_countries
from service.pipeline.types import Entity, Extraction

if TYPE_CHECKING:
    from spacy.language import Language

CORPUS = Path(__file__).parent / "corpus" / "entities.json"
SEED = "li-shangfu-russia-visit"


def _cases() -> list[Any]:
    data = json.loads(CORPUS.read_text(encoding="utf-8"))
    params = []
    for case in data["cases"]:
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


def _find(entities: list[Entity], name: str, typ: str) -> Entity:
    found = [e for e in entities if e.name == name and e.type == typ]
    assert found, f"no {typ} {name!r} in {[(e.name, e.type) for e in entities]}"
    return found[0]


def _check(entity: Entity, expected: dict[str, Any]) -> None:
    for key in ("titles", "rank", "country"):
        if key in expected:
            assert getattr(entity, key) == expected[key], f"{entity.name}.{key}"
    if "affiliation" in expected:
        assert entity.affiliation is not None, f"{entity.name} has no affiliation"
        assert entity.affiliation.name == expected["affiliation"]
    kinds = {(m.text, m.kind) for m in entity.mentions}
    for text, kind in expected.get("mentions", []):
        assert (text, kind) in kinds, f"{entity.name} lacks {kind} mention {text!r}: {sorted(kinds)}"
    for text in expected.get("not_mentions", []):
        assert text not in {t for t, _ in kinds}, f"{entity.name} should not have {text!r}"


def _invariants(ex: Extraction) -> None:
    ids = [e.id for e in ex.entities]
    assert ids == [f"e{i}" for i in range(1, len(ids) + 1)]
    firsts = [min(m.start for m in e.mentions) for e in ex.entities]
    assert firsts == sorted(firsts), "entities are ordered by first mention"
    ids_set = set(ids)
    for e in ex.entities:
        assert e.mentions
        assert 0.0 <= e.salience <= 1.0
        if e.affiliation is not None and e.affiliation.entity is not None:
            assert e.affiliation.entity in ids_set
        for m in e.mentions:
            assert ex.text[m.start : m.end] == m.text
            assert m.kind in ("name", "short", "nominal", "pronoun")
            if m.kind in ("name", "short"):
                assert not m.text.endswith(("'s", "’s")) and not m.text.lower().startswith("the ")


@pytest.mark.parametrize("case", _cases())
def test_corpus(case: dict[str, Any], nlp: Language) -> None:
    ex = extract(case["text"], nlp=nlp)
    _invariants(ex)
    for expected in case["entities"]:
        _check(_find(ex.entities, expected["name"], expected["type"]), expected)
    names = {m.text for e in ex.entities for m in e.mentions if m.kind != "nominal"}
    for text in case.get("absent", []):
        assert text not in names, f"{text!r} should not be a mention"
    entity_names = {e.name for e in ex.entities}
    for name in case.get("absent_entities", []):
        assert name not in entity_names, f"{name!r} should not be an entity"


def test_seed_entities(shared_dir: Path, nlp: Language) -> None:
    seed = shared_dir / "data" / "seed"
    text = (seed / f"{SEED}.txt").read_text(encoding="utf-8")
    expected = json.loads((seed / f"{SEED}.expected.json").read_text(encoding="utf-8"))
    ex = extract(text, nlp=nlp)
    _invariants(ex)
    for exp in expected["entities"]:
        entity = _find(ex.entities, exp["name"], exp["type"])
        assert entity.titles == exp.get("titles", entity.titles)
        assert entity.rank == exp.get("rank", entity.rank)
        if "country" in exp:
            assert entity.country == exp["country"], entity.name
        if "affiliation" in exp:
            assert entity.affiliation is not None and entity.affiliation.name == exp["affiliation"]
        for at in exp.get("mentions_at", []):
            # The seed marks a surname's offset ("Shoigu" in "Sergei Shoigu"):
            # the offset must fall within one of the entity's mentions.
            assert any(m.start <= at < m.end for m in entity.mentions), f"{entity.name}: nothing at {at}"


def test_seed_mentions_start_at_listed_offsets_where_the_name_starts(shared_dir: Path, nlp: Language) -> None:
    seed = shared_dir / "data" / "seed"
    text = (seed / f"{SEED}.txt").read_text(encoding="utf-8")
    ex = extract(text, nlp=nlp)
    li = _find(ex.entities, "Li Shangfu", "person")
    assert {67, 260, 350, 776, 945} <= {m.start for m in li.mentions}
    nato = _find(ex.entities, "NATO", "organization")
    assert {1286, 1507, 1646, 1713} <= {m.start for m in nato.mentions}


def test_deterministic(nlp: Language) -> None:
    text = (
        "Russian Defense Minister Sergei Shoigu met Chinese President Xi Jinping in Beijing. "
        "The minister said Russia and China would hold joint drills. Xi said he welcomed them."
    )
    first = extract(text, nlp=nlp).entities
    again = extract(text, nlp=nlp).entities
    assert first == again


def test_without_analysis_gives_no_entities() -> None:
    doc = Document(text="Li Shangfu visited Russia.")
    find_entities(doc)
    assert doc.entities == []


def test_empty_text(nlp: Language) -> None:
    assert extract("", nlp=nlp).entities == []


def test_the_country_after_a_place_of_another_country_is_not_the_last_country(nlp: Language) -> None:
    text = (
        "The North threatened a strike against the United States. Earlier Thursday, Pyongyang's state news "
        "agency said the country's armed forces were ready."
    )
    ex = extract(text, nlp=nlp)
    us = _find(ex.entities, "United States", "country")
    assert [m.text for m in us.mentions] == ["United States"]
    same = extract("Officials in France said the country would send troops.", nlp=nlp)
    assert "the country" in [m.text for m in _find(same.entities, "France", "country").mentions]


def test_salience_favours_the_lead(nlp: Language) -> None:
    text = (
        "Chinese Defense Minister Li Shangfu will visit Russia on Sunday. "
        "The trip follows talks in March. Officials in Beijing said Li would meet Russian leaders."
    )
    ents = extract(text, nlp=nlp).entities
    li = _find(ents, "Li Shangfu", "person")
    beijing = _find(ents, "Beijing", "location")
    assert li.salience == 1.0 or li.salience > beijing.salience


def test_lexicon_covers_the_un_members() -> None:
    lex = lexicon()
    assert len(lex.countries) >= 193
    assert lex.country_names[("russian", "federation")] == "RU"
    assert lex.demonyms[("chinese",)] == "CN"
    assert lex.capitals[("beijing",)] == "CN"
    assert lex.ranks[("senior", "col.")] == "Senior Colonel"
    assert lex.ranks[("lt.", "gen.")] == "Lieutenant General"


def test_organization_countries_are_known_countries() -> None:
    table = organization_countries()
    assert table[("hamas",)] == "PS"
    assert table[("itar", "tass")] == "RU"
    assert table[("us", "state", "department")] == "US"
    assert set(table.values()) <= set(lexicon().countries)


def test_city_countries_are_known_countries_and_skip_shared_names() -> None:
    table = city_countries()
    assert table[("cizre",)] == "TR"
    assert table[("bombay",)] == "IN"  # another spelling of a big city
    assert ("victoria",) not in table  # a name several countries' cities share
    assert set(table.values()) <= set(lexicon().countries)


@pytest.mark.parametrize(
    ("code", "alpha2"),
    [("USA", "US"), ("JAP", "JP"), ("ITL", "IT"), ("HUN", "HU"), ("PSE", "PS"), ("CN", "CN"), ("IGO", None),
     ("NGO", None), ("", None)],
)
def test_country_code(code: str, alpha2: str | None) -> None:
    assert country_code(code) == alpha2


def test_dateline_place_is_a_mention(nlp: Language) -> None:
    text = "BEIJING, April 14 (Xinhua) -- China said on Friday it would send a delegation to Moscow."
    ex = extract(text, nlp=nlp)
    _invariants(ex)
    beijing = _find(ex.entities, "BEIJING", "location")
    assert beijing.country == "CN"
    assert [(m.text, m.start) for m in beijing.mentions] == [("BEIJING", 0)]
    assert ex.entities[0] is beijing
