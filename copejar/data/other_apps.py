"""Reading the exports of the apps people come from: Daylio's CSV, and Loop Habit Tracker's
ZIP of CSV files. Each becomes the same thing: activities (or habits) with the moments each
was done, which the person then places in a jar, one activity at a time.

Daylio (More > Export entries > CSV) writes one row per entry, newest first, with the
columns full_date, date, weekday, time, mood, activities, note_title and note (older
versions: year instead of full_date, and no note_title). Activities are joined by " | ";
times are "6:50 pm" or "18:50", in the phone's time zone.

Loop (Settings > Export as CSV) writes a ZIP: Habits.csv lists the habits (Position, Name,
then, depending on the version, Type, Question, Description, frequency, Color, … and
Archived?), and each habit has a folder "001 Name" whose Checkmarks.csv has a row per day:
Date (yyyy-mm-dd), Value and, in newer versions, Notes. A done day is YES_MANUAL (2 in older
versions); YES_AUTO, NO, SKIP and UNKNOWN (1, 0, 3, -1) are days it was not done. A
numerical habit counts a day with any amount above zero, written in thousandths.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from copejar.data.restore import FileProblem
from copejar.data.zips import ZipProblem, is_zip, read_members
from journal.timeline import EARLIEST

NOON = time(12, 0)
NOTE_LIMIT = 4000
NAME_LIMIT = 80


@dataclass
class Activity:
    name: str
    done: list[tuple[datetime, str]] = field(default_factory=list)  # local moment, note
    archived: bool = False


@dataclass
class Outside:
    """What another app's export holds: activities, each with the moments it was done."""

    activities: list[Activity]
    entries: int  # rows read
    skipped: int  # rows with nothing to bring in (no activity, or a day not done)

    def summary(self) -> dict:
        moments = [moment for a in self.activities for moment, _note in a.done]
        return {
            "activities": [{"name": a.name, "uses": len(a.done)} for a in self.activities],
            "entries": self.entries,
            "skipped": self.skipped,
            "first": min(moments).date().isoformat() if moments else None,
            "last": max(moments).date().isoformat() if moments else None,
        }


