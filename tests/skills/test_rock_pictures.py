"""One picture of each rock everywhere: icons match the jar, colours are picked from dots."""

from __future__ import annotations

import re
from html import unescape

from django.urls import reverse

from journal.jars import jars_for
from journal.models import UsageLog
from journal.window import Window
from skills import palette
from skills.jar_shape import jar_shape
from skills.models import CopingSkill


def test_a_skills_icon_is_its_rock_in_the_jar(alice, walk, scrolling):
    from django.utils import timezone

    # Two fixed keys, so the two pebbles are told apart by their seeds and not by luck: random
    # keys sometimes give near twins.
    CopingSkill.objects.filter(pk=walk.pk).update(code="00000000-0000-4000-8000-000000000001")
    CopingSkill.objects.filter(pk=scrolling.pk).update(code="00000000-0000-4000-8000-000000000002")
    walk.refresh_from_db()
    scrolling.refresh_from_db()
    jars = jars_for(Window.of_owner(alice), now=timezone.now())
    (rock,) = jars.copes.rocks
    assert walk.icon == rock.icon
    assert jars.negative.rocks[0].icon == scrolling.icon
    # The icon is the same outline: the rock's path, moved and scaled into a 24 by 24 box.
    assert _apart(rock.path, walk.icon.path) < 0.01
    assert _apart(rock.path, jars.negative.rocks[0].path) > 0.05


def _apart(path: str, other: str) -> float:
    """How far apart two outlines are once each is scaled into a unit box."""
    pairs = zip(_normalised(path), _normalised(other), strict=True)
    return max(max(abs(a - c), abs(b - d)) for (a, b), (c, d) in pairs)


def _normalised(path: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", path)]
    xs, ys = numbers[0::2], numbers[1::2]
    span = max(max(xs) - min(xs), max(ys) - min(ys))
    return [((x - min(xs)) / span, (y - min(ys)) / span) for x, y in zip(xs, ys, strict=True)]


def test_every_page_draws_a_skills_icon_the_same_way(alice_client, walk, scrolling, usage):
    icon = re.escape(walk.icon.path)
    for url in (
        reverse("skills:list"),
        reverse("journal:journal"),
        walk.get_absolute_url(),
        reverse("jars") + "?jar=copes",
    ):
        html = alice_client.get(url).content.decode()
        assert re.search(rf'<svg class="rock-icon[^>]*>.*?d="{icon}"', html), url


def test_every_icon_on_a_page_finds_its_shading_once(alice, alice_client, walk):
    for _ in range(3):
        UsageLog.objects.create(owner=alice, skill=walk)
    html = alice_client.get(reverse("journal:journal")).content.decode()
    defined = re.findall(r'<radialGradient id="(rock-[0-9a-f]+)"', html)
    used = set(re.findall(r'fill="url\(#(rock-[0-9a-f]+)\)', html))
    assert len(defined) == len(set(defined)), "each colour's shading is defined once"
    assert used and used <= set(defined)


def test_the_colour_dots_name_every_colour_for_screen_readers(alice_client):
    html = unescape(alice_client.get(reverse("skills:new")).content.decode())
    for key, (name, hex_) in [*palette.GREYS.items(), *palette.COLOURS.items()]:
        assert f'value="{key}"' in html
        assert f'fill="{hex_}"' in html
        assert f'<span class="visually-hidden">{name}</span>' in html
    assert 'class="swatch-group swatch-group-negative"' in html
    assert 'class="swatch-group swatch-group-copes"' in html
    assert "Pick one for me" in html


def test_a_picked_dot_stays_picked_when_the_form_comes_back(alice_client):
    response = alice_client.post(
        reverse("skills:new"), {"name": "", "kind": "copes", "rock_colour": "violet"}
    )
    assert re.search(r'value="violet"[^>]*checked', response.content.decode())


def test_a_grey_picked_for_the_jar_o_copes_is_repainted(alice_client, alice):
    alice_client.post(
        reverse("skills:new"), {"name": "Sing", "kind": "copes", "rock_colour": "ash"}
    )
    assert CopingSkill.objects.get(owner=alice).rock_colour in palette.COLOURS


def test_an_unknown_colour_is_a_kind_message(alice_client, alice):
    response = alice_client.post(
        reverse("skills:new"), {"name": "Sing", "kind": "copes", "rock_colour": "plaid"}
    )
    assert "Pick a colour from the list." in response.content.decode()
    assert not CopingSkill.objects.filter(owner=alice).exists()


def test_the_jar_grows_with_its_rocks(alice):
    from django.utils import timezone

    from skills.services import skill_create

    small = jar_shape("copes", jars_for(Window.of_owner(alice), now=timezone.now()).copes.heap).body
    for n in range(30):
        skill_create(owner=alice, name=f"Rock {n}", kind="copes")
    full = jars_for(Window.of_owner(alice), now=timezone.now()).copes
    assert full.shape.body > small
    assert full.shape.view_box[3] > jar_shape("copes", None).view_box[3] - 30
