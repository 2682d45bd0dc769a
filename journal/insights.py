"""What a person's entries add up to, read through a window: never a streak, never a score
that can drop to zero, and an empty day is only a day with nothing logged.

Figures over all time sum the all-time totals and figures over weeks or a year sum the day
tallies (journal/tallies.py), so a page costs the same few queries whether the journal holds
ten entries or a hundred thousand. Every figure also comes as a sentence and a table row.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Prefetch, Sum
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from journal import charts
from journal.models import Band, Helped
from journal.window import Window
from skills.models import CopingSkill, Kind

WEEKS_SHOWN = 12
COMPARE_DAYS = 28
# Below this many ratings, a skill's average is shown but not ranked: one tap is not a trend.
FEW_RATINGS = 3
SURF_MONTHS = 6
SURFS_DRAWN = 60
WEEKDAYS = [
    pgettext_lazy("weekday", "Monday"),
    pgettext_lazy("weekday", "Tuesday"),
    pgettext_lazy("weekday", "Wednesday"),
    pgettext_lazy("weekday", "Thursday"),
    pgettext_lazy("weekday", "Friday"),
    pgettext_lazy("weekday", "Saturday"),
    pgettext_lazy("weekday", "Sunday"),
]
SHORT_WEEKDAYS = [
    pgettext_lazy("weekday, short", "Mon"),
    pgettext_lazy("weekday, short", "Tue"),
    pgettext_lazy("weekday, short", "Wed"),
    pgettext_lazy("weekday, short", "Thu"),
    pgettext_lazy("weekday, short", "Fri"),
    pgettext_lazy("weekday, short", "Sat"),
    pgettext_lazy("weekday, short", "Sun"),
]
# Under a chart of weeks, every third week is labelled (and the last), so labels never crowd.
LABEL_EVERY = 3


def urges_ridden_out(window: Window) -> int:
    """Every urge that passed, ever: a number that only grows as urges pass."""
    return window.totals().aggregate(n=Sum("passed"))["n"] or 0


def _share(copes: int, total: int) -> str:
    return f"{round(100 * copes / total)}%" if total else ""


# --- the balance over time -------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    monday: date
    copes: int
    negative: int

    @property
    def total(self) -> int:
        return self.copes + self.negative

    @property
    def share(self) -> float | None:
        return self.copes / self.total if self.total else None


@dataclass(frozen=True)
class BalanceOverTime:
    weeks: list[Week]
    chart: charts.BarChart
    summary: str
    all_copes: int
    all_negative: int

    @property
    def all_share(self) -> str:
        return _share(self.all_copes, self.all_copes + self.all_negative)


def _jar_by_skill(window: Window) -> dict[int, str]:
    return dict(window.skills().values_list("pk", "kind"))


def _compare(window: Window, recent: tuple[int, int], before: tuple[int, int]) -> str:
    (copes, total), (copes_before, total_before) = recent, before
    if not total and not total_before:
        return _("No choices logged in the last eight weeks. Whatever you log shows up here.")
    if window.own:
        now = _("In the last 4 weeks, %(copes)d of %(total)d choices came from your Jar O' Copes")
    else:
        now = _("In the last 4 weeks, %(copes)d of %(total)d choices came from the Jar O' Copes")
    said = now % {"copes": copes, "total": total}
    if total_before:
        said += _("; the 4 weeks before, %(copes)d of %(total)d") % {
            "copes": copes_before,
            "total": total_before,
        }
    return said + "."


def balance_over_time(
    window: Window, *, today: date, jars: dict[int, str] | None = None, totals=None
) -> BalanceOverTime:
    """Each of the last WEEKS_SHOWN weeks' share of choices from the Jar O' Copes, and all time."""
    jars = jars if jars is not None else _jar_by_skill(window)
    first = today - timedelta(days=today.weekday() + 7 * (WEEKS_SHOWN - 1))
    rows = (
        window.tallies()
        .filter(day__gte=first, day__lte=today)
        .values("day", "skill_key")
        .annotate(n=Sum("uses"))
        .order_by()
    )
    weeks = {first + timedelta(weeks=n): [0, 0] for n in range(WEEKS_SHOWN)}
    windows = {"recent": [0, 0], "before": [0, 0]}
    for row in rows:
        jar = jars.get(row["skill_key"])
        if jar is None:
            continue
        column = 0 if jar == Kind.COPES else 1
        weeks[row["day"] - timedelta(days=row["day"].weekday())][column] += row["n"]
        age = (today - row["day"]).days
        if age < COMPARE_DAYS:
            windows["recent"][column] += row["n"]
        elif age < 2 * COMPARE_DAYS:
            windows["before"][column] += row["n"]
    listed = [Week(monday, copes, negative) for monday, (copes, negative) in weeks.items()]
    labels = [
        date_format(week.monday, _("j M")) if (len(listed) - 1 - n) % LABEL_EVERY == 0 else ""
        for n, week in enumerate(listed)
    ]
    chart = charts.bar_chart([week.share for week in listed], labels)
    all_copes = all_negative = 0
    for row in totals if totals is not None else _totals(window):
        jar = jars.get(row["skill_key"])
        all_copes += row["uses"] if jar == Kind.COPES else 0
        all_negative += row["uses"] if jar == Kind.NEGATIVE else 0
    recent, before = windows["recent"], windows["before"]
    summary = _compare(window, (recent[0], sum(recent)), (before[0], sum(before)))
    return BalanceOverTime(listed, chart, summary, all_copes, all_negative)


def _totals(window: Window) -> list[dict]:
    """All-time sums per skill, weekday and part of the day (a few hundred rows at most)."""
    return list(
        window.totals().values(
            "skill_key",
            "weekday",
            "band",
            "uses",
            "helped_n",
            "helped_sum",
            "answers",
            "answers_eased",
            "urges",
            "strength_sum",
            "passed",
            "eased",
            "drop_n",
            "drop_sum",
        )
    )


# --- what helps ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Helper:
    skill: CopingSkill
    ratings: int
    average: float | None  # 0 to 4
    answers: int
    eased: int

    @property
    def ranked(self) -> bool:
        return self.ratings >= FEW_RATINGS

    @property
    def average_words(self) -> str:
        if self.average is None:
            return ""
        return str(Helped(round(self.average)).label).lower()

    @property
    def width(self) -> float:
        return round(100 * (self.average or 0) / 4)

    @property
    def sentence(self) -> str:
        parts = []
        if self.ratings:
            parts.append(
                ngettext(
                    "how much it helped, on average: %(words)s (%(n)d rating)",
                    "how much it helped, on average: %(words)s (%(n)d ratings)",
                    self.ratings,
                )
                % {"words": self.average_words, "n": self.ratings}
            )
        if self.answers:
            parts.append(
                ngettext("chosen after %(n)d urge", "chosen after %(n)d urges", self.answers)
                % {"n": self.answers}
            )
            parts.append(
                ngettext(
                    "%(n)d then passed or got smaller",
                    "%(n)d then passed or got smaller",
                    self.eased,
                )
                % {"n": self.eased}
            )
        return "; ".join(parts)


def what_helps(skills: list[CopingSkill], totals: list[dict]) -> tuple[list[Helper], list[Helper]]:
    """Jar O' Copes skills by the person's own ratings; those with few ratings come apart."""
    sums: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for row in totals:
        into = sums[row["skill_key"]]
        into[0] += row["helped_n"]
        into[1] += row["helped_sum"]
        into[2] += row["answers"]
        into[3] += row["answers_eased"]
    helpers = []
    for skill in skills:
        if skill.kind != Kind.COPES or skill.pk not in sums:
            continue
        n, total, answers, eased = sums[skill.pk]
        if n or answers:
            helpers.append(Helper(skill, n, total / n if n else None, answers, eased))
    ranked = sorted((h for h in helpers if h.ranked), key=lambda h: (-(h.average or 0), -h.ratings))
    return ranked, sorted((h for h in helpers if not h.ranked), key=lambda h: h.skill.name)


# --- when urges come -------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    weekday: int  # 1 to 7
    band: int
    urges: int
    strength: float | None
    level: int  # 0 to 4, how busy compared with the busiest slot

    @property
    def strength_words(self) -> str:
        return number_format(self.strength, 1) if self.strength is not None else ""


@dataclass
class UrgeTimes:
    rows: list[tuple[str, str, list[Slot]]]  # a weekday, short and whole, and its four parts
    bands: list[str]
    summary: str
    pulls: list[tuple[str, int]] = field(default_factory=list)
    total: int = 0


def when_urges_come(skills: list[CopingSkill], totals: list[dict]) -> UrgeTimes:
    """A weekday by part-of-the-day grid of urges and their average strength, all time."""
    cells: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    pulls: dict[int, int] = defaultdict(int)
    for row in totals:
        if row["urges"]:
            cells[row["weekday"], row["band"]][0] += row["urges"]
            cells[row["weekday"], row["band"]][1] += row["strength_sum"]
            pulls[row["skill_key"]] += row["urges"]
    busiest = max((urges for urges, _s in cells.values()), default=0)
    rows = []
    for weekday in range(1, 8):
        slots = []
        for band in Band:
            urges, strength = cells.get((weekday, band.value), (0, 0))
            level = 0 if not urges else 1 + min(3, int(3 * urges / busiest))
            slots.append(
                Slot(weekday, band.value, urges, strength / urges if urges else None, level)
            )
        rows.append((str(SHORT_WEEKDAYS[weekday - 1]), str(WEEKDAYS[weekday - 1]), slots))
    total = sum(urges for urges, _s in cells.values())
    names = {skill.pk: skill.name for skill in skills}
    top_pulls = sorted(
        ((names[key], n) for key, n in pulls.items() if key in names), key=lambda p: -p[1]
    )[:3]
    return UrgeTimes(
        rows=rows,
        bands=[str(band.label) for band in Band],
        summary=_urge_times_summary(rows, total),
        pulls=top_pulls,
        total=total,
    )


def _urge_times_summary(rows: list[tuple[str, str, list[Slot]]], total: int) -> str:
    if not total:
        return _("No urges noted yet. When you note some, this shows when they tend to come.")
    slots = [(day, slot) for _short, day, day_slots in rows for slot in day_slots if slot.urges]
    day, most = max(slots, key=lambda pair: (pair[1].urges, -pair[1].weekday))
    strong_day, strongest = max(slots, key=lambda pair: (pair[1].strength or 0, pair[1].urges))
    return _(
        "Urges came most often on %(day)s %(band)s (%(n)d). The strongest, on average, came on "
        "%(strong_day)s %(strong_band)s (%(strength)s out of 10)."
    ) % {
        "day": day,
        "band": str(Band(most.band).label).lower(),
        "n": most.urges,
        "strong_day": strong_day,
        "strong_band": str(Band(strongest.band).label).lower(),
        "strength": strongest.strength_words,
    }


# --- waves ridden out ------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthOfWaves:
    month: date
    curves: list[charts.Curve]
    description: str


@dataclass
class Waves:
    urges: int
    eased: int
    passed: int
    average_drop: float | None
    summary: str
    months: list[MonthOfWaves] = field(default_factory=list)


def waves_ridden_out(window: Window, totals: list[dict], *, today: date) -> Waves:
    """How many urges passed or eased, how far they came down, and recent surfs by month."""
    urges = sum(row["urges"] for row in totals)
    eased = sum(row["eased"] for row in totals)
    passed = sum(row["passed"] for row in totals)
    drop_n = sum(row["drop_n"] for row in totals)
    drop = sum(row["drop_sum"] for row in totals) / drop_n if drop_n else None
    if urges:
        summary = ngettext(
            "Of %(n)d urge noted, %(eased)d passed or got smaller.",
            "Of %(n)d urges noted, %(eased)d passed or got smaller.",
            urges,
        ) % {"n": urges, "eased": eased}
        if drop is not None:
            summary += " " + _(
                "When a strength afterwards was noted, it had come down by %(drop)s on average."
            ) % {"drop": number_format(drop, 1)}
    else:
        summary = _("No urges noted yet. Each one you ride out adds to this.")
    waves = Waves(urges, eased, passed, drop, summary)
    since = (today.replace(day=1) - timedelta(days=31 * (SURF_MONTHS - 1))).replace(day=1)
    surfs = list(
        window.urges()
        .filter(surf_minutes__isnull=False, occurred_at__gte=window.start_of(since))
        .order_by("-occurred_at")
        .prefetch_related(Prefetch("check_ins", queryset=window.check_ins()))[:SURFS_DRAWN]
    )
    by_month: dict[date, list] = defaultdict(list)
    for urge in surfs:
        by_month[window.local_date(urge.occurred_at).replace(day=1)].append(urge.surf_points())
    for month in sorted(by_month, reverse=True):
        drawn = charts.curves(by_month[month])
        starts = [curve.start for curve in drawn]
        ends = [curve.end for curve in drawn]
        description = ngettext(
            "%(month)s: %(n)d wave; it started at %(start)s and ended at %(end)s.",
            "%(month)s: %(n)d waves; they started at %(start)s and ended at %(end)s on average.",
            len(drawn),
        ) % {
            "month": date_format(month, _("F Y")),
            "n": len(drawn),
            "start": number_format(sum(starts) / len(starts), 1),
            "end": number_format(sum(ends) / len(ends), 1),
        }
        waves.months.append(MonthOfWaves(month, drawn, description))
    return waves


# --- the page ---------------------------------------------------------------------------------


@dataclass
class Insights:
    balance: BalanceOverTime
    helps: list[Helper]
    helps_few: list[Helper]
    urge_times: UrgeTimes
    waves: Waves

    @property
    def is_empty(self) -> bool:
        return not (self.balance.all_copes + self.balance.all_negative or self.urge_times.total)


def insights(window: Window, *, now: datetime) -> Insights:
    """Everything the insights page shows, from five queries."""
    today = window.local_date(now)
    skills = list(window.skills().order_by("name"))
    jars = {skill.pk: skill.kind for skill in skills}
    totals = _totals(window)
    helps, few = what_helps(skills, totals)
    return Insights(
        balance=balance_over_time(window, today=today, jars=jars, totals=totals),
        helps=helps,
        helps_few=few,
        urge_times=when_urges_come(skills, totals),
        waves=waves_ridden_out(window, totals, today=today),
    )


# --- the year in rocks -----------------------------------------------------------------------


@dataclass(frozen=True)
class Year:
    year: int
    calendar: charts.Calendar
    months: list[tuple[date, int, int, int]]  # month, days with choices, copes, negative
    summary: str
    earlier: int | None
    later: int | None


def year_in_rocks(window: Window, *, year: int, today: date) -> Year:
    """Every day of a year, by the balance of its choices; days with nothing logged stay plain."""
    jars = _jar_by_skill(window)
    rows = (
        window.tallies()
        .filter(day__year=year)
        .values("day", "skill_key")
        .annotate(n=Sum("uses"))
        .order_by()
    )
    days: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        jar = jars.get(row["skill_key"])
        if jar is not None:
            days[row["day"]][0 if jar == Kind.COPES else 1] += row["n"]
    months = []
    for month in range(1, 13):
        in_month = [v for d, v in days.items() if d.month == month and sum(v)]
        months.append(
            (
                date(year, month, 1),
                len(in_month),
                sum(c for c, _n in in_month),
                sum(n for _c, n in in_month),
            )
        )
    counted = {d: (c, n) for d, (c, n) in days.items()}
    mostly = sum(1 for c, n in counted.values() if charts.level_of(c, n) == 3)
    logged = sum(1 for c, n in counted.values() if c + n)
    if logged:
        summary = ngettext(
            "In %(year)d, %(days)d day had choices logged; on %(copes)d of them most came from "
            "the Jar O' Copes.",
            "In %(year)d, %(days)d days had choices logged; on %(copes)d of them most came "
            "from the Jar O' Copes.",
            logged,
        ) % {"year": year, "days": logged, "copes": mostly}
    else:
        summary = _("Nothing logged in %(year)d. Days with choices show up here.") % {"year": year}
    first = window.skills().order_by("created_at").values_list("created_at", flat=True).first()
    first_year = window.local_date(first).year if first else today.year
    return Year(
        year=year,
        calendar=charts.calendar(year, counted),
        months=months,
        summary=summary,
        earlier=year - 1 if year > first_year else None,
        later=year + 1 if year < today.year else None,
    )


# --- the jar as it grew ----------------------------------------------------------------------


@dataclass(frozen=True)
class Growth:
    month: date
    jars: object  # skills.jars.Jars, as the jar stood at the end of that month
    summary: str
    earlier: date | None
    later: date | None


def _month_end(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def jar_at_month_end(window: Window, *, month: date, today: date) -> Growth:
    """The Jar O' Copes as it stood at the end of a month: the rocks in it then, sized by their
    uses in the thirty days before, drawn by the same layout as the jars page."""
    from journal.jars import RECENT_DAYS
    from skills.jars import jars_of

    month = month.replace(day=1)
    end = min(_month_end(month), today)
    closing = window.start_of(end + timedelta(days=1))
    every = list(window.skills().order_by("created_at", "id"))
    skills = [
        skill
        for skill in every
        if skill.created_at < closing
        and (skill.archived_at is None or skill.archived_at >= closing)
    ]
    rows = (
        window.tallies()
        .filter(day__gt=end - timedelta(days=RECENT_DAYS), day__lte=end)
        .values("skill_key")
        .annotate(n=Sum("uses"))
        .order_by()
    )
    uses = {row["skill_key"]: row["n"] for row in rows if row["n"]}
    jars = jars_of(skills, uses=uses, linked=False, own=window.own)
    rocks = len(jars.copes.rocks)
    summary = ngettext(
        "At the end of %(month)s, the Jar O' Copes held %(n)d rock.",
        "At the end of %(month)s, the Jar O' Copes held %(n)d rocks.",
        rocks,
    ) % {"month": date_format(month, _("F Y")), "n": rocks}
    first_month = window.local_date(every[0].created_at).replace(day=1) if every else month
    earlier = (month - timedelta(days=1)).replace(day=1)
    later = _month_end(month) + timedelta(days=1)
    return Growth(
        month=month,
        jars=jars,
        summary=summary,
        earlier=earlier if earlier >= first_month else None,
        later=later if later <= today else None,
    )
