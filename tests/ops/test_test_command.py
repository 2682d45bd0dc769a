"""The README's test command shares the suite out over every core, unless the run says how many
processes it wants or turns pytest-xdist off."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_dev():
    spec = importlib.util.spec_from_file_location("dev_under_test", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


dev = _load_dev()


@pytest.mark.parametrize(
    "args", [[], ["-x", "-q", "-m", "not browser", "tests/skills"], ["tests/ops/test_lock.py"]]
)
def test_it_shares_the_run_out_over_every_core(args):
    assert dev.spread(args) == ["-n", "auto", "--dist", "worksteal"]


@pytest.mark.parametrize(
    "args", [["-n", "0"], ["-n0"], ["-x", "-n", "4", "tests/skills"], ["--numprocesses=3"]]
)
def test_a_run_that_names_its_processes_keeps_them(args):
    assert dev.spread(args) == []


@pytest.mark.parametrize("args", [["-p", "no:xdist"], ["-pno:xdist", "tests/skills"]])
def test_a_run_without_xdist_runs_in_one_process(args):
    assert dev.spread(args) == []


def test_a_run_that_names_how_to_share_keeps_it():
    assert dev.spread(["--dist", "loadfile"]) == ["-n", "auto"]


def test_options_from_pytest_addopts_count_too():
    assert dev.spread([], "-p no:xdist") == []
    assert dev.spread([], "--junitxml=report.xml") == ["-n", "auto", "--dist", "worksteal"]
