"""The layer stack of pyproject.toml ([tool.importlinter]) holds: no import upwards, no cycles.

``.ci/run`` runs ``lint-imports`` before the tests; this runs the same contracts from
pytest, so a local test run catches an import that breaks the stack.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlinter import cli

    monkeypatch.chdir(ROOT)
    assert cli.lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == cli.EXIT_STATUS_SUCCESS, \
        f"layer contract broken; run lint-imports in {os.fspath(ROOT)}"
