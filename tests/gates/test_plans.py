"""Every read of a person's history is answered from an index, on SQLite and on PostgreSQL.

A page may read only what it shows; a query that walks all of someone's entries is fast with
a few hundred and slow with a hundred thousand, which no timing in a test would notice. So
this gate asks each database how it would run every query that the history pages send, the
first time after a write (when nothing drawn is kept), and fails on:

- a full scan of an entries table (SQLite: SCAN; PostgreSQL, with sequential scans priced out
  so that any usable index is taken: Seq Scan);
- a search by the owner alone that does not stop early: that reads every entry the person
  ever made. On SQLite: no LIMIT, or a temporary B-tree to sort. On PostgreSQL: an index scan
  with nothing but the owner in its condition, unless a Limit above it takes rows as they come
  (no sort, hash or aggregate between); a subquery counts on its own, as PostgreSQL may run it
  once for the whole query and hash every row it finds.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta

from django.db import connection
from django.db.models import Exists, OuterRef
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from copejar.accounts.services import history_changed
from journal import tallies
from journal.models import UrgeLog, UsageLog
from journal.surf.services import surf_check_in, surf_end, surf_start
from skills.models import Kind
from skills.services import skill_create
from tests.conftest import make_grant

BIG = ("journal_urgelog", "journal_usagelog", "journal_tally", "journal_urgecheckin")
BIG += ("sharing_accesslogentry",)


def _history(owner) -> None:
    walk = skill_create(owner=owner, name="Walk", kind=Kind.COPES)
    pull = skill_create(owner=owner, name="Scrolling", kind=Kind.NEGATIVE)
    now = timezone.now()
    urges = UrgeLog.objects.bulk_create(
        UrgeLog(owner=owner, intensity=n % 11, skill=pull, occurred_at=now - timedelta(hours=n))
        for n in range(60)
    )
    UsageLog.objects.bulk_create(
        UsageLog(owner=owner, skill=walk, urge=urges[n], occurred_at=now - timedelta(hours=n))
        for n in range(60)
    )
    tallies.recount_all(owner)
    started = now - timedelta(days=3)
    surf = surf_start(owner=owner, intensity=7, minutes=10, skill=pull, started_at=started)
    surf_check_in(urge=surf, intensity=5, at=started + timedelta(minutes=3))
    surf_end(urge=surf, outcome="chose", skill=walk, ended_at=started + timedelta(minutes=9))


OWN_PAGES = [
    ("jars", {}),
    ("journal:journal", {}),
    ("journal:surfs", {}),
    ("skills:list", {}),
    ("journal:insights", {}),
    ("journal:insights_year", {}),
    ("journal:insights_growth", {}),
    ("journal:diary", {}),
    ("safety:plan", {}),
    ("sharing:list", {}),
]
CARE_PAGES = ["care:dashboard", "care:jars", "care:journal", "care:diary", "care:insights"]


def _plan_lines(sql: str) -> list[str]:
    """SQLite's plan, a line for each step; PostgreSQL's, a line for each node that reads an
    entries table, with whether it can stop early (see _pg_reads)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A test's few rows make any plan cheap: price out what only pays with few rows
            # (a scan of everything, a bitmap of every match, a sort), so PostgreSQL shows
            # the plan it would pick for a long history.
            # Only for this question: the pages' own queries run as they always do.
            methods = ("seqscan", "bitmapscan", "sort")
            for method in methods:
                cursor.execute(f"SET LOCAL enable_{method} = off")
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            for method in methods:
                cursor.execute(f"RESET enable_{method}")
            if isinstance(plan, str):  # Django's PostgreSQL backend reads json as text
                plan = json.loads(plan)
            return list(_pg_reads(plan[0]["Plan"]))
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return [row[-1] for row in cursor.fetchall()]


# Nodes that read everything below them before they give a row.
_PG_BLOCKING = {"Sort", "Hash", "Aggregate", "Materialize", "SetOp", "WindowAgg", "Gather Merge"}


