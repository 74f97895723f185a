"""``timeline settle``: run the settle job in this process.

Ingest stores new documents *unsettled* (``timeline.pipeline.settle_unsettled``): the
stored documents they share names with are re-dated by the settle job, which runs after
each call without workers, once per ``timeline ingest`` run, and as a queued task with
workers.  This runs it by hand: after workers were stopped with documents still
unsettled, or to see how many are (``--check``).  A document the job cannot settle, even
alone, is set aside with its reason (listed here, exit status 1) so that it never blocks
the others; marking it unsettled again (a new neighbour) retries it.
"""

from __future__ import annotations

import sys

import click

from timeline.commands.common import db_option, open_store, user_errors


@click.command()
@click.option("--check", is_flag=True, help="Only say how many documents are unsettled.")
@db_option
@user_errors
def settle(check: bool, db_url: str | None) -> None:
    """Re-date the neighbourhoods of the documents stored unsettled (the settle job)."""
    from timeline.pipeline import settle_unsettled

    with open_store(db_url) as store:
        if check:
            click.echo(f"{store.unsettled_count()} document(s) unsettled")
            aside = store.set_aside()
        else:
            settled = settle_unsettled(store)
            click.echo(
                f"settled {len(settled.documents)} document(s); "
                f"{len(settled.redated)} re-dated or re-read with their neighbours"
            )
            aside = store.set_aside()
    for document_id, reason in aside:
        click.echo(f"set aside: document {document_id}: {reason}", err=True)
    if aside:
        sys.exit(1)


COMMANDS = [settle]
