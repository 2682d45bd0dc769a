"""What one viewer may see of one person's history: the only door to their skills and logs.

A page that reads someone's history asks for a `Window` first: the owner's own window shows
everything, and a therapist's (made from a consent grant by `copejar.sharing.window`) shows
only what its scope covers. Readers (the jars, the timeline, the diary card, insights) take a
window and never query the models themselves, so the rule below is written once:

- A skill marked private never shows outside the owner's window, nor does anything logged
  about it: its uses, the urges that pull toward it (also after it is deleted), their
  check-ins, and the link from a use to such an urge.
- Privacy is read from the skill as it is now, so marking or unmarking a skill private, or
  archiving it, takes effect on the very next page.
- Logs (urges, uses, check-ins, counts and sizes taken from them) show only with `logs`;
  the person's own words (notes and skill descriptions) only with `words`, and so do the
  photos kept with their skills.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.db.models import Case, Max, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from copejar.accounts.services import fragment_key
from journal.models import Tally, Total, UrgeCheckIn, UrgeLog, UsageLog
from skills.models import CopingSkill

# What a window shows of someone else's jar, as filters on each model. Nothing else in the
# code base may say again what "shareable" means.
_SHAREABLE_SKILL = Q(private=False)


def _shareable_urge(path: str = "") -> Q:
    """The urges a shared window shows, as a filter on the urge itself or on a row that has
    one (path: "urge__")."""
    return Q(**{f"{path}private": False}) & (
        Q(**{f"{path}skill__isnull": True}) | Q(**{f"{path}skill__private": False})
    )


_SHAREABLE_URGE = _shareable_urge()
_SHAREABLE_USAGE = Q(skill__private=False)


def _shareable_sums(rows: QuerySet, owners) -> QuerySet:
    """Tallies or totals a shared window may show: none about a private skill, and none of
    the urges whose private skill was deleted."""
    private = CopingSkill.objects.filter(owner__in=owners, private=True).values("pk")
    return rows.filter(hidden=False).exclude(skill_key__in=private)


# The person's own words, left in the database when a window does not show them.
SKILL_WORDS = ("description", "what_it_does", "harm_reduction")
ENTRY_WORDS = ("note",)


def _related(path: str, fields: tuple[str, ...]) -> list[str]:
    return [f"{path}__{field}" for field in fields]


@dataclass(frozen=True)
class Window:
    """One viewer's view of one person's history, decided once per request."""

    owner: object
    private: bool = False  # private skills and what is logged about them
    logs: bool = False  # urges, uses, check-ins, and any count or size taken from them
    words: bool = False  # notes and descriptions, in the person's own words
    own: bool = False  # the owner is looking: links to edit and delete

    @classmethod
    def of_owner(cls, user) -> Window:
        """Everything, for the person themself."""
        return cls(owner=user, private=True, logs=True, words=True, own=True)

    @classmethod
    def shared(cls, owner, *, logs: bool, words: bool) -> Window:
        """What someone else may see: never private skills; logs and words as consented."""
        return cls(owner=owner, private=False, logs=logs, words=words)

    # --- the rows ---------------------------------------------------------------------------

    def skills(self) -> QuerySet[CopingSkill]:
        """The person's skills (archived ones too; callers narrow with .active())."""
        skills = CopingSkill.objects.for_user(self.owner)
        if not self.private:
            skills = skills.filter(_SHAREABLE_SKILL)
        if not self.words:
            skills = skills.defer(*SKILL_WORDS)
        return skills

    def urges(self) -> QuerySet[UrgeLog]:
        """Urges the viewer may see; none without logs."""
        if not self.logs:
            return UrgeLog.objects.none()
        urges = UrgeLog.objects.for_user(self.owner).select_related("skill")
        if not self.private:
            urges = urges.filter(_SHAREABLE_URGE)
        if not self.words:
            urges = urges.defer(*ENTRY_WORDS, *_related("skill", SKILL_WORDS))
        return urges

    def usages(self, *, answers: bool = False) -> QuerySet[UsageLog]:
        """Uses the viewer may see; with `answers`, each also knows whether the urge it
        answered may show (read it through `answered_urge`)."""
        if not self.logs:
            return UsageLog.objects.none()
        usages = UsageLog.objects.for_user(self.owner).select_related("skill")
        if not self.private:
            usages = usages.filter(_SHAREABLE_USAGE)
        if not self.words:
            usages = usages.defer(*ENTRY_WORDS, *_related("skill", SKILL_WORDS))
        if not answers:
            return usages
        # Decided on the urge row joined to each use, never by a subquery: PostgreSQL may run
        # a subquery once for the whole page, hashing every urge the person ever noted.
        shown = Q(urge__owner=self.owner)
        if not self.private:
            shown &= _shareable_urge("urge__")
        usages = usages.select_related("urge").annotate(
            urge_shown=Case(When(shown, then=Value(True)), default=Value(False))
        )
        return usages if self.words else usages.defer(*_related("urge", ENTRY_WORDS))

    def check_ins(self) -> QuerySet[UrgeCheckIn]:
        """Check-ins of the urges the viewer may see."""
        if not self.logs:
            return UrgeCheckIn.objects.none()
        # Joined to their urges row by row, never "in every urge of the person", which would
        # read the whole history to find a few surfs' check-ins.
        check_ins = UrgeCheckIn.objects.filter(urge__owner=self.owner)
        if not self.private:
            check_ins = check_ins.filter(_shareable_urge("urge__"))
        return check_ins.order_by("at", "id")

    def tallies(self) -> QuerySet[Tally]:
        """Day by day sums (journal.tallies) of what the viewer may see; none without logs."""
        return self._sums(Tally)

    def totals(self) -> QuerySet[Total]:
        """All-time sums (journal.tallies) of what the viewer may see; none without logs."""
        return self._sums(Total)

    def _sums(self, model):
        if not self.logs:
            return model.objects.none()
        rows = model.objects.for_user(self.owner)
        return rows if self.private else _shareable_sums(rows, [self.owner])

    def fragment_key(self, *parts) -> str:
        """A key for a drawn part of a page seen through this window: it changes whenever the
        person's history does, and with what this window shows."""
        flags = "".join(
            "1" if on else "0" for on in (self.private, self.logs, self.words, self.own)
        )
        return fragment_key(self.owner, flags, *parts)

    @property
    def photos(self) -> bool:
        """Whether the photos kept with the skills show: like the person's words, only to the
        owner and with "everything" (and never for a private skill: see skills())."""
        return self.words

    def local_date(self, moment: datetime) -> date:
        """The person's own date at a moment (their days are the ones that count)."""
        return timezone.localtime(moment, self.owner.zone()).date()

    def start_of(self, day: date) -> datetime:
        """Midnight at the start of one of the person's days."""
        return datetime.combine(day, time.min, tzinfo=self.owner.zone())

    # --- what a reader may show --------------------------------------------------------------

    def words_of(self, item, field: str = "note") -> str:
        """The person's own words on a row, or '' when this window leaves them out."""
        return getattr(item, field) if self.words else ""

    def answered_urge(self, usage: UsageLog) -> UrgeLog | None:
        """The urge a use answered, when the viewer may see it (read `usages(answers=True)`;
        a use read on its own, such as one just written, shows its urge to the owner alone)."""
        if usage.urge_id is None:
            return None
        shown = getattr(usage, "urge_shown", None)
        if shown is None:
            shown = self.own and usage.urge.owner_id == self.owner.pk
        return usage.urge if shown else None

    def last_entry_at(self) -> datetime | None:
        """When the newest urge or use the viewer may see was logged."""
        found = [
            rows.aggregate(last=Max("occurred_at"))["last"]
            for rows in (self.urges(), self.usages())
        ]
        found = [moment for moment in found if moment is not None]
        return max(found) if found else None


def last_shared_days(owners) -> dict[int, date]:
    """For several people at once: the last day (in each one's time zone) with an urge or a use
    a shared window may show. The therapist's list of people reads this in one query over the
    day tallies, under the same rule as `Window.shared`: for each person, their tallies from
    the newest day back, up to the first one that may show (an index walk, not a scan)."""
    newest = (
        _shareable_sums(Tally.objects.filter(owner=OuterRef("pk")), owners)
        .order_by("-day")
        .values("day")[:1]
    )
    rows = (
        get_user_model()
        .objects.filter(pk__in=owners)
        .annotate(last=Subquery(newest))
        .values_list("pk", "last")
    )
    return {pk: last for pk, last in rows if last is not None}
