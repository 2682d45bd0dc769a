"""Every language the app offers is complete and in step with the code.

For each language in settings.LANGUAGES besides English (the language the code is written
in): every string the code marks has a translation (none empty, none fuzzy, none left over
from strings the code no longer has); `makemessages` run on the code now changes nothing in
the .po file but its date; and the compiled .mo file committed beside it holds exactly what
the .po says, so a set-up without the gettext tools still serves the current translation.
"""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.gates.po import read

ROOT = Path(settings.BASE_DIR)
SOURCE_LANGUAGE = "en"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]
# What makemessages reads besides the code: never the translations themselves, nor anything
# the app writes or installs.
NOT_SOURCE = shutil.ignore_patterns(
    ".*", "__pycache__", "locale", "media", "staticfiles", "test-results", "*.sqlite3*"
)


def _po(code: str) -> Path:
    return ROOT / "locale" / code / "LC_MESSAGES" / "django.po"


def _without_date(text: str) -> str:
    return "\n".join(
        line for line in text.splitlines() if not line.startswith('"POT-Creation-Date:')
    )


def test_the_app_offers_spanish():
    assert "es" in TRANSLATED


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_marked_string_has_a_translation(code):
    entries = read(_po(code))
    messages = [e for e in entries if e.msgid]
    assert len(messages) > 1000, "the catalogue looks cut short"
    problems = [
        f"{_po(code).relative_to(ROOT)}:{e.line}: {e.msgid[:60]!r} "
        + ("is left from strings the code no longer has" if e.obsolete else "has no translation")
        for e in messages
        if e.obsolete or not e.translated
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_plural_has_each_of_the_languages_forms(code):
    entries = read(_po(code))
    header = next(e for e in entries if not e.msgid).msgstr[0]
    forms = int(re.search(r"nplurals=(\d+)", header).group(1))
    short = [
        f"{_po(code).relative_to(ROOT)}:{e.line}: {e.msgid[:60]!r} has {len(e.msgstr)} forms"
        for e in entries
        if e.msgid_plural is not None and not e.obsolete and len(e.msgstr) != forms
    ]
    assert not short, f"{code} has {forms} plural forms:\n" + "\n".join(short)


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalogue_is_the_po_file(code):
    entries = read(_po(code))
    wanted = {}
    for entry in entries:
        if entry.msgid and not entry.obsolete and entry.translated:
            wanted.update(entry.catalogue_items())
    with (_po(code).with_suffix(".mo")).open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    held = {key: text for key, text in catalogue._catalog.items() if key != ""}
    stale = sorted(str(key)[:60] for key in held.keys() ^ wanted.keys())
    changed = sorted(
        str(key)[:60] for key in held.keys() & wanted.keys() if held[key] != wanted[key]
    )
    assert not stale and not changed, (
        f"locale/{code}/LC_MESSAGES/django.mo differs from the .po file (run "
        f"`manage.py compilemessages`): {stale + changed}"
    )
    header = next(e for e in entries if not e.msgid).msgstr[0]
    assert f"Plural-Forms: {catalogue.info()['plural-forms']}" in header


def test_the_translations_are_in_step_with_the_code(tmp_path):
    tools = [shutil.which(tool) for tool in ("xgettext", "msgmerge", "msguniq")]
    if not all(tools):
        if os.environ.get("CI"):
            pytest.fail("CI needs the gettext tools (apt-get install gettext) for this check.")
        pytest.skip("the gettext tools are not installed here (apt-get install gettext)")
    # A copy of the code, with the committed .po files, so the repository is never written to.
    copy = tmp_path / "code"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCE)
    for code in TRANSLATED:
        target = copy / "locale" / code / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(_po(code), target)
    subprocess.run(
        [sys.executable, ROOT / "manage.py", "makemessages", "--no-location", "--verbosity=0"]
        + [f"--locale={code}" for code in TRANSLATED],
        cwd=copy,
        env={**os.environ, "DJANGO_DEBUG": "true"},
        check=True,
    )
    stale = [
        code
        for code in TRANSLATED
        if _without_date((copy / "locale" / code / "LC_MESSAGES" / "django.po").read_text())
        != _without_date(_po(code).read_text())
    ]
    assert not stale, (
        f"The strings in the code have changed since locale/{stale[0]}/ was last made: run "
        "`manage.py makemessages -a --no-location`, translate what is new, then "
        "`manage.py compilemessages` (see the README's Languages)."
    )
