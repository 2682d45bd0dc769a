"""Bringing a Jar O' Copes export back: read and check the whole file first, then add, in one
transaction, only what the account does not have yet.

Every check runs before anything is written, and the writing happens all at once or not at
all, so a file with a problem changes nothing and says what the problem is. Records keep
their ids, which is how a second import of the same file knows there is nothing to add.
Shares and the suggestions sent through them are in the export for the person's records but
are never recreated from a file: consent is given to a person, here and now, not restored.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from copejar.accounts.models import time_zone_names
from copejar.data.exports import FORMAT, PLAN_SECTIONS, SCHEMA_VERSION
from copejar.safety.models import CONTACT_SECTIONS, SafetyContact, SafetyPlan
from copejar.sharing.models import AccessLogEntry
from journal import tallies
from journal.forms import FUTURE_SLACK
from journal.models import SURF_LENGTHS, Helped, SurfOutcome, UrgeCheckIn, UrgeLog, UsageLog
from journal.timeline import EARLIEST
from skills import palette
from skills.models import Category, CopingSkill, Kind
from skills.photos import MAX_BYTES, PhotoProblem, clean_photo
from skills.services import skill_set_photo

MOST_PROBLEMS = 8  # a file with many problems lists the first few
BATCH = 1000


class FileProblem(Exception):
    """A file that cannot be imported, with every problem found, in words for the page."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class _Stop(Exception):
    pass


# --- checking one value ----------------------------------------------------------------------


class _Wrong(Exception):
    def __init__(self, wanted: str) -> None:
        self.wanted = wanted


def _found(value) -> str:
    if value is None:
        return _("nothing (null)")
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("a piece of text")
    if isinstance(value, list):
        return _("a list")
    return _("a group of fields")


def text(limit: int, *, blank: bool = True) -> Callable:
    def check(value):
        if not isinstance(value, str) or len(value) > limit or (not blank and not value.strip()):
            raise _Wrong(_("text of up to %(n)d characters") % {"n": limit})
        return value

    return check


def number(low: int, high: int, *, null: bool = False) -> Callable:
    def check(value):
        if value is None and null:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise _Wrong(_("a whole number from %(low)d to %(high)d") % {"low": low, "high": high})
        return value

    return check


def yes_no(*, null: bool = False) -> Callable:
    def check(value):
        if value is None and null:
            return None
        if not isinstance(value, bool):
            raise _Wrong(_("true or false"))
        return value

    return check


def has_happened(moment: datetime) -> bool:
    """Whether a moment may be in a journal: from 1900 on, and not later than now, as the
    journal's own form allows."""
    return moment.date() >= EARLIEST and moment <= timezone.now() + FUTURE_SLACK


def when(*, null: bool = False) -> Callable:
    def check(value):
        if value is None and null:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise _Wrong(_("a date and time such as 2026-01-31T14:03:00+00:00")) from None
        if moment.tzinfo is None:
            raise _Wrong(_("a date and time with its UTC offset, such as +00:00"))
        if not has_happened(moment):
            raise _Wrong(_("a moment from 1900 up to now"))
        return moment

    return check


def one_of(choices, *, null: bool = False) -> Callable:
    allowed = {str(choice) for choice in choices}

    def check(value):
        if value is None and null:
            return None
        if not isinstance(value, str) or value not in allowed:
            raise _Wrong(_("one of: %(choices)s") % {"choices": ", ".join(sorted(allowed))})
        return value

    return check


def an_id(*, null: bool = False) -> Callable:
    def check(value):
        if value is None and null:
            return None
        try:
            return uuid.UUID(value)
        except (TypeError, ValueError, AttributeError):
            raise _Wrong(_("an id such as 3f2b8c1e-6a4d-4e8b-9c2a-1d5e7f9a0b3c")) from None

    return check


def number_in(choices, *, null: bool = False) -> Callable:
    def check(value):
        if value is None and null:
            return None
        if isinstance(value, bool) or value not in choices:
            raise _Wrong(_("one of: %(choices)s") % {"choices": ", ".join(map(str, choices))})
        return value

    return check


def list_of(item: Callable) -> Callable:
    def check(value):
        if not isinstance(value, list):
            raise _Wrong(_("a list"))
        return [item(entry) for entry in value]

    return check


