"""The demo command fills an account a newcomer can log into and see a full jar."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from copejar.accounts.models import User
from journal.models import UrgeLog, UsageLog


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
