"""Installs are reproducible: requirements.lock pins every package, with hashes, within the
ranges pyproject.toml declares, and dev.py installs from it only when it changes."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCK_TEXT = (ROOT / "requirements.lock").read_text()


def _load_dev():
    spec = importlib.util.spec_from_file_location("dev_under_test", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _entries(text: str) -> dict[str, tuple[Version, list[str]]]:
    """Each pinned package in a lock: its version and the hashes allowed for its files."""
    entries = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        first = block.split("\n", 1)[0]
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", first)
        if match:
            hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", block)
            entries[canonicalize_name(match.group(1))] = (Version(match.group(2)), hashes)
    return entries


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return [
        Requirement(line)
        for line in project["project"]["dependencies"] + project["dependency-groups"]["dev"]
    ]


LOCKED = _entries(LOCK_TEXT)


@pytest.mark.parametrize("requirement", _declared(), ids=str)
def test_the_lock_pins_every_declared_dependency_within_its_range(requirement):
    name = canonicalize_name(requirement.name)
    assert name in LOCKED, f"{name} is declared in pyproject.toml but not locked"
    version, _hashes = LOCKED[name]
    assert requirement.specifier.contains(version, prereleases=True), (
        f"{name}=={version} is outside pyproject.toml's range {requirement.specifier}"
    )


def test_every_line_of_the_lock_is_pinned_and_hashed():
    lines = [line for line in LOCK_TEXT.splitlines() if re.match(r"[A-Za-z0-9]", line)]
    # A package may be pinned twice, for different Pythons (each line then names its own).
    names = [canonicalize_name(re.match(r"[A-Za-z0-9._-]+", line).group(0)) for line in lines]
    assert set(names) == set(LOCKED) and len(LOCKED) > 20
    for name in {name for name in names if names.count(name) > 1}:
        twice = [line for line in lines if canonicalize_name(line.split("==")[0]) == name]
        assert all(";" in line for line in twice), f"{name} is pinned twice for one Python"
    for line in lines:
        assert "==" in line, f"not pinned to one version: {line}"
    for name, (_version, hashes) in LOCKED.items():
        assert hashes, f"{name} has no hash"


def test_the_lock_holds_files_for_other_machines_too():
    # A lock made for one machine would hold one wheel per compiled package; these carry
    # wheels for Linux on x86_64 and ARM, macOS and Windows.
    for name in ("psycopg-binary", "pillow", "greenlet", "playwright", "ruff", "uv"):
        _version, hashes = LOCKED[name]
        assert len(hashes) >= 6, f"{name} is locked for too few platforms: {len(hashes)} files"
    assert "sys_platform == 'win32'" in LOCK_TEXT  # resolved for every platform, not just this


def test_the_lock_answers_what_pyproject_declares_today():
    dev = _load_dev()
    assert dev.recorded_digest(LOCK_TEXT) == dev.declared_digest(), (
        "pyproject.toml changed since requirements.lock was written: run python3 dev.py lock"
    )


@pytest.fixture
def dev_in(tmp_path, monkeypatch):
    """dev.py pointed at a scratch copy of the project, recording what it asks pip to do."""
    dev = _load_dev()
    (tmp_path / ".venv").mkdir()
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    (tmp_path / "requirements.lock").write_text(LOCK_TEXT)
    monkeypatch.setattr(dev, "ROOT", tmp_path)
    monkeypatch.setattr(dev, "LOCK", tmp_path / "requirements.lock")
    monkeypatch.setattr(dev, "STAMP", tmp_path / ".venv" / ".installed-from")
    monkeypatch.setattr(dev, "_make_venv", lambda: None)
    monkeypatch.setattr(dev, "_remove_strays", lambda locked: None)
    dev.pip_calls = []
    monkeypatch.setattr(dev, "_pip", lambda *args: dev.pip_calls.append(args))
    monkeypatch.delenv("CI", raising=False)
    return dev


def test_it_installs_with_hashes_required_and_only_when_the_lock_changes(dev_in):
    dev_in._install()
    dev_in._install()

    assert len(dev_in.pip_calls) == 1
    assert "--require-hashes" in dev_in.pip_calls[0]
    assert dev_in.LOCK in dev_in.pip_calls[0]

    dev_in.LOCK.write_text(LOCK_TEXT + "\n")
    dev_in._install()

    assert len(dev_in.pip_calls) == 2


def test_ci_stops_when_pyproject_changed_and_the_lock_did_not(dev_in, monkeypatch):
    pyproject = dev_in.ROOT / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"pytest>=8"', '"pytest>=8.1"'))
    monkeypatch.setenv("CI", "true")

    with pytest.raises(SystemExit) as stopped:
        dev_in._install()

    assert "python3 dev.py lock" in str(stopped.value)
    assert dev_in.pip_calls == []


def test_on_a_developers_machine_a_changed_pyproject_writes_the_lock_again(dev_in, monkeypatch):
    pyproject = dev_in.ROOT / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"pytest>=8"', '"pytest>=8.1"'))
    relocked = []
    monkeypatch.setattr(dev_in, "lock", relocked.append)

    dev_in._install()

    assert relocked == [[]]
    assert len(dev_in.pip_calls) == 1