def photo_data(value):
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("data"), str):
        raise _Wrong(_("a photo with its data, or null"))
    if len(value["data"]) > MAX_BYTES * 4 // 3 + 4:
        raise _Wrong(_("a photo of up to 10 MB"))
    try:
        return base64.b64decode(value["data"], validate=True)
    except (binascii.Error, ValueError):
        raise _Wrong(_("a photo written as base64")) from None


# What each kind of record holds. Everything listed is required; extra fields are ignored.
SKILL = {
    "id": an_id(),
    "name": text(80, blank=False),
    "jar": one_of(Kind.values),
    "category": one_of(["", *Category.values]),
    "description": text(2000),
    "rock_colour": one_of([*palette.GREYS, *palette.COLOURS]),
    "rock_shape": one_of(palette.SHAPES),
    "what_it_does": text(2000),
    "harm_reduction": text(2000),
    "not_ready": yes_no(),
    "private": yes_no(),
    "created_at": when(),
    "archived_at": when(null=True),
    "alternatives": list_of(an_id()),
    "photo": photo_data,
}
CHECK_IN = {"at": when(), "intensity": number(0, 10)}
URGE = {
    "id": an_id(),
    "occurred_at": when(),
    "intensity": number(0, 10),
    "skill": an_id(null=True),
    "note": text(4000),
    "intensity_after": number(0, 10, null=True),
    "passed": yes_no(null=True),
    "minutes_ridden_out": number(0, 24 * 60, null=True),
    "surf_minutes": number_in(SURF_LENGTHS, null=True),
    "surf_ended_at": when(null=True),
    "surf_outcome": one_of(["", *SurfOutcome.values]),
    "private": yes_no(),
    "check_ins": list,  # checked one by one below
}
USE = {
    "id": an_id(),
    "skill": an_id(),
    "occurred_at": when(),
    "helped": number(0, max(Helped.values), null=True),
    "note": text(4000),
    "urge": an_id(null=True),
}
VIEW = {
    "therapist": text(150),
    "page": one_of(AccessLogEntry.Page.values),
    "detail": text(40),
    "viewed_at": when(),
}
CONTACT = {
    "section": one_of(CONTACT_SECTIONS),
    "name": text(120, blank=False),
    "phone": text(40),
    "position": number(0, 32767),
}
PLAN = {
    **{key: text(4000) for key in PLAN_SECTIONS},
    "contacts": list,
    "created_at": when(),
    "updated_at": when(),
}
ACCOUNT = {"time_zone": one_of(time_zone_names()), "tab_title": text(40), "email": text(254)}


@dataclass
class _Checker:
    problems: list[str] = field(default_factory=list)

    def note(self, problem: str) -> None:
        self.problems.append(problem)
        if len(self.problems) >= MOST_PROBLEMS:
            raise _Stop

    def record(self, value, spec: dict, where: str) -> dict | None:
        if not isinstance(value, dict):
            self.note(
                _("%(where)s is %(found)s, where a group of fields goes.")
                % {"where": where, "found": _found(value)}
            )
            return None
        clean = {}
        for name, check in spec.items():
            if name not in value:
                self.note(_("%(where)s has no “%(field)s”.") % {"where": where, "field": name})
                continue
            if check is list:
                if not isinstance(value[name], list):
                    self._wrong(where, name, _("a list"), value[name])
                else:
                    clean[name] = value[name]
                continue
            try:
                clean[name] = check(value[name])
            except _Wrong as wrong:
                self._wrong(where, name, wrong.wanted, value[name])
        return clean if len(clean) == len(spec) else None

    def _wrong(self, where: str, name: str, wanted: str, value) -> None:
        self.note(
            _("%(where)s: “%(field)s” takes %(wanted)s; the file has %(found)s.")
            % {"where": where, "field": name, "wanted": wanted, "found": _found(value)}
        )

    def records(self, doc: dict, key: str, spec: dict, label: str) -> list[dict]:
        rows = doc.get(key)
        if not isinstance(rows, list):
            self.note(_("The file has no list of %(what)s.") % {"what": key})
            return []
        clean = []
        for number_, row in enumerate(rows, start=1):
            checked = self.record(row, spec, f"{label} {number_}")
            if checked is not None:
                clean.append(checked)
        return clean


