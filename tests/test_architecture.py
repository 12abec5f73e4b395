"""The allowed import directions of docs/architecture.md hold, and a wrong import is caught.

The contracts live in pyproject.toml (``[tool.importlinter]``) and are checked by import-linter on
the real tree; a copy of the tree with one planted import must then break the right contract.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def tree_copy(tmp_path: Path) -> Path:
    """The package's Python files and the contracts, outside the checkout."""
    shutil.copytree(
        ROOT / "omkijken",
        tmp_path / "omkijken",
        ignore=shutil.ignore_patterns("locale", "static", "templates", "__pycache__", "*.yaml", "*.csv"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def plant(tree: Path, module: str, line: str) -> None:
    path = tree.joinpath(*module.split(".")).with_suffix(".py")
    if not path.exists():
        path = tree.joinpath(*module.split("."), "__init__.py")
    path.write_text(path.read_text() + f"\n{line}  # planted by the test\n")


def test_the_code_keeps_every_import_contract() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_a_portfolio_module_importing_letting_breaks_the_layers(tree_copy: Path) -> None:
    # given a copy of the code where the portfolio (a lower context) imports letting
    plant(tree_copy, "omkijken.portfolio.models", "import omkijken.letting.models")
    # when the contracts are checked
    result = lint_imports(tree_copy)
    # then the layers contract is broken, naming the planted import
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Contexts import downwards only BROKEN" in result.stdout
    assert "omkijken.portfolio.models -> omkijken.letting.models" in result.stdout


def test_the_engine_importing_django_breaks_its_purity(tree_copy: Path) -> None:
    plant(tree_copy, "omkijken.engine.allocation.core", "import django.db")
    result = lint_imports(tree_copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "The engine is pure Python: no Django, no REST framework, no app of ours BROKEN" in result.stdout
    assert "omkijken.engine.allocation.core -> django" in result.stdout


def test_the_engine_importing_an_app_breaks_its_purity(tree_copy: Path) -> None:
    plant(tree_copy, "omkijken.engine.buddies.matching", "from omkijken.residents import models")
    result = lint_imports(tree_copy)
    assert result.returncode == 1
    assert "omkijken.engine.buddies.matching -> omkijken.residents" in result.stdout
