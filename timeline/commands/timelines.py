"""``timeline timelines`` and ``timeline eval timelines``: SemEval-2015 Task 4 (TimeLine).

``timelines`` reads a folder of TimeML documents in the raw-text setting (only the text,
its ``<s>`` sentences and the DCT are used; EVENT and TIMEX3 tags are ignored) and writes
one timeline per target entity in the task's format, so the task's own scorer can read
our output.  ``eval timelines`` is that scorer (``timeline.evaluation.timelines``).

User errors (a missing folder, an empty entities file, a malformed file) print one line
on stderr and exit non-zero; a malformed document is reported by name and skipped.
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from timeline.commands.eval_group import eval_group
from timeline.evaluation.timelines import (
    format_table,
    format_timeline,
    score_dirs,
    timeline_file_name,
    to_json,
)
from timeline.io.timeml import SUFFIXES, TimeMLDocument, TimeMLError, read_timeml

__all__ = ["COMMANDS", "eval_timelines", "timelines"]


def _directory(path: str, role: str) -> Path:
    directory = Path(path)
    if not directory.is_dir():
        raise click.ClickException(f"{role} {path}: no such directory")
    return directory


def read_entities(path: Path) -> list[str]:
    """Target entities, one per line (blank lines and ``#`` comments skipped, duplicates
    dropped in order)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise click.ClickException(f"--entities {path}: {error.strerror or error}") from error
    entities = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    if not entities:
        raise click.ClickException(f"--entities {path}: no entity names in it")
    return list(dict.fromkeys(entities))


@click.command("timelines")
@click.argument("docs_dir", metavar="DOCS_DIR")
@click.option(
    "--entities",
    "entities_file",
    required=True,
    metavar="FILE",
    help="Target entities, one per line (e.g. fixtures/events/trial_entities.txt).",
)
@click.option("--out", "out_dir", required=True, metavar="OUT_DIR", help="Where to write them.")
def timelines(docs_dir: str, entities_file: str, out_dir: str) -> None:
    """Write one SemEval-2015 Task 4 timeline per target entity from the TimeML documents
    of DOCS_DIR (raw text + DCT; gold EVENT tags are ignored).

    Each timeline is OUT_DIR/<entity lower-cased, spaces as _>.txt: the entity, then
    ORDER<TAB>DATE<TAB>DOCID-SENTID-TOKEN[<TAB>...] lines.
    """
    from timeline.tasks.semeval_timelines import build_timelines  # models load when needed

    source = _directory(docs_dir, "DOCS_DIR")
    entities = read_entities(Path(entities_file))
    paths = sorted(p for p in source.iterdir() if p.is_file() and p.name.endswith(SUFFIXES))
    if not paths:
        raise click.ClickException(f"DOCS_DIR {docs_dir}: no .tml or .TE3input files")
    documents: list[TimeMLDocument] = []
    for path in paths:
        try:
            documents.append(read_timeml(path))
        except TimeMLError as error:
            click.echo(f"error: {error}", err=True)
    target = Path(out_dir)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise click.ClickException(f"OUT_DIR {out_dir}: {error.strerror or error}") from error
    started = time.perf_counter()
    built = build_timelines(documents, entities)
    for timeline in built:
        path = target / timeline_file_name(timeline.entity)
        if path.resolve().parent != target.resolve():  # a file name is never a path
            raise click.ClickException(f"{timeline.entity!r}: no safe file name in {target}")
        try:
            path.write_text(format_timeline(timeline), encoding="utf-8")
        except OSError as error:
            raise click.ClickException(f"{path}: {error.strerror or error}") from error
    events = sum(len(line.events) for t in built for line in t.lines)
    click.echo(
        f"wrote {len(built)} timelines ({events} events) from {len(documents)} documents "
        f"into {target} in {time.perf_counter() - started:.1f} s",
        err=True,
    )
    if len(documents) < len(paths):
        raise click.ClickException(f"{len(paths) - len(documents)} file(s) could not be read")


@eval_group.command("timelines")
@click.argument("gold_dir", metavar="GOLD_DIR")
@click.argument("system_dir", metavar="SYSTEM_DIR")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A table, or JSON with the metrics as fractions and the counts per timeline.",
)
def eval_timelines(gold_dir: str, system_dir: str, fmt: str) -> None:
    """Score the timelines of SYSTEM_DIR against GOLD_DIR (SemEval-2015 Task 4: temporal
    awareness, micro-averaged; files paired by name, a missing one counts as empty)."""
    gold, system = _directory(gold_dir, "GOLD_DIR"), _directory(system_dir, "SYSTEM_DIR")
    try:
        score = score_dirs(gold, system)
    except (ValueError, OSError) as error:
        raise click.ClickException(str(error)) from error
    if not score.parts:
        raise click.ClickException(f"GOLD_DIR {gold_dir}: no .txt timelines")
    click.echo(to_json(score) if fmt == "json" else format_table(score))


COMMANDS: list[click.Command] = [timelines, eval_group]