def _pg_reads(node: dict, stops: bool = False):
    """'<node type> on <table>: <condition> [stops]' for each node under `node` that reads an
    entries table. A node stops when a Limit above it takes rows as they come."""
    table = node.get("Relation Name")
    if table in BIG:
        condition = node.get("Index Cond") or node.get("Recheck Cond") or node.get("Filter", "")
        yield f"{node['Node Type']} on {table}: {condition}" + (" [stops]" if stops else "")
    below = node["Node Type"] == "Limit" or (stops and node["Node Type"] not in _PG_BLOCKING)
    for child in node.get("Plans", []):
        # A subquery starts afresh: it may be run once for everything and hashed.
        alone = child.get("Parent Relationship") in ("SubPlan", "InitPlan")
        yield from _pg_reads(child, below and not alone)


def _big_indexes() -> set[str]:
    with connection.cursor() as cursor:
        return {
            name
            for table in BIG
            for name in connection.introspection.get_constraints(cursor, table)
        }


def _walks_everything(sql: str, plan: list[str]) -> list[str]:
    indexes = _big_indexes()
    # Stopping early needs a LIMIT on the query itself and rows in the index's own order.
    stops = re.search(r" LIMIT \d+( OFFSET \d+)?$", sql) and not any(
        "TEMP B-TREE FOR ORDER BY" in line for line in plan
    )
    found = []
    for line in plan:
        if any(f"Seq Scan on {table}" in line for table in BIG):
            found.append(line)
        if (scan := re.search(r"\bSCAN (\S+)", line)) and scan.group(1) in BIG:
            found.append(line)
        by_owner = re.search(r"USING (?:COVERING )?INDEX (\S+) \(owner_id=\?\)$", line)
        if by_owner and by_owner.group(1) in indexes and not stops:
            found.append(line)
        if re.search(r": \((?:\w+\.)?owner_id = [^ ()]+\)$", line):
            # PostgreSQL, by the owner alone, with nothing above that stops it early.
            found.append(line)
    return found


def _reads(client, url: str, owner, **headers) -> list[tuple[str, list[str]]]:
    client.get(url, headers=headers)
    history_changed(owner)  # nothing drawn is kept: every read runs
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    problems = []
    for query in queries.captured_queries:
        sql = query["sql"]
        if not sql.startswith("SELECT") or not any(table in sql for table in BIG):
            continue
        if walked := _walks_everything(sql, _plan_lines(sql)):
            problems.append((sql[:300], walked))
    return problems


def test_the_owners_history_pages_read_from_indexes(client, alice):
    _history(alice)
    skill = alice.skills.filter(kind=Kind.COPES).get()
    client.force_login(alice)
    urls = [reverse(name, kwargs=kwargs) for name, kwargs in OWN_PAGES]
    urls += [reverse("skills:detail", kwargs={"code": skill.code})]
    urls += [reverse("journal:journal") + "?before=2100-01-01"]
    problems = [problem for url in urls for problem in _reads(client, url, alice)]
    assert not problems, "\n".join(f"{sql}\n  {walked}" for sql, walked in problems)


def test_a_therapists_pages_read_from_indexes(client, alice, bob):
    _history(alice)
    grant = make_grant(alice, bob, scope="everything")
    client.force_login(bob)
    urls = [
        reverse(name) if name == "care:dashboard" else reverse(name, kwargs={"code": grant.code})
        for name in CARE_PAGES
    ]
    problems = [problem for url in urls for problem in _reads(client, url, alice)]
    assert not problems, "\n".join(f"{sql}\n  {walked}" for sql, walked in problems)


def test_the_gate_would_catch_a_read_of_every_entry(alice):
    _history(alice)
    no_index = str(UrgeLog.objects.filter(intensity__gte=3).query)
    assert _walks_everything(no_index, _plan_lines(no_index))
    latest = str(UrgeLog.objects.filter(owner=alice).order_by("-occurred_at")[:5].query)
    assert not _walks_everything(latest, _plan_lines(latest))
    # Every entry of the person, with nothing to stop the walk early.
    everything = str(UrgeLog.objects.filter(owner=alice, intensity__gte=3).query)
    assert _walks_everything(everything, _plan_lines(everything))
    if connection.vendor == "postgresql":
        # A subquery about the person's urges, which PostgreSQL may run once and hash whole,
        # even under a LIMIT.
        theirs = UrgeLog.objects.filter(owner=alice, pk=OuterRef("urge_id"))
        answered = UsageLog.objects.filter(owner=alice).annotate(shown=Exists(theirs))
        latest_answers = str(answered.order_by("-occurred_at")[:5].query)
        assert _walks_everything(latest_answers, _plan_lines(latest_answers))
