"""The event taxonomy data: PLOVER backbone, newsroom types, CAMEO mapping, trigger lexicon."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from service.pipeline import taxonomy

PLOVER_16 = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}
NEWSROOM = {
    "acquisition",
    "merger",
    "earnings_report",
    "layoffs",
    "bankruptcy",
    "ipo",
    "product_launch",
    "arrest",
    "charge",
    "trial",
    "verdict",
    "sentence",
    "election",
    "appointment",
    "resignation",
    "legislation_passed",
    "earthquake",
    "flood",
    "storm",
    "fire",
    "crash",
    "death",
    "statement",
}


def _cameo_table(shared_dir: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    text = (shared_dir / "data/plover-gsr/CAMEO2PLOVER-2021.txt").read_text("utf-8")
    for line in text.splitlines():
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if match and len(match.group(1)) > 2:
            table.setdefault(match.group(1), match.group(2))
    return table


def test_plover_backbone_has_the_16_v2_categories_with_modes() -> None:
    cats = {c["type"]: c for c in taxonomy.plover_categories()}
    assert set(cats) == PLOVER_16
    modes = {t: {m["mode"] for m in c["modes"]} for t, c in cats.items()}  # type: ignore[attr-defined]
    assert {"visit", "third-party", "multilateral", "phone"} == modes["CONSULT"]
    assert {"disapprove", "investigate", "allege"} == modes["ACCUSE"]
    assert {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"} == modes["PROTEST"]
    assert {"abduct", "beat", "torture", "assassinate", "explosives", "suicide-attack"} <= modes["ASSAULT"]


def test_every_plover_category_has_at_least_one_event_type() -> None:
    covered = {t["plover"]["type"] for t in taxonomy.event_types() if t["plover"]}  # type: ignore[index]
    assert covered == PLOVER_16


def test_types_are_unique_snake_case_with_roles_and_triggers() -> None:
    types = taxonomy.event_types()
    names = [t["type"] for t in types]
    assert len(names) == len(set(names))
    assert set(names) >= NEWSROOM
    for t in types:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", str(t["type"])), t["type"]
        assert t["label"] and t["roles"], t["type"]
        triggers = t["triggers"]
        assert isinstance(triggers, dict) and any(triggers.values()), t["type"]


def test_visit_matches_the_seed_contract() -> None:
    visit = next(t for t in taxonomy.event_types() if t["type"] == "visit")
    assert visit["plover"] == {"type": "CONSULT", "mode": "visit"}
    assert visit["cameo"] == "042"
    assert visit["roles"] == ["actor", "recipient"]
    acquisition = next(t for t in taxonomy.event_types() if t["type"] == "acquisition")
    assert acquisition["roles"] == ["acquirer", "target", "seller", "price"]
    assert acquisition["plover"] is None


def test_event_types_is_json_ready() -> None:
    payload = json.loads(json.dumps(taxonomy.event_types()))
    assert payload == taxonomy.event_types()
    assert set(payload[0]) == {"type", "label", "category", "roles", "plover", "cameo", "triggers"}


def test_cameo_codes_agree_with_the_cameo_to_plover_table(shared_dir: Path) -> None:
    table = _cameo_table(shared_dir)
    for name in (t["type"] for t in taxonomy.event_types()):
        spec = taxonomy.event_type(str(name))
        if spec.cameo is None or spec.plover is None:
            continue
        assert spec.cameo in table, (name, spec.cameo)
        if spec.cameo_note is None:
            assert table[spec.cameo] == spec.plover.type, (name, spec.cameo, table[spec.cameo])


def test_lexicon_compiles_without_conflicts() -> None:
    lex = taxonomy.lexicon()
    assert lex.verbs["visit"][0].type == "visit"
    assert {p.type for p in lex.nouns["strike"]} >= {"strike", "hunger_strike", "heavy_weapons_attack"}
    # Most specific pattern first: "call for ~aid" before "call for".
    call = [p.text for p in lex.verbs["call"]]
    assert call.index("call for ~aid") < call.index("call for")


def test_a_trigger_claimed_by_two_types_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = json.loads(json.dumps(taxonomy._raw()))
    raw["types"][1]["triggers"]["verbs"] = [*raw["types"][1]["triggers"].get("verbs", []), "visit"]
    monkeypatch.setattr(taxonomy, "_raw", lambda: raw)
    taxonomy._types.cache_clear()
    taxonomy.lexicon.cache_clear()
    try:
        with pytest.raises(ValueError, match="claimed by both"):
            taxonomy.lexicon()
    finally:
        monkeypatch.undo()
        taxonomy._types.cache_clear()
        taxonomy.lexicon.cache_clear()


def test_quads() -> None:
    assert taxonomy.quad_of("CONSULT") == "verbal cooperation"
    assert taxonomy.quad_of("ASSAULT") == "material conflict"
    assert taxonomy.quad_of("NOPE") is None
