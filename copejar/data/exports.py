"""Everything a person has, written out as it is read: one JSON file, or a ZIP of CSV files.

Both are generators that read the database in chunks and hand on a piece of the file at a
time, so an account with years of entries exports in the same small memory as a new one.
Nothing of anyone else's is written: the shares the person gave, and the views and
suggestions that came through them, name the other side only by the name the person saw.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime

from django.core.files.storage import default_storage
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from copejar.safety.models import SafetyContact, SafetyPlan
from copejar.sharing.models import AccessLogEntry, ShareGrant, SkillSuggestion
from journal.models import UrgeCheckIn, UrgeLog, UsageLog
from skills.models import CopingSkill

FORMAT = "jar-o-copes-export"
SCHEMA_VERSION = 1
CHUNK = 1000  # rows read from the database at a time

PLAN_SECTIONS = ("warning_signs", "on_my_own", "distractions", "surroundings", "reasons")


def moment(value: datetime | None) -> str | None:
    """A moment as the file keeps it: ISO 8601 in UTC."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat()


# --- the records, one dict each, in the order the file lists them ----------------------------


def account(user) -> dict:
    return {
        "username": user.username,
        "email": user.email,
        "role": user.role,
        "time_zone": user.time_zone,
        "tab_title": user.tab_title,
        "joined_at": moment(user.date_joined),
    }


def skills(user) -> Iterator[dict]:
    rows = CopingSkill.objects.filter(owner=user).order_by("created_at", "id")
    links: dict[int, list[str]] = {}
    through = CopingSkill.alternatives.through.objects.filter(from_copingskill__owner=user)
    for from_id, to_code in through.values_list("from_copingskill_id", "to_copingskill__code"):
        links.setdefault(from_id, []).append(str(to_code))
    for skill in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": str(skill.code),
            "name": skill.name,
            "jar": skill.kind,
            "category": skill.category,
            "description": skill.description,
            "rock_colour": skill.rock_colour,
            "rock_shape": skill.rock_shape,
            "what_it_does": skill.what_it_does,
            "harm_reduction": skill.harm_reduction,
            "not_ready": skill.not_ready,
            "private": skill.private,
            "created_at": moment(skill.created_at),
            "archived_at": moment(skill.archived_at),
            "alternatives": sorted(links.get(skill.pk, [])),
            "photo": _photo(skill),
        }


def _photo(skill: CopingSkill) -> dict | None:
    if not skill.photo:
        return None
    try:
        with default_storage.open(skill.photo.name, "rb") as stored:
            data = stored.read()
    except OSError:
        return None  # the file is gone from storage: the skill is written without it
    return {"type": "image/jpeg", "data": base64.b64encode(data).decode("ascii")}


def _check_ins(user) -> Iterator[tuple[int, dict]]:
    rows = UrgeCheckIn.objects.filter(urge__owner=user).order_by("urge_id", "at", "id")
    for urge_id, at, intensity in rows.values_list("urge_id", "at", "intensity").iterator(
        chunk_size=CHUNK
    ):
        yield urge_id, {"at": moment(at), "intensity": intensity}


def urges(user) -> Iterator[dict]:
    # Check-ins are read alongside, in the same order of urges, so each urge takes its own
    # from the front of the line without holding anyone else's.
    rows = (
        UrgeLog.objects.filter(owner=user)
        .order_by("id")
        .annotate(skill_code=F("skill__code"))
        .values(
            "id",
            "code",
            "occurred_at",
            "intensity",
            "skill_code",
            "note",
            "intensity_after",
            "passed",
            "minutes_ridden_out",
            "surf_minutes",
            "surf_ended_at",
            "surf_outcome",
            "private",
        )
    )
    waiting = _check_ins(user)
    held = next(waiting, None)
    for row in rows.iterator(chunk_size=CHUNK):
        check_ins = []
        while held is not None and held[0] <= row["id"]:
            if held[0] == row["id"]:
                check_ins.append(held[1])
            held = next(waiting, None)
        yield {
            "id": str(row["code"]),
            "occurred_at": moment(row["occurred_at"]),
            "intensity": row["intensity"],
            "skill": str(row["skill_code"]) if row["skill_code"] else None,
            "note": row["note"],
            "intensity_after": row["intensity_after"],
            "passed": row["passed"],
            "minutes_ridden_out": row["minutes_ridden_out"],
            "surf_minutes": row["surf_minutes"],
            "surf_ended_at": moment(row["surf_ended_at"]),
            "surf_outcome": row["surf_outcome"],
            "private": row["private"],
            "check_ins": check_ins,
        }