# --- reading a whole file --------------------------------------------------------------------


@dataclass
class Export:
    """A checked export: every record in the shape the database takes."""

    account: dict
    skills: list[dict]
    urges: list[dict]
    uses: list[dict]
    plan: dict | None
    views: list[dict]
    shares: int
    suggestions: int


def parse_json(raw: bytes) -> dict:
    """The file's top level, or FileProblem when it is not a JSON object."""
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except RecursionError:
        raise FileProblem([_("This file is nested far deeper than any export.")]) from None
    except UnicodeDecodeError:
        raise FileProblem(
            [_("This file is not text; a Jar O' Copes export is a .json file.")]
        ) from None
    except json.JSONDecodeError as problem:
        raise FileProblem(
            [
                _(
                    "This file is not valid JSON (line %(line)d, column %(column)d). A Jar O' "
                    "Copes export is a .json file, used as it was downloaded."
                )
                % {"line": problem.lineno, "column": problem.colno}
            ]
        ) from None
    if not isinstance(doc, dict):
        raise FileProblem([_("This JSON file holds no Jar O' Copes export.")])
    return doc


def read_export(raw: bytes) -> Export:
    """Check a whole export; FileProblem lists what is wrong with it, nothing is written."""
    doc = parse_json(raw)
    if doc.get("format") != FORMAT:
        raise FileProblem([_("This JSON file is not a Jar O' Copes export.")])
    version = doc.get("schema_version")
    if version != SCHEMA_VERSION:
        raise FileProblem(
            [
                _(
                    "This export is written in version %(found)s of the export format; this app "
                    "reads version %(ours)d. An export made here, from the account page, works."
                )
                % {"found": version if isinstance(version, int) else "?", "ours": SCHEMA_VERSION}
            ]
        )
    checker = _Checker()
    try:
        export = _check(doc, checker)
    except _Stop:
        export = None
    if checker.problems or export is None:
        raise FileProblem(checker.problems)
    return export


def _check(doc: dict, checker: _Checker) -> Export:
    account = checker.record(doc.get("account"), ACCOUNT, _("The account")) or {}
    skills = checker.records(doc, "skills", SKILL, _("Skill"))
    urges = checker.records(doc, "urges", URGE, _("Urge"))
    uses = checker.records(doc, "uses", USE, _("Use"))
    views = checker.records(doc, "access_log", VIEW, _("View"))
    for number_, urge in enumerate(urges, start=1):
        urge["check_ins"] = [
            checked
            for n, row in enumerate(urge["check_ins"], start=1)
            if (
                checked := checker.record(
                    row, CHECK_IN, _("Check-in %(n)d of urge %(urge)d") % {"n": n, "urge": number_}
                )
            )
            is not None
        ]
    plan = None
    if doc.get("safety_plan") is not None:
        plan = checker.record(doc["safety_plan"], PLAN, _("The safety plan"))
        if plan is not None:
            plan["contacts"] = [
                checked
                for n, row in enumerate(plan["contacts"], start=1)
                if (
                    checked := checker.record(
                        row, CONTACT, _("Safety plan contact %(n)d") % {"n": n}
                    )
                )
                is not None
            ]
    _check_links(checker, skills, urges, uses)
    for label, key in ((_("shares"), "shares"), (_("suggestions"), "suggestions")):
        if not isinstance(doc.get(key, []), list):
            checker.note(_("The file has no list of %(what)s.") % {"what": label})
    return Export(
        account=account,
        skills=skills,
        urges=urges,
        uses=uses,
        plan=plan,
        views=views,
        shares=len(doc.get("shares", [])),
        suggestions=len(doc.get("suggestions", [])),
    )


