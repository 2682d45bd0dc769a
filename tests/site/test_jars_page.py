"""The three jars: drawings with words a screen reader reads, and rocks that link to skills."""

from __future__ import annotations

from html import unescape

from django.urls import reverse

from skills.jars import DROP_NEXT
from skills.models import Kind
from skills.services import skill_create
from tests.conftest import log_use


def test_each_jar_is_a_described_image(alice_client, walk, scrolling):
    html = unescape(alice_client.get(reverse("jars")).content.decode())
    assert html.count('role="img"') == 3
    assert "Negative Skillz, a jar with a grey screw cap: 1 grey rock — Doom-scrolling." in html
    assert "An empty glass jar with a cork, and a small spider web in one corner." in html
    assert "Jar O' Copes, a jar with a grey screw cap: 1 rock — Walk the dog." in html


def test_the_description_names_every_rock_and_the_biggest(alice_client, alice, walk):
    sam = skill_create(owner=alice, name="Call Sam", kind=Kind.COPES)
    for _ in range(4):
        log_use(alice, skill=sam)
    html = unescape(alice_client.get(reverse("jars")).content.decode())
    assert "2 rocks of many colours and shapes — Walk the dog, Call Sam." in html
    assert "The biggest rock is Call Sam, used 4 times in the last 30 days." in html


def test_each_jar_opens_large_with_a_plain_link(alice_client, walk, scrolling):
    html = unescape(alice_client.get(reverse("jars")).content.decode())
    for kind in ("negative", "empty", "copes"):
        assert f'href="?jar={kind}#open-jar"' in html
    assert 'id="open-jar"' not in html

    opened = unescape(alice_client.get(reverse("jars") + "?jar=negative").content.decode())
    assert 'id="open-jar"' in opened
    assert '<h2 id="open-jar-heading">Negative Skillz</h2>' in opened
    assert 'aria-current="true"' in opened
    assert "Doom-scrolling</li>" in opened
    panel = opened.split('id="open-jar"')[1]
    assert f'href="{scrolling.get_absolute_url()}" class="rock-link"' in panel
    assert "Walk the dog" not in panel


def test_an_unknown_jar_opens_nothing(alice_client, walk):
    html = alice_client.get(reverse("jars") + "?jar=cupboard").content.decode()
    assert 'id="open-jar"' not in html


def test_each_rock_links_to_its_skill_with_a_label(alice_client, walk):
    html = alice_client.get(reverse("jars") + "?jar=copes").content.decode()
    assert f'href="{walk.get_absolute_url()}" class="rock-link"' in html
    assert "Walk the dog, used 0 times in the last 30 days" in html
    assert 'class="rock-label"' in html


def test_the_captions_say_what_the_jars_mean(alice_client, walk):
    html = unescape(alice_client.get(reverse("jars")).content.decode())
    assert "The ways you have survived." in html
    assert "Recovery is not about emptying the first jar" in html
    assert "reach less and less for the grey rocks" in html


def _drawing(client) -> str:
    html = client.get(reverse("jars")).content.decode()
    return html[html.index('<div class="jars"') : html.index("</main>")]


def test_the_jar_looks_the_same_on_every_visit(alice_client, walk, scrolling):
    assert _drawing(alice_client) == _drawing(alice_client)
    assert "rock-drop" not in _drawing(alice_client)


def test_a_rock_falls_in_once_after_it_is_added_or_chosen(alice_client, alice, walk):
    alice_client.post(reverse("skills:new"), {"name": "Call Sam", "kind": "copes"})
    added = _drawing(alice_client)
    assert added.count("rock-drop") == 1
    assert "rock-drop" not in _drawing(alice_client)
    # Choosing a rock drops that rock again, whether it is the newest or not.
    alice_client.post(reverse("journal:usage_new"), {"skill": walk.code})
    chosen = _drawing(alice_client)
    assert chosen.count("rock-drop") == 1
    assert chosen != added
    assert "rock-drop" not in _drawing(alice_client)


def test_a_one_tap_choice_drops_its_rock_without_touching_the_session(alice_client, walk):
    alice_client.get(reverse("journal:journal"))  # the first visit notes the sign-in, once
    before = alice_client.session.session_key, dict(alice_client.session)
    alice_client.post(
        reverse("journal:usage_new"), {"skill": walk.code}, headers={"HX-Request": "true"}
    )
    assert (alice_client.session.session_key, dict(alice_client.session)) == before
    assert _drawing(alice_client).count("rock-drop") == 1
    assert "rock-drop" not in _drawing(alice_client)


def test_a_drop_note_that_is_not_a_rock_changes_nothing(alice_client, walk):
    plain = _drawing(alice_client)
    for noted in ("not-a-code", "00000000-0000-0000-0000-000000000000", "<script>"):
        alice_client.cookies[DROP_NEXT] = noted
        assert _drawing(alice_client) == plain


def test_a_drop_note_from_someone_else_on_this_device_drops_nothing(client, alice, charlie, walk):
    client.force_login(alice)
    client.post(reverse("journal:usage_new"), {"skill": walk.code})
    client.force_login(charlie)
    assert "rock-drop" not in _drawing(client)


def test_rocks_only_belong_to_their_owner(client, charlie, walk):
    client.force_login(charlie)
    assert "Walk the dog" not in client.get(reverse("jars")).content.decode()


def test_a_therapist_reads_captions_about_the_person_not_to_them(client, alice, bob, walk):
    from tests.conftest import make_grant

    grant = make_grant(alice, bob, scope="jars")
    client.force_login(bob)
    html = unescape(client.get(reverse("care:jars", kwargs={"code": grant.code})).content.decode())
    assert "The ways this person has survived." in html
    assert "The kinder ways to cope this person keeps adding" in html
    assert "The ways you have survived" not in html
    assert "you reach less and less" not in html
    client.force_login(alice)
    own = unescape(client.get(reverse("jars")).content.decode())
    assert "The ways you have survived." in own
