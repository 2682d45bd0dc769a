"""Who gets what: every URL against every kind of visitor, from owner to expired therapist.

The test walks the URLconf, so a URL this table does not cover fails the suite. Strangers
and therapists without an active grant that covers the page get 404, never 403; only the
therapist whose share was stopped or ran out is told that it ended (410), and nothing more.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from copejar.data.models import PendingImport
from copejar.data.services import import_check
from copejar.sharing.models import AccessLogEntry, SkillSuggestion
from journal.models import UrgeCheckIn, UrgeLog, UsageLog
from journal.surf.services import surf_start
from skills.models import CopingSkill
from skills.photos import clean_photo
from skills.services import skill_set_photo
from tests.conftest import make_grant, picture_bytes

ACTORS = [
    "owner",
    "stranger",
    "guest",
    "therapist-jars",
    "therapist-logs",
    "therapist-everything",
    "revoked",
    "expired",
    "pending",
]
THERAPISTS = {
    "therapist-jars": "jars",
    "therapist-logs": "logs",
    "therapist-everything": "everything",
}

# The person's own objects: url name -> (which object, method, owner's status). Everyone else
# gets 404, a guest is asked to log in.
OWNER_URLS: dict[str, tuple[str, str, int]] = {
    "skills:detail": ("skill", "get", 200),
    "skills:edit": ("skill", "get", 200),
    "skills:archive": ("skill", "post", 302),
    "skills:delete": ("skill", "get", 200),
    "skills:alternatives": ("negative", "post", 302),
    "journal:urge_edit": ("urge", "get", 200),
    "journal:urge_delete": ("urge", "get", 200),
    "journal:urge_follow_up": ("urge", "get", 200),
    "journal:usage_edit": ("usage", "get", 200),
    "journal:usage_delete": ("usage", "get", 200),
    "journal:surf": ("surf", "get", 200),
    "journal:surf_check_in": ("surf", "post", 302),
    "journal:surf_end": ("surf", "post", 200),  # the matrix's POST names no outcome: asked again
    "sharing:detail": ("grant", "get", 200),
    "sharing:scope": ("grant", "post", 302),
    "sharing:stop": ("grant", "post", 302),
    "sharing:suggestion": ("suggestion", "post", 302),
    "skills:photo": ("skill", "get", 200),
    "skills:photo_remove": ("skill", "post", 302),
    "skills:photo_full": ("skill", "get", 200),
    "skills:photo_small": ("skill", "get", 200),
    "data:import_preview": ("pending", "get", 200),
}

# A therapist's window on a person, by grant: url name -> (method, status per active scope).
# Anyone else gets 404 (the owner, a stranger, a grant never redeemed), except the therapist
# whose grant was stopped or ran out: 410, "this share has ended".
CARE_URLS: dict[str, tuple[str, dict[str, int]]] = {
    "care:jars": ("get", {"jars": 200, "logs": 200, "everything": 200}),
    "care:journal": ("get", {"jars": 404, "logs": 200, "everything": 200}),
    "care:diary": ("get", {"jars": 404, "logs": 200, "everything": 200}),
    "care:insights": ("get", {"jars": 404, "logs": 200, "everything": 200}),
    "care:insights_year": ("get", {"jars": 404, "logs": 200, "everything": 200}),
    "care:insights_growth": ("get", {"jars": 404, "logs": 200, "everything": 200}),
    "care:suggest": ("post", {"jars": 302, "logs": 302, "everything": 302}),
    # A skill's photo, like the person's words: only with everything.
    "care:photo": ("get", {"jars": 404, "logs": 404, "everything": 200}),
}
# Care URLs that name one of the person's things besides the share: url name -> (kwarg, thing).
CARE_THINGS = {"care:photo": ("skill", "skill")}


def care_kwargs(name: str, grant, things) -> dict:
    """The URL's arguments: the share's code, and the thing it shows when it names one."""
    kwargs = {"code": grant.code}
    if name in CARE_THINGS:
        kwarg, kind = CARE_THINGS[name]
        kwargs[kwarg] = things[kind].code
    return kwargs


# The person's preview of what a therapist with each scope sees: url name -> status by scope
# (the owner only ever sees their own data; everyone else is asked to log in or sees theirs).
PREVIEW_URLS: dict[str, dict[str, int]] = {
    "sharing:preview_jars": {"jars": 200, "logs": 200, "everything": 200},
    "sharing:preview_journal": {"jars": 404, "logs": 200, "everything": 200},
    "sharing:preview_diary": {"jars": 404, "logs": 200, "everything": 200},
    "sharing:preview_insights": {"jars": 404, "logs": 200, "everything": 200},
    "sharing:preview_insights_year": {"jars": 404, "logs": 200, "everything": 200},
    "sharing:preview_insights_growth": {"jars": 404, "logs": 200, "everything": 200},
}

# Pages without an id: url name -> (method, person, therapist, guest). 302 for a guest of a
# private page means the login page.
PLAIN_URLS: dict[str, tuple[str, int, int, int]] = {
    "home": ("get", 302, 302, 200),
    "healthz": ("get", 200, 200, 200),
    "manifest": ("get", 200, 200, 200),
    "service_worker": ("get", 200, 200, 200),
    "offline": ("get", 200, 200, 200),
    "accounts:signup": ("get", 302, 302, 200),
    "accounts:login": ("get", 302, 302, 200),
    "accounts:logout": ("post", 302, 302, 302),
    "accounts:password_change": ("get", 200, 200, 302),
    "accounts:password_changed": ("get", 200, 200, 302),
    "accounts:settings": ("get", 200, 200, 302),
    "accounts:sign_ins": ("get", 200, 200, 302),
    "accounts:sign_out_others": ("post", 302, 302, 302),
    "accounts:language": ("post", 302, 302, 302),
    "jars": ("get", 200, 200, 302),
    "journal:insights": ("get", 200, 200, 302),
    "journal:insights_year": ("get", 200, 200, 302),
    "journal:insights_growth": ("get", 200, 200, 302),
    "journal:diary": ("get", 200, 200, 302),
    "skills:list": ("get", 200, 200, 302),
    "skills:new": ("get", 200, 200, 302),
    "skills:ideas": ("get", 200, 200, 302),
    "journal:journal": ("get", 200, 200, 302),
    "journal:urge_new": ("get", 200, 200, 302),
    "journal:usage_new": ("get", 200, 200, 302),
    "journal:surf_new": ("get", 200, 200, 302),
    "journal:surfs": ("get", 200, 200, 302),
    "safety:plan": ("get", 200, 200, 302),
    "safety:help": ("get", 200, 200, 200),
    "sharing:list": ("get", 200, 200, 302),
    "sharing:seen": ("get", 200, 200, 302),
    "sharing:suggestions_set_aside": ("post", 302, 302, 302),
    "care:dashboard": ("get", 404, 200, 302),
    "care:redeem": ("get", 200, 200, 302),
    "data:page": ("get", 200, 200, 302),
    "data:export_json": ("get", 200, 200, 302),
    "data:export_csv": ("get", 200, 200, 302),
    "data:poster_png": ("get", 200, 200, 302),
    "data:poster_svg": ("get", 200, 200, 302),
    "data:import": ("get", 200, 200, 302),
    "data:delete": ("get", 200, 200, 302),
}
PUBLIC = {
    "home",
    "healthz",
    "manifest",
    "service_worker",
    "offline",
    "accounts:signup",
    "accounts:login",
    "accounts:logout",
    "accounts:language",
    "safety:help",
}


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
    covered = set(OWNER_URLS) | set(CARE_URLS) | set(PLAIN_URLS) | set(PREVIEW_URLS)
    assert not names - covered, f"Add these URLs to the access matrix: {sorted(names - covered)}"
    assert not covered - names, f"These URLs no longer exist: {sorted(covered - names)}"
    for name, pattern in ALL_URLS:
        takes_id = bool(pattern.pattern.converters)
        takes_id = takes_id and name not in PREVIEW_URLS
        assert takes_id == (name not in PLAIN_URLS | PREVIEW_URLS), f"{name} is in the wrong table"


@pytest.fixture
def world(alice, bob, walk, urge, usage):
    """Alice's things, and a grant to bob in the state the actor needs (made per test)."""
    surf = surf_start(owner=alice, intensity=6, minutes=10, skill=urge.skill)
    skill_set_photo(skill=walk, photo=clean_photo(picture_bytes()))
    return {
        "skill": walk,
        "urge": urge,
        "usage": usage,
        "negative": urge.skill,
        "surf": surf,
        "pending": pending_import(alice),
    }