def _check_links(checker: _Checker, skills, urges, uses) -> None:
    """Ids are unique, and every link points at a record in the same file."""
    kinds = {skill["id"]: skill["jar"] for skill in skills}
    urge_ids = {urge["id"] for urge in urges}
    for label, rows in ((_("skills"), skills), (_("urges"), urges), (_("uses"), uses)):
        ids = [row["id"] for row in rows]
        if len(set(ids)) != len(ids):
            checker.note(_("Two of the %(what)s in this file have the same id.") % {"what": label})
    for number_, skill in enumerate(skills, start=1):
        for other in skill["alternatives"]:
            if kinds.get(other) != Kind.COPES or skill["jar"] != Kind.NEGATIVE:
                checker.note(
                    _(
                        "Skill %(n)d links an alternative that is not a Jar O' Copes skill in "
                        "this file."
                    )
                    % {"n": number_}
                )
        if not palette.fits_kind(skill["rock_colour"], negative=skill["jar"] == Kind.NEGATIVE):
            checker.note(
                _("Skill %(n)d has a rock colour that does not go in its jar.") % {"n": number_}
            )
    for number_, urge in enumerate(urges, start=1):
        if urge["skill"] is not None and urge["skill"] not in kinds:
            checker.note(_("Urge %(n)d names a skill that is not in this file.") % {"n": number_})
    for number_, use in enumerate(uses, start=1):
        if use["skill"] not in kinds:
            checker.note(_("Use %(n)d names a skill that is not in this file.") % {"n": number_})
        if use["urge"] is not None and use["urge"] not in urge_ids:
            checker.note(_("Use %(n)d names an urge that is not in this file.") % {"n": number_})


# --- what an import would add, and adding it -------------------------------------------------


@dataclass
class Summary:
    """How many of each kind of record the import adds (and what it leaves out)."""

    skills: int = 0
    photos: int = 0
    urges: int = 0
    check_ins: int = 0
    uses: int = 0
    plan_items: int = 0
    views: int = 0
    settings: bool = False
    shares: int = 0
    suggestions: int = 0
    already: int = 0  # records the account has already


def _theirs_elsewhere(owner, export: Export) -> int:
    """How many ids in the file belong to someone else's records on this server."""
    found = 0
    for model, rows in (
        (CopingSkill, export.skills),
        (UrgeLog, export.urges),
        (UsageLog, export.uses),
    ):
        codes = [row["id"] for row in rows]
        for start in range(0, len(codes), BATCH):
            found += (
                model.objects.filter(code__in=codes[start : start + BATCH])
                .exclude(owner=owner)
                .count()
            )
    return found


def _existing(model, owner, rows) -> dict[uuid.UUID, int]:
    codes = [row["id"] for row in rows]
    mine: dict[uuid.UUID, int] = {}
    for start in range(0, len(codes), BATCH):
        mine.update(
            model.objects.filter(owner=owner, code__in=codes[start : start + BATCH]).values_list(
                "code", "pk"
            )
        )
    return mine


def _is_empty(owner) -> bool:
    return not (
        CopingSkill.objects.filter(owner=owner).exists()
        or UrgeLog.objects.filter(owner=owner).exists()
        or UsageLog.objects.filter(owner=owner).exists()
        or SafetyPlan.objects.filter(owner=owner).exists()
    )


def _plan_changes(owner, plan: dict | None) -> tuple[dict[str, list[str]], list[dict]]:
    """The lines and contacts of the file's plan that the account's plan does not have."""
    if plan is None:
        return {}, []
    current = SafetyPlan.objects.filter(owner=owner).first()
    lines: dict[str, list[str]] = {}
    for key in PLAN_SECTIONS:
        have = set(current.lines(key)) if current else set()
        new = [line.strip() for line in plan[key].splitlines() if line.strip()]
        new = [line for line in dict.fromkeys(new) if line not in have]
        if new:
            lines[key] = new
    have_people = set()
    if current:
        have_people = {
            (c.section, c.name, c.phone) for c in SafetyContact.objects.filter(plan=current)
        }
    people = [
        c for c in plan["contacts"] if (c["section"], c["name"], c["phone"]) not in have_people
    ]
    return lines, people


