"""The journal timeline: urges and uses interleaved, newest first, a page at a time.

A page holds at most PAGE_SIZE entries, read through a `Window`, and ends with a cursor: the
last entry shown. The next page starts just after it in the order (time, kind, id), so a page
costs the same three queries whether the person has logged ten entries or a hundred thousand.
Each entry carries only what the window lets a page show, worked out once here: templates
draw these values and never reach back into the models.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import groupby

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from journal.models import SURF_WITH_SKILL, Helped, SurfOutcome, UrgeLog, UsageLog
from journal.window import Window
from skills.models import CopingSkill
from skills.pebbles import Icon

PAGE_SIZE = 40
# Dates a person could mean; anything outside is a typo, and far enough from the calendar's
# ends that a week's arithmetic never overflows.
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
# Entries at the same moment: a use sorts above the urge it may answer.
_RANK = {"urge": 0, "usage": 1}


def parse_day(raw: str | None) -> date | None:
    """A YYYY-MM-DD from a query string, or None for anything else."""
    try:
        day = date.fromisoformat(raw) if raw else None
    except ValueError:
        return None
    return day if day is not None and EARLIEST <= day <= LATEST else None


def start_of(day: date) -> datetime:
    """Midnight at the start of a day, in the current time zone."""
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


@dataclass(frozen=True)
class SkillShown:
    """A skill as an entry shows it."""

    name: str
    colour: str
    icon: Icon
    is_negative: bool
    jar: str
    url: str | None  # its page, for the owner only


@dataclass(frozen=True)
class Links:
    """Where the owner can take an entry; a therapist's window has none."""

    edit: str
    delete: str
    surf: str | None
    follow_up: str | None = None  # "How did it go?", for an urge that waits for it


@dataclass(frozen=True)
class Entry:
    kind: str  # "urge" or "usage"
    code: uuid.UUID
    occurred_at: datetime
    day: date
    time: str
    note: str
    skill: SkillShown | None
    links: Links | None
    # An urge:
    intensity: int | None = None
    intensity_after: int | None = None
    passed: bool | None = None
    minutes_ridden_out: int | None = None
    awaits_follow_up: bool = False
    ending: str = ""  # how a wave ended, in the words the person picked
    # A use:
    helped: str = ""
    answered_time: str = ""
    answered_intensity: int | None = None

    @property
    def cursor(self) -> str:
        return f"{self.kind}-{self.code}"


@dataclass(frozen=True)
class Day:
    day: date
    entries: list[Entry]
    continued: bool = False  # the same day as the end of the page before

    @property
    def anchor(self) -> str:
        """The day's id on the page; a continued day's differs from the page before's."""
        if self.continued:
            return f"day-{self.day:%Y-%m-%d}-{self.entries[0].code}"
        return f"day-{self.day:%Y-%m-%d}"


@dataclass(frozen=True)
class TimelinePage:
    days: list[Day]
    older: str | None  # the cursor for "show earlier entries", or None at the oldest entry
    # When a wave shown here, never ended, counts as stepped away from, and its words change.
    changes_at: datetime | None = None


@dataclass(frozen=True)
class _Cursor:
    """A position in the order (time, kind rank, id): the next page starts strictly after it."""

    moment: datetime
    rank: int
    pk: int

    def older(self, kind: str) -> Q:
        """The rows of one kind that come after this position, newest first."""
        rank = _RANK[kind]
        if rank < self.rank:
            return Q(occurred_at__lte=self.moment)
        if rank == self.rank:
            return Q(occurred_at__lt=self.moment) | Q(occurred_at=self.moment, pk__lt=self.pk)
        return Q(occurred_at__lt=self.moment)


def _cursor_at(window: Window, raw: str | None, day: date | None) -> _Cursor | None:
    """Where a page starts: after the entry named in `raw` ('urge-<code>'), or before a day."""
    if raw:
        kind, _sep, code = raw.partition("-")
        rows = {"urge": window.urges(), "usage": window.usages()}.get(kind)
        try:
            found = rows.filter(code=uuid.UUID(code)).values("occurred_at", "pk").first()
        except (AttributeError, ValueError):
            found = None
        if found is not None:
            return _Cursor(found["occurred_at"], _RANK[kind], found["pk"])
    if day is not None:
        return _Cursor(start_of(day), -1, 0)
    return None


class _Urls:
    """Each kind of link reversed once per page; an entry's own code is put in afterwards."""

    _PLACE = "00000000-0000-4000-8000-000000000000"

    def __init__(self) -> None:
        self._made: dict[str, str] = {}

    def __call__(self, name: str, code: uuid.UUID) -> str:
        if name not in self._made:
            self._made[name] = reverse(name, kwargs={"code": self._PLACE})
        return self._made[name].replace(self._PLACE, str(code))


def _skill(window: Window, skill: CopingSkill, urls: _Urls) -> SkillShown:
    return SkillShown(
        name=skill.name,
        colour=skill.colour_hex(),
        icon=skill.icon,
        is_negative=skill.is_negative,
        jar=str(skill.get_kind_display()),
        url=urls("skills:detail", skill.code) if window.own else None,
    )


