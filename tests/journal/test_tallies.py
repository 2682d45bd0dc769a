"""The tallies always equal a recount of the entries, whatever sequence of writes came first."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from copejar.accounts.models import User
from journal import services, tallies
from journal.insights import urges_ridden_out
from journal.jars import recent_balance
from journal.models import UrgeLog, UsageLog
from journal.surf.services import surf_end, surf_start
from journal.tallies import Counts
from journal.window import Window
from skills.models import Kind
from skills.services import skill_create

# A fixed "now" near a clock change, so writes land on both sides of it.
NOW = datetime(2026, 10, 26, 12, 0, tzinfo=UTC)
_people = itertools.count()

step = st.one_of(
    st.tuples(st.just("urge"), st.integers(0, 400), st.integers(0, 10), st.integers(-1, 3)),
    st.tuples(st.just("use"), st.integers(0, 400), st.integers(0, 3), st.integers(-1, 4)),
    st.tuples(st.just("move"), st.integers(0, 30), st.integers(0, 400), st.integers(0, 3)),
    st.tuples(st.just("ease"), st.integers(0, 30), st.integers(0, 10), st.booleans()),
    st.tuples(st.just("delete"), st.integers(0, 30), st.just(0), st.just(0)),
    st.tuples(st.just("surf"), st.integers(0, 400), st.integers(0, 10), st.integers(-1, 3)),
    st.tuples(st.just("drop skill"), st.integers(0, 3), st.just(0), st.just(0)),
    st.tuples(
        st.just("zone"), st.sampled_from(["Europe/London", "Asia/Kolkata"]), st.just(0), st.just(0)
    ),
)


def _apply(owner, skills, step) -> None:
    kind, a, b, c = step
    entries = [*UrgeLog.objects.filter(owner=owner), *UsageLog.objects.filter(owner=owner)]
    entries.sort(key=lambda e: (e.occurred_at, e.pk, type(e).__name__))
    alive = [s for s in skills if CopingSkillExists(s)]
    when = NOW - timedelta(hours=a) if isinstance(a, int) else NOW
    if kind == "urge":
        skill = alive[c % len(alive)] if c >= 0 and alive else None
        services.entry_create(
            owner=owner, entry=UrgeLog(occurred_at=when, intensity=b, skill=skill)
        )
    elif kind == "use" and alive:
        urges = [e for e in entries if isinstance(e, UrgeLog)]
        services.entry_create(
            owner=owner,
            entry=UsageLog(
                occurred_at=when,
                skill=alive[b % len(alive)],
                helped=c if c >= 0 else None,
                urge=urges[-1] if urges and c == 4 else None,
            ),
        )
    elif kind in ("move", "ease", "delete") and entries:
        entry = entries[a % len(entries)]
        if kind == "delete":
            services.entry_delete(entry=entry)
            return
        if kind == "move":
            entry.occurred_at = NOW - timedelta(hours=b)
        elif isinstance(entry, UrgeLog):
            entry.intensity_after, entry.passed = b, c
        else:
            entry.helped = b % 5
        services.entry_update(entry=entry)
    elif kind == "surf":
        pull = alive[c % len(alive)] if c >= 0 and alive else None
        urge = surf_start(owner=owner, intensity=b, minutes=5, started_at=when)
        if pull is not None and not pull.is_negative:
            surf_end(urge=urge, outcome="chose", skill=pull, ended_at=when + timedelta(hours=8))
        else:
            surf_end(urge=urge, outcome="passed", ended_at=when + timedelta(minutes=9))
    elif kind == "drop skill" and alive:
        services.skill_delete(skill=alive[a % len(alive)])
    elif kind == "zone":
        owner.time_zone = a
        owner.save(update_fields=["time_zone"])
        tallies.recount_all(owner)


def CopingSkillExists(skill) -> bool:
    return type(skill).objects.filter(pk=skill.pk).exists()


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# A use on another day answers an urge, then the urge is deleted: the use's day changes too.
@example(steps=[("urge", 10, 7, -1), ("use", 100, 0, 4), ("delete", 1, 0, 0)], private=[False] * 4)
@given(steps=st.lists(step, max_size=25), private=st.lists(st.booleans(), min_size=4, max_size=4))
@pytest.mark.django_db
def test_the_tallies_equal_a_recount_after_any_writes(steps, private):
    owner = User.objects.create_user(
        username=f"tally{next(_people)}", password="x" * 12, time_zone="America/New_York"
    )
    skills = [
        skill_create(owner=owner, name=f"S{n}", kind=kind, private=hidden)
        for n, (kind, hidden) in enumerate(
            zip([Kind.COPES, Kind.NEGATIVE, Kind.COPES, Kind.NEGATIVE], private, strict=True)
        )
    ]
    for step_ in steps:
        _apply(owner, skills, step_)
        counted = tallies.count(owner)
        assert tallies.tallied(owner) == counted, step_
        assert tallies.totalled(owner) == {
            key: total for key, total in tallies.by_total(counted).items() if total != Counts()
        }, step_

    # And the readers that sum tallies agree with counting the entries by hand.
    window = Window.of_owner(owner)
    assert urges_ridden_out(window) == UrgeLog.objects.filter(owner=owner, passed=True).count()
    balance = recent_balance(window, now=NOW)
    first_day = window.local_date(NOW) - timedelta(days=27)
    recent = [
        use
        for use in UsageLog.objects.filter(owner=owner).select_related("skill")
        if window.local_date(use.occurred_at) >= first_day
    ]
    assert balance.from_copes == sum(not use.skill.is_negative for use in recent)
    assert balance.from_negative == sum(use.skill.is_negative for use in recent)
