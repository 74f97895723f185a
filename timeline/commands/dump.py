"""``timeline dump``: the ordered timeline, with every filter the API has, to stdout or a file.

The filters are the API's (``timeline.filters.EntryFilterSchema``: same names as
options, same validation, same ``EntryQuery`` for the store), plus ``--limit``; the
formats are the API's too (``timeline.export.formats``).

By default it lists the salient entries only (salience at least
``timeline.events.salience.SALIENT``), the timeline an editor would keep, and says on
stderr how many it left out; ``--all`` (or an explicit ``--min-salience``) lists the
others too.  ``GET /api/v1/timeline`` is ``timeline dump --all``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import click
from marshmallow import fields, validate

from timeline.commands.common import db_option, open_store, user_errors
from timeline.events.salience import SALIENT
from timeline.export.formats import FORMAT_NAMES, FORMATS, format_for_path, get_format
from timeline.filters import EntryFilterSchema, cli_options, load_options
from timeline.store import EntryQuery


class DumpFilterSchema(EntryFilterSchema):
    """The entry filters and, the CLI having no pages, a plain cap on the count."""

    limit = fields.Integer(
        validate=validate.Range(min=1),
        metadata={
            "description": "At most this many entries (the first in the chosen order).",
            "metavar": "N",
        },
    )


_FILTERS = DumpFilterSchema()


@click.command()
@cli_options(_FILTERS)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES),
    default=None,
    help=(
        "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()).replace("`", "'")
        + ". Default: from -o's suffix, else text."
    ),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of stdout; its suffix (.json, .csv, .txt) picks the format.",
)
@click.option(
    "--all",
    "every",
    is_flag=True,
    help=(
        f"Every entry, not only the salient ones (salience {SALIENT} and above, the "
        "default; --min-salience sets another threshold)."
    ),
)
@db_option
@user_errors
def dump(
    fmt: str | None,
    output: Path | None,
    every: bool,
    db_url: str | None,
    **filters: str | None,
) -> None:
    """Print (or write) the ordered timeline, filtered as the API filters it: by
    default its salient entries (--all for every one).

    \b
    timeline dump --from 2025-08 --to 2025-09 --entity putin
    timeline dump --all --min-confidence 0.8 --granularity day,week --sort=-time --limit 20
    timeline dump --sort salience --entity-type person --limit 10
    timeline dump --all --document 3 -o document3.csv
    """
    asked: EntryQuery = load_options(_FILTERS, filters)["query"]
    salient_only = not every and asked.min_salience is None
    query = replace(asked, min_salience=SALIENT) if salient_only else asked
    if fmt is not None:
        export = get_format(fmt)
    elif output is not None:
        export = format_for_path(output)
    else:
        export = get_format("text")
    with open_store(db_url) as store:
        entries = store.entries(query)
        hidden = 0
        if salient_only:
            everything = store.entries(replace(asked, limit=None))
            hidden = sum(e.salience < SALIENT for e in everything)
    if hidden:
        click.echo(
            f"{hidden} less salient {'entry' if hidden == 1 else 'entries'} (salience "
            f"below {SALIENT}) left out: --all lists every entry",
            err=True,
        )
    rendered = export.render(entries, indent=2 if export.is_json else None)
    if output is not None:
        _write(output, rendered + ("\n" if export.is_json else ""))
        noun = "entry" if len(entries) == 1 else "entries"
        click.echo(f"wrote {len(entries)} {noun} to {output} ({export.name})", err=True)
    elif export.is_json:
        click.echo(rendered)
    elif export.name == "text":
        click.echo(rendered or "(the timeline is empty)")
    else:
        click.echo(rendered, nl=False)


def _write(path: Path, text: str) -> None:
    """Write the whole file or, on failure, leave what was there before."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ValueError(f"cannot write {path}: {error.strerror or error}") from None


COMMANDS: tuple[Any, ...] = (dump,)
