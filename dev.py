"""Set up and run Jar O' Copes on this machine, using nothing but Python 3.11 or newer.

python3 dev.py serve   # make .venv, install, migrate, serve http://127.0.0.1:8000
python3 dev.py test    # the same set-up, then the whole test suite on every core
                       #   (anything after `test` goes to pytest; -n 0: one process)
python3 dev.py demo    # add a demo account with a few weeks of entries
                       #   (--language es: the account, and what it wrote, in Spanish)
python3 dev.py setup   # only make .venv and install (CI and servers)
python3 dev.py lock    # write requirements.lock again from pyproject.toml's ranges
                       #   (--upgrade, or --upgrade-package NAME, to take newer releases)

Everything is installed from requirements.lock, with every file's hash checked.
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
UV = BIN / ("uv.exe" if os.name == "nt" else "uv")
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".installed-from"
# The lock remembers which declared ranges it answers, so a change to pyproject.toml that the
# lock has not caught up with is noticed before anything is installed.
IN_STEP = "# answers pyproject.toml ranges with digest "
# Packages a virtual environment brings with it; never removed as strays.
KEEP = {"pip", "setuptools", "wheel"}


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def declared_digest() -> str:
    """A digest of everything pyproject.toml declares that the lock has to satisfy."""
    project = _pyproject()
    declared = {
        "requires-python": project["project"]["requires-python"],
        "dependencies": project["project"]["dependencies"],
        "dev": project["dependency-groups"]["dev"],
    }
    return hashlib.sha256(json.dumps(declared, sort_keys=True).encode()).hexdigest()


def recorded_digest(lock_text: str) -> str | None:
    """The digest the lock was written for, or None for a lock that does not say."""
    for line in lock_text.splitlines():
        if line.startswith(IN_STEP):
            return line.removeprefix(IN_STEP).strip()
    return None


def locked_names(lock_text: str) -> set[str]:
    """The normalised names of the packages the lock pins."""
    return {
        _normalise(match.group(1))
        for match in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", lock_text, re.MULTILINE)
    }


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock_text() -> str:
    return LOCK.read_text() if LOCK.exists() else ""


def _make_venv() -> None:
    if PYTHON.exists():
        return
    # Debian and Ubuntu ship venv's pip bootstrap separately; without it venv.create fails
    # with no explanation and leaves a half-made .venv behind.
    if importlib.util.find_spec("ensurepip") is None:
        sys.exit(
            "Creating .venv needs Python's ensurepip module. On Debian or Ubuntu:\n"
            "    apt-get install python3-venv"
        )
    print("Creating .venv …", flush=True)
    venv.create(VENV, with_pip=True)


def _pip(*args: str | Path) -> None:
    subprocess.run(
        [PYTHON, "-m", "pip", "--disable-pip-version-check", *args], check=True, cwd=ROOT
    )


def _install() -> None:
    """Create the virtual environment and install requirements.lock, once per change of it."""
    _make_venv()
    if recorded_digest(_lock_text()) != declared_digest():
        if os.environ.get("CI"):
            sys.exit(
                "requirements.lock does not answer pyproject.toml's dependencies any more.\n"
                "Run `python3 dev.py lock` and commit requirements.lock."
            )
        print(
            "pyproject.toml's dependencies changed since requirements.lock was written; "
            "updating the lock (commit requirements.lock with the change) …",
            flush=True,
        )
        lock([])
    lock_bytes = LOCK.read_bytes()
    wanted = hashlib.sha256(lock_bytes).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("Installing dependencies from requirements.lock (hashes checked) …", flush=True)
    _pip("install", "--quiet", "--require-hashes", "-r", LOCK)
    _remove_strays(locked_names(lock_bytes.decode()))
    STAMP.write_text(wanted)


def _remove_strays(locked: set[str]) -> None:
    """Uninstall what an earlier lock brought and this one no longer lists."""
    listed = subprocess.run(
        [PYTHON, "-m", "pip", "--disable-pip-version-check", "list", "--format=json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    installed = {_normalise(package["name"]) for package in json.loads(listed)}
    strays = sorted(installed - locked - KEEP)
    if strays:
        _pip("uninstall", "--quiet", "--yes", *strays)


def _bootstrap_uv() -> None:
    """Install uv, which writes the lock: the pinned, hashed one from the lock if it has it."""
    block = re.search(r"^uv==.*?(?=^\S|\Z)", _lock_text(), re.MULTILINE | re.DOTALL)
    if block is None:
        _pip("install", "--quiet", "uv")
        return
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as pinned:
        pinned.write(block.group(0))
    try:
        _pip("install", "--quiet", "--require-hashes", "--no-deps", "-r", pinned.name)
    finally:
        os.unlink(pinned.name)


def lock(uv_args: list[str]) -> None:
    """Write requirements.lock: every package pinned, with the hashes of all its files on PyPI
    (every platform and Python from the lowest one pyproject.toml allows), then install it."""
    _make_venv()
    if not UV.exists():
        _bootstrap_uv()
    lowest = re.search(r"\d+\.\d+", _pyproject()["project"]["requires-python"]).group(0)
    subprocess.run(
        [
            UV,
            "pip",
            "compile",
            "pyproject.toml",
            "--group",
            "dev",
            "--universal",
            "--python-version",
            lowest,
            "--generate-hashes",
            "--quiet",
            "--custom-compile-command",
            "python3 dev.py lock",
            "--output-file",
            LOCK,
            *uv_args,
        ],
        check=True,
        cwd=ROOT,
    )
    lines = LOCK.read_text().splitlines(keepends=True)
    lines = [line for line in lines if not line.startswith(IN_STEP)]
    header = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    lines.insert(header, f"{IN_STEP}{declared_digest()}\n")
    LOCK.write_text("".join(lines))
    print(f"Wrote {LOCK.name}.", flush=True)


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


# The suite is shared out over every core (pytest-xdist). A worker that runs out of tests takes
# some still waiting for another, so a run of slow browser tests is never left to one core.
SPREAD = ["-n", "auto", "--dist", "worksteal"]


def spread(pytest_args: list[str], addopts: str = "") -> list[str]:
    """The options that share the run out: SPREAD, unless the run already says how many
    processes to use (`-n 0`: this one alone, e.g. under a debugger) or turns xdist off."""
    given = [*shlex.split(addopts), *pytest_args]
    if any(arg.startswith(("-n", "--numprocesses")) for arg in given):
        return []
    if "-pno:xdist" in given or ("-p", "no:xdist") in itertools.pairwise(given):
        return []
    if any(arg.startswith("--dist") for arg in given):
        return ["-n", "auto"]
    return SPREAD


def test(pytest_args: list[str]) -> int:
    _install()
    options = spread(pytest_args, os.environ.get("PYTEST_ADDOPTS", ""))
    return subprocess.run([PYTHON, "-m", "pytest", *options, *pytest_args], cwd=ROOT).returncode


def demo(args: list[str]) -> None:
    _install()
    env = _dev_env()
    _migrate(env)
    _manage("seed_demo", *args, env=env)


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "serve"
    try:
        if command == "serve":
            serve()
        elif command == "test":
            sys.exit(test(sys.argv[2:]))
        elif command == "demo":
            demo(sys.argv[2:])
        elif command == "setup":
            _install()
        elif command == "lock":
            lock(sys.argv[2:])
            _install()
        else:
            sys.exit(__doc__)
    except KeyboardInterrupt:
        pass
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)


if __name__ == "__main__":
    main()
