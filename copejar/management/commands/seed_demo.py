"""Fill a demo account with a few weeks of believable entries, so a newcomer sees a full jar."""

from __future__ import annotations

import random
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from copejar.accounts.models import User
from copejar.safety.services import plan_save_contacts, plan_save_lines
from copejar.sharing.services import grant_invite, grant_redeem, suggestion_make
from journal import tallies
from journal.models import SurfOutcome, UrgeLog, UsageLog
from journal.surf.services import surf_check_in, surf_end, surf_start
from skills.models import Kind
from skills.services import skill_create, skill_set_alternatives

# The demo person's own words, written in the language the demo is made in (--language).
NEGATIVE = [
    (_("Doom-scrolling"), "distraction", _("Numbs things out when my head is loud.")),
    (_("Skipping meals"), "", _("Feels like control when everything else is not.")),
    (_("Staying in bed all day"), "rest", _("Makes the world smaller and quieter.")),
]
ADDED = [
    (_("Call Sam"), "connection"),
    (_("Walk the dog"), "movement"),
    (_("Box breathing"), "grounding"),
    (_("Warm shower"), "self_soothe"),
    (_("Sketchbook"), "creative"),
    (_("Text my sister"), "connection"),
    (_("Cold water on my face"), "grounding"),
]
NOTES = [
    _("Long day at work."),
    _("Could not sleep."),
    _("After the phone call."),
    _("Sunday evening feeling."),
    "",
    "",
]


NOT_A_DEV_SERVER = "--i-know-this-is-not-a-dev-server"