def uses(user) -> Iterator[dict]:
    rows = (
        UsageLog.objects.filter(owner=user)
        .order_by("id")
        .values("code", "skill__code", "occurred_at", "helped", "note", "urge__code")
    )
    for row in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": str(row["code"]),
            "skill": str(row["skill__code"]),
            "occurred_at": moment(row["occurred_at"]),
            "helped": row["helped"],
            "note": row["note"],
            "urge": str(row["urge__code"]) if row["urge__code"] else None,
        }


def safety_plan(user) -> dict | None:
    plan = SafetyPlan.objects.filter(owner=user).first()
    if plan is None:
        return None
    contacts = SafetyContact.objects.filter(plan=plan).order_by("section", "position", "id")
    return {
        **{key: getattr(plan, key) for key in PLAN_SECTIONS},
        "contacts": [
            {"section": c.section, "name": c.name, "phone": c.phone, "position": c.position}
            for c in contacts
        ],
        "created_at": moment(plan.created_at),
        "updated_at": moment(plan.updated_at),
    }


def suggestions(user) -> Iterator[dict]:
    rows = SkillSuggestion.objects.filter(owner=user).order_by("created_at", "id")
    fields = ("code", "therapist__username", "name", "category", "why", "created_at")
    for row in rows.values(*fields, "decided_at", "added").iterator(chunk_size=CHUNK):
        yield {
            "id": str(row["code"]),
            "from": row["therapist__username"],
            "name": row["name"],
            "category": row["category"],
            "why": row["why"],
            "created_at": moment(row["created_at"]),
            "decided_at": moment(row["decided_at"]),
            "added": row["added"],
        }


def shares(user) -> Iterator[dict]:
    rows = ShareGrant.objects.filter(owner=user).order_by("created_at", "id")
    for row in rows.values(
        "code",
        "shown_name",
        "scope",
        "length",
        "therapist__username",
        "created_at",
        "redeemed_at",
        "expires_at",
        "revoked_at",
    ).iterator(chunk_size=CHUNK):
        yield {
            "id": str(row["code"]),
            "shown_name": row["shown_name"],
            "scope": row["scope"],
            "length": row["length"],
            "therapist": row["therapist__username"],
            "created_at": moment(row["created_at"]),
            "redeemed_at": moment(row["redeemed_at"]),
            "expires_at": moment(row["expires_at"]),
            "revoked_at": moment(row["revoked_at"]),
        }


def views_of_me(user) -> Iterator[dict]:
    rows = AccessLogEntry.objects.filter(owner=user).order_by("viewed_at", "id")
    for name, page, detail, viewed_at in rows.values_list(
        "therapist_name", "page", "detail", "viewed_at"
    ).iterator(chunk_size=CHUNK):
        yield {"therapist": name, "page": page, "detail": detail, "viewed_at": moment(viewed_at)}


# --- JSON ------------------------------------------------------------------------------------

LISTS = (
    ("skills", skills),
    ("urges", urges),
    ("uses", uses),
    ("suggestions", suggestions),
    ("shares", shares),
    ("access_log", views_of_me),
)


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_export(user, *, now: datetime | None = None) -> Iterator[bytes]:
    """The whole account as one JSON document, a piece at a time."""
    head = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": moment(now or timezone.now()),
        "account": account(user),
        "safety_plan": safety_plan(user),
    }
    yield _dump(head)[:-1].encode()  # the object stays open for the lists
    for key, rows in LISTS:
        yield f',\n"{key}":['.encode()
        batch: list[str] = []
        first = True
        for row in rows(user):
            batch.append(_dump(row))
            if len(batch) >= 200:
                yield (("" if first else ",") + "\n" + ",\n".join(batch)).encode()
                first, batch = False, []
        if batch:
            yield (("" if first else ",") + "\n" + ",\n".join(batch)).encode()
        yield b"]"
    yield b"}\n"


# --- a ZIP of CSV files, for spreadsheets ----------------------------------------------------


class _Pipe(io.RawIOBase):
    """A write-only stream whose bytes are taken away as they come (zipfile writes here)."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def safe_cell(value) -> str:
    """A value for a spreadsheet cell; text that a spreadsheet would run as a formula is kept
    as text by a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _local(value: str | None, zone) -> str:
    if not value:
        return ""
    return timezone.localtime(datetime.fromisoformat(value), zone).strftime("%Y-%m-%d %H:%M")


