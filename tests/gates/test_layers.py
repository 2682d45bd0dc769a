"""The apps depend one way only, as .importlinter draws it, and every module is in the drawing.

Lowest first: copejar.accounts, skills, journal, then copejar.safety and copejar.sharing
(which never import each other), then the site (settings, URLs, the pages that combine the
apps, commands). An import that points up a layer fails here, and so does a new module the
contract does not place.
"""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LINT = Path(sys.executable).with_name("lint-imports")


def _layers() -> list[set[str]]:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    lines = config["importlinter:contract:layers"]["layers"].strip().splitlines()
    return [{part.strip() for part in line.replace(":", "|").split("|")} for line in lines]


def test_imports_point_down_the_layers():
    result = subprocess.run(
        [str(LINT), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_every_module_has_a_place_in_the_layers():
    placed = set().union(*_layers())
    modules = {
        f"copejar.{path.stem}" if path.is_file() else f"copejar.{path.name}"
        for path in (ROOT / "copejar").iterdir()
        if (path.suffix == ".py" and path.stem != "__init__")
        or (path.is_dir() and (path / "__init__.py").exists())
    } | {"skills", "journal"}
    assert not modules - placed, f"Place these in .importlinter: {sorted(modules - placed)}"
