"""Measure what a phone pays for the busiest pages: bytes over the wire and time to serve.

Not part of the test suite (it takes a minute and needs `wrk`). Run it from the repo root:

    .venv/bin/python tests/benchmarks/pages.py [--seconds 10] [--workers 2]

It builds a throwaway SQLite database with the demo account (five weeks of entries), serves
the app with gunicorn on 127.0.0.1 only, and runs wrk against the jars and journal pages
with a logged-in session. Nothing leaves this machine.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/jars/", "/journal/", "/skills/"]
PORT = 8765


def _env(db: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "copejar.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "benchmark-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DATABASE_URL": f"sqlite:///{db}",
        "DJANGO_STATIC_ROOT": str(db.parent / "static"),
    }


def _manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _session_cookie(env: dict[str, str]) -> str:
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "from copejar.accounts.models import User;"
        "c = Client(); c.force_login(User.objects.get(username='demo'));"
        "print(c.cookies['sessionid'].value)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


def _fetch(path: str, cookie: str) -> bytes:
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}{path}", headers={"Cookie": f"sessionid={cookie}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("This benchmark needs wrk: apt-get install -y wrk")

    with tempfile.TemporaryDirectory() as tmp:
        env = _env(Path(tmp) / "bench.sqlite3")
        _manage(env, "migrate", "--no-input")
        _manage(env, "createcachetable")
        _manage(env, "collectstatic", "--no-input")
        _manage(env, "seed_demo", "--i-know-this-is-not-a-dev-server")  # a throwaway database
        cookie = _session_cookie(env)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "copejar.wsgi",
                "--no-control-socket",
                "-b",
                f"127.0.0.1:{PORT}",
                "-w",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            for _ in range(50):
                try:
                    _fetch("/", cookie)
                    break
                except OSError:
                    time.sleep(0.2)
            print(
                f"{'page':<12}{'html bytes':>12}{'gzipped':>10}{'req/s':>10}{'p50 ms':>9}"
                f"{'p99 ms':>9}"
            )
            for path in PAGES:
                body = _fetch(path, cookie)
                result = subprocess.run(
                    [
                        "wrk",
                        "-t1",
                        "-c4",
                        f"-d{args.seconds}s",
                        "--latency",
                        "-H",
                        f"Cookie: sessionid={cookie}",
                        f"http://127.0.0.1:{PORT}{path}",
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                rate = re.search(r"Requests/sec:\s+([\d.]+)", result).group(1)
                p50 = re.search(r"50%\s+([\d.]+)(ms|s|us)", result)
                p99 = re.search(r"99%\s+([\d.]+)(ms|s|us)", result)
                print(
                    f"{path:<12}{len(body):>12}{len(gzip.compress(body)):>10}{rate:>10}"
                    f"{_ms(p50):>9.1f}{_ms(p99):>9.1f}"
                )
        finally:
            server.terminate()
            server.wait(timeout=10)


def _ms(match: re.Match) -> float:
    value, unit = float(match.group(1)), match.group(2)
    return {"us": value / 1000, "ms": value, "s": value * 1000}[unit]


if __name__ == "__main__":
    main()
