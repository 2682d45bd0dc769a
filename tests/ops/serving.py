"""Run the real app the way a server does, for tests that need real processes: gunicorn on a
Unix socket (no port to collide with a parallel run), over a database of the test's own."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
HOST = "localhost"


def app_env(folder: Path, database_url: str = "", **extra: str) -> dict[str, str]:
    """Production settings (debug off) over the given database (a new SQLite file in `folder`
    unless told otherwise), with nothing inherited that pytest-env set for in-process tests."""
    (folder / "static").mkdir(exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "COPEJAR_", "WEB_CONCURRENCY", "GUNICORN_"))
    }
    return env | {
        "DJANGO_SETTINGS_MODULE": "copejar.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DATABASE_URL": database_url or f"sqlite:///{folder / 'db.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def prepare(env: dict[str, str], *, username: str = "alice") -> dict[str, str]:
    """Migrate the database and sign a person in; returns their cookies."""
    out = subprocess.run(
        [sys.executable, "-m", "tests.ops.prepare", username],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float) -> None:
        super().__init__(HOST, timeout=timeout)
        self.path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.path)


class Served:
    """A running gunicorn: send it requests, find its worker processes."""

    def __init__(self, process: subprocess.Popen, socket_path: str, log: Path) -> None:
        self.process = process
        self.socket_path = socket_path
        self.log = log

    def request(
        self,
        method: str,
        path: str,
        *,
        cookies: dict[str, str] | None = None,
        form: dict | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 30,
    ) -> tuple[int, dict[str, str], bytes]:
        connection = _UnixConnection(self.socket_path, timeout)
        try:
            sent = dict(headers or {})
            if cookies:
                sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
                if "csrftoken" in cookies:
                    sent["X-CSRFToken"] = cookies["csrftoken"]
            body = None
            if form is not None:
                body = urlencode(form)
                sent["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def workers(self) -> list[int]:
        """The process ids of the workers gunicorn is running now."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str], folder: Path, *, workers: int = 2, threads: int = 1, args: tuple = ()
) -> Iterator[Served]:
    """Serve the app from `folder` until the block ends; waits until a worker answers."""
    socket_path = str(folder / "app.sock")
    log = folder / "gunicorn.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "copejar.wsgi",
                "--no-control-socket",
                "--bind",
                f"unix:{socket_path}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--graceful-timeout",
                "5",
                *args,
            ],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    served = Served(process, socket_path, log)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped:\n{served.output()}")
            try:
                served.request("GET", "/healthz", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not answer:\n{served.output()}") from None
                time.sleep(0.1)
        yield served
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run manage.py in its own process with exactly this environment."""
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
