"""Deployments send our stylesheet and scripts minified: fewer bytes on a phone, the same
page. Debug off, through collectstatic and gunicorn, as a server runs it."""

from __future__ import annotations

import re
from pathlib import Path

import django_htmx
import pytest

from copejar.staticfiles import minifier
from tests.ops.serving import ROOT, app_env, gunicorn, manage

STATIC = ROOT / "static"
OURS = sorted(path.name for path in STATIC.glob("*.*") if path.suffix in (".css", ".js"))


def test_it_minifies_stylesheets_and_scripts_only():
    assert minifier("copejar.css") is not None
    assert minifier("copejar-offline.js") is not None
    assert minifier("django_htmx/htmx-2.min.js") is None
    assert minifier("icon.svg") is None
    assert minifier("icons/icon-192.png") is None


@pytest.mark.parametrize("name", OURS)
def test_minifying_twice_changes_nothing(name):
    # The storage saves a file again under its hashed name, through the same minifier.
    minify = minifier(name)
    once = minify((STATIC / name).read_text())

    assert len(once) < len((STATIC / name).read_text())
    assert minify(once) == once


def test_a_served_page_names_minified_files_and_htmx_as_shipped(tmp_path):
    env = app_env(tmp_path)
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    with gunicorn(env, tmp_path, workers=1) as served:
        _status, _headers, page = served.request("GET", "/help/")
        named = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', page.decode())
        sent = {path: served.request("GET", path)[2] for path in named}

    assert {Path(path).name.split(".")[0] for path in named} >= {"copejar", "htmx-2"}
    for path, body in sent.items():
        source = _source(path)
        if "htmx-2.min" in path:
            assert body == source.read_bytes()
            continue
        text = body.decode()
        assert len(text) < source.stat().st_size
        assert "/*" not in text
        assert "\n  " not in text


def _source(path: str) -> Path:
    """The file in the repository (or the htmx package) that a hashed static address names."""
    name = re.sub(r"\.[0-9a-f]{12}\.", ".", path.removeprefix("/static/"))
    if name.startswith("django_htmx/"):
        return Path(django_htmx.__file__).parent / "static" / name
    return STATIC / name
