"""On a home screen and without a signal, from the server's side: the manifest and icons, the
service worker, the offline page, which pages a device may keep, and taps sent later."""

from __future__ import annotations

import io
import json
import re
import threading
import uuid
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageChops

from copejar import views
from copejar.accounts.offline import QUEUED_FOR_HEADER, device_key
from copejar.management.commands.draw_icons import ICONS, LOGO, draw_all, path_points
from journal.models import UrgeLog, UsageLog
from tests.conftest import as_read

HTMX = {"HX-Request": "true"}
STATIC = Path(settings.BASE_DIR) / "static"


# --- installing -------------------------------------------------------------------------------


def test_the_manifest_names_the_app_its_colours_and_its_icons(client, db):
    response = client.get(reverse("manifest"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Jar O' Copes"
    assert manifest["short_name"] == "Copes"
    assert manifest["start_url"] == "/journal/"
    assert manifest["display"] == "standalone"
    assert manifest["background_color"] == "#fbf8f3"
    assert manifest["user_preferences"]["color_scheme_dark"]["background_color"] == "#15181c"
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]}
    assert set(icons) == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("192x192", "maskable"),
        ("512x512", "maskable"),
    }
    for (sizes, _purpose), src in icons.items():
        path = STATIC / src.removeprefix(settings.STATIC_URL if src[0] != "/" else "/static/")
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == sizes


def test_every_page_links_the_manifest_and_both_window_colours(client, alice):
    pages = [client.get(reverse("home"))]
    client.force_login(alice)
    pages.append(client.get(reverse("journal:journal")))
    for response in pages:
        html = response.content.decode()
        assert '<link rel="manifest" href="/manifest.webmanifest">' in html
        assert 'content="#fbf8f3" media="(prefers-color-scheme: light)"' in html
        assert 'content="#15181c" media="(prefers-color-scheme: dark)"' in html


def test_the_committed_icons_are_the_ones_drawn_from_the_logo(tmp_path):
    call_command("draw_icons", out=str(tmp_path), stdout=io.StringIO())
    for name, (size, _share, _tile) in ICONS.items():
        with Image.open(STATIC / "icons" / name) as committed, Image.open(tmp_path / name) as new:
            assert committed.size == new.size == (size, size)
            difference = ImageChops.difference(committed.convert("RGBA"), new.convert("RGBA"))
            assert difference.getbbox() is None, f"{name} differs: run manage.py draw_icons"


def test_a_maskable_icon_fills_its_square_and_keeps_the_jar_in_the_safe_circle():
    drawn = draw_all(LOGO.read_text())
    mask = drawn["maskable-512.png"]
    assert all(mask.getpixel(corner)[3] == 255 for corner in [(0, 0), (511, 0), (0, 511)])
    background = mask.getpixel((0, 0))
    for x in range(512):
        for y in (0, 511):
            # Nothing of the jar within the outer 10 % the launcher may cut away.
            assert mask.getpixel((x, y)) == background
    plain = drawn["icon-192.png"]
    assert plain.getpixel((0, 0))[3] == 0  # a rounded tile: the corners show through


def test_the_logo_reader_follows_the_paths_commands():
    assert path_points("M1 2h3v4H0z") == [(1, 2), (4, 2), (4, 6), (0, 6)]
    curve = path_points("M0 0c0 10 10 10 10 0")
    assert curve[-1] == (10, 0) and max(y for _x, y in curve) == pytest.approx(7.5)


# --- the service worker -----------------------------------------------------------------------


