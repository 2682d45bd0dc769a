"""A log form's one-time key: sent twice, or twice at once, it still makes one entry."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection

from journal import services
from journal.models import UrgeCheckIn, UrgeLog, UsageLog
from journal.surf.services import surf_check_in, surf_start


def _at_once(times: int, work) -> list:
    """Run work() in several threads released together; return what each returned."""
    barrier = threading.Barrier(times)
    results: list = [None] * times
    problems: list[BaseException] = []

    def run(n: int) -> None:
        try:
            barrier.wait()
            results[n] = work()
        except BaseException as problem:
            problems.append(problem)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not problems, problems
    return results


@pytest.mark.django_db(transaction=True)
def test_the_same_key_sent_at_the_same_moment_makes_one_use(alice, walk):
    key = uuid.uuid4()

    def log():
        entry = UsageLog(skill=walk, note="double tap")
        return services.entry_create(owner=alice, entry=entry, once_key=key)

    results = _at_once(6, log)
    assert UsageLog.objects.filter(owner=alice).count() == 1
    assert len({entry.pk for entry, _new in results}) == 1
    assert sorted(new for _entry, new in results) == [False] * 5 + [True]


@pytest.mark.django_db(transaction=True)
def test_the_same_key_for_a_surf_and_its_check_in_makes_one_of_each(alice, scrolling):
    start, check = uuid.uuid4(), uuid.uuid4()
    urges = _at_once(
        4,
        lambda: surf_start(owner=alice, intensity=8, minutes=5, skill=scrolling, once_key=start),
    )
    assert UrgeLog.objects.filter(owner=alice).count() == 1
    _at_once(4, lambda: surf_check_in(urge=urges[0], intensity=5, once_key=check))
    assert UrgeCheckIn.objects.count() == 1


def test_a_key_is_one_persons_alone(alice, charlie, walk):
    from skills.models import Kind
    from skills.services import skill_create

    theirs = skill_create(owner=charlie, name="Charlie's walk", kind=Kind.COPES)
    key = uuid.uuid4()
    services.entry_create(owner=alice, entry=UsageLog(skill=walk), once_key=key)
    _entry, new = services.entry_create(owner=charlie, entry=UsageLog(skill=theirs), once_key=key)
    # The same key from someone else is their own entry, never a peek at alice's.
    assert new
    assert UsageLog.objects.filter(owner=charlie).count() == 1


def test_an_entry_cannot_name_someone_elses_skill(alice, charlie):
    from skills.models import Kind
    from skills.services import skill_create

    theirs = skill_create(owner=charlie, name="Charlie's walk", kind=Kind.COPES)
    with pytest.raises(ValueError, match="owner's skills"):
        services.entry_create(owner=alice, entry=UsageLog(skill=theirs))
