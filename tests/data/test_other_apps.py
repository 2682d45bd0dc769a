"""Bringing in Daylio's CSV export and Loop Habit Tracker's ZIP of CSV files, made here in
their own formats: a preview, the person's choice of jar, one confirm."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from journal import tallies
from journal.models import UsageLog
from skills.models import CopingSkill
from skills.services import skill_create

DAYLIO = (
    "\ufefffull_date,date,weekday,time,mood,activities,note_title,note\n"
    '2026-01-12,12 January,Monday,9:30 pm,good,"walk | friends",Evening,'
    '"Called <b>Sam</b><br>after"\n'
    "2026-01-12,12 January,Monday,08:15,meh,scrolling,,\n"
    '2026-01-10,10 January,Saturday,6:50 pm,awful,"scrolling | walk",,""\n'
    '2026-01-09,9 January,Friday,1:08 pm,rad,,,"nothing to add"\n'
)

# Daylio before note titles: the year in its own column and the day as "18 May".
DAYLIO_OLD = (
    "year,date,weekday,time,mood,activities,note\n"
    '2018,18 May,Friday,11:54 pm,happy,"cook | music","Went to a party"\n'
)


def _upload(client, data: bytes, source: str, name: str):
    return client.post(
        reverse("data:import"), {"source": source, "file": SimpleUploadedFile(name, data)}
    )


def test_daylio_activities_become_skills_in_the_jars_chosen(alice_client, alice):
    alice.time_zone = "Europe/Berlin"
    alice.save()
    response = _upload(alice_client, DAYLIO.encode(), "daylio", "daylio_export.csv")
    assert response.status_code == 302
    preview = alice_client.get(response["Location"]).content.decode()
    assert "The file holds 4 entries, from 2026-01-10 to 2026-01-12." in preview
    assert "1 of them has nothing to bring in" in preview
    for name in ("walk", "friends", "scrolling"):
        assert name in preview
    assert not CopingSkill.objects.exists()  # nothing until the confirm

    # Activities are listed most used first (then by name): scrolling, walk, friends.
    alice_client.post(
        response["Location"],
        {"confirm": "1", "jar_0": "negative", "jar_1": "copes", "jar_2": "skip"},
    )

    skills = {s.name: s.kind for s in CopingSkill.objects.filter(owner=alice)}
    assert skills == {"walk": "copes", "scrolling": "negative"}
    walks = UsageLog.objects.filter(owner=alice, skill__name="walk").order_by("occurred_at")
    assert walks.count() == 2
    evening = timezone.localtime(walks.last().occurred_at, alice.zone())
    assert (evening.hour, evening.minute) == (21, 30)  # the person's own clock
    assert walks.last().note == "Evening\nCalled Sam\nafter"
    assert tallies.tallied(alice) == tallies.count(alice)


def test_daylio_twice_adds_nothing_the_second_time(alice_client, alice):
    for _round in range(2):
        response = _upload(alice_client, DAYLIO.encode(), "daylio", "daylio_export.csv")
        alice_client.post(
            response["Location"],
            {"confirm": "1", "jar_0": "copes", "jar_1": "copes", "jar_2": "copes"},
        )
    assert CopingSkill.objects.filter(owner=alice).count() == 3
    assert UsageLog.objects.filter(owner=alice).count() == 5


def test_daylio_uses_go_to_a_skill_already_here(alice_client, alice):
    skill_create(owner=alice, name="Walk", kind="copes")
    response = _upload(alice_client, DAYLIO.encode(), "daylio", "daylio_export.csv")
    preview = alice_client.get(response["Location"]).content.decode()
    assert "already a skill here" in preview
    alice_client.post(response["Location"], {"confirm": "1", "jar_0": "skip", "jar_2": "skip"})
    assert list(CopingSkill.objects.filter(owner=alice).values_list("name", flat=True)) == ["Walk"]
    assert UsageLog.objects.filter(skill__name="Walk").count() == 2


def test_an_older_daylio_export_is_read_too(alice_client, alice):
    response = _upload(alice_client, DAYLIO_OLD.encode(), "daylio", "daylio_export.csv")
    alice_client.post(response["Location"], {"confirm": "1", "jar_0": "copes", "jar_1": "copes"})
    use = UsageLog.objects.get(skill__name="cook")
    assert timezone.localtime(use.occurred_at, alice.zone()).date() == datetime(2018, 5, 18).date()


def test_daylio_rows_from_before_1900_or_yet_to_come_are_refused(alice_client, alice):
    rows = (
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        "9999-12-31,x,x,11:59 pm,meh,walk,,\n"
        "1850-06-01,x,x,10:00 am,meh,walk,,\n"
    )
    response = _upload(alice_client, rows.encode(), "daylio", "daylio_export.csv")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Line 2: the date is before 1900 or has not come yet." in page
    assert "Line 3: the date is before 1900 or has not come yet." in page
    assert not UsageLog.objects.exists() and not CopingSkill.objects.exists()


def test_a_file_that_is_not_daylios_says_so(alice_client, alice):
    response = _upload(alice_client, b"name,amount\ntea,2\n", "daylio", "other.csv")
    assert response.status_code == 200
    assert "does not look like Daylio" in response.content.decode()


def _loop_zip(*, new: bool = True) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        if new:
            archive.writestr(
                "Habits.csv",
                "Position,Name,Type,Question,Description,FrequencyNumerator,"
                "FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?\n"
                "001,Meditate,YES_NO,Did you meditate?,,1,1,#FF8F00,,,,false\n"
                "002,Run,NUMERICAL,How far?,,1,1,#E64A19,miles,AT_LEAST,2.0,false\n"
                "003,Smoke,YES_NO,Did you smoke?,,1,1,#AFB42B,,,,true\n",
            )
            archive.writestr(
                "001 Meditate/Checkmarks.csv",
                "Date,Value,Notes\n2026-02-03,YES_MANUAL,calm\n2026-02-02,YES_AUTO,\n"
                "2026-02-01,NO,\n2026-01-31,YES_MANUAL,\n",
            )
            archive.writestr("001 Meditate/Scores.csv", "Date,Score\n2026-02-03,0.5\n")
            archive.writestr(
                "002 Run/Checkmarks.csv", "Date,Value,Notes\n2026-02-03,2500,\n2026-02-02,0,\n"
            )
            archive.writestr(
                "003 Smoke/Checkmarks.csv", "Date,Value,Notes\n2026-02-01,YES_MANUAL,\n"
            )
            archive.writestr("Checkmarks.csv", "Date,Meditate,Run,Smoke,\n")
        else:  # Loop before 2.3: fewer columns, numbers for values, no folders needed
            archive.writestr(
                "Habits.csv",
                "Position,Name,Question,Description,NumRepetitions,Interval,Color\n"
                "001,Meditate,Did you meditate this morning?,,1,1,#FF8F00\n"
                "002,Wake up early,Did you wake up before 6am?,,2,3,#00897B\n",
            )
            archive.writestr(
                "Checkmarks.csv",
                "Date,Meditate,Wake up early,\n2015-01-25,-1,2,\n2015-01-24,2,0,\n"
                "2015-01-23,2,1,\n",
            )
    return out.getvalue()


def test_loop_habits_become_skills_and_done_days_uses(alice_client, alice):
    response = _upload(alice_client, _loop_zip(), "loop", "Loop Habits CSV 2026-02-04.zip")
    assert response.status_code == 302
    preview = alice_client.get(response["Location"]).content.decode()
    assert "Meditate" in preview and "Run" in preview and "Smoke" in preview

    alice_client.post(
        response["Location"],
        {"confirm": "1", "jar_0": "copes", "jar_1": "copes", "jar_2": "negative"},
    )

    assert UsageLog.objects.filter(skill__name="Meditate").count() == 2
    assert UsageLog.objects.filter(skill__name="Meditate", note="calm").count() == 1
    assert UsageLog.objects.filter(skill__name="Run").count() == 1  # 2.5 miles counts; 0 does not
    smoke = CopingSkill.objects.get(name="Smoke")
    assert smoke.kind == "negative" and smoke.is_archived  # archived in Loop, put aside here
    noon = timezone.localtime(
        UsageLog.objects.filter(skill__name="Run").get().occurred_at, alice.zone()
    )
    assert noon.hour == 12  # a day in Loop has no time: the middle of it


def test_an_older_loop_export_is_read_from_its_one_checkmarks_file(alice_client, alice):
    response = _upload(alice_client, _loop_zip(new=False), "loop", "loop.zip")
    alice_client.post(response["Location"], {"confirm": "1", "jar_0": "copes", "jar_1": "copes"})
    assert UsageLog.objects.filter(skill__name="Meditate").count() == 2
    assert UsageLog.objects.filter(skill__name="Wake up early").count() == 1


def test_a_loop_file_that_is_not_a_zip_says_so(alice_client, alice):
    response = _upload(alice_client, b"Position,Name\n", "loop", "Habits.csv")
    assert "not a ZIP file" in response.content.decode()
