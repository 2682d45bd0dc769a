"""Measure every main page against a trivial one, with a light and a heavy account.

    .venv/bin/python manage.py benchmark [--seconds 5] [--postgres URL] [--port 8101]

Not part of the test suite. In a throwaway SQLite database (and, with --postgres, a
throwaway PostgreSQL database too) it builds a LIGHT account, a HEAVY one and a therapist
both share with; it measures each page in-process (queries, HTML size, render time), then
serves the app with gunicorn on 127.0.0.1 and drives each page with wrk, as a ratio of the
requests per second of a trivial view measured in the same run: /healthz asked with a
signed-in session, so it answers "ok" behind the same middleware, session and user as a
page. It ends by comparing SQLite's synchronous=FULL with NORMAL on the one-tap quick log.
Nothing leaves this machine.

To measure a new page, add a line to PAGES.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

ROOT = Path(settings.BASE_DIR)
HOST = "127.0.0.1"


@dataclass(frozen=True)
class Page:
    """One thing a person does. `path` and `form` values may name the account's objects:
    {skill} (an added skill's code) and {grant} (the grant to the therapist)."""

    name: str
    path: str
    who: str = "person"  # or "therapist": whose session asks
    target: float = 0.25  # requests/second as a share of /healthz's, to pass
    form: dict[str, str] | None = None  # a POST (sent as htmx) instead of a GET


PAGES = [
    Page("jars", "/jars/", target=0.5),
    Page("journal", "/journal/", target=0.5),
    Page("surfs", "/journal/surfs/"),
    Page("skills", "/skills/"),
    Page("skill page", "/skills/{skill}/"),
    Page("safety plan", "/safety/"),
    Page("help", "/help/"),
    Page("sharing", "/sharing/"),
    Page("insights", "/journal/insights/"),
    Page("insights: year", "/journal/insights/year/"),
    Page("insights: growth", "/journal/insights/growth/"),
    Page("my diary card", "/journal/diary/"),
    Page("care: people", "/care/", who="therapist"),
    Page("care: jars", "/care/{grant}/", who="therapist"),
    Page("care: journal", "/care/{grant}/journal/", who="therapist"),
    Page("care: diary", "/care/{grant}/diary/", who="therapist"),
    Page("care: insights", "/care/{grant}/insights/", who="therapist"),
    Page("quick log (POST)", "/journal/usages/new/", target=0.3, form={"skill": "{skill}"}),
]
QUICK_LOG = PAGES[-1]
RENDER_RATIO_TARGET = 1.2
BOOKKEEPING = ("BEGIN", "SAVEPOINT", "RELEASE SAVEPOINT", "COMMIT", "ROLLBACK")
QUERY_TARGET = 8
FIRST_LOAD_TARGET = 100 * 1024

SIZES = ("light", "heavy")
LIGHT = {"skills": 10, "urges": 10, "uses": 10, "surfs": 10, "days": 14}
HEAVY = {"skills": 40, "urges": 20_000, "uses": 20_000, "surfs": 50, "days": 730}
# The heavy account grown eightfold, to show a page's time stays flat as history grows.
GROWN = 160_000


class Command(BaseCommand):
    help = "Measure every main page (light and heavy account) against /healthz with wrk."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seconds", type=int, default=5, help="wrk duration per page")
        parser.add_argument("--connections", type=int, default=8, help="wrk -c")
        parser.add_argument("--threads", type=int, default=2, help="wrk -t")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
        parser.add_argument("--port", type=int, default=0, help="default: any free port")
        parser.add_argument("--renders", type=int, default=9, help="in-process timings per page")
        parser.add_argument(
            "--postgres",
            metavar="URL",
            help="also measure on PostgreSQL: a server URL where a throwaway database may be "
            "created and dropped, e.g. postgres://postgres@127.0.0.1:5432/postgres",
        )
        parser.add_argument("--only", help="comma-separated page names, to measure a few")
        parser.add_argument(
            "--skip-sync", action="store_true", help="skip the synchronous FULL/NORMAL comparison"
        )
        parser.add_argument(
            "--skip-growth",
            action="store_true",
            help=f"skip growing the heavy account to {GROWN:,} urges and uses and timing again",
        )
        # Used by the command itself: build and measure in-process inside the throwaway database.
        parser.add_argument("--prepare-into", help=argparse.SUPPRESS)
        parser.add_argument("--grow", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument("--compare-into", help=argparse.SUPPRESS)
        parser.add_argument("--base-name", help=argparse.SUPPRESS)
        parser.add_argument("--grown-name", help=argparse.SUPPRESS)

    def handle(self, *args, **options) -> None:
        if options["prepare_into"]:
            _prepare(Path(options["prepare_into"]), renders=options["renders"])
            return
        if options["grow"]:
            _grow()
            return
        if options["compare_into"]:
            names = {"before": options["base_name"], "after": options["grown_name"]}
            _compare(Path(options["compare_into"]), names, renders=options["renders"])
            return
        if not shutil.which("wrk"):
            raise CommandError("This benchmark drives the pages with wrk: apt-get install -y wrk")
        pages = PAGES
        if options["only"]:
            wanted = {name.strip() for name in options["only"].split(",")}
            pages = [page for page in PAGES if page.name in wanted]
            if not pages:
                raise CommandError(f"No page is called {options['only']!r}.")
        port = options["port"] or _free_port()
        wrk = Wrk(options["seconds"], options["connections"], options["threads"])
        self._say(
            f"Jar O' Copes benchmark: gunicorn {options['workers']} sync workers on "
            f"{HOST}:{port}, wrk -t{wrk.threads} -c{wrk.connections} -d{wrk.seconds}s per page"
        )
        self._say(
            f"heavy account: {HEAVY['skills']} skills, {HEAVY['urges']:,} urges and "
            f"{HEAVY['uses']:,} uses over two years, {HEAVY['surfs']} surfs with check-ins; "
            f"light: {LIGHT['skills']} skills, {LIGHT['urges']} urges, {LIGHT['uses']} uses; "
            "a therapist both share everything with"
        )
        with tempfile.TemporaryDirectory(prefix="copejar-benchmark-") as tmp:
            folder = Path(tmp)
            verdicts = self._run(
                "SQLite",
                f"sqlite:///{folder / 'sqlite' / 'db.sqlite3'}",
                folder / "sqlite",
                pages,
                wrk,
                port,
                options,
            )
            if not options["skip_sync"]:
                self._sync_comparison(folder / "sqlite", wrk, port, options)
            if options["postgres"]:
                with _postgres_database(options["postgres"]) as url:
                    verdicts += self._run(
                        "PostgreSQL", url, folder / "postgres", pages, wrk, port, options
                    )
        failed = [line for line in verdicts if line.startswith("FAIL")]
        self._say(f"\n{len(verdicts) - len(failed)} targets met, {len(failed)} missed.")

    # -- one database -----------------------------------------------------------------------

    def _run(self, label, url, folder, pages, wrk, port, options) -> list[str]:
        folder.mkdir(parents=True)
        env = _env(url, folder)
        self._say(f"\n==== {label} ====\nBuilding the accounts …")
        started = time.monotonic()
        _manage(env, "migrate", "--no-input")
        _manage(env, "collectstatic", "--no-input")
        data_file = folder / "data.json"
        _manage(
            env,
            "benchmark",
            "--prepare-into",
            str(data_file),
            "--renders",
            str(options["renders"]),
        )
        data = json.loads(data_file.read_text())
        self._say(f"built and measured in-process in {time.monotonic() - started:.0f} s")
        with _gunicorn(env, folder, port, options["workers"]) as server:
            base = f"http://{HOST}:{port}"
            first_load = _first_load(base, data["cookies"]["heavy"])
            healthz = Page("healthz", "/healthz")
            session = data["cookies"]["heavy"]
            plain = [wrk.run(base, healthz, {}, {}, folder)]
            # The trivial view is measured between every two pages: the machine's other work
            # drifts, so each page is held against the trivial view just before and after it.
            trivials = [wrk.run(base, healthz, session, {}, folder)]
            measured = {}
            for page in pages:
                cookies = data["cookies"]["therapist" if page.who == "therapist" else "heavy"]
                measured[page.name] = wrk.run(base, page, cookies, data["objects"]["heavy"], folder)
                trivials.append(wrk.run(base, healthz, session, {}, folder))
            plain.append(wrk.run(base, healthz, {}, {}, folder))
            memory = server.peak_memory()
        around = {page.name: _mean(trivials[n], trivials[n + 1]) for n, page in enumerate(pages)}
        rates = [run.rate for run in trivials]
        self._say(
            f"\n/healthz signed in, between the pages: {min(rates):,.0f} to {max(rates):,.0f} req/s"
        )
        trivial = Result(
            rate=statistics.mean(rates),
            p50=statistics.mean(run.p50 for run in trivials),
            p99=max(run.p99 for run in trivials),
            errors=sum(run.errors for run in trivials),
        )
        verdicts = self._report(
            label, data, pages, (trivial, around), _mean(*plain), measured, first_load, memory
        )
        if not options["skip_growth"]:
            started = time.monotonic()
            self._say(
                f"\nA copy of the database, its heavy account grown to {GROWN:,} urges and "
                f"{GROWN:,} uses …"
            )
            with _copies(url, folder) as (base_name, grown_url, grown_name):
                _manage(_env(grown_url, folder), "benchmark", "--grow")
                _manage(
                    env,
                    "benchmark",
                    "--compare-into",
                    str(data_file),
                    "--base-name",
                    base_name,
                    "--grown-name",
                    grown_name,
                    "--renders",
                    str(options["renders"]),
                )
            grown = json.loads(data_file.read_text())["grown"]
            self._say(f"grown and measured in {time.monotonic() - started:.0f} s")
            verdicts += self._report_growth(label, pages, grown)
        return verdicts

    def _report_growth(self, label, pages, grown) -> list[str]:
        self._say(
            f"\nAs history grows, heavy account in-process: {HEAVY['urges']:,} urges and uses "
            f"each over two years, against a copy holding {GROWN:,} each (older years added "
            "at the same pace), the two databases taking turns. 'warm': a repeat visit; "
            "'after a write': the first visit after the history changed, when nothing drawn "
            "is kept. Times: the fastest of each; ratios: the median, over the turns, of a "
            "turn's grown time over the time before it. Measured as "
            + (
                "CPU time of this process, which includes SQLite's own work."
                if label == "SQLite"
                else "wall-clock time, which includes the database server's work."
            )
        )
        self._say(
            f"{'page':<18}{'warm ms':>9}{'grown':>7}{'ratio':>7}"
            f"{'after a write':>15}{'grown':>7}{'ratio':>7}  result"
        )
        verdicts = []
        for page in pages:
            was, now = grown[page.name]["before"], grown[page.name]["after"]
            warm, cold = grown[page.name]["ratio"]["warm"], grown[page.name]["ratio"]["cold"]
            ok = warm <= RENDER_RATIO_TARGET and cold <= RENDER_RATIO_TARGET
            verdicts.append(
                f"{_mark(ok)} {label} {page.name}: {GROWN // 1000}k ÷ {HEAVY['urges'] // 1000}k "
                f"entries {warm:.2f} warm, {cold:.2f} after a write"
            )
            self._say(
                f"{page.name:<18}{was['warm']:>9.1f}{now['warm']:>7.1f}{warm:>7.2f}"
                f"{was['cold']:>15.1f}{now['cold']:>7.1f}{cold:>7.2f}  {_mark(ok)}"
            )
        return verdicts

    def _report(self, label, data, pages, trivials, plain, measured, first_load, memory) -> list:
        trivial, around = trivials
        self._say(
            f"Trivial view: /healthz with a signed-in session, behind the same middleware as "
            f"every page (the session and the user loaded): {trivial.rate:,.0f} req/s (p50 "
            f"{trivial.p50:.1f} ms, p99 {trivial.p99:.1f} ms), the mean of its runs. Without a "
            f"session: {plain.rate:,.0f} req/s. Each page's ratio is to the mean of the "
            "trivial view's runs just before and just after it."
        )
        self._say("\nThroughput under wrk (heavy account; the therapist's pages: heavy grant)")
        self._say(
            f"{'page':<18}{'req/s':>8}{'ratio':>7}{'target':>8}{'no session':>11}"
            f"{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}  result"
        )
        verdicts = []
        for page in pages:
            run = measured[page.name]
            ratio = run.rate / around[page.name].rate
            ok = ratio >= page.target and not run.errors
            verdicts.append(f"{_mark(ok)} {label} {page.name}: {ratio:.2f} of the trivial view")
            self._say(
                f"{page.name:<18}{run.rate:>8,.0f}{ratio:>7.2f}{'>= ' + str(page.target):>8}"
                f"{run.rate / plain.rate:>11.2f}{run.p50:>9.1f}{run.p99:>9.1f}"
                f"{run.errors:>8}  {_mark(ok)}"
            )
        self._say("\nIn-process, one request at a time (Django test client, full middleware stack)")
        self._say(
            f"{'page':<18}{'queries L/H':>12}{'HTML KB':>9}{'gzip KB':>9}"
            f"{'render ms L':>12}{'H':>7}{'H/L':>6}  result"
        )
        for page in pages:
            light = data["pages"][page.name]["light"]
            heavy = data["pages"][page.name]["heavy"]
            ratio = data["pages"][page.name]["render_ratio"]
            queries_ok = heavy["queries"] == light["queries"] and heavy["queries"] <= QUERY_TARGET
            ok = queries_ok and ratio <= RENDER_RATIO_TARGET
            if not queries_ok:
                verdicts.append(
                    f"FAIL {label} {page.name}: {light['queries']} queries light, "
                    f"{heavy['queries']} heavy (target <= {QUERY_TARGET}, the same)"
                )
            else:
                verdicts.append(f"PASS {label} {page.name}: {heavy['queries']} queries")
            verdicts.append(
                f"{_mark(ratio <= RENDER_RATIO_TARGET)} {label} {page.name}: render heavy/light "
                f"{ratio:.2f}"
            )
            self._say(
                f"{page.name:<18}{str(light['queries']) + '/' + str(heavy['queries']):>12}"
                f"{heavy['bytes'] / 1024:>9.1f}{heavy['gzip_bytes'] / 1024:>9.1f}"
                f"{light['render_ms']:>12.1f}{heavy['render_ms']:>7.1f}{ratio:>6.2f}  {_mark(ok)}"
            )
        total = sum(size for _url, size, _sent in first_load)
        sent = sum(sent for _url, _size, sent in first_load)
        ok = total <= FIRST_LOAD_TARGET
        verdicts.append(
            f"{_mark(ok)} {label} first load of /jars/: {total / 1024:.1f} KB uncompressed "
            f"({sent / 1024:.1f} KB sent with gzip)"
        )
        self._say(
            f"\nFirst load of /jars/ (heavy account), uncompressed: {total / 1024:.1f} KB "
            f"(target <= {FIRST_LOAD_TARGET // 1024} KB)  {_mark(ok)}; sent to a browser that "
            f"accepts gzip: {sent / 1024:.1f} KB"
        )
        self._say(f"  {'bytes':>10}  {'sent':>8}")
        for url, size, sent in first_load:
            self._say(f"  {size / 1024:>7.1f} KB {sent / 1024:>6.1f} KB  {url}")
        self._say(
            "\nPeak memory (VmHWM) of each gunicorn worker: "
            + ", ".join(f"{kb / 1024:.0f} MB" for kb in memory)
        )
        self._say("\nTargets:")
        for line in verdicts:
            self._say(f"  {line}")
        return verdicts

    def _sync_comparison(self, folder, wrk, port, options) -> None:
        """The quick log's throughput with synchronous=FULL (the app's) and NORMAL, on the light
        account, whose answer is small enough for the cost of the write itself to show."""
        self._say(
            "\n==== SQLite: synchronous=FULL against NORMAL, quick log of the light account ===="
        )
        settings_folder = folder / "normal-settings"
        settings_folder.mkdir()
        (settings_folder / "normal_sync_settings.py").write_text(
            "from copejar.settings import *  # noqa: F403\n"
            'DATABASES["default"]["OPTIONS"]["init_command"] = (  # noqa: F405\n'
            '    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"\n'
            ")\n"
        )
        data = json.loads((folder / "data.json").read_text())
        rates = {}
        for mode in ("NORMAL", "FULL") * 3:
            env = _env(f"sqlite:///{folder / 'db.sqlite3'}", folder)
            if mode == "NORMAL":
                env["DJANGO_SETTINGS_MODULE"] = "normal_sync_settings"
                env["PYTHONPATH"] = f"{settings_folder}{os.pathsep}{env['PYTHONPATH']}"
            with _gunicorn(env, folder, port, options["workers"]):
                run = wrk.run(
                    f"http://{HOST}:{port}",
                    QUICK_LOG,
                    data["cookies"]["light"],
                    data["objects"]["light"],
                    folder,
                )
            rates.setdefault(mode, []).append(run)
        for mode, runs in rates.items():
            self._say(
                f"synchronous={mode:<7} "
                + "; ".join(
                    f"{r.rate:,.0f} req/s (p50 {r.p50:.1f} ms, p99 {r.p99:.1f} ms)" for r in runs
                )
            )
        raw = {mode: _commits_per_second(folder / f"raw-{mode}.sqlite3", mode) for mode in rates}
        self._say(
            "The disk alone (one-row commits in a bare SQLite file, WAL): "
            + ", ".join(f"{mode} {rate:,.0f} commits/s" for mode, rate in raw.items())
        )
        full = statistics.median(r.rate for r in rates["FULL"])
        normal = statistics.median(r.rate for r in rates["NORMAL"])
        self._say(
            f"FULL keeps {full / normal:.2f} of NORMAL's quick-log throughput (median of three "
            "runs each, alternated) on this machine's disk."
        )

    def _say(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()


def _commits_per_second(path: Path, synchronous: str, commits: int = 500) -> float:
    import sqlite3

    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(f"PRAGMA synchronous={synchronous}")
        db.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, note TEXT)")
        began = time.perf_counter()
        for n in range(commits):
            db.execute("INSERT INTO entry (note) VALUES (?)", [f"entry {n}"])
        return commits / (time.perf_counter() - began)


def _mean(first: Result, second: Result) -> Result:
    return Result(
        rate=(first.rate + second.rate) / 2,
        p50=(first.p50 + second.p50) / 2,
        p99=max(first.p99, second.p99),
        errors=first.errors + second.errors,
    )


def _mark(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


# -- serving and driving ---------------------------------------------------------------------


def _env(url: str, folder: Path) -> dict[str, str]:
    (folder / "static").mkdir(exist_ok=True)
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "COPEJAR_"))}
    keep.pop("WEB_CONCURRENCY", None)
    keep.pop("GUNICORN_CMD_ARGS", None)
    return keep | {
        "DJANGO_SETTINGS_MODULE": "copejar.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "benchmark-only-" + secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": f"{HOST},testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
    }


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise CommandError(f"manage.py {' '.join(args)} stopped:\n{result.stderr[-3000:]}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class _Server:
    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process

    def peak_memory(self) -> list[int]:
        """Each worker's peak resident memory, in KB (VmHWM)."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        peaks = []
        for child in children:
            status = Path(f"/proc/{child}/status").read_text()
            peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)))
        return peaks


@contextlib.contextmanager
def _gunicorn(env: dict[str, str], folder: Path, port: int, workers: int):
    log = (folder / "gunicorn.log").open("ab")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "copejar.wsgi",
            "--no-control-socket",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise CommandError(f"gunicorn stopped; see {folder / 'gunicorn.log'}")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise CommandError("gunicorn did not answer within 30 s") from None
                time.sleep(0.1)
        yield _Server(process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@dataclass
class Result:
    rate: float
    p50: float
    p99: float
    errors: int


@dataclass
class Wrk:
    seconds: int
    connections: int
    threads: int

    def run(self, base: str, page: Page, cookies: dict, objects: dict, folder: Path) -> Result:
        """Drive one page for the set time; every request carries the page's session."""
        script = folder / f"wrk-{uuid.uuid4().hex}.lua"
        script.write_text(_lua(page, cookies, objects))
        path = page.path.format(**objects)
        out = subprocess.run(
            [
                "wrk",
                f"-t{self.threads}",
                f"-c{self.connections}",
                f"-d{self.seconds}s",
                "--latency",
                "--timeout",
                "30s",
                "-s",
                str(script),
                base + path,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        _drain(base)
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
        socket_errors = re.search(
            r"Socket errors: connect (\d+), read (\d+), write (\d+), "
            r"timeout (\d+)",
            out,
        )
        return Result(
            rate=rate,
            p50=_ms(re.search(r"50%\s+([\d.]+)(us|ms|s|m)\b", out)),
            p99=_ms(re.search(r"99%\s+([\d.]+)(us|ms|s|m)\b", out)),
            errors=(int(errors.group(1)) if errors else 0)
            + (sum(int(n) for n in socket_errors.groups()) if socket_errors else 0),
        )


def _drain(base: str) -> None:
    """Wait for the requests wrk left queued when it stopped, so they do not slow the next
    page's run: until two requests in a row come back at once."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        began = time.monotonic()
        for _ in range(2):
            with urllib.request.urlopen(f"{base}/healthz", timeout=60) as response:
                response.read()
        if time.monotonic() - began < 0.2:
            return


def _lua(page: Page, cookies: dict, objects: dict) -> str:
    headers = {}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        headers["X-CSRFToken"] = cookies.get("csrftoken", "")
    lines = []
    if page.form is not None:
        body = urlencode({k: v.format(**objects) for k, v in page.form.items()})
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["HX-Request"] = "true"
        lines += ['wrk.method = "POST"', f"wrk.body = {json.dumps(body)}"]
    lines += [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()]
    return "\n".join(lines) + "\n"


def _ms(match: re.Match) -> float:
    value, unit = float(match.group(1)), match.group(2)
    return value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


class _Assets(HTMLParser):
    """What a browser fetches on a first visit: stylesheets, icons, scripts, images."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if (
            tag == "link"
            and attrs.get("href")
            and (
                {"stylesheet", "icon", "preload", "modulepreload", "manifest"}
                & set((attrs.get("rel") or "").split())
            )
        ):
            self.urls.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])


