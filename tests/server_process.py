"""``timeline serve`` as a subprocess on a free port, for the tests that need a real server.

One helper for every such test (``tests/cli``, ``tests/hardening``): start the command in a
session of its own, wait until ``/healthz`` answers, yield, then stop the whole session
(the server and, with ``--dev``, its reloader child).

Waiting is not timed: the server is polled for as long as its process lives, and a
process that exits fails the test with its stderr.  ``HANG_GUARD_S`` only stops a test
that would otherwise wait forever (a server that neither answers nor exits); it is
minutes, far beyond any start on a loaded machine, and says so when it fires, so no
slow start can fail a test.  (A module of its own, as ``corpus_fixtures``: every folder's
``conftest`` is named ``conftest``.)
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

HANG_GUARD_S = 600  # a hung server, not a slow one (a healthy start takes about a second)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_command(port: int, *args: str) -> list[str]:
    return [sys.executable, "-m", "timeline.cli", "serve", "--port", str(port), *args]


def _wait_until_answering(process: subprocess.Popen[bytes], base: str, err: Path) -> None:
    """Return once ``base/healthz`` answers; fail if the process exits (or hangs)."""
    hung_after = time.monotonic() + HANG_GUARD_S
    while process.poll() is None:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=5).close()
            return
        except OSError:
            if time.monotonic() > hung_after:
                pytest.fail(f"hang guard: no answer after {HANG_GUARD_S} s\n{err.read_text()}")
            time.sleep(0.2)
    pytest.fail(f"the server exited with {process.returncode}:\n{err.read_text()}")


@contextmanager
def serving(args: list[str], env: Mapping[str, str], err: Path) -> Iterator[str]:
    """Run ``timeline serve --port PORT ARGS`` with ``env`` on top of this environment,
    stderr to ``err``, until the block ends; yield its base URL once it answers."""
    port = free_port()
    with err.open("w") as stderr:
        process = subprocess.Popen(
            serve_command(port, *args),
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, **env},
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(process, base, err)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=HANG_GUARD_S)
