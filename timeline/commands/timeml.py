"""``timeline annotate`` and ``timeline eval tempeval``: the tagger on TimeML corpora
(the CLI of the TempEval adapters in ``timeline.tasks.tempeval``).

``annotate`` turns a folder of TimeML (or TempEval-3 ``.TE3input``) files into the same
files tagged by our tagger, so any TimeML tool, the TempEval-3 scorer included, can read
our output.  ``eval tempeval`` scores such a folder against a gold one.

User errors print one line on stderr and exit non-zero (click's ``ClickException``); a
malformed input file is reported by name and the other files are still processed.
"""

from __future__ import annotations

from pathlib import Path

import click

from timeline.commands.eval_group import eval_group
from timeline.io.timeml import SUFFIXES, TimeMLError, document_stem, read_timeml
from timeline.tasks.tempeval import annotate as annotate_document
from timeline.tasks.tempeval import format_table, score_dirs, to_json

__all__ = ["COMMANDS", "annotate", "eval_group", "tempeval"]


def _directory(path: str, role: str) -> Path:
    directory = Path(path)
    if not directory.exists():
        raise click.ClickException(f"{role} {path}: no such directory")
    if not directory.is_dir():
        raise click.ClickException(f"{role} {path}: not a directory")
    return directory


def _inputs(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.is_file() and p.name.endswith(SUFFIXES))


@click.command()
@click.argument("input_dir", metavar="INPUT_DIR")
@click.argument("output_dir", metavar="OUTPUT_DIR")
def annotate(input_dir: str, output_dir: str) -> None:
    """Tag every *.tml / *.TE3input file of INPUT_DIR and write <stem>.tml to OUTPUT_DIR.

    Each file's TEXT is tagged against its own DCT; the gold TIMEX3 tags of TEXT are
    replaced by ours and everything else is copied unchanged.
    """
    source = _directory(input_dir, "INPUT_DIR")
    target = Path(output_dir)
    if target.exists() and not target.is_dir():
        raise click.ClickException(f"OUTPUT_DIR {output_dir}: not a directory")
    if target.exists() and target.resolve() == source.resolve():
        raise click.ClickException("OUTPUT_DIR must differ from INPUT_DIR (it would overwrite it)")
    paths = _inputs(source)
    if not paths:
        raise click.ClickException(f"INPUT_DIR {input_dir}: no .tml or .TE3input files")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise click.ClickException(f"OUTPUT_DIR {output_dir}: {error.strerror}") from error
    failed = 0
    written: dict[str, Path] = {}
    expressions = 0
    for path in paths:
        stem = document_stem(path.name)
        if stem in written:
            click.echo(
                f"error: {path}: same output name as {written[stem].name}, skipped", err=True
            )
            failed += 1
            continue
        try:
            doc = read_timeml(path)
            if doc.dct is None:
                click.echo(
                    f"warning: {path}: no DCT, relative expressions stay unresolved", err=True
                )
            output, found = annotate_document(doc)
        except TimeMLError as error:  # its message names the file
            click.echo(f"error: {error}", err=True)
            failed += 1
            continue
        except Exception as error:  # a tagger bug must not stop the other documents
            click.echo(f"error: {path}: tagging failed: {type(error).__name__}: {error}", err=True)
            failed += 1
            continue
        try:
            (target / f"{stem}.tml").write_text(output, encoding="utf-8")
        except OSError as error:
            raise click.ClickException(f"{target / stem}.tml: {error.strerror}") from error
        written[stem] = path
        expressions += len(found)
    click.echo(
        f"annotated {len(written)} of {len(paths)} documents ({expressions} expressions) "
        f"into {target}",
        err=True,
    )
    if failed:
        raise click.ClickException(f"{failed} file(s) failed")


@eval_group.command("tempeval")
@click.argument("gold_dir", metavar="GOLD_DIR")
@click.argument("system_dir", metavar="SYSTEM_DIR")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A table, or JSON with the metrics as fractions and the counts per document.",
)
def tempeval(gold_dir: str, system_dir: str, fmt: str) -> None:
    """Score the TIMEX3 tags of SYSTEM_DIR against GOLD_DIR (TempEval-3: strict and relaxed
    P/R/F1, value and type F1), files paired by stem."""
    gold, system = _directory(gold_dir, "GOLD_DIR"), _directory(system_dir, "SYSTEM_DIR")
    try:
        score = score_dirs(gold, system)
    except TimeMLError as error:
        raise click.ClickException(str(error)) from error
    click.echo(to_json(score) if fmt == "json" else format_table(score))


COMMANDS: list[click.Command] = [annotate, eval_group]
