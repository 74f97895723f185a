"""``timeline date``: date files jointly, or pin a stored document's publication date."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import click

from timeline.commands.common import (
    check_dates_option,
    db_option,
    open_store,
    parse_day,
    user_errors,
)
from timeline.export.records import published_record
from timeline.ingest import SUPPORTED_SUFFIXES, IngestError
from timeline.ingest.readers import read_source
from timeline.ingest.sources import list_sources
from timeline.model import Document


@dataclass
class _Read:
    """What reading the targets gave: documents to date, files that failed, files left out."""

    documents: list[Document] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)
    skipped: list[str] = field(default_factory=list)  # "path (reason)"


def _read(targets: tuple[str, ...]) -> _Read:
    """Every readable document under ``targets``; a file that cannot be read is a failure
    with its reason, and never stops the others.  A web page with no article text is kept
    with what it declares (its metadata may still date it)."""
    out = _Read()
    for target in targets:
        try:
            sources, skipped = list_sources(target, SUPPORTED_SUFFIXES)
        except IngestError as error:
            out.failed.append((target, error.reason))
            continue
        out.skipped += [f"{s.source} ({s.reason.value})" for s in skipped]
        for source in sources:
            try:
                out.documents += read_source(source)
            except IngestError as error:
                if error.partial is not None:
                    out.documents.append(error.partial)
                else:
                    out.failed.append((source.name, error.reason))
    return out


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
@check_dates_option
@db_option
@user_errors
def date_command(
    targets: tuple[str, ...], pin: str | None, ignore_metadata: bool, fmt: str, db_url: str | None
) -> None:
    """Date files jointly (as one corpus), or with --set pin a stored document's date.

    Every readable file is dated; one that cannot be read (or that nothing dates) is
    listed with the reason, and the exit status is then 1.

    \b
    timeline date seeds/ --format json        infer each file's publication date
    timeline date 3 --set 2025-09-02          pin document 3 and re-resolve what depends on it
    """
    if pin is not None:
        _pin(targets, pin, db_url)
        return
    from timeline.analysis import TextAnalysis
    from timeline.dating.corpus import date_batch

    read = _read(targets)
    documents = read.documents
    dated = date_batch(
        documents, [TextAnalysis(d.text) for d in documents], ignore_metadata=ignore_metadata
    )
    records: list[dict[str, Any]] = [
        {"name": d.name, "published": published_record(r.published), "error": r.error}
        for d, r in zip(documents, dated, strict=True)
    ]
    records += [{"name": name, "published": None, "error": why} for name, why in read.failed]
    for skipped in read.skipped:
        click.echo(f"skipped: {skipped}", err=True)
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        for record in records:
            _echo_text(record)
    if any(record["error"] for record in records):
        sys.exit(1)


def _echo_text(record: dict[str, Any]) -> None:
    p = record["published"]
    if p is None:
        click.echo(f"{record['name']}: undated ({record['error']})")
        return
    # a reader's interval names its last day (the records' ``end`` is exclusive)
    last = date.fromisoformat(p["end"]) - timedelta(days=1)
    days = p["start"] if last.isoformat() == p["start"] else f"{p['start']} to {last}"
    click.echo(
        f"{record['name']}: {p['value']} ({days}, point {p['point']}, "
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