def pending_import(owner) -> PendingImport:
    """A Daylio file checked and waiting for the person's confirm."""
    data = b"full_date,date,weekday,time,mood,activities,note\n2026-01-12,,,9:30 pm,good,walk,\n"
    return import_check(owner=owner, source="daylio", data=data, file_name="daylio.csv")


def _visitor(client, actor: str, world, alice, bob, charlie):
    """Log in as the actor and return the grant alice made (in the actor's state)."""
    scope = THERAPISTS.get(actor, "everything")
    state = actor if actor in {"revoked", "expired", "pending"} else "active"
    grant = make_grant(alice, bob, scope=scope, state=state)
    world["grant"] = grant
    world["suggestion"] = SkillSuggestion.objects.create(
        owner=alice, therapist=bob, grant=grant, name="Box breathing"
    )
    user = {"owner": alice, "stranger": charlie, "guest": None}.get(actor, bob)
    if user is not None:
        client.force_login(user)
    return grant


POST_DATA = {"name": "Box breathing", "kind": "copes", "intensity": 1, "scope": "jars"}


def _nothing_changed(world) -> None:
    assert CopingSkill.objects.filter(name="Walk the dog", archived_at__isnull=True).exists()
    assert CopingSkill.objects.get(name="Walk the dog").has_photo
    assert PendingImport.objects.filter(pk=world["pending"].pk).exists()
    assert UrgeLog.objects.filter(intensity=7).exists()
    assert UsageLog.objects.count() == 1
    assert SkillSuggestion.objects.filter(decided_at__isnull=True).exists()
    assert not UrgeCheckIn.objects.exists()
    assert UrgeLog.objects.get(pk=world["surf"].pk).surf_ended_at is None
    assert not world["negative"].alternatives.exists()


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", sorted(OWNER_URLS))
def test_the_persons_own_pages(client, world, alice, bob, charlie, actor, name):
    _visitor(client, actor, world, alice, bob, charlie)
    kind, method, owner_status = OWNER_URLS[name]
    url = reverse(name, kwargs={"code": world[kind].code})
    response = getattr(client, method)(url, POST_DATA if method == "post" else None)
    if actor == "owner":
        assert response.status_code == owner_status
    elif actor == "guest":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == 404
        _nothing_changed(world)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", sorted(CARE_URLS))