def _text(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(
            [_("%(what)s is not a text file in UTF-8, as the app writes it.") % {"what": what}]
        ) from None


def _rows(text: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        raise FileProblem([_("This CSV file could not be read as CSV.")]) from None


def _name(raw: str) -> str:
    return " ".join(raw.split())[:NAME_LIMIT]


# --- Daylio ----------------------------------------------------------------------------------

DAYLIO_HEADER = "full_date, date, weekday, time, mood, activities, note_title, note"


def _daylio_time(raw: str) -> time:
    raw = raw.strip().lower().replace(".", "")
    for pattern in ("%I:%M %p", "%H:%M", "%I:%M%p", "%H:%M:%S"):
        try:
            return datetime.strptime(raw, pattern).time()
        except ValueError:
            continue
    raise ValueError(raw)


def _daylio_day(row: dict[str, str]) -> date:
    if row.get("full_date"):
        return date.fromisoformat(row["full_date"].strip())
    year = int(row["year"])
    for pattern in ("%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y"):
        try:
            return datetime.strptime(f"{row['date'].strip()} {year}", pattern).date()
        except ValueError:
            continue
    raise ValueError(row["date"])


def _daylio_note(row: dict[str, str]) -> str:
    parts = [row.get("note_title", ""), row.get("note", "")]
    parts = [strip_tags(re.sub(r"<br\s*/?>", "\n", part, flags=re.I)).strip() for part in parts]
    return "\n".join(part for part in parts if part)[:NOTE_LIMIT]


def read_daylio(data: bytes) -> Outside:
    """Daylio's CSV export; FileProblem says what does not fit its format."""
    if is_zip(data):
        raise FileProblem([_("This is a ZIP file; Daylio's export is the .csv file itself.")])
    rows = _rows(_text(data, _("This file")))
    if not rows:
        raise FileProblem([_("This file is empty.")])
    header = [column.strip().lower() for column in rows[0]]
    needed = {"time", "activities"} | ({"full_date"} if "year" not in header else {"year", "date"})
    if not needed <= set(header):
        raise FileProblem(
            [
                _(
                    "This does not look like Daylio's CSV export: its first line names the "
                    "columns %(columns)s."
                )
                % {"columns": DAYLIO_HEADER}
            ]
        )
    by_name: dict[str, Activity] = {}
    problems, skipped = [], 0
    for number, values in enumerate(rows[1:], start=2):
        if not any(value.strip() for value in values):
            continue
        row = dict(zip(header, values, strict=False))
        try:
            moment = datetime.combine(_daylio_day(row), _daylio_time(row.get("time", "")))
        except (ValueError, KeyError):
            problems.append(_("Line %(n)d: the date or time could not be read.") % {"n": number})
            if len(problems) >= 8:
                break
            continue
        if not _possible(moment.date()):
            problems.append(
                _("Line %(n)d: the date is before 1900 or has not come yet.") % {"n": number}
            )
            if len(problems) >= 8:
                break
            continue
        names = [_name(part) for part in row.get("activities", "").split("|")]
        names = [name for name in names if name]
        if not names:
            skipped += 1
            continue
        note = _daylio_note(row)
        for name in dict.fromkeys(names):
            activity = by_name.setdefault(name.casefold(), Activity(name=name))
            activity.done.append((moment, note))
    if problems:
        raise FileProblem(problems)
    if not by_name:
        raise FileProblem([_("This Daylio export has no entries with activities to bring in.")])
    activities = sorted(by_name.values(), key=lambda a: (-len(a.done), a.name.casefold()))
    return Outside(activities=activities, entries=len(rows) - 1, skipped=skipped)


# --- Loop Habit Tracker ----------------------------------------------------------------------

LOOP_DONE_WORDS = {"YES_MANUAL"}
LOOP_NOT_DONE_WORDS = {"YES_AUTO", "NO", "SKIP", "UNKNOWN"}


def _loop_done(value: str, numerical: bool) -> bool:
    value = value.strip()
    if value in LOOP_DONE_WORDS:
        return True
    if value in LOOP_NOT_DONE_WORDS or not value:
        return False
    amount = int(float(value))
    return amount > 0 if numerical else amount == 2


def _loop_habits(text: str) -> list[dict[str, str]]:
    rows = _rows(text)
    header = [column.strip() for column in rows[0]] if rows else []
    if "Name" not in header or "Position" not in header:
        raise FileProblem(
            [
                _(
                    "Habits.csv in this ZIP does not list habits the way Loop writes them "
                    "(Position, Name, …)."
                )
            ]
        )
    return [dict(zip(header, values, strict=False)) for values in rows[1:] if any(values)]


def _possible(day: date) -> bool:
    """A day an entry may have (the person's own day: a day ahead of the server's at most)."""
    return EARLIEST <= day <= date.today() + timedelta(days=1)


def _checkmarks(text: str) -> list[tuple[date, str, str]]:
    marks = []
    for values in _rows(text):
        if not values or values[0].strip().lower() == "date":
            continue
        marks.append(
            (
                date.fromisoformat(values[0].strip()),
                values[1] if len(values) > 1 else "",
                values[2] if len(values) > 2 else "",
            )
        )
    return marks


def read_loop(data: bytes, *, limit: int) -> Outside:
    """Loop Habit Tracker's ZIP of CSV files; FileProblem says what does not fit."""
    if not is_zip(data):
        raise FileProblem(
            [_("Loop's export is a .zip file (Export as CSV); this file is not a ZIP file.")]
        )
    try:
        files = read_members(data, wanted=lambda name: name.endswith(".csv"), limit=limit)
    except ZipProblem as problem:
        raise FileProblem([str(problem)]) from None
    habits_name = next((n for n in files if n.rsplit("/", 1)[-1] == "Habits.csv"), None)
    if habits_name is None:
        raise FileProblem([_("This ZIP file has no Habits.csv, which Loop's export starts with.")])
    prefix = habits_name[: -len("Habits.csv")]
    habits = _loop_habits(_text(files[habits_name], "Habits.csv"))
    folders = {}
    for name in files:
        inner = name[len(prefix) :] if name.startswith(prefix) else name
        match = re.fullmatch(r"(\d{3}) [^/]*/Checkmarks\.csv", inner)
        if match:
            folders[int(match.group(1))] = files[name]
    combined = files.get(f"{prefix}Checkmarks.csv")
    activities, skipped, entries = [], 0, 0
    try:
        per_column = _combined(combined) if combined and not folders else {}
        for habit in habits:
            name = _name(habit.get("Name", ""))
            if not name:
                continue
            numerical = habit.get("Type", "").strip().upper() == "NUMERICAL"
            activity = Activity(
                name=name, archived=habit.get("Archived?", "").strip().lower() == "true"
            )
            position = int(habit["Position"])
            if position in folders:
                marks = _checkmarks(_text(folders[position], "Checkmarks.csv"))
            else:
                marks = per_column.get(habit.get("Name", ""), [])
            for day, value, notes in marks:
                entries += 1
                if not _possible(day):
                    raise ValueError(day)
                if _loop_done(value, numerical):
                    activity.done.append((datetime.combine(day, NOON), notes.strip()[:NOTE_LIMIT]))
                else:
                    skipped += 1
            activities.append(activity)
    except (ValueError, KeyError):
        raise FileProblem(
            [_("A date or value in this Loop export could not be read (dates are yyyy-mm-dd).")]
        ) from None
    if not activities:
        raise FileProblem([_("This Loop export lists no habits.")])
    return Outside(activities=activities, entries=entries, skipped=skipped)


def _combined(data: bytes) -> dict[str, list[tuple[date, str, str]]]:
    """Loop's Checkmarks.csv with a column per habit, when the export has no habit folders."""
    rows = _rows(_text(data, "Checkmarks.csv"))
    if not rows:
        return {}
    names = rows[0][1:]
    marks: dict[str, list] = {name: [] for name in names if name}
    for values in rows[1:]:
        if not values or not values[0].strip():
            continue
        day = date.fromisoformat(values[0].strip())
        for name, value in zip(names, values[1:], strict=False):
            if name:
                marks[name].append((day, value, ""))
    return marks
