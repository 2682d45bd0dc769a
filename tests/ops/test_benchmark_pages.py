"""The benchmark's list of pages stays true to the app: every path it drives is a real page,
and the quick log it posts carries what a real htmx form sends."""

from __future__ import annotations

import uuid

import pytest
from django.urls import resolve

from copejar.management.commands.benchmark import PAGES, QUICK_LOG, _lua

OBJECTS = {"skill": str(uuid.uuid4()), "grant": str(uuid.uuid4())}


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_page_it_measures_is_a_page_of_the_app(page):
    assert resolve(page.path.format(**OBJECTS)).url_name


def test_the_main_pages_and_the_quick_log_are_all_there():
    paths = {page.path for page in PAGES}

    assert {"/jars/", "/journal/", "/journal/surfs/", "/skills/", "/safety/", "/help/"} <= paths
    assert {"/care/{grant}/", "/care/{grant}/journal/", "/care/{grant}/diary/"} <= paths
    assert resolve(QUICK_LOG.path).url_name == "usage_new"


def test_the_quick_log_is_posted_as_htmx_with_its_csrf_token():
    script = _lua(QUICK_LOG, {"sessionid": "s3ss10n", "csrftoken": "t0ken"}, OBJECTS)

    assert 'wrk.method = "POST"' in script
    assert f'wrk.body = "skill={OBJECTS["skill"]}"' in script
    assert 'wrk.headers["X-CSRFToken"] = "t0ken"' in script
    assert 'wrk.headers["Cookie"] = "sessionid=s3ss10n; csrftoken=t0ken"' in script
    assert 'wrk.headers["HX-Request"] = "true"' in script
