"""Every entry filter on both front doors: ``timeline dump`` and ``GET /api/v1/timeline``.

One store (the five seeds) is read through both; for each filter the CLI's and the API's
answers must be the same entries, and exactly those the filter's meaning picks out of the
unfiltered timeline (computed here independently), and neither empty nor everything.
Bad values are refused by both, in the same words.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from api import close_store, create_app
from timeline.cli import main
from timeline.commands.dump import DumpFilterSchema
from timeline.events.salience import SALIENT
from timeline.filters import option_names
from timeline.ingest import read_path
from timeline.pipeline import ingest_documents
from timeline.store import EntryQuery, Store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
Entry = dict[str, Any]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('filters') / 'seeds.db'}"
    with Store(url) as store:
        store.migrate()
        ingest_documents(store, read_path(SEEDS))
    return url


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[FlaskClient]:
    app = create_app({"TESTING": True, "TIMELINE_DATABASE_URL": db})
    yield app.test_client()
    close_store(app)


def cli(db: str, *args: str) -> list[Entry]:
    """``timeline dump --all``: every entry, as ``GET /timeline`` lists them."""
    result = CliRunner().invoke(main, ["dump", "--all", "--format", "json", "--db", db, *args])
    assert result.exit_code == 0, result.output
    entries: list[Entry] = json.loads(result.stdout)
    return entries


def api(client: FlaskClient, query: str) -> list[Entry]:
    response = client.get(f"/api/v1/timeline?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    entries: list[Entry] = response.get_json()
    return entries


def _overlaps(entry: Entry, lo: str, hi: str) -> bool:
    return entry["start"] < hi and entry["end"] > lo


@dataclass(frozen=True)
class Case:
    cli: tuple[str, ...]
    api: str
    expected: Callable[[list[Entry]], list[Entry]]  # from the unfiltered timeline


def _keep(test: Callable[[Entry], bool]) -> Callable[[list[Entry]], list[Entry]]:
    return lambda entries: [e for e in entries if test(e)]


CASES = {
    "from/to": Case(
        ("--from", "2025-08", "--to", "2025-08"),
        "start=2025-08&end=2025-08",
        _keep(lambda e: _overlaps(e, "2025-08-01", "2025-09-01")),
    ),
    "mode": Case(
        ("--from", "2025", "--to", "2025", "--mode", "within"),
        "start=2025&end=2025&mode=within",
        _keep(lambda e: e["start"] >= "2025-01-01" and e["end"] <= "2026-01-01"),
    ),
    "entity": Case(
        ("--entity", "putin"),
        "entity=putin",
        _keep(lambda e: any(n.casefold().split()[-1] == "putin" for n in e["entities"])),
    ),
    "q": Case(
        ("-q", "Alaska"),
        "q=Alaska",
        _keep(
            lambda e: (
                "alaska" in (e["title"] + e["text"]).casefold()
                or any("alaska" in s["sentence"].casefold() for s in e["sources"])
            )
        ),
    ),
    "document": Case(
        ("--document", "2"),
        "document=2",
        _keep(lambda e: any(s["document"] == 2 for s in e["sources"])),
    ),
    "min_confidence": Case(
        ("--min-confidence", "0.5"),
        "min_confidence=0.5",
        _keep(lambda e: e["confidence"] >= 0.5),
    ),
    "granularity": Case(
        ("--granularity", "day,week"),
        "granularity=day,week",
        _keep(lambda e: e["granularity"] in ("day", "week")),
    ),
    "min_salience": Case(
        ("--min-salience", "0.5"),
        "min_salience=0.5",
        _keep(lambda e: e["salience"] >= 0.5),
    ),
    "entity_type": Case(
        ("--entity-type", "organisation,place"),
        "entity_type=organisation,place",
        _keep(lambda e: any(p["type"] in ("organisation", "place") for p in e["participants"])),
    ),
    "sort": Case(("--sort=-time",), "sort=-time", lambda entries: entries[::-1]),
    "sort by salience": Case(
        ("--sort", "salience"),
        "sort=salience",
        lambda entries: sorted(entries, key=lambda e: -e["salience"]),
    ),
    "limit": Case(("--limit", "3"), "limit=3", lambda entries: entries[:3]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_filter_is_the_same_on_both_front_doors(
    name: str, db: str, client: FlaskClient
) -> None:
    case = CASES[name]
    everything = cli(db)
    expected = case.expected(everything)
    assert expected and expected != everything, "the filter must pick some entries, not all"
    assert cli(db, *case.cli) == expected
    assert api(client, case.api) == expected


def test_dump_lists_the_salient_entries_unless_asked_for_all(db: str, client: FlaskClient) -> None:
    everything = cli(db)
    salient = [e for e in everything if e["salience"] >= SALIENT]
    assert salient and len(salient) < len(everything)
    result = CliRunner().invoke(main, ["dump", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == salient
    left_out = len(everything) - len(salient)
    assert f"{left_out} less salient entries (salience below {SALIENT}) left out" in result.stderr
    assert "--all" in result.stderr
    # the same as the API's min_salience; an explicit threshold replaces the default
    assert api(client, f"min_salience={SALIENT}") == salient
    assert cli(db, "--min-salience", "0") == everything
    lowered = CliRunner().invoke(
        main, ["dump", "--format", "json", "--db", db, "--min-salience", "0"]
    )
    assert json.loads(lowered.stdout) == everything and lowered.stderr == ""


def test_filters_combine_the_same_way(db: str, client: FlaskClient) -> None:
    args = ("--from", "2025", "--entity", "trump", "--granularity", "month,year", "--sort=-time")
    query = "start=2025&entity=trump&granularity=month,year&sort=-time"
    combined = cli(db, *args)
    assert combined and combined == api(client, query)
    assert all(e["granularity"] in ("month", "year") for e in combined)


def test_every_schema_field_is_an_option_and_every_query_field_a_filter() -> None:
    """A new filter is one schema field: its option and its EntryQuery field follow."""
    schema = DumpFilterSchema()
    helped = CliRunner().invoke(main, ["dump", "--help"]).output
    for name, field in schema.fields.items():
        assert option_names(name, field)[-1] in helped, name
    loaded = schema.load(
        {
            "start": "2025-08",
            "end": "2025-09",
            "mode": "within",
            "entity": "putin",
            "q": "met",
            "document": "3",
            "min_confidence": "0.5",
            "granularity": "day",
            "min_salience": "0.4",
            "entity_type": "person",
            "sort": "-time",
            "limit": "5",
        }
    )
    query: EntryQuery = loaded["query"]
    defaults = EntryQuery()
    unset = [
        f.name
        for f in dataclasses.fields(EntryQuery)
        if getattr(query, f.name) == getattr(defaults, f.name)
    ]
    # the API's cursor (the CLI has no pages), and the order by salience (not with -time)
    assert unset == ["by_salience", "after", "after_salience"]
    assert (query.start, query.end) == (date(2025, 8, 1), date(2025, 10, 1))


@pytest.mark.parametrize(
    ("cli_args", "api_query", "field", "option"),
    [
        (("--min-confidence", "2"), "min_confidence=2", "min_confidence", "--min-confidence"),
        (("--granularity", "fortnight"), "granularity=fortnight", "granularity", "--granularity"),
        (("--from", "2025-13"), "start=2025-13", "start", "--from"),
        (("--from", "2025-09", "--to", "2025-08"), "start=2025-09&end=2025-08", "end", "--to"),
        (("--mode", "sideways"), "mode=sideways", "mode", "--mode"),
        (("--sort", "size"), "sort=size", "sort", "--sort"),
        (("--min-salience", "1.5"), "min_salience=1.5", "min_salience", "--min-salience"),
        (("--entity-type", "animal"), "entity_type=animal", "entity_type", "--entity-type"),
        (("--document", "x"), "document=x", "document", "--document"),
    ],
)
def test_bad_values_are_refused_by_both_in_the_same_words(
    db: str,
    client: FlaskClient,
    cli_args: tuple[str, ...],
    api_query: str,
    field: str,
    option: str,
) -> None:
    response = client.get(f"/api/v1/timeline?{api_query}")
    assert response.status_code == 422
    problem = response.get_json()["errors"]["query"][field]
    words = " ".join(problem) if isinstance(problem, list) else json.dumps(problem)
    result = CliRunner().invoke(main, ["dump", "--db", db, *cli_args])
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {option}")
    for message in problem if isinstance(problem, list) else problem.values():
        assert str(message if isinstance(message, str) else message[0]) in line, words
    assert "Traceback" not in result.output


def test_output_file_takes_its_format_from_the_suffix(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    everything = cli(db)

    def dump_to(name: str, *args: str) -> str:
        result = runner.invoke(
            main, ["dump", "--all", "--db", db, "-o", str(tmp_path / name), *args]
        )
        assert result.exit_code == 0, result.output
        assert result.stdout == ""
        return (tmp_path / name).read_text(encoding="utf-8")

    assert json.loads(dump_to("all.json")) == everything
    rows = list(csv.DictReader(io.StringIO(dump_to("all.csv"))))
    assert [int(r["id"]) for r in rows] == [e["id"] for e in everything]
    assert [float(r["confidence"]) for r in rows] == [e["confidence"] for e in everything]
    text = dump_to("all.txt")
    assert f"entry {everything[0]['id']}, confidence {everything[0]['confidence']:.2f}" in text
    # --format wins over the suffix; filters apply to files too
    assert json.loads(dump_to("two.txt", "--format", "json", "--limit", "2")) == everything[:2]
    one = runner.invoke(
        main, ["dump", "--all", "--db", db, "--limit", "1", "-o", str(tmp_path / "1.csv")]
    )
    assert one.stderr == f"wrote 1 entry to {tmp_path / '1.csv'} (csv)\n"
    unknown = runner.invoke(main, ["dump", "--db", db, "-o", str(tmp_path / "all.xlsx")])
    assert unknown.exit_code == 1
    assert "give --format" in unknown.stderr and not (tmp_path / "all.xlsx").exists()


def test_the_text_dump_shows_ids_confidence_salience_statements_and_types(db: str) -> None:
    result = CliRunner().invoke(main, ["dump", "--db", db, "--sort", "salience", "--limit", "3"])
    assert result.exit_code == 0, result.output
    shown = cli(db, "--sort", "salience", "--limit", "3")
    blocks = [b.splitlines() for b in result.stdout.strip().split("\n\n")]
    assert len(blocks) == len(shown) == 3
    for block, entry in zip(blocks, shown, strict=True):
        assert block[0].startswith(entry["value"]) and entry["title"] in block[0]
        remarks = ", remarks" if entry["kind"] == "remarks" else ""
        assert block[-1].strip() == (
            f"entry {entry['id']}, confidence {entry['confidence']:.2f}, "
            f"salience {entry['salience']:.2f}{remarks}"
        )
        said = [line.strip() for line in block if line.strip().startswith("said: ")]
        speakers = list(dict.fromkeys((s["speaker"], s["text"]) for s in entry["statements"]))
        assert len(said) == min(3, len(speakers)) + (len(speakers) > 3)
        for line, (speaker, _) in zip(said[:3], speakers, strict=False):
            assert line.startswith(f"said: {speaker or '(unnamed)'}: ")
        if entry["participants"]:
            first = entry["participants"][0]
            who = next(line.strip() for line in block if line.strip().startswith("who: "))
            assert who.startswith(f"who: {first['name']} ({first['type']})")
    # the most salient entries of the seeds have statements made at them
    assert any(entry["statements"] for entry in shown)
