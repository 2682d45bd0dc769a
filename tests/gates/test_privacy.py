"""Nothing loads from anywhere else, and the strict content policy holds on every page."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
OUR_FILES = [
    *(ROOT / "templates").rglob("*.html"),
    *(ROOT / "templates").rglob("*.svg"),
    # The PNG icons hold pixels only (tests/site/test_offline.py checks they are the ones
    # `manage.py draw_icons` draws from the logo).
    *(path for path in (ROOT / "static").rglob("*.*") if path.suffix != ".png"),
]


def test_no_file_names_an_outside_address():
    outside = re.compile(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)
    hits = []
    for path in OUR_FILES:
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            # SVG's own namespace is an identifier, not a request.
            line = line.replace('xmlns="http://www.w3.org/2000/svg"', "")
            if outside.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert not hits, "\n".join(hits)


def test_templates_have_no_inline_script_or_style():
    hits = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"\sstyle=", r"<style", r"\son[a-z]+="):
            hits += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in re.finditer(pattern, text)]
    assert not hits, "\n".join(hits)


def test_every_page_sends_a_strict_content_policy(alice_client):
    for name in ["jars", "journal:journal", "skills:list", "accounts:settings"]:
        response = alice_client.get(reverse(name))
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy
        # The offline copy and the home-screen manifest come from here too, and only here.
        assert "worker-src 'self'" in policy and "manifest-src 'self'" in policy
        assert response["X-Frame-Options"] == "DENY"


def test_htmx_is_served_from_here_with_a_config_the_policy_allows(client, db):
    html = client.get(reverse("home")).content.decode()
    assert re.search(r'<script src="/static/django_htmx/htmx-2\.min\.js', html)
    assert '"includeIndicatorStyles": false' in html
    assert '"historyCacheSize": 0' in html


def test_every_response_switches_off_the_browser_features_the_app_never_uses(client, alice):
    responses = [
        client.get(reverse("home")),
        client.get("/no-such-page/"),
        client.get(reverse("jars")),  # a redirect to log in
        client.get("/static/copejar.css"),
    ]
    client.force_login(alice)
    responses += [
        client.get(reverse("jars")),
        client.get(reverse("journal:journal"), headers={"HX-Request": "true"}),
    ]
    for response in responses:
        response.close()  # the stylesheet comes as an open file
        policy = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in policy, (response.status_code, policy)


OUTSIDE = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s\"'<>]*", re.IGNORECASE)


def test_pages_name_no_outside_address_but_the_quick_exit(client, alice, settings):
    """The quick exit is a navigation away, not something loaded; it is the only exception."""
    settings.QUICK_EXIT_URL = "https://neutral.example.org/weather"
    pages = [client.get(reverse(name)) for name in ("home", "accounts:login", "safety:help")]
    client.force_login(alice)
    pages += [client.get(reverse(name)) for name in ("jars", "accounts:settings")]
    for response in pages:
        html = response.content.decode().replace('xmlns="http://www.w3.org/2000/svg"', "")
        found = set(OUTSIDE.findall(html))
        assert found == {"https://neutral.example.org/weather"}, (response.request, found)
        assert (
            '<a class="quick-exit" href="https://neutral.example.org/weather" rel="noreferrer"'
            in html
        )
