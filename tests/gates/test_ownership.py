"""Every URL naming an object lets its owner in, gives strangers a 404 and guests a login.

The test walks the URLconf, so a new URL that this table does not cover fails the suite.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from journal.models import UrgeLog, UsageLog
from skills.models import CopingSkill

# url name -> (which of alice's objects it names, the method that reads it, owner's status)
OBJECT_URLS: dict[str, tuple[str, str, int]] = {
    "skills:detail": ("skill", "get", 200),
    "skills:edit": ("skill", "get", 200),
    "skills:archive": ("skill", "post", 302),
    "skills:delete": ("skill", "get", 200),
    "journal:urge_edit": ("urge", "get", 200),
    "journal:urge_delete": ("urge", "get", 200),
    "journal:usage_edit": ("usage", "get", 200),
    "journal:usage_delete": ("usage", "get", 200),
}

# url name -> (method, status for a signed-in person, status for a guest: 302 means login)
PLAIN_URLS: dict[str, tuple[str, int, int]] = {
    "home": ("get", 302, 200),
    "accounts:signup": ("get", 302, 200),
    "accounts:login": ("get", 302, 200),
    "accounts:logout": ("post", 302, 302),
    "accounts:password_change": ("get", 200, 302),
    "accounts:password_changed": ("get", 200, 302),
    "accounts:settings": ("get", 200, 302),
    "jars": ("get", 200, 302),
    "skills:list": ("get", 200, 302),
    "skills:new": ("get", 200, 302),
    "skills:ideas": ("get", 200, 302),
    "journal:journal": ("get", 200, 302),
    "journal:urge_new": ("get", 200, 302),
    "journal:usage_new": ("get", 200, 302),
}
PUBLIC = {"home", "accounts:signup", "accounts:login", "accounts:logout"}


def _walk(patterns, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            found.append((f"{namespace}{entry.name}", entry))
    return found


ALL_URLS = _walk(get_resolver().url_patterns)


def test_every_url_is_in_the_table():
    names = {name for name, _pattern in ALL_URLS}
    uncovered = names - set(OBJECT_URLS) - set(PLAIN_URLS)
    assert not uncovered, f"Add these URLs to the ownership matrix: {sorted(uncovered)}"
    for name, pattern in ALL_URLS:
        takes_id = bool(pattern.pattern.converters)
        assert takes_id == (name in OBJECT_URLS), f"{name} is in the wrong table"


@pytest.fixture
def objects(alice, walk, urge, usage) -> dict[str, object]:
    return {"skill": walk, "urge": urge, "usage": usage}


def _url(name: str, obj) -> str:
    return reverse(name, kwargs={"code": obj.code})


@pytest.mark.parametrize("name", sorted(OBJECT_URLS))
def test_the_owner_gets_in(client, alice, objects, name):
    kind, method, status = OBJECT_URLS[name]
    client.force_login(alice)
    response = getattr(client, method)(_url(name, objects[kind]))
    assert response.status_code == status


@pytest.mark.parametrize("name", sorted(OBJECT_URLS))
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_stranger_gets_404_and_changes_nothing(client, charlie, objects, name, method):
    kind, _method, _status = OBJECT_URLS[name]
    client.force_login(charlie)
    data = {"name": "Taken", "kind": "added", "intensity": 1, "archived": "1"}
    response = getattr(client, method)(_url(name, objects[kind]), data)
    if response.status_code == 405:
        # A wrong method is refused before any lookup, so it says nothing about the object.
        missing = reverse(name, kwargs={"code": "00000000-0000-4000-8000-000000000000"})
        assert getattr(client, method)(missing, data).status_code == 405
    else:
        assert response.status_code == 404
    assert CopingSkill.objects.filter(name="Walk the dog", archived_at__isnull=True).exists()
    assert UrgeLog.objects.filter(intensity=7).exists()
    assert UsageLog.objects.count() == 1


@pytest.mark.parametrize("name", sorted(OBJECT_URLS))
def test_a_guest_is_asked_to_log_in(client, objects, name):
    kind, method, _status = OBJECT_URLS[name]
    url = _url(name, objects[kind])
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", sorted(PLAIN_URLS))
def test_plain_pages_for_a_signed_in_person(client, alice, name):
    method, signed_in, _guest = PLAIN_URLS[name]
    client.force_login(alice)
    assert getattr(client, method)(reverse(name)).status_code == signed_in


@pytest.mark.parametrize("name", sorted(PLAIN_URLS))
def test_plain_pages_for_a_guest(client, db, name):
    method, _signed_in, guest = PLAIN_URLS[name]
    response = getattr(client, method)(reverse(name))
    assert response.status_code == guest
    if name not in PUBLIC:
        assert response["Location"].startswith(reverse("accounts:login"))
