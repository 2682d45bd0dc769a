"""The timeline pages through any history a page at a time, every entry exactly once, in order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.models import UrgeLog, UsageLog
from journal.timeline import PAGE_SIZE, timeline_page
from journal.window import Window
from skills.models import Kind
from skills.services import skill_create

START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _walk(window: Window) -> list[list[str]]:
    """Every page's entry codes, following the cursor from the newest page to the oldest."""
    pages, older = [], None
    while True:
        page = timeline_page(window, older=older)
        pages.append([str(e.code) for day in page.days for e in day.entries])
        older = page.older
        if older is None:
            return pages


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    # Minutes before START for each entry; repeats make entries that share a moment.
    urge_minutes=st.lists(st.integers(0, 30), max_size=70),
    use_minutes=st.lists(st.integers(0, 30), max_size=70),
)
@pytest.mark.django_db
def test_paging_shows_every_entry_once_newest_first(urge_minutes, use_minutes):
    UrgeLog.objects.all().delete()
    UsageLog.objects.all().delete()
    from copejar.accounts.models import User

    owner, _ = User.objects.get_or_create(username="paula")
    skill = skill_create(owner=owner, name="Walk", kind=Kind.COPES)
    urges = [
        UrgeLog.objects.create(owner=owner, intensity=3, occurred_at=START - timedelta(minutes=m))
        for m in urge_minutes
    ]
    usages = [
        UsageLog.objects.create(owner=owner, skill=skill, occurred_at=START - timedelta(minutes=m))
        for m in use_minutes
    ]
    pages = _walk(Window.of_owner(owner))
    seen = [code for page in pages for code in page]

    rank = {str(u.code): (u.occurred_at, 0, u.pk) for u in urges}
    rank |= {str(u.code): (u.occurred_at, 1, u.pk) for u in usages}
    assert sorted(seen) == sorted(rank), "each entry shows exactly once"
    assert seen == sorted(seen, key=rank.__getitem__, reverse=True), "newest first"
    assert all(len(page) <= PAGE_SIZE for page in pages)
    assert all(pages[:-1]), "no empty page before the last"


def test_a_busy_day_continues_on_the_next_page(alice_client, alice, walk):
    for n in range(PAGE_SIZE + 5):
        UsageLog.objects.create(owner=alice, skill=walk, occurred_at=START + timedelta(minutes=n))
    first = alice_client.get(reverse("journal:journal")).content.decode()
    assert first.count('class="entry entry-usage"') == PAGE_SIZE
    assert "Show earlier entries" in first
    older = first.split('href="?older=')[1].split('"')[0]
    rest = alice_client.get(
        reverse("journal:journal") + f"?older={older}", headers={"HX-Request": "true"}
    ).content.decode()
    assert rest.count('class="entry entry-usage"') == 5
    assert "(earlier that day)" in rest
    assert "Show earlier entries" not in rest


def test_a_cursor_that_names_no_entry_of_yours_starts_at_the_newest(client, alice, charlie, walk):
    UsageLog.objects.create(owner=alice, skill=walk, note="Alice's own words")
    theirs = skill_create(owner=charlie, name="Charlie's rock", kind=Kind.COPES)
    charlie_use = UsageLog.objects.create(owner=charlie, skill=theirs)
    client.force_login(alice)
    for cursor in (f"usage-{charlie_use.code}", "usage-not-a-code", "nonsense", "urge-"):
        html = client.get(reverse("journal:journal") + f"?older={cursor}").content.decode()
        assert "Alice&#x27;s own words" in html or "Alice's own words" in html
        assert "Charlie" not in html
