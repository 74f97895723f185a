"""``timeline date``: date files jointly, or pin a stored document's publication date."""

from __future__ import annotations

import json
from pathlib import Path

import click

from timeline.commands.common import db_option, open_store, parse_day, user_errors
from timeline.export.records import published_record
from timeline.ingest import read_path
from timeline.ingest.timeml import is_timeml, read_timeml_article
from timeline.model import Document


def _read_any(path: str, ignore_metadata: bool) -> list[Document]:
    """Articles from a file or folder; TimeML files carry their DCT as metadata."""
    root = Path(path)
    files = sorted(root.rglob("*")) if root.is_dir() else [root]
    timeml = [f for f in files if f.is_file() and is_timeml(f)]
    if not timeml:
        return read_path(path)
    return [read_timeml_article(f, with_dct=not ignore_metadata) for f in timeml]


@click.command("date")
@click.argument("targets", nargs=-1, required=True)
@click.option(
    "--set",
    "pin",
    metavar="YYYY-MM-DD",
    help="Pin the publication date of the stored document TARGET (its id).",
)
@click.option(
    "--ignore-metadata",
    is_flag=True,
    help="Ignore TimeML <DCT>, HTML meta, JSON date fields, URLs and file names.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@db_option
@user_errors
def date_command(
    targets: tuple[str, ...], pin: str | None, ignore_metadata: bool, fmt: str, db_url: str | None
) -> None:
    """Date files jointly (as one corpus), or with --set pin a stored document's date.

    \b
    timeline date seeds/ --format json        infer each file's publication date
    timeline date 3 --set 2025-09-02          pin document 3 and re-resolve what depends on it
    """
    if pin is not None:
        _pin(targets, pin, db_url)
        return
    from timeline.analysis import TextAnalysis
    from timeline.dating.corpus import date_corpus

    documents = [d for target in targets for d in _read_any(target, ignore_metadata)]
    analyses = [TextAnalysis(d.text) for d in documents]
    dates = date_corpus(documents, analyses, ignore_metadata=ignore_metadata)
    records = [
        {"name": d.name, "published": published_record(p)}
        for d, p in zip(documents, dates, strict=True)
    ]
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    for record in records:
        p = record["published"]
        if p is None:
            click.echo(f"{record['name']}: undated")
            continue
        click.echo(
            f"{record['name']}: {p['value']} ({p['start']}..{p['end']}, "
            f"{p['provenance']}, confidence {p['confidence']})"
        )
        for e in p["evidence"]:
            click.echo(f"    {e['source']}: {e['text']!r} -> {e['implies']}")


def _pin(targets: tuple[str, ...], pin: str, db_url: str | None) -> None:
    from timeline.pipeline import pin_publication_date

    if len(targets) != 1 or not targets[0].isdigit():
        raise click.UsageError("--set takes exactly one stored document id")
    day = parse_day(pin)
    with open_store(db_url) as store:
        try:
            changed = pin_publication_date(store, int(targets[0]), day)
        except KeyError:
            raise click.ClickException(f"no document with id {targets[0]}") from None
    click.echo(
        f"pinned document {targets[0]} to {day}; re-resolved {len(changed)} document(s)", err=True
    )


COMMANDS = [date_command]
