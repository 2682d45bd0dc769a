"""Import: an export brought back whole, added to without doubling, or refused with a reason
and nothing changed."""

from __future__ import annotations

import base64
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageChops, ImageStat

from copejar.accounts.models import User
from copejar.data.models import PendingImport
from copejar.data.services import account_delete
from journal import tallies
from journal.models import Tally, UrgeCheckIn, UrgeLog, UsageLog
from skills.models import CopingSkill
from tests.data.conftest import export_of, fill


def _upload(client, data: bytes, *, source: str = "jar", name: str = "export.json"):
    return client.post(
        reverse("data:import"), {"source": source, "file": SimpleUploadedFile(name, data)}
    )


def _bring_in(client, data: bytes, **jars):
    """Upload, look at the preview, confirm: the way a person does it."""
    response = _upload(client, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    return client.post(response["Location"], {"confirm": "1", **jars})


def _same_picture(a: str, b: str) -> bool:
    one = Image.open(io.BytesIO(base64.b64decode(a))).convert("RGB")
    two = Image.open(io.BytesIO(base64.b64decode(b))).convert("RGB")
    if one.size != two.size:
        return False
    difference = ImageStat.Stat(ImageChops.difference(one, two)).mean
    return max(difference) < 3  # re-encoded once more: the same picture, within a shade


def _comparable(doc: dict) -> dict:
    """The export without what an import never brings back: when it was made, when the
    account was opened, and consent given to others (shares and their suggestions)."""
    doc = json.loads(json.dumps(doc))
    for key in ("exported_at", "shares", "suggestions"):
        doc.pop(key)
    doc["account"].pop("joined_at")
    for skill in doc["skills"]:
        skill["photo"] = skill["photo"] and skill["photo"]["type"]
    return doc


def _photos(doc: dict) -> dict:
    return {s["id"]: s["photo"]["data"] for s in doc["skills"] if s["photo"]}


def test_export_delete_import_export_gives_the_same_data(
    client, full_alice, full_charlie, django_capture_on_commit_callbacks
):
    client.force_login(full_alice)
    User.objects.filter(pk=full_alice.pk).update(time_zone="Europe/Berlin", tab_title="Notes")
    full_alice.refresh_from_db()
    before = export_of(client)
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=full_alice)
    again = User.objects.create_user(username="alice", password="a-long-kind-password")
    client.force_login(again)

    response = _bring_in(client, json.dumps(before).encode())

    assert response.status_code == 302 and response["Location"] == reverse("jars")
    after = export_of(client)
    assert _comparable(after) == _comparable(before)
    assert _photos(after).keys() == _photos(before).keys()
    for code, data in _photos(before).items():
        assert _same_picture(data, _photos(after)[code])
    again.refresh_from_db()  # the import brought Berlin's time zone, which decides the days
    assert tallies.tallied(again) == tallies.count(again)  # the read path counts them too
    assert not PendingImport.objects.exists()


def test_importing_the_same_file_twice_changes_nothing_the_second_time(client, alice, full_charlie):
    other = User.objects.create_user(username="dana", password="a-long-kind-password")
    fill(other)
    client.force_login(other)
    data = json.dumps(export_of(client)).encode()
    other.delete()
    client.force_login(alice)
    _bring_in(client, data)
    counts = (
        CopingSkill.objects.count(),
        UrgeLog.objects.count(),
        UsageLog.objects.count(),
        UrgeCheckIn.objects.count(),
        Tally.objects.count(),
    )

    response = _upload(client, data)
    preview = client.get(response["Location"]).content.decode()
    assert "Everything in this file is here already" in preview
    client.post(response["Location"], {"confirm": "1"})

    assert counts == (
        CopingSkill.objects.count(),
        UrgeLog.objects.count(),
        UsageLog.objects.count(),
        UrgeCheckIn.objects.count(),
        Tally.objects.count(),
    )


def test_into_an_account_with_entries_it_adds_only_what_is_missing(alice_client, full_alice):
    doc = export_of(alice_client)
    one_use = UsageLog.objects.filter(owner=full_alice).order_by("occurred_at").first()
    one_use.delete()
    tallies.recount_all(full_alice)
    full_alice.time_zone = "Asia/Tokyo"
    full_alice.save()

    response = _upload(alice_client, json.dumps(doc).encode())
    preview = alice_client.get(response["Location"]).content.decode()
    assert "1 use" in preview
    alice_client.post(response["Location"], {"confirm": "1"})

    assert UsageLog.objects.filter(owner=full_alice).count() == 3
    assert CopingSkill.objects.filter(owner=full_alice).count() == 3
    full_alice.refresh_from_db()
    assert full_alice.time_zone == "Asia/Tokyo"  # the account's own settings stay


