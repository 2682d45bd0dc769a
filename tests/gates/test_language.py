"""Every word a person reads follows the language guide in docs/language.md, in every language.

Three nets: the templates as written, every translatable string in the Python code (and every
Spanish translation of them), and the text of every page and htmx fragment as rendered, in
English and in Spanish. A Spanish page also keeps no English: no phrase of a string the
catalogue translates, and none of the commonest English words, outside the person's own words.
A hit names the file (or URL) and line.
"""

from __future__ import annotations

import ast
import json
import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from copejar.accounts.models import User
from copejar.sharing.forms import full_message
from copejar.sharing.models import SkillSuggestion
from journal.models import UrgeLog, UsageLog
from journal.surf.services import surf_check_in, surf_start
from skills.services import skill_set_alternatives
from tests.conftest import make_grant, picture_bytes
from tests.gates import po

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

# The same guide in Spanish (docs/language.md). Word boundaries keep innocent words out:
# "debes" and "deberías" are caught, "deberes" and "debe" (about a password, say) are not;
# "limpia" as a verb ("limpia la mesa") passes, "días limpios" does not.
AVOID_ES = {
    r"\bfracas\w*": "fracaso: solo anota lo que pasó",
    r"\bfall(ar|aste|aron|ido|o|os|a|as|e|é|ó)\b": "fallar: solo anota lo que pasó",
    r"\breca[ií]d[ao]s?\b|\breca(er|íste|iste|yó)\b": "recaída: 'recurriste a <habilidad>'",
    r"\bd[ée]bil(es)?\b|\bdebilidad(es)?\b": "débil: nunca etiquetes a la persona",
    r"\blimpi[oa]s\b|\blimpio\b|\blimpia\b(?!\s+(el|la|los|las|un|una|tu)\b)": (
        "limpio: 'piedras añadidas' o 'impulsos que pasaron'"
    ),
    r"\bsobri[oa]s?\b|\bsobriedad\b": "sobrio: 'piedras añadidas'",
    r"\brachas?\b": "racha: aquí no existe",
    r"\badict[oa]s?\b|\badicci(ón|ones)\b": "adicto: nunca etiquetes a la persona",
    r"\btentaci(ón|ones)\b|\btent(ar|ado|ada)\b": "tentación: 'impulso'",
    r"\bculpa(s|ble|bles)?\b": "culpa: nadie tiene la culpa de nada aquí",
    r"\bdeber(ía|ías|ían|íamos)\b|\bdebes\b|\bdebéis\b": "deberías: 'puedes', 'si te ayuda'",
    r"\btienes que\b": "tienes que: 'puedes', 'cuando quieras'",
    r"\berror(es)?\b": "error: habla del formulario, no de la persona",
    r"\bresist(ir|e|es|iste|encia)\b": "resistir: 'surfear la ola', 'elegir'",
    r"\brend(irse|irte|iste|ido)\b|\brindes\b": "rendirse: 'recurriste a <habilidad>'",
    r"\bca(er|erte|íste|iste)\b": "caer: solo anota lo que pasó",
    r"\b(empezar|empieza|volver a empezar) de cero\b|\bdesde cero\b": "empezar de cero: no existe",
    r"\breinici\w*": "reiniciar: aquí no existe",
    r"\bmal[oa]s?\s+(decisi|elecci|opci)\w*": "mala decisión: solo anota lo que pasó",
    r"\busted(es)?\b": "usted: la app habla de tú",
}
PATTERN_ES = re.compile("|".join(f"(?:{p})" for p in AVOID_ES), re.IGNORECASE)
GUIDES = {"en": (PATTERN, AVOID), "es": (PATTERN_ES, AVOID_ES)}

APP_DIRS = ["copejar", "skills", "journal"]
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext"}


def _reason(word: str, avoid: dict[str, str]) -> str:
    return next(why for p, why in avoid.items() if re.fullmatch(p, word, re.IGNORECASE))


def _hits(text: str, where: str, language: str = "en") -> list[str]:
    pattern, avoid = GUIDES[language]
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in pattern.finditer(line):
            word = match.group(0)
            problems.append(f"{where}:{number}: '{word}' ({_reason(word, avoid)})")
    return problems


def test_the_checker_catches_what_the_guide_avoids():
    assert _hits("Oops, you failed.\nDays clean: 4", "x.html") == [
        "x.html:1: 'failed' (failure: just record what happened)",
        "x.html:2: 'clean' (clean: write 'rocks added' or 'urges ridden out')",
    ]
    assert _hits("You could ride it out. Rocks added: 4", "x.html") == []


