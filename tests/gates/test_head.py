"""Every page that answers GET answers HEAD the same way (uptime monitors ask with HEAD).

The test walks the URLconf, like the access matrix, so a new page cannot be missed.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from copejar.sharing.models import SkillSuggestion
from journal.surf.services import surf_start
from tests.conftest import make_grant
from tests.gates.test_ownership import (
    ALL_URLS,
    CARE_THINGS,
    OWNER_URLS,
    care_kwargs,
    pending_import,
)


@pytest.fixture
def things(alice, bob, walk, urge, usage):
    grant = make_grant(alice, bob, scope="everything")
    return {
        "skill": walk,
        "negative": urge.skill,
        "urge": urge,
        "usage": usage,
        "surf": surf_start(owner=alice, intensity=6, minutes=10, skill=urge.skill),
        "grant": grant,
        "suggestion": SkillSuggestion.objects.create(
            owner=alice, therapist=bob, grant=grant, name="Yoga"
        ),
        "pending": pending_import(alice),
    }


def _url(name: str, pattern, things) -> str:
    if not pattern.pattern.converters:
        return reverse(name)
    if "scope" in pattern.pattern.converters:
        return reverse(name, kwargs={"scope": "everything"})
    if name in CARE_THINGS:
        return reverse(name, kwargs=care_kwargs(name, things["grant"], things))
    kind = OWNER_URLS[name][0] if name in OWNER_URLS else "grant"
    return reverse(name, kwargs={"code": things[kind].code})


@pytest.mark.parametrize("visitor", ["guest", "person", "therapist"])
@pytest.mark.parametrize(("name", "pattern"), ALL_URLS, ids=[name for name, _p in ALL_URLS])
def test_head_gets_the_same_answer_as_get(client, alice, bob, things, visitor, name, pattern):
    if visitor == "person":
        client.force_login(alice)
    elif visitor == "therapist":
        client.force_login(bob)
    url = _url(name, pattern, things)

    got = client.get(url)
    head = client.head(url)

    if got.status_code == 405:
        assert head.status_code == 405, f"{name}: HEAD answered {head.status_code}"
    else:
        assert head.status_code == got.status_code, (
            f"{name} as {visitor}: GET {got.status_code}, HEAD {head.status_code}"
        )
        assert head.content == b""
    assert got.status_code != 500
