"""On a phone: download the jar poster, add a photo to a skill, and the data pages, with axe."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from skills.models import CopingSkill
from tests.browser.support import PHONE, assert_accessible
from tests.conftest import picture_bytes

pytestmark = pytest.mark.browser


def test_the_poster_downloads_from_the_jars_page_on_a_phone(open_page, alice, walk, scrolling):
    page = open_page(viewport=PHONE, user=alice, accept_downloads=True)
    page.goto("/jars/")
    link = page.get_by_role("link", name="Download your jars as a poster")
    link.scroll_into_view_if_needed()
    with page.expect_download() as waiting:
        link.tap()
    download = waiting.value
    assert download.suggested_filename == "my-jars.png"
    with open(download.path(), "rb") as file:
        poster = Image.open(io.BytesIO(file.read()))
    assert poster.size == (2400, 3200)
    assert_accessible(page, "the jars page with its poster link")


def test_a_photo_is_added_to_a_skill_on_a_phone(open_page, alice, walk):
    page = open_page(viewport=PHONE, user=alice)
    page.goto(walk.get_absolute_url())
    page.get_by_role("link", name="Add a photo").tap()
    assert_accessible(page, "the photo page")
    page.get_by_label("Photo").set_input_files(
        files=[{"name": "dog.jpg", "mimeType": "image/jpeg", "buffer": picture_bytes()}]
    )
    page.get_by_role("button", name="Add this photo").tap()

    expect(page.get_by_role("status")).to_contain_text("Photo saved with Walk the dog.")
    image = page.get_by_role("img", name="The photo kept with Walk the dog")
    expect(image).to_be_visible()
    # The img has its width and height written in, so it is visible before the picture has
    # arrived: wait for the picture itself, drawn at its real size.
    expect(image).to_have_js_property("naturalWidth", 64)
    assert CopingSkill.objects.get(pk=walk.pk).has_photo
    assert_accessible(page, "a skill with its photo")


def test_a_photo_that_is_not_one_says_so_on_the_field(open_page, alice, walk):
    page = open_page(viewport=PHONE, user=alice)
    page.goto(f"/skills/{walk.code}/photo/")
    page.get_by_label("Photo").set_input_files(
        files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"just words"}]
    )
    page.get_by_role("button", name="Add this photo").tap()
    expect(page.get_by_text("Pick a photo in JPEG, PNG or WebP format.")).to_be_visible()
    assert_accessible(page, "the photo page with a refused file")


def test_the_data_pages_are_accessible_on_a_phone(open_page, alice, walk):
    page = open_page(viewport=PHONE, user=alice)
    problems = []
    for where, url in {
        "your data": "/accounts/data/",
        "bring data in": "/accounts/data/import/",
        "delete the account": "/accounts/data/delete/",
    }.items():
        page.goto(url)
        try:
            assert_accessible(page, where)
        except AssertionError as problem:
            problems.append(str(problem))
    page.goto("/accounts/data/import/")
    page.get_by_label("Daylio's CSV export (.csv)").check()
    page.get_by_label("File").set_input_files(
        files=[
            {
                "name": "daylio.csv",
                "mimeType": "text/csv",
                "buffer": b"full_date,date,weekday,time,mood,activities,note\n"
                b"2026-01-12,,,9:30 pm,good,walk | tea,\n",
            }
        ]
    )
    page.get_by_role("button", name="Check this file").tap()
    expect(page.get_by_role("heading", name="What this file adds")).to_be_visible()
    try:
        assert_accessible(page, "an import preview")
    except AssertionError as problem:
        problems.append(str(problem))
    page.get_by_role("group", name="tea").get_by_label("Negative Skillz").check()
    page.get_by_role("button", name="Bring it in").tap()
    expect(page.get_by_role("status")).to_contain_text("Brought in 2 uses; new skills: 2.")
    assert not problems, "\n\n".join(problems)
