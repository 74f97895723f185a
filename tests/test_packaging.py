"""What an install promises (#14.5): the licence as an SPDX expression (PEP 639, no
setuptools deprecation warning), the HTML cleaner as a hard dependency, one version."""

from __future__ import annotations

import importlib
import importlib.metadata
import re
import tomllib
from pathlib import Path

import timeline

PYPROJECT = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())
PROJECT = PYPROJECT["project"]


NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def names(requirements: list[str]) -> set[str]:
    """The distribution names of PEP 508 requirements, normalised (PEP 503)."""
    found = (NAME.match(r) for r in requirements)
    return {re.sub(r"[-_.]+", "-", m.group()).lower() for m in found if m}


def test_the_licence_is_an_spdx_expression() -> None:
    # a {text = ...} table warns on every install and stops working in 2027
    assert PROJECT["license"] == "Apache-2.0"
    assert PROJECT["license-files"] == ["LICENSE"]
    assert importlib.metadata.metadata("timeline")["License-Expression"] == "Apache-2.0"


def test_the_html_cleaner_is_a_runtime_dependency_by_its_own_name() -> None:
    assert "lxml-html-clean" in names(PROJECT["dependencies"])
    assert "lxml-html-clean" in names(importlib.metadata.requires("timeline") or [])
    importlib.import_module("lxml.html.clean")  # what trafilatura and htmldate import


def test_the_runtime_needs_no_dev_tool() -> None:
    dev_only = names(PROJECT["optional-dependencies"]["dev"]) - names(PROJECT["dependencies"])
    assert {"pytest", "ruff", "mypy", "selenium"} <= dev_only


def test_the_version_is_written_once() -> None:
    assert "version" in PROJECT["dynamic"] and "version" not in PROJECT
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "timeline.__version__"}
    assert importlib.metadata.version("timeline") == timeline.__version__