def _tables(user) -> Iterator[tuple[str, list[str], Iterator[list]]]:
    zone = user.zone()
    names = {}
    for skill in CopingSkill.objects.filter(owner=user).values_list("code", "name"):
        names[str(skill[0])] = skill[1]

    def skill_rows():
        for s in skills(user):
            yield [
                s["id"],
                s["name"],
                s["jar"],
                s["category"],
                s["description"],
                s["rock_colour"],
                s["rock_shape"],
                s["what_it_does"],
                s["harm_reduction"],
                s["not_ready"],
                s["private"],
                _local(s["created_at"], zone),
                _local(s["archived_at"], zone),
                " | ".join(names.get(code, "") for code in s["alternatives"]),
                f"photos/{s['id']}.jpg" if s["photo"] else "",
            ]

    def urge_rows():
        for u in urges(user):
            yield [
                u["id"],
                _local(u["occurred_at"], zone),
                u["intensity"],
                names.get(u["skill"] or "", ""),
                u["note"],
                u["intensity_after"],
                u["passed"],
                u["minutes_ridden_out"],
                u["surf_minutes"],
                _local(u["surf_ended_at"], zone),
                u["surf_outcome"],
            ]

    def check_in_rows():
        for u in urges(user):
            for c in u["check_ins"]:
                yield [u["id"], _local(c["at"], zone), c["intensity"]]

    def use_rows():
        for u in uses(user):
            yield [
                u["id"],
                _local(u["occurred_at"], zone),
                names.get(u["skill"], ""),
                u["helped"],
                u["note"],
                u["urge"],
            ]

    def plan_rows():
        plan = safety_plan(user)
        if plan is None:
            return
        for key in PLAN_SECTIONS:
            for line in plan[key].splitlines():
                if line.strip():
                    yield [key, line.strip(), ""]
        for contact in plan["contacts"]:
            yield [contact["section"], contact["name"], contact["phone"]]

    def suggestion_rows():
        for s in suggestions(user):
            yield [
                s["from"],
                s["name"],
                s["category"],
                s["why"],
                _local(s["created_at"], zone),
                _local(s["decided_at"], zone),
                s["added"],
            ]

    def share_rows():
        for s in shares(user):
            yield [
                s["shown_name"],
                s["therapist"],
                s["scope"],
                s["length"],
                _local(s["created_at"], zone),
                _local(s["redeemed_at"], zone),
                _local(s["expires_at"], zone),
                _local(s["revoked_at"], zone),
            ]

    def view_rows():
        for v in views_of_me(user):
            yield [v["therapist"], v["page"], v["detail"], _local(v["viewed_at"], zone)]

    yield (
        "skills.csv",
        [
            pgettext_lazy("spreadsheet column", "id"),
            pgettext_lazy("spreadsheet column", "name"),
            pgettext_lazy("spreadsheet column", "jar"),
            pgettext_lazy("spreadsheet column", "category"),
            pgettext_lazy("spreadsheet column", "description"),
            pgettext_lazy("spreadsheet column", "rock colour"),
            pgettext_lazy("spreadsheet column", "rock shape"),
            pgettext_lazy("spreadsheet column", "what it does for me"),
            pgettext_lazy("spreadsheet column", "harm-reduction notes"),
            pgettext_lazy("spreadsheet column", "not ready to change"),
            pgettext_lazy("spreadsheet column", "private"),
            pgettext_lazy("spreadsheet column", "added"),
            pgettext_lazy("spreadsheet column", "put aside"),
            pgettext_lazy("spreadsheet column", "alternatives"),
            pgettext_lazy("spreadsheet column", "photo"),
        ],
        skill_rows(),
    )
    yield (
        "urges.csv",
        [
            pgettext_lazy("spreadsheet column", "id"),
            pgettext_lazy("spreadsheet column", "when"),
            pgettext_lazy("spreadsheet column", "strength"),
            pgettext_lazy("spreadsheet column", "pulling toward"),
            pgettext_lazy("spreadsheet column", "note"),
            pgettext_lazy("spreadsheet column", "strength afterwards"),
            pgettext_lazy("spreadsheet column", "passed"),
            pgettext_lazy("spreadsheet column", "minutes ridden out"),
            pgettext_lazy("spreadsheet column", "surf minutes"),
            pgettext_lazy("spreadsheet column", "surf ended"),
            pgettext_lazy("spreadsheet column", "surf ending"),
        ],
        urge_rows(),
    )
    yield (
        "check_ins.csv",
        [
            pgettext_lazy("spreadsheet column", "urge id"),
            pgettext_lazy("spreadsheet column", "when"),
            pgettext_lazy("spreadsheet column", "strength"),
        ],
        check_in_rows(),
    )
    yield (
        "uses.csv",
        [
            pgettext_lazy("spreadsheet column", "id"),
            pgettext_lazy("spreadsheet column", "when"),
            pgettext_lazy("spreadsheet column", "skill"),
            pgettext_lazy("spreadsheet column", "helped (0-4)"),
            pgettext_lazy("spreadsheet column", "note"),
            pgettext_lazy("spreadsheet column", "urge id"),
        ],
        use_rows(),
    )
    yield (
        "safety_plan.csv",
        [
            pgettext_lazy("spreadsheet column", "section"),
            pgettext_lazy("spreadsheet column", "item"),
            pgettext_lazy("spreadsheet column", "phone"),
        ],
        plan_rows(),
    )
    yield (
        "suggestions.csv",
        [
            pgettext_lazy("spreadsheet column", "from"),
            pgettext_lazy("spreadsheet column", "skill"),
            pgettext_lazy("spreadsheet column", "category"),
            pgettext_lazy("spreadsheet column", "why"),
            pgettext_lazy("spreadsheet column", "sent"),
            pgettext_lazy("spreadsheet column", "decided"),
            pgettext_lazy("spreadsheet column", "added"),
        ],
        suggestion_rows(),
    )
    yield (
        "shares.csv",
        [
            pgettext_lazy("spreadsheet column", "shown as"),
            pgettext_lazy("spreadsheet column", "therapist"),
            pgettext_lazy("spreadsheet column", "what they could see"),
            pgettext_lazy("spreadsheet column", "for how long"),
            pgettext_lazy("spreadsheet column", "invited"),
            pgettext_lazy("spreadsheet column", "accepted"),
            pgettext_lazy("spreadsheet column", "ends"),
            pgettext_lazy("spreadsheet column", "stopped"),
        ],
        share_rows(),
    )
    yield (
        "access_log.csv",
        [
            pgettext_lazy("spreadsheet column", "therapist"),
            pgettext_lazy("spreadsheet column", "page"),
            pgettext_lazy("spreadsheet column", "detail"),
            pgettext_lazy("spreadsheet column", "when"),
        ],
        view_rows(),
    )


