"""Every word a person reads follows the language guide in docs/language.md.

Three nets: the templates as written, every translatable string in the Python code, and the
text of every page and htmx fragment as rendered. A hit names the file (or URL) and line.
"""

from __future__ import annotations

import ast
import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from copejar.sharing.models import SkillSuggestion
from journal.models import UrgeLog, UsageLog
from journal.surf.services import surf_check_in, surf_start
from skills.services import skill_set_alternatives
from tests.conftest import make_grant, picture_bytes

ROOT = Path(settings.BASE_DIR)

# Words the guide avoids, with the reason a reader of a failure needs.
AVOID = {
    r"\brelaps\w*": "relapse: write 'used <skill>' or 'a hard day'",
    r"\bslip(s|ped|ping)?\b": "slip: write 'reached for <skill>'",
    r"\blaps(e|es|ed)\b": "lapse: write 'a hard day'",
    r"\bfell off\b": "fell off: just record what happened",
    r"\bfail(s|ed|ing|ure|ures)?\b": "failure: just record what happened",
    r"\bbad choices?\b": "bad choice: just record what happened",
    r"\bmistakes?\b": "mistake: just record what happened",
    r"\bclean\b": "clean: write 'rocks added' or 'urges ridden out'",
    r"\bsober\b": "sober: write 'rocks added' or 'recent balance'",
    r"\bstreaks?\b": "streak: no such concept exists here",
    r"\bshould\b": "should: write 'you could' or 'if it helps'",
    r"\bmust\b": "must: write 'when you are ready', or say what works",
    r"\bdon['’]t\b": "don't: write 'you could' or 'if it helps'",  # noqa: RUF001
    r"\bdo not\b": "do not: write 'you could' or 'if it helps'",
    r"\baddicts?\b": "addict: never label the person",
    r"\babusers?\b": "abuser: never label the person",
    r"\bself-destructive\b": "self-destructive: never label the person",
    r"\bresist(s|ed|ing|ance)?\b": "resist: write 'ride it out' or 'choose'",
    r"\btempt\w*": "temptation: write 'urge'",
    r"\bweak(ness)?\b": "weakness: write 'urge' or 'notice'",
    r"\bg(ive|ave|iving) in\b": "give in: write 'reached for <skill>'",
    r"\breset\b": "reset: no such concept exists here",
    r"\bstart(ing)? over\b": "start over: no such concept exists here",
}
PATTERN = re.compile("|".join(f"(?:{p})" for p in AVOID), re.IGNORECASE)

APP_DIRS = ["copejar", "skills", "journal"]
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext"}


def _reason(word: str) -> str:
    return next(why for p, why in AVOID.items() if re.fullmatch(p, word, re.IGNORECASE))


def _hits(text: str, where: str) -> list[str]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in PATTERN.finditer(line):
            problems.append(f"{where}:{number}: '{match.group(0)}' ({_reason(match.group(0))})")
    return problems


def test_the_checker_catches_what_the_guide_avoids():
    assert _hits("Oops, you failed.\nDays clean: 4", "x.html") == [
        "x.html:1: 'failed' (failure: just record what happened)",
        "x.html:2: 'clean' (clean: write 'rocks added' or 'urges ridden out')",
    ]
    assert _hits("You could ride it out. Rocks added: 4", "x.html") == []


def test_templates_follow_the_language_guide():
    problems = []
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.is_file():
            problems += _hits(path.read_text(), str(path.relative_to(ROOT)))
    assert not problems, "\n".join(problems)


