"""The apps' import graph has no loop: import-linter's layers contract (pyproject.toml, [tool.importlinter])
holds, and it names every app of the project, so a new app cannot stand outside it."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def test_the_layers_contract_holds():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "platform"), str(ROOT)])}
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_project_app_is_in_a_layer():
    layered = {
        name.strip() for contract in CONFIG["contracts"] for layer in contract["layers"] for name in layer.split("|")
    }
    project_apps = {
        config.name
        for config in apps.get_app_configs()
        if any(Path(config.path).is_relative_to(ROOT / folder) for folder in ("platform", "sharing"))
    }
    assert project_apps - layered == set()