def _first_load(base: str, cookies: dict) -> list[tuple[str, int, int]]:
    """/jars/ and everything it pulls in, as (url, bytes uncompressed, bytes sent to a
    browser that accepts gzip, as every phone's does)."""
    header = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}

    def fetch(url: str, **more: str) -> bytes:
        request = urllib.request.Request(base + url, headers={**header, **more})
        with urllib.request.urlopen(request) as response:
            return response.read()

    def sizes(url: str) -> tuple[bytes, int]:
        body = fetch(url)
        return body, len(fetch(url, **{"Accept-Encoding": "gzip"}))

    html, sent = sizes("/jars/")
    found = [("/jars/", len(html), sent)]
    parser = _Assets()
    parser.feed(html.decode())
    seen = set()
    queue = [url for url in parser.urls if url.startswith("/") and not url.startswith("//")]
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        body, sent = sizes(url)
        found.append((url, len(body), sent))
        if url.split("?")[0].endswith(".css"):
            for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", body.decode(errors="replace")):
                if not ref.startswith(("data:", "#")):
                    queue.append(urljoin(url, ref))
    return found


@contextlib.contextmanager
def _postgres_database(server_url: str):
    import psycopg

    parts = urlsplit(server_url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    name = f"copejar_benchmark_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- inside the throwaway database -----------------------------------------------------------


def _prepare(into: Path, *, renders: int) -> None:
    """Build the accounts, then time and count each page in-process; write it all as JSON."""
    if "benchmark" not in str(settings.STATIC_ROOT) and "benchmark" not in str(
        settings.DATABASES["default"]["NAME"]
    ):
        raise CommandError("--prepare-into only runs inside the benchmark's own database.")
    people = _build()
    cookies = {name: _session(user) for name, (user, _objects) in people.items()}
    objects = {name: found for name, (_user, found) in people.items()}
    pages = {}
    for page in PAGES:
        user = {size: people["therapist" if page.who == "therapist" else size][0] for size in SIZES}
        visits = {size: _Visit(page, user[size], objects[size]) for size in SIZES}
        pages[page.name] = {size: visit.counted() for size, visit in visits.items()}
        # Light and heavy take turns, three requests each, so the machine's other work weighs
        # on both alike; the ratio is the median of the turns' ratios, as for growth.
        timings = {size: [] for size in SIZES}
        for _ in range(renders):
            for size in SIZES:
                timings[size].append(min(visits[size].timed() for _ in range(3)))
        for size in SIZES:
            pages[page.name][size]["render_ms"] = min(timings[size])
        pages[page.name]["render_ratio"] = statistics.median(
            heavy / light for light, heavy in zip(timings["light"], timings["heavy"], strict=True)
        )
    into.write_text(json.dumps({"cookies": cookies, "objects": objects, "pages": pages}))


def _grow() -> None:
    """Give the heavy account older entries until it holds GROWN urges and GROWN uses:
    sixteen years at the same pace. Run in a copy of the database."""

    from copejar.accounts.models import User
    from journal import tallies

    heavy = User.objects.get(username="heavy")
    rng = random.Random(11)
    _more_entries(heavy, urges=GROWN - HEAVY["urges"], uses=GROWN - HEAVY["uses"], rng=rng)
    tallies.recount_all(heavy)


def _compare(into: Path, names: dict[str, str], *, renders: int) -> None:
    """Time every page of the heavy account in a copy of the database and in the grown copy,
    the two taking turns page by page and round by round, so the machine's other work (which
    here comes in spells that slow everything by half) weighs on both alike: warm (a repeat
    visit) and right after a write (nothing drawn is kept). Three of each per turn."""
    from django.core.cache import caches
    from django.db import connection

    from copejar.accounts.models import User
    from copejar.accounts.services import history_changed

    data = json.loads(into.read_text())
    clock = _growth_clock(connection.vendor)

    def use(which: str) -> None:
        # One connection, pointed at either database; what either drew is not kept for the
        # other (the same person, the same history version, a different history).
        connection.close()
        connection.settings_dict["NAME"] = names[which]
        for alias in ("fragments", "chrome"):
            caches[alias].clear()

    visits = {}
    for which in names:
        use(which)
        if connection.vendor == "postgresql":
            # What autovacuum does soon after a load, on both copies alike: fresh planner
            # statistics (the copy of the first account carries the load test's leftovers).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        heavy = User.objects.get(username="heavy")
        therapist = User.objects.get(username="therapist")
        visits[which] = {
            page.name: (
                heavy,
                _Visit(
                    page,
                    therapist if page.who == "therapist" else heavy,
                    data["objects"]["heavy"],
                ),
            )
            for page in PAGES
        }
    times = {page.name: {which: {"warm": [], "cold": []} for which in names} for page in PAGES}
    for turn in range(renders):
        # Which copy goes first swaps every turn, so neither is always the one just after a
        # reconnection or a spell of other work.
        order = list(names) if turn % 2 == 0 else list(reversed(names))
        for page in PAGES:
            for which in order:
                use(which)
                owner, visit = visits[which][page.name]
                visit.ask()
                measured = times[page.name][which]
                measured["warm"].append(min(visit.timed(clock) for _ in range(3)))
                cold = []
                for _ in range(3):
                    history_changed(owner)
                    cold.append(visit.timed(clock))
                measured["cold"].append(min(cold))
    grown = {}
    for name, by in times.items():
        grown[name] = {
            which: {kind: min(turns) for kind, turns in kinds.items()}
            for which, kinds in by.items()
        }
        # Each turn's grown time over the same turn's time before, a moment apart; the middle
        # of those ratios, so a turn that a spell of other work fell on does not decide.
        grown[name]["ratio"] = {
            kind: statistics.median(
                after / before
                for before, after in zip(by["before"][kind], by["after"][kind], strict=True)
            )
            for kind in ("warm", "cold")
        }
    data["grown"] = grown
    into.write_text(json.dumps(data))


def _growth_clock(vendor: str):
    """SQLite works inside this process, so its CPU time is the whole of a request's work, and
    a spell when the machine runs something else does not count. PostgreSQL's work happens in
    its own process: only the wall clock sees it."""
    return time.process_time if vendor == "sqlite" else time.perf_counter


@contextlib.contextmanager
def _copies(url: str, folder: Path):
    """Two copies of the benchmark's database, one to keep and one to grow, as (the first's
    NAME in settings, the second's URL and NAME); gone afterwards. Both are copies, so neither
    carries what the load test left behind (SQLite's write-ahead log, for one)."""
    parts = urlsplit(url)
    if parts.scheme.startswith("postgres"):
        import psycopg

        source = parts.path.lstrip("/")
        names = [f"{source}_base", f"{source}_grown"]
        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as db:
            for name in names:
                db.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        try:
            yield names[0], urlunsplit(parts._replace(path=f"/{names[1]}")), names[1]
        finally:
            with psycopg.connect(admin, autocommit=True) as db:
                for name in names:
                    db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    import sqlite3

    source = Path("/" + parts.path.lstrip("/"))
    names = [folder / "base.sqlite3", folder / "grown.sqlite3"]
    with contextlib.closing(sqlite3.connect(source)) as db:
        for name in names:
            with contextlib.closing(sqlite3.connect(name)) as into:
                db.backup(into)
    try:
        yield str(names[0]), f"sqlite:///{names[1]}", str(names[1])
    finally:
        for leftover in [*folder.glob("base.sqlite3*"), *folder.glob("grown.sqlite3*")]:
            leftover.unlink()


def _more_entries(user, *, urges: int, uses: int, rng: random.Random) -> None:
    """Urges and uses of the account's own skills, as many a day as before, in the years
    before its first two: a longer history, not a busier week."""
    from django.utils import timezone

    from journal.models import UrgeLog, UsageLog
    from skills.models import CopingSkill, Kind

    day = 24 * 3600
    start = timezone.now() - timedelta(days=HEAVY["days"])
    span = HEAVY["days"] * day * urges // HEAVY["urges"]
    skills = list(CopingSkill.objects.filter(owner=user))
    negative = [skill for skill in skills if skill.kind == Kind.NEGATIVE]

    def moment():
        return start - timedelta(seconds=rng.randrange(60, span))

    UrgeLog.objects.bulk_create(
        (
            UrgeLog(
                owner=user,
                occurred_at=moment(),
                intensity=rng.randint(1, 10),
                skill=rng.choice(negative),
                passed=rng.choice([None, True, False]),
            )
            for _ in range(urges)
        ),
        batch_size=5000,
    )
    UsageLog.objects.bulk_create(
        (
            UsageLog(
                owner=user,
                occurred_at=moment(),
                skill=rng.choice(skills),
                helped=rng.choice([None, 1, 2, 3, 4]),
            )
            for _ in range(uses)
        ),
        batch_size=5000,
    )


def _build() -> dict:
    from django.utils import timezone

    from copejar.accounts.models import User
    from copejar.sharing.services import grant_invite, grant_redeem

    now = timezone.now()
    rng = random.Random(7)
    therapist = User.objects.create_user(
        username="therapist", password=secrets.token_urlsafe(), role=User.Role.THERAPIST
    )
    people = {}
    for name, shape in (("light", LIGHT), ("heavy", HEAVY)):
        user = User.objects.create_user(username=name, password=secrets.token_urlsafe())
        added = _fill(user, shape, now=now, rng=rng)
        grant, invite_code = grant_invite(
            owner=user, shown_name=name.title(), scope="everything", length="open"
        )
        grant_redeem(therapist=therapist, invite_code=invite_code)
        people[name] = (user, {"skill": str(added.code), "grant": str(grant.code)})
    # The therapist's pages are measured on the grant of the account being measured.
    people["therapist"] = (therapist, {})
    return people


def _fill(user, shape: dict, *, now, rng):
    """Skills, urges, uses and surfs over `days`; returns one added skill to visit."""
    from copejar.safety.services import plan_save_contacts, plan_save_lines
    from journal import tallies
    from journal.models import SurfOutcome, UrgeLog, UsageLog
    from journal.surf.services import surf_check_in, surf_end, surf_start
    from skills.models import Kind
    from skills.services import skill_create

    negative_count = max(2, shape["skills"] // 5)
    start = now - timedelta(days=shape["days"])
    negative = [
        skill_create(owner=user, name=f"Grey rock {n}", kind=Kind.NEGATIVE, created_at=start)
        for n in range(negative_count)
    ]
    added = [
        skill_create(
            owner=user,
            name=f"Kind rock {n}",
            kind=Kind.COPES,
            category="grounding",
            created_at=start + timedelta(days=n),
        )
        for n in range(shape["skills"] - negative_count)
    ]
    span = shape["days"] * 24 * 3600
    urges = [
        UrgeLog(
            owner=user,
            occurred_at=now - timedelta(seconds=rng.randrange(60, span)),
            intensity=rng.randint(1, 10),
            skill=rng.choice(negative),
            note=rng.choice(["", "Long day.", "After the phone call.", "Could not sleep."]),
            intensity_after=rng.choice([None, rng.randint(0, 5)]),
            passed=rng.choice([None, True, False]),
        )
        for _ in range(shape["urges"])
    ]
    UrgeLog.objects.bulk_create(urges, batch_size=2000)
    urges = list(UrgeLog.objects.filter(owner=user).only("pk", "occurred_at"))
    uses = []
    for n in range(shape["uses"]):
        urge = urges[n] if n % 2 == 0 and n < len(urges) else None
        when = urge.occurred_at + timedelta(minutes=10) if urge else None
        uses.append(
            UsageLog(
                owner=user,
                skill=rng.choice(added if rng.random() < 0.7 else negative),
                occurred_at=min(when, now)
                if when
                else now - timedelta(seconds=rng.randrange(60, span)),
                helped=rng.choice([None, 1, 2, 3, 4]),
                urge=urge,
            )
        )
    UsageLog.objects.bulk_create(uses, batch_size=2000)
    for n in range(shape["surfs"]):
        began = now - timedelta(days=shape["days"] * (n + 1) / (shape["surfs"] + 1), hours=2)
        urge = surf_start(owner=user, intensity=8, minutes=10, skill=negative[0], started_at=began)
        for step, strength in enumerate((7, 6, 4, 3), start=1):
            surf_check_in(urge=urge, intensity=strength, at=began + timedelta(minutes=2 * step))
        chose = n % 3 == 2
        surf_end(
            urge=urge,
            outcome=SurfOutcome.CHOSE if chose else SurfOutcome.PASSED,
            skill=added[0] if chose else None,
            ended_at=began + timedelta(minutes=11),
        )
    # The entries above went in in bulk, around the journal's services: count them once.
    tallies.recount_all(user)
    plan_save_lines(owner=user, key="warning_signs", text="Skipping dinner\nUp past midnight")
    plan_save_lines(owner=user, key="on_my_own", text="Kind rock 0\nA warm shower")
    plan_save_contacts(owner=user, key="help_people", people=[("Sam", "+1 555 0100")])
    return added[0]


def _session(user) -> dict[str, str]:
    from django.test import Client
    from django.utils.crypto import get_random_string

    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": get_random_string(32)}


class _Visit:
    """One person asking for one page in-process, through the whole middleware stack."""

    def __init__(self, page: Page, user, objects: dict) -> None:
        from django.test import Client

        self.page = page
        self.path = page.path.format(**objects)
        self.form = {k: v.format(**objects) for k, v in (page.form or {}).items()}
        self.client = Client()
        self.client.force_login(user)

    def ask(self, **headers):
        if self.page.form is None:
            return self.client.get(self.path, headers=headers)
        return self.client.post(self.path, self.form, headers={"HX-Request": "true", **headers})

    def counted(self) -> dict:
        """Queries and bytes of one request, after a first one that warms the caches."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.ask()
        with CaptureQueriesContext(connection) as queries:
            response = self.ask()
        # Read now: the list is gone after the next request. Transaction bookkeeping (BEGIN,
        # SAVEPOINT, COMMIT) is not a query of its own, as in tests/gates/test_queries.py:
        # SQLite's BEGIN IMMEDIATE shows in the list, PostgreSQL's BEGIN does not.
        query_count = sum(
            not query["sql"].startswith(BOOKKEEPING) for query in queries.captured_queries
        )
        if response.status_code != 200:
            raise CommandError(f"{self.page.name} ({self.path}) answered {response.status_code}")
        zipped = self.ask(**{"Accept-Encoding": "gzip"})
        gzip_bytes = (
            len(zipped.content)
            if zipped.get("Content-Encoding") == "gzip"
            else len(gzip.compress(response.content))
        )
        return {"queries": query_count, "bytes": len(response.content), "gzip_bytes": gzip_bytes}

    def timed(self, clock=time.perf_counter) -> float:
        """Milliseconds for one whole request, by the clock given."""
        began = clock()
        self.ask()
        return (clock() - began) * 1000