def _translatable_strings(path: Path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in GETTEXT_NAMES:
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        yield arg.lineno, arg.value


def test_python_strings_follow_the_language_guide():
    problems = []
    checked = 0
    for folder in APP_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for line, text in _translatable_strings(path):
                checked += 1
                problems += [
                    hit.replace(f"{path.name}:1:", f"{path.relative_to(ROOT)}:{line}:")
                    for hit in _hits(text.replace("\n", " "), path.name)
                ]
    assert checked > 100, "the scan found too few strings; is it looking in the right place?"
    assert not problems, "\n".join(problems)


class _Text(HTMLParser):
    """Collect what a person reads or hears: text, plus labels, titles and alt text."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._skip += 1
        for name, value in attrs:
            if name in {"aria-label", "title", "alt", "placeholder"} and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(part.strip() for part in parser.parts if part.strip())


@pytest.fixture
def pages(client, alice, bob, walk, scrolling, urge, usage):
    """Every page and fragment, with data in it, as alice and as a guest sees them."""
    rendered: dict[str, str] = {}
    guest_urls = ["home", "accounts:signup", "accounts:login", "offline", "manifest"]
    for name in guest_urls:
        rendered[f"guest {name}"] = client.get(reverse(name)).content.decode()
    rendered["guest home, a jar opened"] = client.get(
        reverse("home") + "?jar=copes"
    ).content.decode()
    rendered["guest 404"] = client.get("/no-such-page/").content.decode()
    rendered["guest signup errors"] = client.post(
        reverse("accounts:signup"), {"username": "", "password1": "a", "password2": "b"}
    ).content.decode()
    with override_settings(SIGNUP_RATE="1/h"):
        for _ in range(2):
            resting = client.post(reverse("accounts:signup"), {"username": "alice"})
    assert resting.status_code == 429
    rendered["guest signup resting"] = resting.content.decode()
    rendered["guest login, shared device"] = client.post(
        reverse("accounts:login"),
        {"username": "alice", "password": "a-long-kind-password", "shared_device": "on"},
        follow=True,
    ).content.decode()
    client.logout()
    rendered["guest login errors"] = client.post(
        reverse("accounts:login"), {"username": "alice", "password": "nope"}
    ).content.decode()

    client.force_login(alice)
    plain = [
        "jars",
        "skills:list",
        "skills:new",
        "skills:ideas",
        "journal:journal",
        "journal:insights",
        "journal:insights_year",
        "journal:insights_growth",
        "journal:diary",
        "journal:urge_new",
        "journal:usage_new",
        "accounts:settings",
        "accounts:password_change",
        "accounts:password_changed",
        "accounts:sign_ins",
        "offline",
    ]
    for name in plain:
        rendered[name] = client.get(reverse(name)).content.decode()
    for name, obj in [
        ("journal:urge_follow_up", urge),
        ("skills:detail", walk),
        ("skills:detail", scrolling),
        ("skills:edit", scrolling),
        ("skills:delete", walk),
        ("journal:urge_edit", urge),
        ("journal:urge_delete", urge),
        ("journal:usage_edit", usage),
        ("journal:usage_delete", usage),
    ]:
        url = reverse(name, kwargs={"code": obj.code})
        rendered[url] = client.get(url).content.decode()
        rendered[f"{url} (htmx)"] = client.get(url, headers={"HX-Request": "true"}).content.decode()

    htmx = {"HX-Request": "true"}
    rendered["usage quick log, negative (htmx)"] = client.post(
        reverse("journal:usage_new"), {"skill": scrolling.code}, headers=htmx
    ).content.decode()
    rendered["usage quick log, added (htmx)"] = client.post(
        reverse("journal:usage_new"), {"skill": walk.code}, headers=htmx
    ).content.decode()
    rendered["urge quick log (htmx)"] = client.post(
        reverse("journal:urge_new"), {"intensity": 9}, headers=htmx
    ).content.decode()
    rendered["usage form errors (htmx)"] = client.post(
        reverse("journal:usage_new"), {"occurred_at": "not a date"}, headers=htmx
    ).content.decode()
    rendered["urge form errors"] = client.post(
        reverse("journal:urge_new"), {"intensity": 99, "minutes_ridden_out": -3}
    ).content.decode()
    rendered["skill form errors"] = client.post(reverse("skills:new"), {}).content.decode()
    rendered["ideas add (htmx)"] = client.post(
        reverse("skills:ideas"), {"starter": "walk"}, headers=htmx
    ).content.decode()
    rendered["ideas add on the jars page (htmx)"] = client.post(
        reverse("skills:ideas"), {"starter": "draw", "next": "jars"}, headers=htmx
    ).content.decode()
    rendered["ideas add (no JavaScript)"] = client.post(
        reverse("skills:ideas"), {"starter": "tidy", "next": "jars"}, follow=True
    ).content.decode()
    rendered["follow-up errors"] = client.post(
        reverse("journal:urge_follow_up", kwargs={"code": urge.code}), {"intensity_after": 40}
    ).content.decode()
    response = client.post(reverse("journal:usage_new"), {"skill": scrolling.code}, follow=True)
    rendered["usage quick log, negative (no JavaScript)"] = response.content.decode()
    UrgeLog.objects.update(occurred_at=UrgeLog.objects.first().occurred_at)
    rendered["journal earlier (htmx)"] = client.get(
        reverse("journal:journal") + "?before=2100-01-01", headers=htmx
    ).content.decode()
    assert UsageLog.objects.count() >= 3

    # Sharing, from both sides.
    invite = client.post(
        reverse("sharing:list"), {"shown_name": "Al", "scope": "everything", "length": "week"}
    )
    rendered["sharing: new invitation"] = client.get(invite["Location"]).content.decode()
    rendered["sharing: invite errors"] = client.post(reverse("sharing:list"), {}).content.decode()
    make_grant(alice, bob, scope="everything")
    grant = make_grant(alice, bob, scope="logs")
    for name in ("Yoga", "Tai chi"):
        SkillSuggestion.objects.create(
            owner=alice, therapist=bob, grant=grant, name=name, why="Slow breath."
        )
    rendered["jars with a suggestion"] = client.get(reverse("jars")).content.decode()
    for kind in ("negative", "empty", "copes"):
        url = reverse("jars") + f"?jar={kind}"
        rendered[f"jars, {kind} opened"] = client.get(url).content.decode()
    client.force_login(bob)
    for name in ("care:dashboard", "care:redeem"):
        rendered[name] = client.get(reverse(name)).content.decode()
    rendered["care:redeem errors"] = client.post(
        reverse("care:redeem"), {"invite_code": "WRONG"}
    ).content.decode()
    for name in (
        "care:jars",
        "care:journal",
        "care:diary",
        "care:insights",
        "care:insights_year",
        "care:insights_growth",
    ):
        url = reverse(name, kwargs={"code": grant.code})
        rendered[name] = client.get(url).content.decode()
    ended = make_grant(alice, bob, scope="everything", state="revoked")
    rendered["care: a share that ended"] = client.get(
        reverse("care:jars", kwargs={"code": ended.code})
    ).content.decode()
    rendered["care:suggest errors"] = client.post(
        reverse("care:suggest", kwargs={"code": grant.code}), {}
    ).content.decode()
    for name in ("Walk", "Swim", "Read"):
        client.post(reverse("care:suggest", kwargs={"code": grant.code}), {"name": name})
    rendered["care:suggest, enough waiting"] = client.post(
        reverse("care:suggest", kwargs={"code": grant.code}), {"name": "Sing"}
    ).content.decode()
    assert "suggestions waiting already" in rendered["care:suggest, enough waiting"]
    client.force_login(alice)
    for name in ("sharing:list", "sharing:seen", "journal:diary"):
        rendered[name] = client.get(reverse(name)).content.decode()
    rendered["signed out elsewhere"] = client.post(
        reverse("accounts:sign_out_others"), follow=True
    ).content.decode()
    rendered["suggestions set aside"] = client.post(
        reverse("sharing:suggestions_set_aside"), follow=True
    ).content.decode()
    rendered.update(_surf_and_safety_pages(client, alice, walk, scrolling))
    rendered.update(_data_and_photo_pages(client, alice, bob, walk))
    client.logout()
    rendered["guest help page"] = client.get(reverse("safety:help")).content.decode()
    return rendered


def _surf_and_safety_pages(client, alice, walk, scrolling) -> dict[str, str]:
    """Riding out an urge from start to every ending, and the safety plan and help page."""
    htmx = {"HX-Request": "true"}
    scrolling.harm_reduction = "Set a timer first."
    scrolling.save()
    skill_set_alternatives(skill=scrolling, alternatives=[walk])
    rendered = {
        "alternatives saved (htmx)": client.post(
            reverse("skills:alternatives", kwargs={"code": scrolling.code}),
            {"alternatives": [walk.code]},
            headers=htmx,
        ),
        "alternatives errors": client.post(
            reverse("skills:alternatives", kwargs={"code": scrolling.code}),
            {"alternatives": ["00000000-0000-4000-8000-000000000000"]},
        ),
        "surf start": client.get(reverse("journal:surf_new")),
        "surf start from a skill": client.get(
            reverse("journal:surf_new") + f"?skill={scrolling.code}"
        ),
        "surf start errors": client.post(reverse("journal:surf_new"), {"minutes": "7"}),
        "surfs, none yet": client.get(reverse("journal:surfs")),
    }
    for outcome in ("passed", "smaller", "choice", "reached", "strong", "left", "open"):
        started = timezone.now() - timedelta(hours=3 if outcome == "left" else 0)
        surf = surf_start(owner=alice, intensity=9, minutes=10, skill=scrolling, started_at=started)
        url = reverse("journal:surf", kwargs={"code": surf.code})
        check_in = reverse("journal:surf_check_in", kwargs={"code": surf.code})
        end = reverse("journal:surf_end", kwargs={"code": surf.code})
        if outcome == "left":
            surf_check_in(urge=surf, intensity=6, at=started + timedelta(minutes=3))
        else:
            rendered[f"surf check-in (htmx, {outcome})"] = client.post(
                check_in, {"intensity": 6}, headers=htmx
            )
        if outcome == "open":
            rendered["surf page, strong urge"] = client.get(url)
            rendered["surf check-in errors (htmx)"] = client.post(
                check_in, {"intensity": 12}, headers=htmx
            )
            rendered["surf check-in errors"] = client.post(check_in, {})
            rendered["surf end errors"] = client.post(end, {})
            rendered["surf journal, open surf"] = client.get(reverse("journal:journal"))
        elif outcome != "left":
            data = {
                "choice": {"choice": walk.code},
                "reached": {"reached": scrolling.code},
            }.get(outcome, {"outcome": outcome})
            rendered[f"surf ended: {outcome}"] = client.post(end, data, follow=True)
            rendered[f"surf over, one more check-in: {outcome}"] = client.post(
                check_in, {"intensity": 1}, follow=True
            )
        rendered[f"surf summary: {outcome}"] = client.get(url)
    rendered["surfs"] = client.get(reverse("journal:surfs"))
    rendered["surfs, earlier (htmx)"] = client.get(
        reverse("journal:surfs") + "?page=2", headers=htmx
    )

    plan = reverse("safety:plan")
    rendered["safety plan, empty"] = client.get(plan)
    rendered["help page, no plan yet"] = client.get(reverse("safety:help"))
    for key in ("warning_signs", "help_people"):
        rendered[f"safety plan, editing {key}"] = client.get(f"{plan}?edit={key}")
        rendered[f"safety plan, editing {key} (htmx)"] = client.get(
            f"{plan}?edit={key}", headers=htmx
        )
    rendered["safety plan, saved (htmx)"] = client.post(
        plan, {"section": "reasons", "reasons-text": "Rufus"}, headers=htmx
    )
    rendered["safety plan, one tap (htmx)"] = client.post(
        plan, {"section": "on_my_own", "add_skill": walk.code}, headers=htmx
    )
    rendered["safety plan, contact errors"] = client.post(
        plan,
        {
            "section": "help_people",
            "help_people-TOTAL_FORMS": "2",
            "help_people-INITIAL_FORMS": "0",
            "help_people-0-name": "",
            "help_people-0-phone": "555 0100",
            "help_people-1-name": "Sam",
            "help_people-1-phone": "call me",
        },
    )
    client.post(
        plan,
        {
            "section": "help_people",
            "help_people-TOTAL_FORMS": "1",
            "help_people-INITIAL_FORMS": "0",
            "help_people-0-name": "Sam",
            "help_people-0-phone": "555 0100",
        },
    )
    rendered["safety plan, saved (no JavaScript)"] = client.get(plan)
    rendered["safety plan, cancel (htmx)"] = client.get(f"{plan}?section=reasons", headers=htmx)
    rendered["help page with a plan"] = client.get(reverse("safety:help"))
    rendered["help page, a country picked"] = client.post(
        reverse("safety:help"), {"place": "AU"}, follow=True
    )
    rendered["help page, a guest's country"] = client.get(reverse("safety:help") + "?place=US")
    return {where: response.content.decode() for where, response in rendered.items()}


def _data_and_photo_pages(client, alice, bob, walk) -> dict[str, str]:
    """The person's data (export, import with every preview, deletion) and a skill's photo."""
    htmx = {"HX-Request": "true"}
    pages = {
        name: client.get(reverse(name)) for name in ("data:page", "data:import", "data:delete")
    }
    pages["svg poster"] = client.get(reverse("data:poster_svg"))
    pages["delete errors"] = client.post(reverse("data:delete"), {"password": "nope"})
    photo = reverse("skills:photo", kwargs={"code": walk.code})
    pages["photo page, none yet"] = client.get(photo)
    pages["photo errors"] = client.post(photo, {"photo": SimpleUploadedFile("a.txt", b"hello")})
    pages["photo added"] = client.post(
        photo, {"photo": SimpleUploadedFile("a.png", picture_bytes("PNG"))}, follow=True
    )
    pages["photo page, with one"] = client.get(photo)
    export = b"".join(client.get(reverse("data:export_json")).streaming_content)
    upload = reverse("data:import")
    for name, source, data in (
        ("jar", "jar", export),
        (
            "daylio",
            "daylio",
            b"full_date,date,weekday,time,mood,activities,note\n"
            b"2026-01-12,,,9:30 pm,good,walk | tea,\n",
        ),
        ("bad json", "jar", b"{not json"),
        ("bad daylio", "daylio", b"name\n"),
        ("bad loop", "loop", b"not a zip"),
    ):
        response = client.post(upload, {"source": source, "file": SimpleUploadedFile("f", data)})
        pages[f"import {name}"] = response
        if response.status_code == 302:
            pages[f"import preview {name}"] = client.get(response["Location"])
            pages[f"import errors {name}"] = client.post(response["Location"], {"jar_0": "x"})
    pages["import errors, no file"] = client.post(upload, {"source": "jar"}, headers=htmx)
    grant = make_grant(alice, bob, scope="everything")
    client.force_login(bob)
    pages["care jars with a photo"] = client.get(reverse("care:jars", kwargs={"code": grant.code}))
    client.force_login(alice)
    found = {where: response.content.decode() for where, response in pages.items()}
    assert "See the photo kept with Walk the dog" in found["care jars with a photo"]
    assert {"import preview jar", "import preview daylio"} <= found.keys()
    return found


def test_rendered_pages_follow_the_language_guide(pages):
    problems = []
    for where, html in pages.items():
        problems += _hits(_visible_text(html), where)
    assert not problems, "\n".join(problems)


# Django's stock wording speaks to the person, not the form ("This field is required.").
STOCK_ERRORS = [
    "This field is required",
    "Select a valid choice",
    "Ensure this value",
    "Enter a valid",
]


def test_errors_speak_to_the_form_in_the_apps_own_words(pages, client, alice, bob):
    alice.refresh_from_db()  # the pages above signed her other browsers out
    client.force_login(alice)
    more = {
        "short password": client.post(
            reverse("accounts:password_change"),
            {"old_password": "wrong", "new_password1": "abc", "new_password2": "abd"},
        ),
        "weak password": client.post(
            reverse("accounts:password_change"),
            {"old_password": "", "new_password1": "12345678", "new_password2": "12345678"},
        ),
        "bad invite": client.post(
            reverse("sharing:list"), {"shown_name": "x" * 99, "scope": "all", "length": "ever"}
        ),
        "bad skill": client.post(
            reverse("skills:new"), {"name": "x" * 99, "kind": "neither", "category": "??"}
        ),
    }
    client.logout()
    more["empty login"] = client.post(reverse("accounts:login"), {})
    more["empty signup"] = client.post(reverse("accounts:signup"), {})
    more["common signup"] = client.post(
        reverse("accounts:signup"),
        {
            "username": "dana",
            "password1": "password",
            "password2": "password",
            "role": "person",
            "time_zone": "UTC",
        },
    )
    rendered = {**pages, **{k: r.content.decode() for k, r in more.items()}}
    problems = []
    for where, html in rendered.items():
        text = _visible_text(html)
        problems += [f"{where}: {phrase!r}" for phrase in STOCK_ERRORS if phrase in text]
        problems += _hits(text, where)
    assert not problems, "\n".join(problems)
    assert "This password is on a list of very common ones" in rendered["common signup"]
    assert "That is not the current password." in rendered["short password"]


def test_the_acknowledgement_after_a_hard_choice_is_warm(pages):
    text = _visible_text(pages["usage quick log, negative (htmx)"])
    assert "You reached for Doom-scrolling" in text or "you reached for Doom-scrolling" in text
    assert "What might you add next time?" in text
