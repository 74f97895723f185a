"""The ``timeline eval`` command group: scorers of the library's output against gold data.

It lives in a module of its own so that every scorer (``eval tempeval`` in
``timeline.commands.timeml``, later ``eval timelines``) adds its sub-command to the one
group without importing another scorer's module::

    from timeline.commands.eval_group import eval_group

    @eval_group.command("timelines")
    def timelines(...): ...

and lists ``eval_group`` in its own ``COMMANDS`` (registering the same group twice is
harmless: click keeps one entry per name).
"""

from __future__ import annotations

import click

__all__ = ["eval_group"]


@click.group("eval")
def eval_group() -> None:
    """Score the library's output against gold annotations."""