def test_the_worker_comes_from_the_root_and_is_always_asked_for_again(client, alice):
    response = client.get(reverse("service_worker"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert 'importScripts("/static/copejar-queue.js", "/static/copejar-sw.js");' in body
    config = json.loads(re.search(r"self\.COPEJAR_OFFLINE = (.*);\n", body).group(1))
    assert "/static/copejar.css" in config["shell"]
    assert config["keptPages"] == ["/journal/", "/help/"]
    assert config["offlinePage"] == "/offline/"
    # The same worker for everyone: nothing in it depends on who asks.
    client.force_login(alice)
    assert client.get(reverse("service_worker")).content == response.content


def test_the_worker_and_the_queue_speak_the_servers_words():
    queue = (STATIC / "copejar-queue.js").read_text()
    worker = (STATIC / "copejar-sw.js").read_text()
    assert f'"{QUEUED_FOR_HEADER}"' in queue
    assert '"X-Offline-Copy"' in worker
    assert '"log-refused"' in queue


def _version(client) -> str:
    views._cached_worker_config.cache_clear()  # worked out once per process, as in production
    body = client.get(reverse("service_worker")).content
    return json.loads(re.search(rb"= (.*);\n", body).group(1))["version"]


def test_a_new_worker_comes_with_a_change_to_what_it_keeps(client, db, settings):
    before = _version(client)
    assert _version(client) == before  # the same for every server and every process
    settings.CRISIS_LINES = [{"name": "Samaritans", "number": "116 123", "note": ""}]
    assert _version(client) != before  # the kept offline page lists the lines


def test_a_new_language_makes_a_new_worker_that_keeps_the_pages_in_it(client, alice):
    english = _version(client)
    alice.language = "es"
    alice.save()
    client.force_login(alice)
    assert _version(client) != english
    body = client.get(reverse("service_worker")).content
    assert json.loads(re.search(rb"= (.*);\n", body).group(1))["language"] == "es"
    # The worker asks for the pages it keeps in that language, and the page answers in it.
    assert '"Accept-Language": config.language' in (STATIC / "copejar-sw.js").read_text()
    offline = Client(headers={"Accept-Language": "es"}).get(reverse("offline"))
    assert '<html lang="es">' in offline.content.decode()


# --- the offline page -------------------------------------------------------------------------


def test_the_offline_page_says_what_works_and_lists_the_crisis_lines(client, db, settings):
    settings.CRISIS_LINES = [{"name": "Samaritans (UK)", "number": "116 123", "note": "Free"}]
    html = client.get(reverse("offline")).content.decode()
    assert "What works without a signal" in html
    assert "saved on this phone and sent by itself once you are online" in html
    assert 'href="tel:116123"' in html


def test_the_offline_page_names_no_one(client, alice, walk):
    client.force_login(alice)
    html = client.get(reverse("offline")).content.decode()
    assert "Walk the dog" not in html and "alice" not in html


# --- which pages this device may keep ---------------------------------------------------------


def test_a_persons_own_device_may_keep_their_pages(client, alice):
    client.post(
        reverse("accounts:login"), {"username": "alice", "password": "a-long-kind-password"}
    )
    response = client.get(reverse("journal:journal"))
    assert response["X-Offline-Copy"] == "allowed"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert f'content="keep" data-account="{device_key(alice)}"' in as_read(response.content)


def test_a_shared_device_may_keep_nothing(client, alice):
    client.post(
        reverse("accounts:login"),
        {"username": "alice", "password": "a-long-kind-password", "shared_device": "on"},
    )
    response = client.get(reverse("journal:journal"))
    assert "X-Offline-Copy" not in response
    assert 'name="copejar-offline" content="shared"' in as_read(response.content)


def test_a_visitor_signed_out_is_kept_nothing_of(client, db):
    response = client.get(reverse("safety:help"))
    assert "X-Offline-Copy" not in response
    assert 'name="copejar-offline" content="guest" data-account=""' in as_read(response.content)


def test_an_accounts_device_key_lasts_and_is_its_own(alice, charlie, settings):
    key = device_key(alice)
    settings.SECRET_KEY = "another-signing-key-" * 3  # taps waiting on a phone stay sendable
    assert device_key(alice) == key
    assert device_key(charlie) != key


# --- taps sent later --------------------------------------------------------------------------


def _tap(client, alice, **fields):
    headers = {**HTMX, QUEUED_FOR_HEADER: device_key(alice)}
    return client.post(reverse("journal:usage_new"), fields, headers=headers)


def test_a_tap_from_days_ago_keeps_its_time(alice_client, alice, walk):
    tapped = (timezone.now() - timedelta(days=3, minutes=17)).replace(microsecond=123000)
    iso = tapped.astimezone(UTC).isoformat().replace("+00:00", "Z")
    response = _tap(alice_client, alice, skill=walk.code, once=uuid.uuid4(), occurred_at=iso)
    assert response.status_code == 200
    assert "log-refused" not in response.get("HX-Trigger", "")
    assert UsageLog.objects.get().occurred_at == tapped


def test_a_tap_sent_twice_makes_one_entry_and_the_same_answer(alice_client, alice, walk):
    once = uuid.uuid4()
    iso = (timezone.now() - timedelta(hours=2)).isoformat()
    first = _tap(alice_client, alice, skill=walk.code, once=once, occurred_at=iso)
    again = _tap(alice_client, alice, skill=walk.code, once=once, occurred_at=iso)
    assert UsageLog.objects.count() == 1
    entry = UsageLog.objects.get()
    assert f"entry-{entry.code}" in first.content.decode()
    assert f"entry-{entry.code}" in again.content.decode()


def test_a_tap_made_for_another_account_is_refused_and_stores_nothing(client, alice, charlie):
    from skills.services import skill_create

    theirs = skill_create(owner=charlie, name="Swim", kind="copes")
    client.force_login(charlie)
    headers = {**HTMX, QUEUED_FOR_HEADER: device_key(alice)}
    response = client.post(reverse("journal:usage_new"), {"skill": theirs.code}, headers=headers)
    assert response.status_code == 409
    assert not UsageLog.objects.exists()
    # Charlie's own taps are his.
    headers[QUEUED_FOR_HEADER] = device_key(charlie)
    response = client.post(reverse("journal:usage_new"), {"skill": theirs.code}, headers=headers)
    assert response.status_code == 200
    assert UsageLog.objects.get().owner == charlie


def test_a_refused_tap_names_the_fields_so_the_phone_knows_what_to_ask(alice_client, alice):
    response = _tap(alice_client, alice, skill=str(uuid.uuid4()), once=uuid.uuid4())
    trigger = json.loads(response["HX-Trigger"])
    assert trigger["log-refused"] == {"fields": ["skill"]}
    assert "Pick one of your skills for this entry." in response.content.decode()
    response = alice_client.post(
        reverse("journal:urge_new"),
        {"intensity": 4, "skill": str(uuid.uuid4()), "occurred_at": "2999-01-01T00:00:00Z"},
        headers=HTMX,
    )
    assert json.loads(response["HX-Trigger"])["log-refused"]["fields"] == ["occurred_at", "skill"]
    assert not UrgeLog.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_queue_sent_from_two_places_at_once_makes_each_entry_once(alice, walk, scrolling):
    """The page and Background Sync can both send the same saved taps at the same moment."""
    taps = [
        {"skill": skill.code, "once": uuid.uuid4(), "occurred_at": timezone.now().isoformat()}
        for skill in (walk, scrolling, walk)
    ]
    barrier = threading.Barrier(3)
    problems: list[BaseException] = []

    def send_all() -> None:
        try:
            client = Client()
            client.force_login(alice)
            barrier.wait()
            for tap in taps:
                assert _tap(client, alice, **tap).status_code == 200
        except BaseException as problem:
            problems.append(problem)
        finally:
            connection.close()

    threads = [threading.Thread(target=send_all) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not problems, problems
    assert UsageLog.objects.filter(owner=alice).count() == 3
    assert sorted(UsageLog.objects.values_list("once_key", flat=True)) == sorted(
        uuid.uuid5(tap["once"], str(tap["skill"])) for tap in taps
    )