def test_the_spanish_checker_catches_what_the_guide_avoids():
    found = _hits(
        "Deberías intentarlo.\nLlevas 4 días limpia y una racha.\nNo es tu culpa.", "x", "es"
    )
    assert [hit.split("'")[1] for hit in found] == ["Deberías", "limpia", "racha", "culpa"]
    innocent = "Limpia la mesa. La contraseña debe tener 8 letras. Haz los deberes si quieres."
    assert _hits(innocent, "x", "es") == []
    assert _hits("Puedes surfear la ola cuando quieras.", "x", "es") == []


def test_spanish_translations_follow_the_language_guide():
    problems = []
    entries = [e for e in po.read(ROOT / "locale/es/LC_MESSAGES/django.po") if e.msgid]
    for entry in entries:
        for text in entry.msgstr.values():
            flat = text.replace("\n", " ")
            problems += _hits(flat, f"locale/es/LC_MESSAGES/django.po:{entry.line}", "es")
            # The jars have Spanish names, the same everywhere.
            problems += [
                f"locale/es/LC_MESSAGES/django.po:{entry.line}: {name!r} left in English"
                for name in ("Jar O' Copes", "Jar O’Copes", "Negative Skillz")  # noqa: RUF001
                if name in text
            ]
    assert len(entries) > 1000
    assert not problems, "\n".join(problems)


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


def _say(language: str, message: str, **values) -> str:
    """A message of the catalogue as a person reading this language sees it."""
    with translation.override(language):
        text = translation.gettext(message)
    return text % values if values else text


@pytest.fixture(params=[code for code, _name in settings.LANGUAGES])
def language(request) -> str:
    return request.param


@pytest.fixture
def client(language) -> Client:
    """A browser asking for the language (a guest reads it; signed in, the account's counts)."""
    return Client(headers={"Accept-Language": language})


@pytest.fixture(scope="module")
def drawn() -> dict[str, dict[str, str]]:
    """The pages drawn in each language so far, for the tests of this module."""
    return {}


PEOPLE_AND_THINGS = ("client", "alice", "bob", "walk", "scrolling", "urge", "usage")


@pytest.fixture
def pages(request, db, language, drawn) -> dict[str, str]:
    """Every page and fragment, with data in it, as alice and as a guest sees them.

    The tests below only read this HTML, and drawing it takes longer than all their checks
    together, so it is drawn once per language: by the first test that asks, in its database.
    """
    if language not in drawn:
        people = {name: request.getfixturevalue(name) for name in PEOPLE_AND_THINGS}
        drawn[language] = _draw_pages(language=language, **people)
    return drawn[language]


def _draw_pages(client, language, alice, bob, walk, scrolling, urge, usage) -> dict[str, str]:
    User.objects.update(language=language)
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
    with translation.override(language):
        enough = full_message(grant)
    assert enough in _visible_text(rendered["care:suggest, enough waiting"])
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
    rendered.update(_data_and_photo_pages(client, alice, bob, walk, language))
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


def _data_and_photo_pages(client, alice, bob, walk, language) -> dict[str, str]:
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
    photo_link = _say(language, "See the photo kept with %(name)s", name="Walk the dog")
    assert photo_link in found["care jars with a photo"]
    assert {"import preview jar", "import preview daylio"} <= found.keys()
    return found


def test_rendered_pages_follow_the_language_guide(pages, language):
    problems = []
    for where, html in pages.items():
        problems += _hits(_visible_text(html), where, language)
    assert not problems, "\n".join(problems)


# The person's own words in the pages above (their skills, notes, plan and the names they
# gave), which stay as they wrote them in any language; and each language's own name, which
# the picker shows in that language.
OWN_WORDS = sorted(
    {
        "Walk the dog",
        "Doom-scrolling",
        "Quiets my head.",
        "Long day.",
        "Set a timer first.",
        "Slow breath.",
        "Tai chi",
        "Yoga",
        "Rufus",
        "Swim",
        "Sing",
        "Read",
        "Walk",
        "walk",
        "tea",
        *(name for _code, name in settings.LANGUAGES),
    },
    key=len,
    reverse=True,
)
# Words no Spanish sentence uses: what is left of an English sentence nobody marked.
COMMON_ENGLISH = re.compile(
    r"\b(the|and|you|your|with|this|that|what|from|here|there|when|which|would|could|"
    r"about|into|only|every|these|those|been|have|will|not yet|for now)\b",
    re.IGNORECASE,
)
# English names of days and months, which only a date drawn outside the catalogue would show.
ENGLISH_DATES = re.compile(
    r"\b(January|February|March|April|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b"
    r"|\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
)
# A time zone's name is its identifier (Europe/Madrid), not a sentence.
TIME_ZONE = re.compile(r"^[A-Z][A-Za-z_-]+(/[A-Za-z_ -]+)+$|^UTC$")


