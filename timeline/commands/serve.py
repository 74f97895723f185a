"""``timeline serve``: the API and the page behind gunicorn, or Flask's reloader with ``--dev``.

Flask's own server is for development (one process, no worker supervision, no timeouts),
so the command runs gunicorn, the WSGI server the Flask documentation recommends first,
with its workers and threads as options (each also read from an environment variable, for
systemd units and containers).  Every option gunicorn has beyond these can be passed in
``GUNICORN_CMD_ARGS`` as for the ``gunicorn`` command itself.

The schema is migrated once, before the workers start, so they never race to migrate; a
worker's own ``create_app`` then finds it at head.  Requests are logged once each, as the
app's JSON line (``api.requestlog``): gunicorn's own access log stays off.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import click

from timeline.commands.common import db_option, user_errors
from timeline.commands.startup import database_wait, migrate_when_ready, open_write_warning
from timeline.store import database_url

DEFAULT_WORKERS = 2
DEFAULT_THREADS = 4
DEFAULT_TIMEOUT = 120  # seconds; ingesting a large batch over POST takes a while


def gunicorn_options(
    bind: str, workers: int, threads: int, timeout: int, log_level: str
) -> dict[str, Any]:
    """The gunicorn settings ``timeline serve`` runs with (before ``GUNICORN_CMD_ARGS``)."""
    return {
        "bind": [bind],
        "workers": workers,
        "threads": threads,
        # threads > 1 select gunicorn's gthread worker: one slow client ties up a thread,
        # not a whole process, and keep-alive connections are handled
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": timeout,
        "graceful_timeout": 30,
        "accesslog": None,  # the app logs each request once, as JSON
        "errorlog": "-",
        "loglevel": log_level,
        "proc_name": "timeline",
        # gunicorn 25+ opens a control socket at one fixed path per user; two servers (or a
        # server and the test suite) on one machine would fight over it
        "control_socket_disable": True,
    }


def run_gunicorn(options: dict[str, Any], factory: Callable[[], Any]) -> None:
    """Run gunicorn in this process with ``options`` and the app ``factory`` (per worker)."""
    from gunicorn.app.base import BaseApplication

    class TimelineServer(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                if key in self.cfg.settings:  # settings newer than gunicorn 22 are optional
                    self.cfg.set(key, value)
            # like the gunicorn command: GUNICORN_CMD_ARGS="--keep-alive 5 ..." wins
            parsed = self.cfg.parser().parse_args(self.cfg.get_cmd_args_from_env())
            for key, value in vars(parsed).items():
                if value is not None and key != "args":
                    self.cfg.set(key.lower(), value)

        def load(self) -> Any:
            return factory()

    TimelineServer().run()


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=5000, show_default=True, type=int)
@click.option(
    "--bind",
    metavar="ADDRESS",
    envvar="TIMELINE_BIND",
    help="HOST:PORT or unix:PATH, instead of --host/--port [env TIMELINE_BIND].",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=DEFAULT_WORKERS,
    show_default=True,
    envvar="TIMELINE_WORKERS",
    help="Worker processes (about 2 per core) [env TIMELINE_WORKERS].",
)
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=DEFAULT_THREADS,
    show_default=True,
    envvar="TIMELINE_THREADS",
    help="Threads per worker [env TIMELINE_THREADS].",
)
@click.option(
    "--timeout",
    type=click.IntRange(min=1),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    envvar="TIMELINE_TIMEOUT",
    help="Seconds a request may take before its worker is restarted [env TIMELINE_TIMEOUT].",
)
@click.option(
    "--access-log",
    metavar="DEST",
    envvar="TIMELINE_ACCESS_LOG",
    default="-",
    show_default=True,
    help="Where the JSON line per request goes: '-' (stderr), a file, or 'off' "
    "[env TIMELINE_ACCESS_LOG].",
)
@click.option(
    "--log-level",
    type=click.Choice(["debug", "info", "warning", "error"]),
    default="info",
    show_default=True,
    help="gunicorn's own log (start, workers, errors).",
)
@click.option("--dev", is_flag=True, help="Flask's development server with the reloader.")
@click.option(
    "--broker",
    metavar="URL",
    envvar="TIMELINE_BROKER_URL",
    default=None,
    help="Celery broker: posted documents become jobs for `timeline worker` "
    "[env TIMELINE_BROKER_URL].",
)
@db_option
@user_errors
def serve(
    host: str,
    port: int,
    bind: str | None,
    workers: int,
    threads: int,
    timeout: int,
    access_log: str,
    log_level: str,
    dev: bool,
    broker: str | None,
    db_url: str | None,
) -> None:
    """Serve the REST API and the timeline page (gunicorn; --dev: Flask's reloader)."""
    from api import MIGRATE_CONFIG, create_app
    from api.auth import API_KEY_CONFIG

    url = database_url(db_url)
    try:  # migrate once, before any worker starts
        migrate_when_ready(url, database_wait(), lambda line: click.echo(line, err=True))
    except RuntimeError as error:
        raise click.ClickException(str(error)) from error
    # the workers find the schema migrated, and start whether or not the database is up
    config: dict[str, Any] = {
        "TIMELINE_DATABASE_URL": url,
        "TIMELINE_ACCESS_LOG": access_log,
        MIGRATE_CONFIG: False,
    }
    if broker:
        config["TIMELINE_BROKER_URL"] = broker
        click.echo("posted documents go to the task queue: run `timeline worker`", err=True)
    if dev:
        click.echo(f"development server on http://{host}:{port}/ (reloads on change)", err=True)
        create_app(config).run(host=host, port=port, debug=True, use_reloader=True)
        return
    address = bind or f"{host}:{port}"
    warning = open_write_warning(address, os.environ.get(API_KEY_CONFIG))
    if warning:
        click.echo(warning, err=True)
    shown = address if address.startswith("unix:") else f"http://{address}/"
    click.echo(
        f"serving {shown} with gunicorn: {workers} worker(s) x {threads} thread(s) "
        f"(Ctrl-C to stop)",
        err=True,
    )
    run_gunicorn(
        gunicorn_options(address, workers, threads, timeout, log_level),
        lambda: create_app(config),
    )


COMMANDS = [serve]