def _new_check_ins(urges: list[dict], existing: dict[uuid.UUID, int]) -> dict[uuid.UUID, list]:
    """Per urge already in the account: the file's check-ins it does not have yet."""
    have: dict[int, set] = {}
    pks = list(existing.values())
    for start in range(0, len(pks), BATCH):
        rows = UrgeCheckIn.objects.filter(urge_id__in=pks[start : start + BATCH])
        for urge_id, at, intensity in rows.values_list("urge_id", "at", "intensity"):
            have.setdefault(urge_id, set()).add((at, intensity))
    missing = {}
    for urge in urges:
        if urge["id"] in existing:
            known = have.get(existing[urge["id"]], set())
            fresh = [c for c in urge["check_ins"] if (c["at"], c["intensity"]) not in known]
            if fresh:
                missing[urge["id"]] = fresh
    return missing


def _new_views(owner, views: list[dict]) -> list[dict]:
    have = set(
        AccessLogEntry.objects.filter(owner=owner).values_list(
            "therapist_name", "page", "detail", "viewed_at"
        )
    )
    fresh, seen = [], set()
    for view in views:
        key = (view["therapist"], view["page"], view["detail"], view["viewed_at"])
        if key not in have and key not in seen:
            fresh.append(view)
            seen.add(key)
    return fresh


def preview(owner, export: Export) -> Summary:
    """What importing this export would add to the account; FileProblem if it cannot."""
    theirs = _theirs_elsewhere(owner, export)
    if theirs:
        raise FileProblem(
            [
                _(
                    "This file holds %(n)d records that belong to another account on this server, "
                    "so it cannot be imported into this one."
                )
                % {"n": theirs}
            ]
        )
    skills = _existing(CopingSkill, owner, export.skills)
    urges = _existing(UrgeLog, owner, export.urges)
    uses = _existing(UsageLog, owner, export.uses)
    have_photo = set(
        CopingSkill.objects.filter(owner=owner, pk__in=skills.values())
        .exclude(photo="")
        .values_list("code", flat=True)
    )
    lines, people = _plan_changes(owner, export.plan)
    new_urges = [u for u in export.urges if u["id"] not in urges]
    return Summary(
        skills=len(export.skills) - len(skills),
        photos=sum(1 for s in export.skills if s["photo"] and s["id"] not in have_photo),
        urges=len(new_urges),
        check_ins=sum(len(u["check_ins"]) for u in new_urges)
        + sum(len(c) for c in _new_check_ins(export.urges, urges).values()),
        uses=len(export.uses) - len(uses),
        plan_items=sum(len(v) for v in lines.values()) + len(people),
        views=len(_new_views(owner, export.views)),
        settings=_is_empty(owner),
        shares=export.shares,
        suggestions=export.suggestions,
        already=len(skills) + len(urges) + len(uses),
    )


@transaction.atomic
def restore(owner, export: Export) -> Summary:
    """Add everything in the export that the account does not have; all of it, or nothing."""
    # One import per person at a time (PostgreSQL; SQLite's writers queue anyway).
    get_user_model().objects.select_for_update().filter(pk=owner.pk).exists()
    summary = preview(owner, export)
    photos = {}
    for skill in export.skills:
        if skill["photo"]:
            try:
                photos[skill["id"]] = clean_photo(skill["photo"])
            except PhotoProblem as problem:
                raise FileProblem(
                    [
                        _("The photo of skill “%(name)s”: %(problem)s")
                        % {"name": skill["name"], "problem": problem}
                    ]
                ) from None
    if summary.settings:
        _restore_settings(owner, export.account)
    skills = _restore_skills(owner, export.skills)
    for skill in CopingSkill.objects.filter(owner=owner, code__in=photos, photo=""):
        skill_set_photo(skill=skill, photo=photos[skill.code])
    urges = _restore_urges(owner, export.urges, skills)
    _restore_uses(owner, export.uses, skills, urges)
    _restore_plan(owner, export.plan)
    AccessLogEntry.objects.bulk_create(
        (
            AccessLogEntry(
                owner=owner,
                therapist_name=view["therapist"],
                page=view["page"],
                detail=view["detail"],
                viewed_at=view["viewed_at"],
            )
            for view in _new_views(owner, export.views)
        ),
        batch_size=BATCH,
    )
    tallies.recount_all(owner)
    return summary


def _restore_settings(owner, account: dict) -> None:
    owner.time_zone = account["time_zone"]
    owner.tab_title = account["tab_title"]
    if not owner.email:
        owner.email = account["email"]
    owner.save(update_fields=["time_zone", "tab_title", "email"])


