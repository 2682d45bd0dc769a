"""Generated people, histories, edits and scope changes: a therapist never sees what they may not.

Each example builds a person with skills in every state (private or not, archived, deleted),
entries toward them, untouched and relinking edits through the real edit pages, then a share
whose scope may change. Every page and htmx fragment the therapist can open is read, and
checked against an oracle written here from the rows themselves (not from the window):

- a private skill's name, and every entry about it (by its code), never shows;
- the person's words (notes, descriptions) show only with "everything";
- a use never shows that it answered an urge the therapist may not see;
- an edit nobody touched keeps every link.
"""

from __future__ import annotations

import itertools
import re
from datetime import timedelta
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from copejar.accounts.models import User
from copejar.sharing.services import grant_change_scope
from journal.diary import week_start_for
from journal.models import UrgeLog, UsageLog
from journal.services import skill_delete
from skills.models import Kind
from skills.services import skill_create, skill_set_archived
from tests.conftest import make_grant

SCOPES = ["jars", "logs", "everything"]
HTMX = {"HX-Request": "true"}
_people = itertools.count()

skill_plan = st.fixed_dictionaries(
    {
        "kind": st.sampled_from([Kind.NEGATIVE, Kind.COPES]),
        "private": st.booleans(),
        "fate": st.sampled_from(["active", "active", "archived", "deleted"]),
    }
)
entry_plan = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["urge", "usage"]),
        "skill": st.integers(0, 5),
        "toward": st.booleans(),  # an urge names a skill; a use answers an urge
        "days_ago": st.integers(0, 13),
    }
)
edit_plan = st.fixed_dictionaries(
    {"entry": st.integers(0, 11), "relink_to": st.none() | st.integers(0, 5)}
)


def _submitted(form) -> dict:
    data = {}
    for field in form:
        value = field.value()
        if field.name in ("passed", "occurred_at"):
            value = field.field.widget.format_value(value)
        data[field.html_name] = "" if value is None else value
    return data


def _build(skills, entries, edits, owner_client):
    """Make the person's history; return it with what each untouched edit must keep."""
    n = next(_people)
    owner = User.objects.create_user(username=f"person{n}", password="x" * 12)
    owner_client.force_login(owner)
    made = [
        skill_create(
            owner=owner,
            name=f"{'Hid' if plan['private'] else 'Open'}rock{n}x{i}",
            kind=plan["kind"],
            private=plan["private"],
            description=f"desc{n}x{i}",
            what_it_does=f"why{n}x{i}",
        )
        for i, plan in enumerate(skills)
    ]
    now = timezone.now()
    rows: list[UrgeLog | UsageLog] = []
    for i, plan in enumerate(entries):
        skill = made[plan["skill"] % len(made)]
        when = now - timedelta(days=plan["days_ago"], minutes=i)
        note = f"note{n}x{i}"
        if plan["kind"] == "urge":
            rows.append(
                UrgeLog.objects.create(
                    owner=owner,
                    occurred_at=when,
                    intensity=i % 11,
                    skill=skill if plan["toward"] else None,
                    note=note,
                )
            )
        else:
            urges = [row for row in rows if isinstance(row, UrgeLog)]
            rows.append(
                UsageLog.objects.create(
                    owner=owner,
                    skill=skill,
                    occurred_at=when,
                    note=note,
                    urge=urges[-1] if plan["toward"] and urges else None,
                )
            )
    for skill, plan in zip(made, skills, strict=True):
        if plan["fate"] == "archived":
            skill_set_archived(skill=skill, archived=True)
    kept = {}
    for edit in edits:
        if not rows:
            break
        row = rows[edit["entry"] % len(rows)]
        kind = "urge" if isinstance(row, UrgeLog) else "usage"
        url = reverse(f"journal:{kind}_edit", kwargs={"code": row.code})
        data = _submitted(owner_client.get(url).context["form"])
        target = made[edit["relink_to"] % len(made)] if edit["relink_to"] is not None else None
        if target is not None and not target.is_archived and kind == "urge":
            data["skill"] = target.code
            kept.pop((row.pk, kind), None)
        else:
            row.refresh_from_db()
            kept[row.pk, kind] = (row.skill_id, getattr(row, "urge_id", None))
        assert owner_client.post(url, data).status_code == 302
    deleted = set()
    for skill, plan in zip(made, skills, strict=True):
        if plan["fate"] == "deleted":
            deleted.add(skill.pk)  # a deleted row forgets its own id
            skill_delete(skill=skill)
    return owner, made, kept, deleted


