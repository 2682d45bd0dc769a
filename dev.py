"""Set up and run Jar O' Copes on this machine, using nothing but Python 3.11 or newer.

python3 dev.py serve   # make .venv, install, migrate, serve http://127.0.0.1:8000
python3 dev.py test    # the same set-up, then the whole test suite
python3 dev.py demo    # add a demo account with a few weeks of entries
python3 dev.py setup   # only make .venv and install (CI and servers)
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-from"


def _requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return project["project"]["dependencies"] + project["dependency-groups"]["dev"]


def _install() -> None:
    """Create the virtual environment and install what pyproject.toml lists, once per change."""
    if not PYTHON.exists():
        # Debian and Ubuntu ship venv's pip bootstrap separately; without it venv.create fails
        # with no explanation and leaves a half-made .venv behind.
        if importlib.util.find_spec("ensurepip") is None:
            sys.exit(
                "Creating .venv needs Python's ensurepip module. On Debian or Ubuntu:\n"
                "    apt-get install python3-venv"
            )
        print("Creating .venv …", flush=True)
        venv.create(VENV, with_pip=True)
    wanted = "\n".join(_requirements())
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("Installing dependencies …", flush=True)
    subprocess.run([PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([PYTHON, "-m", "pip", "install", "--quiet", *_requirements()], check=True)
    STAMP.write_text(wanted)


def _manage(*args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run([PYTHON, ROOT / "manage.py", *args], check=True, env=env)


def _dev_env() -> dict[str, str]:
    return {**os.environ, "DJANGO_DEBUG": os.environ.get("DJANGO_DEBUG", "true")}


def _migrate(env: dict[str, str]) -> None:
    """Bring the database up to date, with the cache table the sign-up throttle counts in."""
    _manage("migrate", "--no-input", env=env)
    _manage("createcachetable", env=env)


def serve() -> None:
    _install()
    env = _dev_env()
    _migrate(env)
    print("\nJar O' Copes is at http://127.0.0.1:8000 (Ctrl+C stops it).\n", flush=True)
    _manage("runserver", "127.0.0.1:8000", env=env)


def test(pytest_args: list[str]) -> int:
    _install()
    return subprocess.run([PYTHON, "-m", "pytest", *pytest_args], cwd=ROOT).returncode


def demo() -> None:
    _install()
    env = _dev_env()
    _migrate(env)
    _manage("seed_demo", env=env)


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "serve"
    try:
        if command == "serve":
            serve()
        elif command == "test":
            sys.exit(test(sys.argv[2:]))
        elif command == "demo":
            demo()
        elif command == "setup":
            _install()
        else:
            sys.exit(__doc__)
    except KeyboardInterrupt:
        pass
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)


if __name__ == "__main__":
    main()