def _english_phrases(language: str = "es") -> re.Pattern:
    """Every phrase of an English string that the language's catalogue words differently.

    Placeholders and markup split a string into phrases; a phrase is kept when it is at least
    two words, or one word of five letters or more, so that a stray "a" or "No" (the same in
    both languages) never counts."""
    phrases = set()
    for entry in po.read(ROOT / f"locale/{language}/LC_MESSAGES/django.po"):
        if not entry.msgid or entry.msgid in entry.msgstr.values():
            continue
        for source in (entry.msgid, entry.msgid_plural or ""):
            for phrase in re.split(r"%\(\w+\)\w|%\w|\{\w*\}|<[^>]*>|[\n()“”\"]", source):
                phrase = phrase.strip(" .,:;·—-?!")
                words = re.findall(r"[A-Za-z']+", phrase)
                if len(words) >= 2 or (len(words) == 1 and len(words[0]) >= 5):
                    phrases.add(phrase)
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w'])")


def _english_left(html: str, phrases: re.Pattern) -> list[str]:
    found = []
    if html.lstrip().startswith("{"):  # the web app manifest: what a home screen shows
        manifest = json.loads(html)
        text = "\n".join(
            str(manifest.get(key, "")) for key in ("name", "short_name", "description")
        )
    else:
        text = _visible_text(html)
    for line in text.splitlines():
        if TIME_ZONE.match(line):
            continue
        for words in OWN_WORDS:
            line = line.replace(words, " ")
        found += [m.group(0) for m in phrases.finditer(line)]
        found += [m.group(0) for m in COMMON_ENGLISH.finditer(line)]
        found += [m.group(0) for m in ENGLISH_DATES.finditer(line)]
    return found


def test_the_english_detector_finds_what_was_left_untranslated():
    phrases = _english_phrases()
    page = "<p>Tu diario</p><p title='Quick exit'>Salir</p><p>Walk the dog, 3 piedras</p>"
    assert _english_left(page, phrases) == ["Quick exit"]
    assert _english_left("<p>Log in to see your jars</p>", phrases) != []
    assert _english_left("<p>Entrar · Walk the dog · Europe/Madrid</p>", phrases) == []
    dates = "<p>21 Sep · Thursday</p><p>21 sep · jueves</p>"
    assert set(_english_left(dates, phrases)) == {"1 Sep", "Thursday"}


@pytest.mark.parametrize("language", [c for c, _name in settings.LANGUAGES if c != "en"])
def test_pages_in_another_language_keep_no_english(pages, language):
    phrases = _english_phrases(language)
    problems = [
        f"{where}: {found!r}"
        for where, html in pages.items()
        for found in sorted(set(_english_left(html, phrases)))
    ]
    assert not problems, "\n".join(problems)


# Attributes a browser reads as a number, where a decimal comma ("74,0") breaks the drawing or
# the meter: the pages localise numbers for people, never for the browser.
NUMERIC_ATTRIBUTES = {
    "x",
    "y",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "x1",
    "x2",
    "y1",
    "y2",
    "width",
    "height",
    "offset",
    "stroke-width",
    "value",
    "min",
    "max",
    "opacity",
}


class _NumericAttributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in NUMERIC_ATTRIBUTES and value and re.search(r"\d,\d", value):
                self.bad.append(f'<{tag} {name}="{value}">')


def test_numbers_for_the_browser_stay_numbers_in_every_language(pages, language):
    problems = []
    for where, html in pages.items():
        parser = _NumericAttributes()
        parser.feed(html)
        problems += [f"{where}: {bad}" for bad in parser.bad]
    assert not problems, "\n".join(problems)


# Django's stock wording speaks to the person, not the form ("This field is required."), and
# in Spanish it says "usted".
STOCK_ERRORS = {
    "en": ["This field is required", "Select a valid choice", "Ensure this value", "Enter a valid"],
    "es": ["Este campo es obligatorio", "Escoja una", "Asegúrese de", "Introduzca"],
}


def test_errors_speak_to_the_form_in_the_apps_own_words(pages, client, language, alice, bob):
    alice.refresh_from_db()  # drawing the pages in this test signs her other browsers out
    alice.language = language  # signed in, the pages speak the account's language
    alice.save()
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
        problems += [f"{where}: {p!r}" for p in STOCK_ERRORS[language] if p in text]
        problems += _hits(text, where, language)
    assert not problems, "\n".join(problems)
    common = _say(language, "This password is on a list of very common ones; a rarer one is safer.")
    assert common in _visible_text(rendered["common signup"])
    wrong = _say(language, "That is not the current password.")
    assert wrong in _visible_text(rendered["short password"])


def test_the_acknowledgement_after_a_hard_choice_is_warm(pages, language):
    text = _visible_text(pages["usage quick log, negative (htmx)"])
    noted = (
        "Noted: you reached for %(name)s. It has got you through before, and a hard day "
        "is still a day you got through."
    )
    assert _say(language, noted, name="Doom-scrolling") in text
    assert _say(language, "What might you add next time?") in text
