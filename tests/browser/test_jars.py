"""The jars in a browser: side by side on a phone, one opened large, a falling rock, colour
dots, and first rocks from the ideas."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from skills.models import CopingSkill, Kind
from skills.palette import SHAPES
from skills.services import skill_create
from tests.browser.support import PHONE, assert_accessible, assert_same_page, mark_page

SHAPE_KEYS = list(SHAPES)

pytestmark = pytest.mark.browser


def test_it_adds_first_rocks_in_place_from_one_screen(open_page, alice):
    page = open_page(user=alice, viewport=PHONE)
    page.goto("/jars/")
    first = page.locator(".first-rocks")
    # Everything a new person needs for a first rock is on the first screen.
    expect(first.get_by_role("button", name="Add Write it out")).to_be_in_viewport(ratio=1)
    assert_accessible(page, "the jars with an empty Jar O' Copes")
    mark_page(page)

    for n, name in enumerate(["Write it out", "Make a warm drink", "Go for a walk"], start=1):
        button = first.get_by_role("button", name=f"Add {name}")
        before = page.evaluate("window.scrollY")
        button.tap()
        idea = first.locator(".idea", has_text=name)
        expect(idea.get_by_role("status")).to_have_text(f"{name} is In your jar now")
        expect(idea.get_by_role("status")).to_be_focused()
        assert page.evaluate("window.scrollY") == before, "the page jumped after Add"
        expect(page.locator(".tallies")).to_contain_text(f"{n} rock")
    expect(page.locator("#first-rocks-progress")).to_contain_text("3 rocks in your Jar O' Copes")
    expect(page.get_by_text("waiting for its first rock")).to_have_count(0)
    expect(page.locator("#jar-copes-desc")).to_contain_text("3 rocks")
    assert_same_page(page)
    assert_accessible(page, "the jars after three one-tap ideas")
    assert CopingSkill.objects.filter(owner=alice, kind=Kind.COPES).count() == 3


def test_adding_an_idea_far_down_the_ideas_page_stays_there(open_page, alice):
    page = open_page(user=alice, viewport=PHONE)
    page.goto("/skills/ideas/")
    button = page.get_by_role("button", name="Add Eat something nourishing")
    button.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    assert before > 500
    button.tap()
    mark = page.locator("#idea-snack").get_by_role("status")
    expect(mark).to_be_focused()
    expect(mark).to_be_in_viewport()
    assert abs(page.evaluate("window.scrollY") - before) < 80


def test_it_names_a_rock_on_hover_and_links_to_its_skill(open_page, alice, walk):
    page = open_page(user=alice)
    page.goto("/jars/?jar=copes")
    rock = page.locator("#open-jar a.rock-link")
    label = rock.locator(".rock-label")
    expect(label).to_be_hidden()

    rock.locator(".rock-hit").hover()

    expect(label).to_be_visible()
    expect(label).to_have_text("Walk the dog")
    rock.locator(".rock-hit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Walk the dog")


def _fill_jars(alice) -> None:
    for n, name in enumerate(["Doom-scrolling", "Staying in bed", "Snapping"]):
        skill_create(owner=alice, name=name, kind=Kind.NEGATIVE, rock_shape=SHAPE_KEYS[n])
    for n in range(14):
        skill_create(owner=alice, name=f"Kind thing {n}", kind=Kind.COPES)


def _box(locator) -> dict:
    box = locator.bounding_box()
    assert box is not None
    return box


def test_the_three_jars_fit_one_phone_screen_side_by_side(open_page, alice):
    _fill_jars(alice)
    page = open_page(user=alice, viewport=PHONE)
    page.goto("/jars/")
    jars = page.locator(".jars figure.jar")
    expect(jars).to_have_count(3)
    page.locator(".jars").scroll_into_view_if_needed()
    boxes = [_box(jars.nth(n)) for n in range(3)]
    # Left to right in one row, none wider than a third of the phone.
    assert boxes[0]["x"] + boxes[0]["width"] <= boxes[1]["x"]
    assert boxes[1]["x"] + boxes[1]["width"] <= boxes[2]["x"]
    assert boxes[2]["x"] + boxes[2]["width"] <= PHONE["width"]
    top = min(box["y"] for box in boxes)
    bottom = max(box["y"] + box["height"] for box in boxes)
    assert bottom - top <= PHONE["height"]
    for n, title in enumerate(["Negative Skillz", "An empty jar", "Jar O' Copes"]):
        jar = jars.nth(n)
        expect(jar).to_be_in_viewport(ratio=1)
        # Each label sits under its own drawing.
        drawing, label = _box(jar.locator("svg.jar-drawing")), _box(jar.locator("figcaption"))
        assert label["y"] >= drawing["y"] + drawing["height"] - 1
        expect(jar.locator("figcaption")).to_contain_text(title)
    # The fuller jar is the taller one: three rocks do not sit in a huge jar.
    drawings = page.locator(".jars svg.jar-drawing")
    assert _box(drawings.nth(0))["height"] < _box(drawings.nth(2))["height"]
    assert_accessible(page, "three jars on a phone")


def test_a_jar_opens_large_with_its_rock_list_from_the_keyboard(open_page, alice):
    _fill_jars(alice)
    page = open_page(user=alice)
    page.goto("/jars/")
    expect(page.locator("#open-jar")).to_have_count(0)
    small = _box(page.locator("figure.jar-copes svg.jar-drawing"))
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('figure.jar-copes a')"):
            break
    expect(page.locator("figure.jar-copes a")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"\?jar=copes#open-jar$"))
    opened = page.locator("#open-jar")
    expect(opened.get_by_role("heading", level=2)).to_have_text("Jar O' Copes")
    expect(opened.locator(".rock-legend li")).to_have_count(14)
    expect(opened.locator(".rock-legend")).to_contain_text("Kind thing 13")
    expect(page.locator("figure.jar-copes a")).to_have_attribute("aria-current", "true")
    assert _box(opened.locator("svg.jar-drawing")).get("width") > small["width"]
    assert_accessible(page, "the Jar O' Copes opened large")
    opened.get_by_role("link", name="Back to all three jars").click()
    expect(page.locator("#open-jar")).to_have_count(0)


def test_a_jar_opens_with_javascript_off_on_a_phone(open_page, alice):
    _fill_jars(alice)
    page = open_page(user=alice, viewport=PHONE, java_script_enabled=False)
    page.goto("/jars/")
    page.locator("figure.jar-negative").get_by_role("link").tap()
    opened = page.locator("#open-jar")
    expect(opened.get_by_role("heading", level=2)).to_have_text("Negative Skillz")
    expect(opened.locator(".rock-legend li")).to_have_count(3)
    expect(opened.locator("svg.jar-drawing desc")).to_contain_text("3 grey rocks")
    expect(opened).to_be_in_viewport()


def test_an_opened_jar_is_accessible_on_a_phone(open_page, alice):
    _fill_jars(alice)
    page = open_page(user=alice, viewport=PHONE)
    page.goto("/jars/?jar=negative#open-jar")
    expect(page.locator("#open-jar .rock-legend li")).to_have_count(3)
    assert_accessible(page, "Negative Skillz opened on a phone")


@pytest.mark.parametrize(
    ("motion", "animation"), [("no-preference", "rock-drop"), ("reduce", "none")]
)
def test_the_newest_rock_falls_in_unless_motion_is_reduced(
    open_page, alice, walk, motion, animation
):
    page = open_page(user=alice, reduced_motion=motion)
    page.goto("/jars/")
    expect(page.locator(".rock-drop")).to_have_count(0)  # nothing new yet: all still
    page.goto("/journal/")
    page.get_by_role("button", name="Walk the dog").click()
    expect(page.get_by_role("status")).to_contain_text("Noted: Walk the dog.")
    page.goto("/jars/")
    falling = page.locator("figure.jar-copes .rock-drop")  # the rock just chosen
    expect(falling).to_have_count(1)
    assert falling.evaluate("(el) => getComputedStyle(el).animationName") == animation
    # Once seen, it rests: the next visit draws it still.
    page.reload()
    expect(page.locator(".rock-drop")).to_have_count(0)


@pytest.mark.parametrize("path", ["/jars/", "/jars/?jar=copes", "/jars/?jar=empty", "/skills/new/"])
def test_nothing_scrolls_sideways_on_a_small_phone(open_page, alice, path):
    _fill_jars(alice)
    page = open_page(user=alice, viewport={"width": 320, "height": 640})
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_welcome_page_jars_are_accessible_on_a_phone(open_page):
    page = open_page(viewport=PHONE)
    page.goto("/")
    expect(page.locator(".jars figure.jar")).to_have_count(3)
    assert_accessible(page, "the welcome page on a phone")
    page.goto("/?jar=copes")
    expect(page.locator("#open-jar .rock-legend li")).to_have_count(10)
    assert_accessible(page, "an example jar opened on a phone")


def test_colour_dots_follow_the_chosen_jar(open_page, alice):
    page = open_page(user=alice, viewport=PHONE)
    page.goto("/skills/new/")
    greys, colours = page.locator(".swatch-group-negative"), page.locator(".swatch-group-copes")
    expect(greys).to_be_hidden()
    expect(colours).to_be_visible()
    assert_accessible(page, "the colour dots")
    page.get_by_label("Name").fill("Doom-scrolling")
    page.get_by_label("Negative Skillz", exact=True).check()
    expect(colours).to_be_hidden()
    greys.get_by_label("Flint grey").check()
    expect(greys.get_by_label("Flint grey")).to_be_checked()
    page.get_by_role("button", name="Add it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Doom-scrolling")
    assert CopingSkill.objects.get(owner=alice).rock_colour == "flint"