def _hm(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def _ending(urge: UrgeLog, answer: UsageLog | None) -> str:
    """How a wave ended, in the words of the button the person tapped; '' for other urges.

    A skill the viewer may not see is not named, nor hinted at.
    """
    if not urge.is_surf:
        return ""
    outcome = urge.surf_outcome
    if outcome == SurfOutcome.PASSED:
        return _("Rode it out with the wave: it passed.")
    if outcome == SurfOutcome.SMALLER:
        return _("Rode it out with the wave: it got smaller.")
    if outcome == SurfOutcome.STILL_STRONG:
        return _("Rode it out with the wave: still strong, and stopped there for now.")
    if outcome == SurfOutcome.CHOSE and answer is not None:
        return _("Rode it out with the wave, then chose %(name)s.") % {"name": answer.skill.name}
    if outcome == SurfOutcome.REACHED and answer is not None:
        return _("Rode it out with the wave, then reached for %(name)s.") % {
            "name": answer.skill.name
        }
    if urge.surf_was_left(timezone.now()):
        return _("Rode it out with the wave for a while, then stepped away.")
    return _("Rode it out with the wave.")


def _answers(window: Window, urges: list[UrgeLog]) -> dict[int, UsageLog]:
    """The use that ended each wave ending with a skill, in one query (none if no such wave)."""
    ended = [urge.pk for urge in urges if urge.surf_outcome in SURF_WITH_SKILL]
    if not ended:
        return {}
    found: dict[int, UsageLog] = {}
    for usage in window.usages().filter(urge__in=ended).order_by("-occurred_at", "-pk"):
        found[usage.urge_id] = usage  # the earliest one wins
    return found


def _urge_entry(
    window: Window, urge: UrgeLog, urls: _Urls, answer: UsageLog | None = None
) -> Entry:
    links = None
    if window.own:
        waits = urge.passed is None and not urge.surf_outcome
        links = Links(
            edit=urls("journal:urge_edit", urge.code),
            delete=urls("journal:urge_delete", urge.code),
            surf=urls("journal:surf", urge.code) if urge.is_surf else None,
            follow_up=urls("journal:urge_follow_up", urge.code) if waits else None,
        )
    return Entry(
        kind="urge",
        code=urge.code,
        occurred_at=urge.occurred_at,
        day=timezone.localtime(urge.occurred_at).date(),
        time=_hm(urge.occurred_at),
        note=window.words_of(urge),
        skill=_skill(window, urge.skill, urls) if urge.skill_id else None,
        links=links,
        intensity=urge.intensity,
        intensity_after=urge.intensity_after,
        passed=urge.passed,
        minutes_ridden_out=urge.minutes_ridden_out,
        awaits_follow_up=urge.passed is None and not urge.surf_outcome,
        ending=_ending(urge, answer),
    )


def _usage_entry(window: Window, usage: UsageLog, urls: _Urls) -> Entry:
    links = None
    if window.own:
        links = Links(
            edit=urls("journal:usage_edit", usage.code),
            delete=urls("journal:usage_delete", usage.code),
            surf=None,
        )
    answered = window.answered_urge(usage)
    return Entry(
        kind="usage",
        code=usage.code,
        occurred_at=usage.occurred_at,
        day=timezone.localtime(usage.occurred_at).date(),
        time=_hm(usage.occurred_at),
        note=window.words_of(usage),
        skill=_skill(window, usage.skill, urls),
        links=links,
        helped=str(Helped(usage.helped).label) if usage.helped is not None else "",
        answered_time=_hm(answered.occurred_at) if answered else "",
        answered_intensity=answered.intensity if answered else None,
    )


def entry_for(window: Window, item: UrgeLog | UsageLog) -> Entry:
    """One entry as the timeline shows it (after a write, say)."""
    urls = _Urls()
    if isinstance(item, UrgeLog):
        return _urge_entry(window, item, urls, _answers(window, [item]).get(item.pk))
    return _usage_entry(window, item, urls)


def timeline_page(
    window: Window, *, older: str | None = None, before_day: date | None = None
) -> TimelinePage:
    """Up to PAGE_SIZE entries, newest first, starting after the cursor (or a day)."""
    cursor = _cursor_at(window, older, before_day)
    urges, usages = window.urges(), window.usages(answers=True)
    if cursor is not None:
        urges, usages = urges.filter(cursor.older("urge")), usages.filter(cursor.older("usage"))
    newest_first = ("-occurred_at", "-pk")
    rows = [("urge", u) for u in urges.order_by(*newest_first)[: PAGE_SIZE + 1]]
    rows += [("usage", u) for u in usages.order_by(*newest_first)[: PAGE_SIZE + 1]]
    rows.sort(key=lambda row: (row[1].occurred_at, _RANK[row[0]], row[1].pk), reverse=True)
    shown = rows[:PAGE_SIZE]
    urls = _Urls()
    answers = _answers(window, [item for kind, item in shown if kind == "urge"])
    entries = [
        _urge_entry(window, item, urls, answers.get(item.pk))
        if kind == "urge"
        else _usage_entry(window, item, urls)
        for kind, item in shown
    ]
    cursor_day = timezone.localtime(cursor.moment).date() if cursor and cursor.pk else None
    days = [
        Day(day=day, entries=list(group), continued=day == cursor_day)
        for day, group in groupby(entries, key=lambda entry: entry.day)
    ]
    older_cursor = entries[-1].cursor if len(rows) > PAGE_SIZE else None
    now = timezone.now()
    closing = [
        closes
        for kind, item in shown
        if kind == "urge" and (closes := item.surf_closes_at()) and closes > now
    ]
    return TimelinePage(days=days, older=older_cursor, changes_at=min(closing, default=None))
