"""Reading someone's history goes through one window: a page that bypasses it fails here.

The readers (timeline, diary card, insights, jars) and the therapist's page bodies may not
query a model themselves or reach the person behind a share; only journal/window.py does.
A new reader or therapist page is covered as soon as it is added to the lists below, and the
lists are checked against the code, so a new module cannot slip past unlisted.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Modules that turn history into something a page shows. They take a Window.
READERS = [
    "journal/timeline.py",
    "journal/diary.py",
    "journal/insights.py",
    "journal/jars.py",
    "journal/story.py",
]
# The therapist's pages (and the person's preview of them).
CARE = "copejar/sharing/care.py"
# Names that would read rows without the window, or reach the person behind a share.
FORBIDDEN = {"objects", "for_user", "owner", "owner_id", "raw", "extra"}


def _tree(path: str) -> ast.Module:
    return ast.parse((ROOT / path).read_text())


def _uses(node: ast.AST) -> set[str]:
    found = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Attribute) and child.attr in FORBIDDEN:
            found.add(f"line {child.lineno}: .{child.attr}")
    return found


def _imports(tree: ast.Module) -> set[str]:
    return {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module is not None
    }


def test_readers_read_only_through_the_window():
    problems = []
    for path in READERS:
        tree = _tree(path)
        problems += [f"{path} {use}" for use in sorted(_uses(tree))]
    assert not problems, "\n".join(problems)


def test_every_module_that_reads_history_is_listed():
    """A module that takes a Window is a reader, and then it is checked above."""
    takers = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "journal").rglob("*.py")
        if "Window" in path.read_text()
        and path.name not in {"window.py", "views.py", "fragments.py"}
    }
    assert takers <= set(READERS), f"List these readers in READERS: {takers - set(READERS)}"


def test_therapist_pages_see_only_the_window():
    tree = _tree(CARE)
    problems = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.endswith("_page"):
            problems += [f"{node.name} {use}" for use in sorted(_uses(node))]
    readers_only = {m for m in _imports(tree) if m.startswith(("journal.", "skills."))}
    # journal.fragments only keeps what a page drew, under the window's own key, and
    # skills.jars draws what it is given: neither reads anything itself.
    allowed = {
        "journal.window",
        "journal.fragments",
        "skills.jars",
        *(r.removesuffix(".py").replace("/", ".") for r in READERS),
    }
    problems += [f"care.py imports {m}" for m in sorted(readers_only - allowed)]
    assert not problems, "\n".join(problems)


def test_the_checker_would_catch_a_page_that_queries():
    sneaky = ast.parse("def _notes_page(request, shared):\n    return shared.window.owner.urges\n")
    assert _uses(sneaky) == {"line 2: .owner"}
    sneaky = ast.parse("def _x_page(r, s):\n    return UrgeLog.objects.all()\n")
    assert _uses(sneaky) == {"line 2: .objects"}


def test_care_templates_never_reach_the_person_behind_a_share():
    problems = []
    for path in sorted((ROOT / "templates" / "sharing").glob("care_*.html")):
        text = path.read_text()
        for word in (".owner", ".objects", "grant."):
            if word in text and not (word == "grant." and path.name == "care_dashboard.html"):
                problems.append(f"{path.name} uses {word}")
    assert not problems, "\n".join(problems)
