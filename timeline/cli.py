"""The ``timeline`` command line: ingest articles, dump the ordered timeline, tag text, serve.

Every command takes ``--db URL`` (else ``$TIMELINE_DATABASE_URL``, else
``sqlite:///timeline.db``).  Errors a user can cause (a missing file, a bad date, an
unreachable database) print one line on stderr and exit non-zero, never a traceback.
"""

from __future__ import annotations

import sys

import click

from timeline import __version__
from timeline.commands.common import (
    db_option,
    echo_json,
    open_store,
    parse_day,
    user_errors,
)
from timeline.export.records import document_record, expression_record
from timeline.language import is_supported


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="timeline")
def main() -> None:
    """Read news articles and reconstruct what happened when."""


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@db_option
@user_errors
def documents(fmt: str, db_url: str | None) -> None:
    """List ingested documents with their publication dates and languages.

    The language is an ISO 639-1 code, ``?`` while undetermined, and ends in ``!`` when
    the tagger does not read it (its dates and events may be wrong or missing).
    """
    with open_store(db_url) as store:
        docs = store.documents()
    if fmt == "json":
        echo_json([document_record(d) for d in docs])
        return
    for d in docs:
        p = d.published
        when = f"{p.value:<10} {p.provenance.value:<8} conf {p.confidence:.2f}" if p else "undated"
        language = (d.language or "?") + ("" if is_supported(d.language) else "!")
        click.echo(f"{d.id:>4}  {when}  {language:<3}  {d.name}  {d.title or ''}".rstrip())


@main.command()
@click.argument("text")
@click.option("--dct", metavar="YYYY-MM-DD", help="Reference (publication) date.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@db_option
@user_errors
def tag(text: str, dct: str | None, fmt: str, db_url: str | None) -> None:
    """Tag and resolve the temporal expressions of TEXT ('-' reads stdin).

    Tagging reads no store; ``--db`` is accepted so that every command takes it.
    """
    from timeline.temporal import tag as tag_text

    if text == "-":
        text = sys.stdin.read()
    reference = parse_day(dct) if dct else None
    expressions = tag_text(text, reference)
    if fmt == "json":
        echo_json([expression_record(e) for e in expressions])
        return
    for e in expressions:
        span = f"{e.interval.start}..{e.interval.end}" if e.interval else ""
        click.echo(
            f"{e.char_start:>5}-{e.char_end:<5} {e.type.value:<8} {e.value:<16} {span:<24} {e.text}"
        )


def _register_commands() -> None:
    from timeline.commands import register

    register(main)


_register_commands()

if __name__ == "__main__":  # pragma: no cover
    main()
