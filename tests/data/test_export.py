"""Export: everything of the person's, nothing of anyone else's, streamed a piece at a time."""

from __future__ import annotations

import base64
import csv
import io
import tracemalloc
import zipfile
from datetime import timedelta

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from copejar.data.exports import FORMAT, SCHEMA_VERSION, json_export
from journal import tallies
from journal.models import UrgeLog, UsageLog
from skills.services import skill_create
from tests.data.conftest import export_of


def test_the_json_export_holds_everything_of_the_persons(alice_client, full_alice, full_charlie):
    doc = export_of(alice_client)

    assert doc["format"] == FORMAT and doc["schema_version"] == SCHEMA_VERSION
    assert doc["account"]["username"] == "alice"
    assert {s["name"] for s in doc["skills"]} == {"Walk the dog", "Doom-scrolling", "Private rock"}
    assert len(doc["urges"]) == 2 and len(doc["uses"]) == 3
    surf = next(u for u in doc["urges"] if u["surf_minutes"])
    assert [c["intensity"] for c in surf["check_ins"]] == [6, 4]
    assert doc["safety_plan"]["reasons"] == "Rufus\nMy sister"
    assert doc["safety_plan"]["contacts"][0]["name"] == "Sam"
    assert doc["suggestions"][0]["name"] == "Yoga" and doc["suggestions"][0]["from"] == "bob"
    assert doc["shares"][0]["therapist"] == "bob"
    assert doc["access_log"][0]["page"] == "jars"
    walk = next(s for s in doc["skills"] if s["name"] == "Walk the dog")
    photo = Image.open(io.BytesIO(base64.b64decode(walk["photo"]["data"])))
    assert photo.size == (90, 60)
    assert "charlie" not in str(doc)


def test_the_export_is_streamed_as_a_download(alice_client, full_alice):
    response = alice_client.get(reverse("data:export_json"))
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"].startswith('attachment; filename="jar-o-copes-alice-')
    assert response["Cache-Control"] == "private, no-store"


def test_the_spreadsheet_zip_has_a_file_per_kind_and_formulas_stay_text(alice_client, full_alice):
    response = alice_client.get(reverse("data:export_csv"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    for kind in ("skills", "urges", "check_ins", "uses", "safety_plan", "shares", "access_log"):
        assert f"{kind}.csv" in names
    assert any(name.startswith("photos/") for name in names)
    urges = list(csv.DictReader(io.StringIO(archive.read("urges.csv").decode("utf-8-sig"))))
    notes = {row["note"] for row in urges}
    assert "'=SUM(A1) long day" in notes  # a spreadsheet shows it, never runs it
    uses = list(csv.DictReader(io.StringIO(archive.read("uses.csv").decode("utf-8-sig"))))
    assert {row["skill"] for row in uses} == {"Walk the dog", "Doom-scrolling"}


def test_the_spreadsheets_name_their_columns_in_the_persons_language(alice_client, alice):
    alice.language = "es"
    alice.save()
    skill_create(owner=alice, name="Pasear al perro", kind="copes")
    response = alice_client.get(reverse("data:export_csv"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    skills = list(csv.DictReader(io.StringIO(archive.read("skills.csv").decode("utf-8-sig"))))
    assert skills[0]["nombre"] == "Pasear al perro"
    assert skills[0]["tarro"] == "copes"  # the values stay as other programs read them
    readme = archive.read("README.txt").decode()
    assert readme.startswith("Tarro de Ánimos: todo lo que hay en la cuenta de alice")


def test_a_guest_is_asked_to_log_in(client, db):
    response = client.get(reverse("data:export_json"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def _entries(owner, count: int) -> None:
    skill = skill_create(owner=owner, name="Walk", kind="copes")
    start = timezone.now() - timedelta(days=400)
    urges = UrgeLog.objects.bulk_create(
        UrgeLog(
            owner=owner,
            intensity=n % 11,
            skill=skill,
            note="x" * 40,
            occurred_at=start + timedelta(minutes=30 * n),
        )
        for n in range(count // 2)
    )
    UsageLog.objects.bulk_create(
        UsageLog(
            owner=owner,
            skill=skill,
            urge=urges[n],
            note="y" * 40,
            occurred_at=start + timedelta(minutes=30 * n + 5),
        )
        for n in range(count // 2)
    )
    tallies.recount_all(owner)


def _peak(owner) -> tuple[int, int]:
    tracemalloc.start()
    size = sum(len(piece) for piece in json_export(owner))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return size, peak


def test_the_export_keeps_to_the_same_memory_at_any_size(alice, charlie):
    # Both well past the rows read at a time, so what is measured is what grows with the size.
    _entries(alice, 3000)
    _entries(charlie, 12000)
    small_size, small_peak = _peak(alice)
    large_size, large_peak = _peak(charlie)
    assert large_size > 3.5 * small_size
    # Four times the entries, and the most memory held at once stays where it was (held in
    # full, 12,000 entries would take megabytes more than 3,000 do).
    assert large_peak < small_peak * 1.25 + 256 * 1024, (small_peak, large_peak)
