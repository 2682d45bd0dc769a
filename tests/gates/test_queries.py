"""Every page costs the same few queries with 1 entry or 300 (no N+1), and never more than
CEILING. Transaction bookkeeping (BEGIN, SAVEPOINT, COMMIT) is not a query of its own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from copejar.safety.services import plan_save_contacts, plan_save_lines
from journal import tallies
from journal.models import UrgeLog, UsageLog
from journal.surf.services import surf_check_in, surf_end, surf_start
from skills.models import Kind
from skills.services import skill_create
from tests.conftest import make_grant


def _fill(owner, *, skills: int, entries: int) -> None:
    made = [
        skill_create(
            owner=owner, name=f"Skill {n}", kind=Kind.NEGATIVE if n % 3 == 1 else Kind.COPES
        )
        for n in range(skills)
    ]
    now = timezone.now()
    urges = UrgeLog.objects.bulk_create(
        UrgeLog(
            owner=owner,
            intensity=n % 11,
            skill=made[n % skills],
            occurred_at=now - timedelta(minutes=20 * n),
        )
        for n in range(entries)
    )
    UsageLog.objects.bulk_create(
        UsageLog(
            owner=owner,
            skill=made[n % skills],
            urge=urges[n],
            helped=n % 5,
            occurred_at=now - timedelta(minutes=20 * n + 5),
        )
        for n in range(entries)
    )
    tallies.recount_all(owner)  # made in bulk, around the services


CEILING = 8
BOOKKEEPING = ("BEGIN", "SAVEPOINT", "RELEASE SAVEPOINT", "COMMIT", "ROLLBACK")


def _count(client, url: str, data: dict | None = None, **headers) -> int:
    # The first request after a test's force_login notes the browser on the sign-in list, a
    # one-off; what is measured is every request after that.
    client.get(reverse("accounts:settings"))
    with CaptureQueriesContext(connection) as queries:
        if data is None:
            response = client.get(url, headers=headers)
        else:
            response = client.post(url, data, headers=headers)
    assert response.status_code == 200
    made = [q for q in queries.captured_queries if not q["sql"].startswith(BOOKKEEPING)]
    assert len(made) <= CEILING, f"{url}: {len(made)} queries\n" + "\n".join(
        q["sql"][:120] for q in made
    )
    return len(made)


PAGES = [
    ("jars", {}),
    ("journal:journal", {}),
    ("journal:journal", {"HX-Request": "true"}),
    ("skills:list", {}),
    ("journal:insights", {}),
    ("journal:insights_year", {}),
    ("journal:insights_growth", {}),
    ("journal:diary", {}),
    ("skills:ideas", {}),
    ("sharing:list", {}),
    ("sharing:seen", {}),
    ("accounts:settings", {}),
]


@pytest.mark.parametrize(("name", "headers"), PAGES)
def test_query_count_does_not_grow_with_entries(client, alice, charlie, name, headers):
    _fill(alice, skills=1, entries=1)
    _fill(charlie, skills=30, entries=300)
    url = reverse(name)
    if headers:
        url += "?before=2100-01-01"
    client.force_login(alice)
    small = _count(client, url, **headers)
    client.force_login(charlie)
    large = _count(client, url, **headers)
    assert small == large, f"{name}: {small} queries with 1 entry, {large} with 300"


@pytest.mark.parametrize("page", ["jars", "journal", "diary"])
@pytest.mark.parametrize("scope", ["logs", "everything"])
def test_a_skill_page_and_the_previews_do_not_grow_with_entries(
    client, alice, charlie, page, scope
):
    _fill(alice, skills=1, entries=1)
    _fill(charlie, skills=30, entries=300)
    counts = []
    for person in (alice, charlie):
        client.force_login(person)
        counts.append(_count(client, reverse(f"sharing:preview_{page}", kwargs={"scope": scope})))
        skill = person.skills.first()
        counts.append(_count(client, reverse("skills:detail", kwargs={"code": skill.code})))
    assert counts[:2] == counts[2:], f"{page}: {counts[:2]} with 1 entry, {counts[2:]} with 300"


@pytest.mark.parametrize(
    "name", ["care:jars", "care:journal", "care:diary", "care:insights", "care:dashboard"]
)
def test_a_therapists_pages_do_not_grow_with_entries(client, alice, charlie, bob, name):
    _fill(alice, skills=1, entries=1)
    _fill(charlie, skills=30, entries=300)
    counts = []
    for person in (alice, charlie):
        grant = make_grant(person, bob, scope="everything")
        url = (
            reverse(name)
            if name == "care:dashboard"
            else reverse(name, kwargs={"code": grant.code})
        )
        client.force_login(bob)
        counts.append(_count(client, url))
    assert counts[0] == counts[1], f"{name}: {counts[0]} queries with 1 entry, {counts[1]} with 300"


def _surfs(owner, *, count: int, check_ins: int) -> None:
    walk = skill_create(owner=owner, name="Walk", kind=Kind.COPES)
    pull = skill_create(owner=owner, name="Scrolling", kind=Kind.NEGATIVE)
    for n in range(count):
        started = timezone.now() - timedelta(hours=n + 1)
        surf = surf_start(owner=owner, intensity=n % 11, minutes=10, skill=pull, started_at=started)
        for m in range(check_ins):
            surf_check_in(urge=surf, intensity=m % 11, at=started + timedelta(minutes=m))
        if n % 2:
            surf_end(
                urge=surf, outcome="chose", skill=walk, ended_at=started + timedelta(minutes=9)
            )


def _plan(owner, *, people: int) -> None:
    for key in ("warning_signs", "on_my_own", "reasons"):
        plan_save_lines(owner=owner, key=key, text="\n".join(f"Item {n}" for n in range(people)))
    for key in ("help_people", "professionals"):
        plan_save_contacts(
            owner=owner, key=key, people=[(f"Person {n}", f"555 01{n:02d}") for n in range(people)]
        )
    for n in range(people):
        skill_create(owner=owner, name=f"Rock {n}", kind=Kind.COPES)


@pytest.mark.parametrize("name", ["journal:surfs", "safety:plan", "safety:help"])
def test_surfs_and_the_safety_plan_do_not_grow_with_entries(client, alice, charlie, name):
    _surfs(alice, count=1, check_ins=1)
    _surfs(charlie, count=20, check_ins=8)
    _plan(alice, people=1)
    _plan(charlie, people=12)
    counts = []
    for person in (alice, charlie):
        client.force_login(person)
        counts.append(_count(client, reverse(name)))
    assert counts[0] == counts[1], (
        f"{name}: {counts[0]} queries with 1 entry, {counts[1]} with more"
    )


@pytest.mark.parametrize("kind", ["usage", "urge"])
def test_a_one_tap_log_costs_the_same_few_queries_at_any_size(client, alice, charlie, kind):
    _fill(alice, skills=1, entries=1)
    _fill(charlie, skills=30, entries=300)
    counts = []
    for person in (alice, charlie):
        client.force_login(person)
        skill = person.skills.filter(kind=Kind.COPES).first()
        data = {"skill": skill.code} if kind == "usage" else {"intensity": 6}
        counts.append(
            _count(client, reverse(f"journal:{kind}_new"), data, **{"HX-Request": "true"})
        )
    assert counts[0] == counts[1], f"{kind}: {counts[0]} queries with 1 entry, {counts[1]} with 300"
    assert UsageLog.objects.filter(owner=charlie).count() == 300 + (kind == "usage")