class Command(BaseCommand):
    help = (
        "Create (or refill) the account 'demo' with about five weeks of entries, a few surfs "
        "and a safety plan, shared with the therapist account 'demo-therapist'. It only ever "
        "replaces accounts it made itself."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="demo")
        parser.add_argument("--password", default="demo-jar-o-copes")
        parser.add_argument("--days", type=int, default=35)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The accounts' language, and the one the demo person writes in.",
        )
        parser.add_argument(
            NOT_A_DEV_SERVER,
            action="store_true",
            dest="not_a_dev_server",
            help="Run even though DEBUG is off (a public demo server, say).",
        )

    def handle(self, *args, language: str, **options) -> None:
        with translation.override(language):
            self._seed(language=language, **options)

    @transaction.atomic
    def _seed(
        self, *, username: str, password: str, days: int, seed: int, language: str, **options
    ) -> None:
        if not settings.DEBUG and not options["not_a_dev_server"]:
            raise CommandError(
                "DEBUG is off, so this looks like a real server, and the demo accounts get a "
                f"password anyone can read. Nothing was changed. To run it anyway, add "
                f"{NOT_A_DEV_SERVER}."
            )
        names = [username, f"{username}-therapist"]
        for name in names:
            clash = User.objects.filter(username__iexact=name, is_demo=False).first()
            if clash is not None:
                raise CommandError(
                    f"There is already an account called '{clash.username}' that seed_demo did "
                    "not make, "
                    "so it is left exactly as it is and nothing was changed. Pick another name "
                    "with --username."
                )
        User.objects.filter(username__in=names, is_demo=True).delete()
        rng = random.Random(seed)
        user = User.objects.create_user(
            username=username, password=password, is_demo=True, language=language
        )
        now = timezone.now()
        start = now - timedelta(days=days)
        negative = [
            skill_create(
                owner=user,
                name=str(name),
                kind=Kind.NEGATIVE,
                category=category,
                what_it_does=str(why),
                created_at=start,
            )
            for name, category, why in NEGATIVE
        ]
        added = []
        for index, (name, category) in enumerate(ADDED):
            added.append(
                skill_create(
                    owner=user,
                    name=str(name),
                    kind=Kind.COPES,
                    category=category,
                    created_at=start + timedelta(days=index * 4),
                )
            )
        urges, usages = [], []
        for day in range(days):
            moment = start + timedelta(days=day)
            # Over the weeks, more choices come from the Jar O' Copes.
            share_added = 0.35 + 0.5 * day / days
            for _each in range(rng.randint(1, 3)):
                when = moment + timedelta(hours=rng.randint(8, 22), minutes=rng.randint(0, 59))
                if when > now:
                    continue
                urge = UrgeLog(
                    owner=user,
                    occurred_at=when,
                    intensity=rng.randint(3, 9),
                    skill=rng.choice(negative),
                    note=str(rng.choice(NOTES)),
                )
                available = [s for s in added if s.created_at <= when]
                if available and rng.random() < share_added:
                    urge.intensity_after = max(0, urge.intensity - rng.randint(2, 6))
                    urge.passed = True
                    urge.minutes_ridden_out = rng.choice([5, 10, 15, 20, 30])
                    skill = rng.choice(available)
                else:
                    urge.passed = rng.random() < 0.3
                    skill = urge.skill
                urges.append(urge)
                usages.append(
                    UsageLog(
                        owner=user,
                        skill=skill,
                        occurred_at=when + timedelta(minutes=rng.randint(5, 30)),
                        helped=rng.randint(1, 4) if not skill.is_negative else rng.randint(0, 2),
                        urge=urge,
                    )
                )
        UrgeLog.objects.bulk_create(urges)
        for usage in usages:
            usage.urge_id = usage.urge.pk
        UsageLog.objects.bulk_create([u for u in usages if u.occurred_at <= now])
        self._extras(user, negative, added, password=password, now=now)
        # The entries above were made in bulk, around the services: count them once.
        tallies.recount_all(user)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo account ready: log in as '{username}' with the password '{password}'.\n"
                f"Its therapist view: log in as '{username}-therapist' with the same password."
            )
        )

    def _extras(self, user, negative, added, *, password: str, now) -> None:
        """Surfs, alternatives, a safety plan and a therapist, so every page has something."""
        skill_set_alternatives(skill=negative[0], alternatives=added[:3])
        for days_ago, curve, outcome in (
            (9, [8, 7, 5, 3], SurfOutcome.PASSED),
            (4, [7, 8, 6], SurfOutcome.SMALLER),
            (1, [9, 6, 4], SurfOutcome.CHOSE),
        ):
            start = now - timedelta(days=days_ago, hours=3)
            urge = surf_start(
                owner=user, intensity=curve[0], minutes=10, skill=negative[0], started_at=start
            )
            for n, strength in enumerate(curve[1:], start=1):
                surf_check_in(urge=urge, intensity=strength, at=start + timedelta(minutes=2 * n))
            surf_end(
                urge=urge,
                outcome=outcome,
                skill=added[0] if outcome == SurfOutcome.CHOSE else None,
                ended_at=start + timedelta(minutes=2 * len(curve) + 1),
            )
        lines = {
            "warning_signs": [_("Skipping dinner"), _("Scrolling past midnight")],
            "on_my_own": [_("Walk the dog"), _("Warm shower")],
            "reasons": [_("Rufus the dog"), _("My sister's wedding")],
        }
        for key, items in lines.items():
            plan_save_lines(owner=user, key=key, text="\n".join(str(item) for item in items))
        plan_save_contacts(owner=user, key="help_people", people=[("Sam", "+1 555 0100")])
        therapist = User.objects.create_user(
            username=f"{user.username}-therapist",
            password=password,
            role=User.Role.THERAPIST,
            is_demo=True,
            language=user.language,
        )
        _grant, invite_code = grant_invite(
            owner=user, shown_name="Robin", scope="logs", length="month"
        )
        suggestion_make(
            grant=grant_redeem(therapist=therapist, invite_code=invite_code),
            name=str(_("Paced breathing")),
            category="grounding",
            why=str(_("Breathing out longer than in tells the body it is safe.")),
        )
