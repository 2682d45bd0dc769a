"""Every page the walk does not reach passes axe in both colour schemes and fits a phone; and
every page, the main ones too, does so in each language the app speaks."""

from __future__ import annotations

import pytest

from journal.models import UsageLog
from tests.browser.support import LANGUAGES, PHONE, assert_accessible

pytestmark = pytest.mark.browser

# The pages other tests check in English on their way through; here in every other language.
MAIN_PAGES = {
    "the jars": "/jars/",
    "an opened jar": "/jars/?jar=copes",
    "the journal": "/journal/",
    "the ideas": "/skills/ideas/",
    "the insights": "/journal/insights/",
    "the diary card": "/journal/diary/",
    "riding out an urge": "/journal/surf/",
    "the safety plan": "/safety/",
    "the help page": "/help/",
    "sharing": "/sharing/",
    "your data": "/accounts/data/",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_other_page_is_accessible_on_a_phone(
    open_page, alice, walk, scrolling, usage, language
):
    alice.language = language
    alice.save()
    scrolling.harm_reduction = "Set a timer first."
    scrolling.not_ready = True
    scrolling.save()
    usage = UsageLog.objects.get(pk=usage.pk)
    urge = usage.urge
    pages = {
        "the skills list": "/skills/",
        "a Negative Skillz rock": scrolling.get_absolute_url(),
        "the edit-a-skill form": f"/skills/{walk.code}/edit/",
        "the delete-a-skill page": f"/skills/{walk.code}/delete/",
        "the log-a-choice page": f"/journal/usages/new/?skill={walk.code}",
        "the log-an-urge page": "/journal/urges/new/",
        "the edit-a-choice page": f"/journal/usages/{usage.code}/edit/",
        "the edit-an-urge page": f"/journal/urges/{urge.code}/edit/",
        "the delete-an-entry page": f"/journal/usages/{usage.code}/delete/",
        "the account settings": "/accounts/settings/",
        "the password change": "/accounts/password/",
        **(MAIN_PAGES if language != "en" else {}),
    }
    page = open_page(viewport=PHONE, user=alice)
    problems = []

    for where, url in pages.items():
        page.goto(url)
        try:
            assert_accessible(page, where)
        except AssertionError as problem:
            problems.append(str(problem))

    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pages_before_signing_in_are_accessible_on_a_phone(open_page, language):
    page = open_page(viewport=PHONE, locale=LANGUAGES[language])

    for where, url in [("the welcome page", "/"), ("the sign-up page", "/accounts/signup/")]:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page, where)
    page.goto("/accounts/login/")
    assert_accessible(page, "the log-in page")
    answer = page.goto("/nowhere/")
    assert answer is not None and answer.status == 404
    assert_accessible(page, "a page that is not there")