def _rows():
    return (
        CopingSkill.objects.count(),
        UrgeLog.objects.count(),
        UsageLog.objects.count(),
        PendingImport.objects.count(),
    )


def _good(client) -> dict:
    return export_of(client)


def _with(doc: dict, change) -> bytes:
    doc = json.loads(json.dumps(doc))
    change(doc)
    return json.dumps(doc).encode()


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("export.json", "w", force_zip64=True) as member,
    ):
        for _n in range(60):  # 60 MB of nothing, a few dozen kilobytes packed
            member.write(b"\0" * (1024 * 1024))
    return out.getvalue()


BAD_FILES = {
    "not json": (lambda doc: b"this is a diary, not JSON {", "not valid JSON"),
    "another schema version": (
        lambda doc: _with(doc, lambda d: d.update(schema_version=7)),
        "version 7 of the export format",
    ),
    "missing fields": (
        lambda doc: _with(doc, lambda d: d["urges"][0].pop("intensity")),
        "Urge 1 has no “intensity”",
    ),
    "wrong types": (
        lambda doc: _with(doc, lambda d: d["uses"][0].update(helped="lots")),
        "“helped” takes a whole number from 0 to 4; the file has a piece of text",
    ),
    "a link to nowhere": (
        lambda doc: _with(doc, lambda d: d["uses"][0].update(skill=d["urges"][0]["id"])),
        "Use 1 names a skill that is not in this file",
    ),
    "a zip bomb": (lambda doc: _zip_bomb(), "unpacks to more than 50 MB"),
    "a moment that has not come yet": (
        lambda doc: _with(
            doc, lambda d: d["uses"][0].update(occurred_at="9999-12-31T23:30:00+00:00")
        ),
        "“occurred_at” takes a moment from 1900 up to now",
    ),
    "a moment before 1900": (
        lambda doc: _with(
            doc, lambda d: d["urges"][0].update(occurred_at="1850-01-01T12:00:00+00:00")
        ),
        "“occurred_at” takes a moment from 1900 up to now",
    ),
    "nesting without end": (
        lambda doc: b"[" * 100_000 + b"]" * 100_000,
        "nested far deeper than any export",
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_bad_file_says_what_is_wrong_and_changes_nothing(alice_client, full_alice, kind):
    make, says = BAD_FILES[kind]
    data = make(_good(alice_client))
    before = _rows()

    response = _upload(alice_client, data, name="file.zip" if kind == "a zip bomb" else "f.json")

    assert response.status_code == 200
    assert says in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert _rows() == before


def test_a_file_with_someone_elses_ids_is_refused(client, alice, full_charlie):
    client.force_login(full_charlie)
    theirs = json.dumps(export_of(client)).encode()
    client.force_login(alice)
    before = _rows()

    response = _upload(client, theirs)

    assert "belong to another account on this server" in response.content.decode()
    assert _rows() == before
    assert not CopingSkill.objects.filter(owner=alice).exists()


def test_a_100_mb_file_is_refused_without_being_kept(alice_client, full_alice):
    before = _rows()
    response = _upload(alice_client, b" " * (100 * 1024 * 1024))
    assert response.status_code == 200
    assert "larger than 50 MB" in response.content.decode()
    assert _rows() == before


def test_a_broken_photo_in_the_file_stops_the_whole_import(client, alice, full_charlie):
    client.force_login(full_charlie)
    doc = export_of(client)
    User.objects.filter(pk=full_charlie.pk).delete()
    truncated = base64.b64encode(
        base64.b64decode(next(s for s in doc["skills"] if s["photo"])["photo"]["data"])[:300]
    ).decode()
    for skill in doc["skills"]:
        if skill["photo"]:
            skill["photo"]["data"] = truncated
    client.force_login(alice)

    response = _bring_in(client, json.dumps(doc).encode())

    assert response.status_code == 200
    assert "cut short" in response.content.decode()
    assert not CopingSkill.objects.filter(owner=alice).exists()
    assert not UrgeLog.objects.filter(owner=alice).exists()


def test_cancel_leaves_nothing_behind(alice_client, full_alice):
    response = _upload(alice_client, json.dumps(_good(alice_client)).encode())
    alice_client.post(response["Location"], {"cancel": "1"})
    assert not PendingImport.objects.exists()


def test_someone_elses_preview_is_a_404(client, alice, charlie, full_alice):
    client.force_login(full_alice)
    response = _upload(client, json.dumps(export_of(client)).encode())
    client.force_login(charlie)
    assert client.get(response["Location"]).status_code == 404
    assert client.post(response["Location"], {"confirm": "1"}).status_code == 404