def _hidden(row) -> bool:
    """The oracle: is this row about a private skill (now, or before it was deleted)?"""
    if isinstance(row, UrgeLog):
        return row.private or (row.skill is not None and row.skill.private)
    return row.skill.private


def _therapist_sees(client: Client, grant) -> dict[str, str]:
    """Every page and fragment the therapist can open, walking every journal page and week."""
    seen = {"dashboard": client.get(reverse("care:dashboard"))}
    for name in (
        "care:jars",
        "care:journal",
        "care:diary",
        "care:insights",
        "care:insights_year",
        "care:insights_growth",
    ):
        seen[name] = client.get(reverse(name, kwargs={"code": grant.code}))
    journal = reverse("care:journal", kwargs={"code": grant.code})
    html, n = seen["care:journal"].content.decode(), 0
    while (found := re.search(r'href="\?older=([^"]+)"', html)) and n < 20:
        n += 1
        fragment = client.get(f"{journal}?older={found.group(1)}", headers=HTMX)
        seen[f"journal page {n}"] = fragment
        html = fragment.content.decode()
    diary = reverse("care:diary", kwargs={"code": grant.code})
    for weeks_back in range(3):
        monday = week_start_for(timezone.localdate() - timedelta(weeks=weeks_back))
        seen[f"diary {monday}"] = client.get(f"{diary}?week={monday}")
    return seen


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Shapes that leaked before, always tried: an urge toward a private skill that is then put
# aside and saved untouched; one whose private skill is deleted; a use answering such an urge.
@example(
    skills=[{"kind": Kind.NEGATIVE, "private": True, "fate": "archived"}],
    entries=[{"kind": "urge", "skill": 0, "toward": True, "days_ago": 0}],
    edits=[{"entry": 0, "relink_to": None}],
    scope="everything",
    later=None,
)
@example(
    skills=[
        {"kind": Kind.NEGATIVE, "private": True, "fate": "deleted"},
        {"kind": Kind.COPES, "private": False, "fate": "active"},
    ],
    entries=[
        {"kind": "urge", "skill": 0, "toward": True, "days_ago": 1},
        {"kind": "usage", "skill": 1, "toward": True, "days_ago": 1},
    ],
    edits=[],
    scope="logs",
    later="everything",
)
@given(
    skills=st.lists(skill_plan, min_size=1, max_size=6),
    entries=st.lists(entry_plan, max_size=12),
    edits=st.lists(edit_plan, max_size=4),
    scope=st.sampled_from(SCOPES),
    later=st.none() | st.sampled_from(SCOPES),
)
@pytest.mark.django_db
def test_a_therapist_sees_only_what_the_scope_and_privacy_allow(
    client, bob, skills, entries, edits, scope, later
):
    owner, made, kept, deleted = _build(skills, entries, edits, Client())
    grant = make_grant(owner, bob, scope=scope)
    if later:
        grant = grant_change_scope(grant=grant, scope=later)
    scope = grant.scope
    client.force_login(bob)
    pages = _therapist_sees(client, grant)

    for where, response in pages.items():
        logs_pages = ("journal", "diary", "insights")
        expected = 404 if scope == "jars" and any(p in where for p in logs_pages) else 200
        assert response.status_code == expected, where
    text = unescape("\n".join(r.content.decode() for r in pages.values() if r.status_code == 200))

    for skill in made:
        if skill.private:
            assert skill.name not in text, f"private skill {skill.name} showed"
    if scope != "everything":
        assert not re.search(r"(note|desc|why)\d+x\d+", text), "words showed outside everything"
    for row in [*UrgeLog.objects.filter(owner=owner), *UsageLog.objects.filter(owner=owner)]:
        if _hidden(row):
            assert str(row.code) not in text, f"a private entry showed: {row}"
            assert row.note not in text
        elif scope == "everything":
            assert row.note in text, f"a shared note went missing: {row}"
        if isinstance(row, UsageLog) and row.urge_id and _hidden(row.urge):
            article = text.split(f'id="entry-{row.code}"')[1:2]
            assert not article or "Answered the urge" not in article[0].split("</article>")[0]
    for skill in made:
        if not skill.private and skill.description and scope != "everything":
            assert skill.description not in text

    for (pk, kind), (skill_id, urge_id) in kept.items():
        model = UrgeLog if kind == "urge" else UsageLog
        row = model.objects.filter(pk=pk).first()
        if row is None:  # its skill was deleted, and a use goes with its skill
            continue
        assert row.skill_id == (None if skill_id in deleted else skill_id)
        if kind == "usage" and urge_id is not None:
            assert row.urge_id == urge_id
