"""The demo command fills an account a newcomer can log into and see a full jar."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from copejar.accounts.models import User
from copejar.sharing.models import ShareGrant
from journal.models import UrgeLog, UsageLog
from skills.models import CopingSkill
from skills.services import skill_create
from tests.gates.test_language import _english_left, _english_phrases, _hits, _visible_text


@pytest.fixture(autouse=True)
def _a_dev_server(settings):
    settings.DEBUG = True


def test_it_fills_a_demo_account_with_weeks_of_entries(client, db):
    call_command("seed_demo", days=21, stdout=StringIO())
    demo = User.objects.get(username="demo")
    assert demo.check_password("demo-jar-o-copes")
    assert demo.skills.filter(kind="copes").count() == 7
    assert demo.skills.filter(kind="negative").count() == 3
    assert UrgeLog.objects.filter(owner=demo).count() >= 21
    assert UsageLog.objects.filter(owner=demo).count() >= 21
    client.force_login(demo)
    html = client.get(reverse("jars")).content.decode()
    assert "In the last 4 weeks" in html
    assert "Call Sam" in html
    assert "Paced breathing" in html  # the therapist's suggestion
    assert UrgeLog.objects.filter(owner=demo, surf_minutes=10).count() == 3
    assert "Rufus the dog" in client.get(reverse("safety:plan")).content.decode()
    therapist = User.objects.get(username="demo-therapist")
    client.force_login(therapist)
    assert "Robin" in client.get(reverse("care:dashboard")).content.decode()


def test_running_it_again_gives_the_same_fresh_account(db):
    for _ in range(2):
        call_command("seed_demo", days=7, stdout=StringIO())
    assert User.objects.filter(username__startswith="demo").count() == 2


def test_it_marks_the_accounts_it_makes_as_demo_accounts(db):
    call_command("seed_demo", days=3, stdout=StringIO())
    assert set(User.objects.filter(is_demo=True).values_list("username", flat=True)) == {
        "demo",
        "demo-therapist",
    }


@pytest.mark.parametrize("name", ["demo", "Demo", "demo-therapist"])
def test_it_never_touches_a_real_account_with_a_demo_name(db, name):
    real = User.objects.create_user(username=name, password="my-own-long-password")
    skill_create(owner=real, name="My own rock", kind="copes")

    with pytest.raises(CommandError, match=f"already an account called '{name}"):
        call_command("seed_demo", days=3, stdout=StringIO())

    real.refresh_from_db()
    assert real.check_password("my-own-long-password")
    assert list(CopingSkill.objects.values_list("name", flat=True)) == ["My own rock"]
    assert User.objects.count() == 1


def test_it_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--i-know-this-is-not-a-dev-server"):
        call_command("seed_demo", days=3, stdout=StringIO())
    assert not User.objects.exists()


def test_with_debug_off_it_runs_when_asked_plainly(db, settings):
    settings.DEBUG = False

    call_command("seed_demo", "--i-know-this-is-not-a-dev-server", days=3, stdout=StringIO())
    assert User.objects.filter(username="demo", is_demo=True).exists()


def test_a_spanish_demo_reads_in_spanish_on_every_page(client, db):
    call_command("seed_demo", days=21, language="es", stdout=StringIO())
    demo = User.objects.get(username="demo")
    therapist = User.objects.get(username="demo-therapist")
    assert (demo.language, therapist.language) == ("es", "es")
    assert demo.skills.filter(name="Llamar a Sam").exists()
    grant = ShareGrant.objects.get(owner=demo)
    skill = demo.skills.get(name="Pasear al perro")
    pages = {
        "demo": [
            reverse("jars"),
            reverse("jars") + "?jar=negative",
            reverse("journal:journal"),
            reverse("journal:insights"),
            reverse("journal:insights_year"),
            reverse("journal:insights_growth"),
            reverse("journal:diary"),
            reverse("journal:surfs"),
            reverse("skills:list"),
            reverse("skills:ideas"),
            skill.get_absolute_url(),
            reverse("safety:plan"),
            reverse("safety:help"),
            reverse("sharing:list"),
            reverse("sharing:seen"),
            reverse("accounts:settings"),
            reverse("data:page"),
        ],
        "demo-therapist": [
            reverse("care:dashboard"),
            reverse("care:jars", kwargs={"code": grant.code}),
            reverse("care:journal", kwargs={"code": grant.code}),
            reverse("care:diary", kwargs={"code": grant.code}),
        ],
    }
    phrases = _english_phrases()
    problems = []
    for username, urls in pages.items():
        client.force_login(User.objects.get(username=username))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            # The therapist's username is the only word here the demo did not write in Spanish.
            html = response.content.decode().replace("demo-therapist", "")
            assert '<html lang="es">' in html, url
            problems += [f"{url}: {found!r}" for found in _english_left(html, phrases)]
            problems += _hits(_visible_text(html), url, "es")
    assert not problems, "\n".join(problems)
