"""Shared fixtures: alice owns the jar, bob is her therapist, charlie is a stranger."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from html import unescape

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import timezone, translation
from PIL import Image

from copejar.accounts.models import User
from copejar.sharing.models import ShareGrant
from copejar.sharing.services import grant_invite, grant_redeem, grant_stop
from journal.models import UrgeLog, UsageLog
from journal.services import entry_create
from skills.models import CopingSkill, Kind
from skills.services import skill_create


@pytest.fixture(autouse=True)
def _fresh_fragments() -> None:
    # Drawn page parts are kept per (person id, history version), and each test starts its
    # people and versions afresh: keep nothing from one test to the next. The header is kept
    # too, and some tests change the settings it is drawn from.
    caches["fragments"].clear()
    caches["chrome"].clear()


def _commits(request: pytest.FixtureRequest) -> bool:
    """Whether the test writes to the database for real, not in a transaction undone at its end
    (a transactional test, or a browser test, whose live server needs one)."""
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def _shared_cache_emptied(request, django_db_blocker) -> Iterator[None]:
    # The shared cache is a table no model owns, so the flush after a test that commits leaves
    # it as it was: what one such test counted there (a sign-up, the cache test's tries) would
    # still count in the next test that runs in the same process.
    yield
    if _commits(request):
        with django_db_blocker.unblock():
            caches["default"].clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request leaves its language active in the thread (the next request sets its own);
    # each test starts in English, whatever the one before it read.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    # Real hashing is slow on purpose; tests only need passwords to round-trip.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path) -> None:
    # Photos and uploads go to a folder of the test's own, gone when it ends.
    settings.MEDIA_ROOT = tmp_path / "media"


def as_read(html: str | bytes) -> str:
    """A page's HTML as a browser reads it: entities decoded and every run of whitespace one
    space, so how a template's source lines are laid out does not matter to a test."""
    if isinstance(html, bytes):
        html = html.decode()
    return re.sub(r"\s+", " ", unescape(html))


def picture_bytes(
    fmt: str = "JPEG", size: tuple[int, int] = (64, 48), colour=(200, 80, 40), **save
) -> bytes:
    """A real image file, made here: a plain picture in the given format."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, fmt, **save)
    return out.getvalue()


@pytest.fixture
def alice(db) -> User:
    return User.objects.create_user(username="alice", password="a-long-kind-password")


@pytest.fixture
def bob(db) -> User:
    return User.objects.create_user(
        username="bob", password="a-long-kind-password", role=User.Role.THERAPIST
    )


@pytest.fixture
def charlie(db) -> User:
    return User.objects.create_user(username="charlie", password="a-long-kind-password")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def walk(alice) -> CopingSkill:
    return skill_create(owner=alice, name="Walk the dog", kind=Kind.COPES, category="movement")


@pytest.fixture
def scrolling(alice) -> CopingSkill:
    return skill_create(
        owner=alice, name="Doom-scrolling", kind=Kind.NEGATIVE, what_it_does="Quiets my head."
    )


def log_urge(owner, **fields) -> UrgeLog:
    """An urge logged the way the app logs one (so the tallies count it too)."""
    return entry_create(owner=owner, entry=UrgeLog(**fields))[0]


def log_use(owner, **fields) -> UsageLog:
    """A use logged the way the app logs one (so the tallies count it too)."""
    return entry_create(owner=owner, entry=UsageLog(**fields))[0]


@pytest.fixture
def urge(alice, scrolling) -> UrgeLog:
    return log_urge(alice, intensity=7, skill=scrolling, note="Long day.")


@pytest.fixture
def usage(alice, walk, urge) -> UsageLog:
    return log_use(alice, skill=walk, helped=3, urge=urge)


def make_grant(owner, therapist, *, scope: str = "everything", state: str = "active") -> ShareGrant:
    """A grant from owner to therapist in any state: pending, active, revoked or expired."""
    grant, invite_code = grant_invite(owner=owner, shown_name="Al", scope=scope, length="month")
    if state == "pending":
        return grant
    grant = grant_redeem(therapist=therapist, invite_code=invite_code)
    if state == "revoked":
        grant_stop(grant=grant)
    elif state == "expired":
        ShareGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now())
        grant.refresh_from_db()
    return grant