def _restore_skills(owner, rows: list[dict]) -> dict[uuid.UUID, int]:
    existing = _existing(CopingSkill, owner, rows)
    CopingSkill.objects.bulk_create(
        (
            CopingSkill(
                owner=owner,
                code=row["id"],
                name=row["name"],
                kind=row["jar"],
                category=row["category"],
                description=row["description"],
                rock_colour=row["rock_colour"],
                rock_shape=row["rock_shape"],
                what_it_does=row["what_it_does"],
                harm_reduction=row["harm_reduction"],
                not_ready=row["not_ready"],
                private=row["private"],
                created_at=row["created_at"],
                archived_at=row["archived_at"],
            )
            for row in rows
            if row["id"] not in existing
        ),
        batch_size=BATCH,
    )
    pks = _existing(CopingSkill, owner, rows)
    links = CopingSkill.alternatives.through
    have = set(
        links.objects.filter(from_copingskill__owner=owner).values_list(
            "from_copingskill_id", "to_copingskill_id"
        )
    )
    wanted = {(pks[row["id"]], pks[other]) for row in rows for other in row["alternatives"]}
    links.objects.bulk_create(
        links(from_copingskill_id=a, to_copingskill_id=b) for a, b in sorted(wanted - have)
    )
    return pks


def _restore_urges(owner, rows: list[dict], skills: dict) -> dict[uuid.UUID, int]:
    existing = _existing(UrgeLog, owner, rows)
    missing_check_ins = _new_check_ins(rows, existing)
    UrgeLog.objects.bulk_create(
        (
            UrgeLog(
                owner=owner,
                code=row["id"],
                occurred_at=row["occurred_at"],
                intensity=row["intensity"],
                skill_id=skills[row["skill"]] if row["skill"] else None,
                note=row["note"],
                intensity_after=row["intensity_after"],
                passed=row["passed"],
                minutes_ridden_out=row["minutes_ridden_out"],
                surf_minutes=row["surf_minutes"],
                surf_ended_at=row["surf_ended_at"],
                surf_outcome=row["surf_outcome"],
                private=row["private"],
            )
            for row in rows
            if row["id"] not in existing
        ),
        batch_size=BATCH,
    )
    pks = _existing(UrgeLog, owner, rows)
    UrgeCheckIn.objects.bulk_create(
        (
            UrgeCheckIn(urge_id=pks[row["id"]], at=check_in["at"], intensity=check_in["intensity"])
            for row in rows
            for check_in in (
                row["check_ins"]
                if row["id"] not in existing
                else missing_check_ins.get(row["id"], [])
            )
        ),
        batch_size=BATCH,
    )
    return pks


def _restore_uses(owner, rows: list[dict], skills: dict, urges: dict) -> None:
    existing = _existing(UsageLog, owner, rows)
    UsageLog.objects.bulk_create(
        (
            UsageLog(
                owner=owner,
                code=row["id"],
                skill_id=skills[row["skill"]],
                occurred_at=row["occurred_at"],
                helped=row["helped"],
                note=row["note"],
                urge_id=urges[row["urge"]] if row["urge"] else None,
            )
            for row in rows
            if row["id"] not in existing
        ),
        batch_size=BATCH,
    )


def _restore_plan(owner, plan: dict | None) -> None:
    lines, people = _plan_changes(owner, plan)
    if plan is None or (
        not lines and not people and SafetyPlan.objects.filter(owner=owner).exists()
    ):
        return
    current, made = SafetyPlan.objects.get_or_create(
        owner=owner,
        defaults={"created_at": plan["created_at"], "updated_at": plan["updated_at"]},
    )
    for key, new in lines.items():
        setattr(current, key, "\n".join([*current.lines(key), *new]))
    if not made:
        current.updated_at = timezone.now()
    current.save()
    start = {}
    for section in CONTACT_SECTIONS:
        start[section] = SafetyContact.objects.filter(plan=current, section=section).count()
    SafetyContact.objects.bulk_create(
        SafetyContact(
            plan=current,
            section=person["section"],
            name=person["name"],
            phone=person["phone"],
            position=start[person["section"]] + person["position"],
        )
        for person in people
    )
