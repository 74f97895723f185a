"""What ``timeline serve`` checks before it starts its workers.

The database: a server started before its database (a container, a reboot) waits a
bounded time for it and says so once, instead of dying with a traceback per worker;
``TIMELINE_DATABASE_WAIT`` seconds (30 by default, 0 not to wait).  Past that it gives up
with one line saying why.  Once the server runs, a database that goes away is answered
with 503 and ``Retry-After`` (``api.errors``), and the workers keep serving.

Who can write: an API without ``TIMELINE_API_KEY`` lets anyone who reaches it write; that
is fine on the loopback interface (a local tool), and worth a warning anywhere else.
"""

from __future__ import annotations

import ipaddress
import os
import time
from collections.abc import Callable

from timeline.store import Store
from timeline.store.errors import UNAVAILABLE_ERRORS, database_message

WAIT_SETTING = "TIMELINE_DATABASE_WAIT"
DEFAULT_WAIT_SECONDS = 30.0
_RETRY_EVERY = 1.0


def database_wait(configured: str | None = None) -> float:
    """Seconds to wait for the database: ``configured``, else the setting, else 30."""
    value = configured if configured is not None else os.environ.get(WAIT_SETTING, "")
    try:
        return max(0.0, float(value)) if value.strip() else DEFAULT_WAIT_SECONDS
    except ValueError:
        raise ValueError(f"{WAIT_SETTING} must be a number of seconds, not {value!r}") from None


def migrate_when_ready(
    url: str,
    wait: float,
    say: Callable[[str], None],
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Migrate the database at ``url``, waiting up to ``wait`` seconds for it to answer.

    Says once that it is waiting and why; raises ``RuntimeError`` with the last reason when
    the time is up.  Errors other than an unavailable database (a bad URL, a failed
    migration) are raised at once: waiting would not mend them.
    """
    deadline = time.monotonic() + wait
    waiting = False
    while True:
        store = Store(url)
        try:
            store.migrate()
            return
        except UNAVAILABLE_ERRORS as error:
            reason = database_message(error)
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError(
                    f"the database did not answer within {wait:g} s ({WAIT_SETTING}): {reason}"
                ) from error
            if not waiting:
                say(f"waiting up to {wait:g} s for the database: {reason}")
                waiting = True
            sleep(min(_RETRY_EVERY, left))
        finally:
            store.close()


def open_write_warning(address: str, api_key: str | None) -> str | None:
    """A warning when ``address`` (HOST:PORT) is reachable from other machines and writes
    need no key; None on loopback, on a Unix socket or with a key."""
    if api_key or address.startswith("unix:"):
        return None
    host = address.rsplit(":", 1)[0].strip("[]")
    if host == "localhost":
        return None
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        pass  # a host name: it may resolve to any interface
    return (
        f"warning: serving on {address} without TIMELINE_API_KEY: anyone who can reach it "
        "can add, re-date and delete documents (set TIMELINE_API_KEY, or bind 127.0.0.1)"
    )