README = _(
    "Jar O' Copes: everything in the account of %(username)s, as spreadsheets.\n"
    "\n"
    "Each .csv file holds one kind of record; times are in %(zone)s, the account's time zone.\n"
    "photos/ holds the photos kept with skills, named by the skill's id in skills.csv.\n"
    "To bring the account back into Jar O' Copes, use the JSON export instead: this ZIP is for\n"
    "reading, the JSON file for restoring.\n"
)


def csv_zip_export(user) -> Iterator[bytes]:
    """Every kind of record as its own CSV file inside one ZIP, a piece at a time. The column
    names and the note inside are in the person's language (the file names and the values,
    which other programs read, stay as they are)."""
    with translation.override(user.language):
        yield from _csv_zip(user)


def _csv_zip(user) -> Iterator[bytes]:
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        readme = str(README) % {"username": user.username, "zone": user.zone().key}
        archive.writestr("README.txt", readme)
        yield pipe.take()
        for name, header, rows in _tables(user):
            with archive.open(name, "w") as member:
                text = io.TextIOWrapper(member, encoding="utf-8-sig", newline="")
                writer = csv.writer(text)
                writer.writerow(header)
                for number, row in enumerate(rows, start=1):
                    writer.writerow([safe_cell(cell) for cell in row])
                    if number % 500 == 0:
                        text.flush()
                        yield pipe.take()
                text.flush()
                text.detach()
            yield pipe.take()
        for skill in CopingSkill.objects.filter(owner=user).exclude(photo="").iterator():
            try:
                with default_storage.open(skill.photo.name, "rb") as stored:
                    archive.writestr(f"photos/{skill.code}.jpg", stored.read())
            except OSError:
                continue
            yield pipe.take()
    yield pipe.take()
