"""Sub-commands of the ``timeline`` CLI that live in their own modules.

Each module defines click commands and lists them in ``COMMANDS``; ``timeline.cli``
registers every module named in ``MODULES``, so adding a command never means editing
another command's code.
"""

from __future__ import annotations

import importlib

import click

MODULES: tuple[str, ...] = (
    "ingest",
    "dump",
    "timeml",
    "dating",
    "timelines",
    "serve",
    "migrate",
    "worker",
    "settle",
)


def register(group: click.Group) -> None:
    for name in MODULES:
        module = importlib.import_module(f"timeline.commands.{name}")
        for command in module.COMMANDS:
            group.add_command(command)