def test_the_therapists_window(client, world, alice, bob, charlie, actor, name):
    grant = _visitor(client, actor, world, alice, bob, charlie)
    method, by_scope = CARE_URLS[name]
    before = AccessLogEntry.objects.count()
    response = getattr(client, method)(
        reverse(name, kwargs=care_kwargs(name, grant, world)), POST_DATA
    )
    if actor == "guest":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    elif actor in THERAPISTS:
        assert response.status_code == by_scope[THERAPISTS[actor]]
    elif actor in ("revoked", "expired"):
        # The therapist who held it learns that it ended, and nothing about the person.
        assert response.status_code == 410
        assert "This share has ended" in response.content.decode()
        assert f">{grant.shown_name}" not in response.content.decode()
    else:
        assert response.status_code == 404
    # Every view that shows something writes exactly one line in the person's log.
    wrote = 1 if response.status_code in (200, 302) and actor != "guest" else 0
    assert AccessLogEntry.objects.count() - before == wrote


@pytest.mark.parametrize("actor", ["owner", "therapist-everything", "guest"])
@pytest.mark.parametrize("name", sorted(PLAIN_URLS))
def test_pages_without_an_id(client, world, alice, bob, charlie, actor, name):
    _visitor(client, actor, world, alice, bob, charlie)
    method, person, therapist, guest = PLAIN_URLS[name]
    expected = {"owner": person, "therapist-everything": therapist, "guest": guest}[actor]
    response = getattr(client, method)(reverse(name))
    assert response.status_code == expected
    if actor == "guest" and name not in PUBLIC:
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", sorted(OWNER_URLS))
def test_a_wrong_method_says_nothing_about_the_object(client, world, alice, charlie, bob, name):
    _visitor(client, "stranger", world, alice, bob, charlie)
    kind, method, _status = OWNER_URLS[name]
    other = "get" if method == "post" else "post"
    real = getattr(client, other)(reverse(name, kwargs={"code": world[kind].code}))
    missing = getattr(client, other)(
        reverse(name, kwargs={"code": "00000000-0000-4000-8000-000000000000"})
    )
    assert real.status_code == missing.status_code
    _nothing_changed(world)


@pytest.mark.parametrize("scope", ["jars", "logs", "everything", "nonsense"])
@pytest.mark.parametrize("name", sorted(PREVIEW_URLS))
def test_a_preview_shows_only_the_visitors_own_jar(client, world, alice, charlie, scope, name):
    url = reverse(name, kwargs={"scope": scope})
    expected = PREVIEW_URLS[name].get(scope, 404)
    assert client.get(url).status_code == 302  # a guest is asked to log in
    client.force_login(alice)
    assert client.get(url).status_code == expected
    client.force_login(charlie)
    response = client.get(url)
    assert response.status_code == expected
    assert "Walk the dog" not in response.content.decode()
    # A preview is not a view by anyone: nothing is written to the access log.
    assert not AccessLogEntry.objects.exists()
