"""Strange input to every form and htmx endpoint: never a 500, and a refused form stores nothing.

The gate walks the URLconf (like the access matrix), opens every page as the person who
would use it, and reads every form, htmx control and link with a query string it finds. A
URL that takes a POST but has no form on any page fails the gate, so a new endpoint cannot
be missed. Then each endpoint gets:

- a fixed set of nasty values (NUL and control characters, bidi overrides, zero-width text,
  emoji, huge strings, out-of-range numbers, dates at the calendar's ends, other people's
  ids) in every field at once, and
- hypothesis examples that start from the form as rendered and replace, drop or repeat a
  few fields,

asserting never a 500, and that when the page answers with a problem, nothing was stored.
Each example runs in a savepoint that is rolled back, so every one starts from the same
data. Hypothesis is derandomized with a small fixed budget, so CI is repeatable and quick.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copejar.accounts.models import SignIn, User
from copejar.safety.services import plan_save_contacts, plan_save_lines
from copejar.sharing.services import suggestion_make
from journal.models import UrgeLog, UsageLog
from journal.surf.services import surf_start
from skills.models import Kind
from skills.photos import clean_photo
from skills.services import skill_create, skill_set_photo
from tests.conftest import make_grant, picture_bytes
from tests.gates.test_ownership import (
    ALL_URLS,
    CARE_THINGS,
    OWNER_URLS,
    care_kwargs,
    pending_import,
)

HTMX = {"HX-Request": "true"}
OTHER_PERSONS_CODE = "other-persons-code"  # replaced by one of charlie's real ids
HUGE = "x" * 100_000

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x07\x1b[31m\x7f",
    "\u202egnihtemos\u202c",
    "\u2066\u2067\u2068\u2069",
    "\u200b\u200c\u200d\ufeff",
    "\U0001f4a5" * 40,
    "👩\u200d👩\u200d👧",
    "\ud7ff\ue000\uffff",
    "<script>alert(1)</script>",
    "'; DROP TABLE x; --",
    "%00%ff",
    "../../etc/passwd",
    HUGE,
    "-1",
    "0",
    "11",
    "-2147483649",
    "2147483648",
    "9223372036854775808",
    "1e309",
    "NaN",
    "-inf",
    "1.5",
    "0x10",
    "true",
    "[]",
    "{}",
    "None",
    "0001-01-01",
    "9999-12-31",
    "0000-00-00",
    "2024-02-30",
    "-0001-01-01",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "0001-01-01 00:00:00",
    "9999-12-31 23:59:59",
    "99999-01-01",
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    OTHER_PERSONS_CODE,
]


class _Forms(HTMLParser):
    """Every form (action, method, fields with their rendered values), every hx-get/hx-post
    and every link with a query string on a page."""

    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: list[dict] = []
        self.kinds: dict[str, str] = {}
        self.gets: list[str] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attr = dict(attrs)
        for key in ("hx-post", "hx-put", "hx-delete"):
            if attr.get(key):
                self.forms.append({"action": attr[key], "fields": {}, "htmx": True})
        for key in ("hx-get", "href"):
            if attr.get(key) and "?" in attr[key]:
                self.gets.append(attr[key])
        if tag == "form":
            method = (attr.get("method") or "get").lower()
            self._form = {
                "action": attr.get("action") or self.page_url,
                "method": method,
                "fields": {},
                "htmx": "hx-post" in attr,
            }
            if method == "post":
                self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag in ("input", "button") and attr.get("name"):
            kind = attr.get("type", "text")
            self.kinds[attr["name"]] = kind
            fields = self._form["fields"]
            if kind in ("checkbox", "radio", "submit") and "checked" not in attr:
                fields.setdefault(attr["name"], attr.get("value", "on"))
            else:
                fields[attr["name"]] = attr.get("value", "")
        elif tag == "select" and attr.get("name"):
            self.kinds[attr["name"]] = "select"
            self._select = attr["name"]
            self._form["fields"].setdefault(attr["name"], "")
        elif tag == "option" and self._select:
            fields = self._form["fields"]
            if not fields[self._select] or "selected" in attr:
                fields[self._select] = attr.get("value", "")
        elif tag == "textarea" and attr.get("name"):
            self.kinds[attr["name"]] = "textarea"
            self._textarea = attr["name"]
            self._form["fields"][attr["name"]] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _name_of(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


# What kind of control each field name was rendered as, across every page: number, date, …
KINDS: dict[str, str] = {}


def _crawl(client: Client, urls: list[str]) -> tuple[dict, dict]:
    """Forms by URL name (path -> fields) and query parameters by path, from these pages."""
    posts: dict[str, dict[str, dict]] = defaultdict(dict)
    queries: dict[str, set[str]] = defaultdict(set)
    for url in urls:
        for headers in ({},):
            response = client.get(url, headers=headers)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = _Forms(url)
            parser.feed(response.content.decode())
            KINDS.update(parser.kinds)
            for form in parser.forms:
                action = urlsplit(form["action"])
                path = action.path or urlsplit(url).path
                name = _name_of(path)
                if name:
                    known = posts[name].setdefault(path, {})
                    known.update({k: v for k, v in form["fields"].items() if k not in known})
            for link in parser.gets:
                parts = urlsplit(link)
                path = parts.path or urlsplit(url).path
                queries[path] |= {key for key, _value in parse_qsl(parts.query)}
    return posts, queries


@pytest.fixture
def world(db):
    """Alice's full account, bob reading it as her therapist, and charlie's things to point at."""
    alice = User.objects.create_user(
        username="alice", password="a-long-kind-password", time_zone="Pacific/Kiritimati"
    )
    bob = User.objects.create_user(
        username="bob",
        password="a-long-kind-password",
        role=User.Role.THERAPIST,
        time_zone="Pacific/Pago_Pago",
    )
    charlie = User.objects.create_user(username="charlie", password="a-long-kind-password")
    walk = skill_create(owner=alice, name="Walk the dog", kind=Kind.COPES)
    scrolling = skill_create(owner=alice, name="Doom-scrolling", kind=Kind.NEGATIVE)
    surf = surf_start(owner=alice, intensity=6, minutes=10, skill=scrolling)
    urge = UrgeLog.objects.create(owner=alice, intensity=7, skill=scrolling, note="Long day.")
    usage = UsageLog.objects.create(owner=alice, skill=walk, helped=3, urge=urge)
    UrgeLog.objects.create(  # old enough that the journal links to earlier days
        owner=alice, intensity=3, occurred_at=timezone.now() - timedelta(days=60)
    )
    plan_save_lines(owner=alice, key="reasons", text="Rufus")
    plan_save_contacts(owner=alice, key="help_people", people=[("Sam", "555 0100")])
    grant = make_grant(alice, bob, scope="everything")
    suggestion = suggestion_make(grant=grant, name="Yoga", category="", why="")
    suggestion_make(grant=grant, name="Tai chi", category="", why="")  # "set all aside" shows
    SignIn.objects.create(user=alice, browser="firefox", system="android")  # and "sign out others"
    pending = make_grant(alice, bob, scope="jars", state="pending")
    theirs = skill_create(owner=charlie, name="Charlie's rock", kind=Kind.COPES)
    skill_set_photo(skill=walk, photo=clean_photo(picture_bytes()))  # shows "remove the photo"
    objects = {
        "skill": walk,
        "negative": scrolling,
        "urge": urge,
        "usage": usage,
        "surf": surf,
        "grant": grant,
        "suggestion": suggestion,
        "pending": pending_import(alice),
    }
    return {
        "alice": alice,
        "bob": bob,
        "objects": objects,
        "pending": pending,
        "other_code": str(theirs.code),
    }


def _visitor(name: str, world) -> User:
    return world["bob"] if name.startswith("care:") else world["alice"]


def _url(name: str, pattern, world) -> str:
    if not pattern.pattern.converters:
        return reverse(name)
    if "scope" in pattern.pattern.converters:
        return reverse(name, kwargs={"scope": "everything"})
    if name in CARE_THINGS:
        return reverse(name, kwargs=care_kwargs(name, world["objects"]["grant"], world["objects"]))
    kind = OWNER_URLS[name][0] if name in OWNER_URLS else "grant"
    return reverse(name, kwargs={"code": world["objects"][kind].code})


def _pages(world) -> dict[str, list[str]]:
    """Every page to read, by who reads it; some pages show a form only in one state."""
    pages: dict[str, list[str]] = {"alice": [], "bob": []}
    for name, pattern in ALL_URLS:
        pages["bob" if name.startswith("care:") else "alice"].append(_url(name, pattern, world))
    plan = reverse("safety:plan")
    pages["alice"] += [f"{plan}?edit=warning_signs", f"{plan}?edit=help_people"]
    pages["alice"].append(reverse("sharing:detail", kwargs={"code": world["pending"].code}))
    pages["alice"].append(world["objects"]["negative"].get_absolute_url())
    pages["bob"] += [reverse("accounts:settings"), reverse("care:dashboard")]
    return pages


@pytest.fixture
def endpoints(world):
    """(name, path, visitor, rendered fields) for every POST endpoint, and the GET queries."""
    found_posts: dict[str, dict[str, dict]] = defaultdict(dict)
    found_queries: dict[str, set[str]] = defaultdict(set)
    guest = Client()
    signup_from_a_link = reverse("accounts:signup") + "?next=/jars/"  # shows its next field
    posts, queries = _crawl(guest, [reverse("accounts:login"), signup_from_a_link])
    for who, urls in _pages(world).items():
        client = Client()
        client.force_login(world[who])
        more_posts, more_queries = _crawl(client, urls)
        for name, paths in more_posts.items():
            found_posts[name].update(paths)
        for path, keys in more_queries.items():
            found_queries[path] |= keys
    for name, paths in posts.items():
        found_posts[name].update(paths)
    for path, keys in queries.items():
        found_queries[path] |= keys
    return found_posts, found_queries


def _takes_post(client: Client, url: str) -> bool:
    with transaction.atomic():
        answer = client.post(url, {}).status_code
        transaction.set_rollback(True)
    return answer != 405


def test_every_endpoint_that_takes_a_post_has_a_form_the_gate_found(world, endpoints):
    posts, _queries = endpoints
    missing = []
    for name, pattern in ALL_URLS:
        client = Client()
        client.force_login(_visitor(name, world))
        if _takes_post(client, _url(name, pattern, world)) and name not in posts:
            missing.append(name)
    assert not missing, f"No page shows a form for these POST endpoints: {missing}"


def _snapshot() -> dict[str, list]:
    """Every row the person's data lives in (not the throttles' and sign-ins' bookkeeping)."""
    skip = {"RedeemAttempt", "SignIn"}
    rows = {}
    for label in ("accounts", "skills", "journal", "safety", "sharing"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__ not in skip:
                # Signing a test visitor in stamps last_login; that is the gate's doing.
                fields = [f.attname for f in model._meta.concrete_fields if f.name != "last_login"]
                rows[model.__name__] = list(model.objects.order_by("pk").values(*fields))
    return rows


PROBLEM_MARKS = ('role="alert"', "message-error", 'class="errorlist')
# Endpoints that sign in or out, or change the session's password hash: a fresh client each.
SESSION_CHANGING = {
    "accounts:login",
    "accounts:signup",
    "accounts:logout",
    "accounts:password_change",
    "accounts:sign_out_others",
    "data:delete",
}


class _Poster:
    """Posts as the right visitor, each request in a savepoint that is rolled back, so every
    one starts from the same data (which is why one snapshot serves as 'before')."""

    def __init__(self, world) -> None:
        self.world = world
        self.before = _snapshot()
        self.clients: dict[str, Client] = {}

    def _client(self, name: str) -> Client:
        if name in ("accounts:login", "accounts:signup"):
            return Client()
        visitor = _visitor(name, self.world)
        if name in SESSION_CHANGING:
            client = Client()
            client.force_login(visitor)
            return client
        if visitor.username not in self.clients:
            self.clients[visitor.username] = Client()
            self.clients[visitor.username].force_login(visitor)
        return self.clients[visitor.username]

    def post(self, name: str, path: str, data: dict, *, htmx: bool = False) -> None:
        client = self._client(name)
        with transaction.atomic():
            response = client.post(path, data, headers=HTMX if htmx else {})
            assert response.status_code < 500, (name, data)
            html = response.content.decode(errors="replace")
            said_so = any(mark in html for mark in PROBLEM_MARKS)
            refused = response.status_code >= 400 or said_so
            if refused and response.status_code not in (404, 405):
                assert _snapshot() == self.before, (
                    f"{name} stored something it refused: {data!r:.300}"
                )
            if response.status_code == 200 and not htmx and _snapshot() == self.before:
                # A page that comes back for the same form with nothing stored says why.
                assert said_so, f"{name} refused without a word: {data!r:.300}"
            if response.status_code in (400, 422, 429):
                assert said_so, f"{name} answered {response.status_code} without a word"
            transaction.set_rollback(True)
        client.cookies.pop("messages", None)


def _with_others_code(value, world):
    """The value with the placeholder swapped for one of charlie's real ids."""
    if isinstance(value, dict):
        return {key: _with_others_code(item, world) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_others_code(item, world) for item in value]
    return world["other_code"] if value == OTHER_PERSONS_CODE else value


# Fields a page leaves empty that a form needs before it gets past its first check: with these
# filled in, the form as rendered is one that would be accepted, so a change to any one field
# reaches the code that runs after validation.
FILLED_IN = {
    "password": "a-long-kind-password",
    "old_password": "a-long-kind-password",
    "password1": "blue-kettle-morning",
    "password2": "blue-kettle-morning",
    "new_password1": "green-river-evening",
    "new_password2": "green-river-evening",
    "name": "Box breathing",
    "shown_name": "Al",
    "invite_code": "K7QM-3XPA",
}
USERNAMES = {"accounts:login": "alice", "accounts:signup": "dana"}


def _as_accepted(name: str, fields: dict[str, str]) -> dict[str, str]:
    filled = {key: value or FILLED_IN.get(key, "") for key, value in fields.items()}
    if "username" in filled:
        filled["username"] = USERNAMES[name]
    return filled


def _cases(endpoints) -> list[tuple[str, str, dict]]:
    posts, _queries = endpoints
    return [
        (name, path, _as_accepted(name, fields))
        for name, paths in sorted(posts.items())
        for path, fields in sorted(paths.items())
    ]


# The values most likely to break something past a form's first check, by the kind of
# control a field was rendered as; tried one field at a time, the rest as rendered.
SHARPEST = {
    "number": ["9223372036854775808", "-2147483649", "1e309", "NaN", "-1"],
    "date": ["0001-01-01", "9999-12-31", "2024-02-30"],
    "datetime-local": ["0001-01-01T00:00", "9999-12-31T23:59", "0001-01-01 00:00:00"],
    "choice": [OTHER_PERSONS_CODE, "not-a-uuid", "9223372036854775808", ""],
    "text": ["\x00", HUGE, "\u202e\u200b"],
}
CHOICE_KINDS = {"select", "radio", "checkbox", "hidden", "submit"}
KEEP_AS_RENDERED = {"csrfmiddlewaretoken"}


def _sharpest(field: str) -> list[str]:
    kind = KINDS.get(field, "text")
    if kind in CHOICE_KINDS:
        return SHARPEST["choice"]
    return SHARPEST.get(kind, SHARPEST["text"])


def test_every_form_takes_the_nasty_values_in_every_field_without_a_500(world, endpoints):
    poster = _Poster(world)
    checked = 0
    for name, path, fields in _cases(endpoints):
        keys = sorted(fields.keys() - KEEP_AS_RENDERED)
        # Every nasty value in some field, several fields at once, each field a different one.
        rounds = -(-len(NASTY) // len(keys)) if keys else 1
        for start in range(rounds):
            data = {key: NASTY[(start * len(keys) + n) % len(NASTY)] for n, key in enumerate(keys)}
            poster.post(name, path, _with_others_code(data, world))
            checked += 1
        # Then the sharpest values for each field's kind, one field at a time.
        for key in keys:
            for value in _sharpest(key):
                poster.post(name, path, _with_others_code({**fields, key: value}, world))
                checked += 1
    assert checked > 400


def _mutated(fields: dict[str, str]):
    """The form as rendered, with some fields replaced by strange values, dropped or repeated."""
    strange = st.one_of(
        st.sampled_from(NASTY),
        st.text(max_size=30),
        st.integers(min_value=-(10**20), max_value=10**20).map(str),
        st.dates().map(str),
        st.datetimes().map(lambda moment: moment.strftime("%Y-%m-%dT%H:%M")),
    )
    change = st.one_of(
        st.just(None),  # leave it as rendered
        st.just(()),  # leave it out
        strange,
        st.lists(strange, min_size=2, max_size=3),  # the same field more than once
    )
    return st.fixed_dictionaries({key: change for key in fields}).map(
        lambda changes: {
            key: (fields[key] if picked is None else picked)
            for key, picked in changes.items()
            if picked != ()
        }
    )


FUZZ = settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def test_every_form_takes_random_changes_to_what_it_rendered_without_a_500(world, endpoints):
    poster = _Poster(world)
    for name, path, fields in _cases(endpoints):
        _fuzz_one(poster, name, path, fields)


def _fuzz_one(poster: _Poster, name: str, path: str, fields: dict[str, str]) -> None:
    @FUZZ
    @given(data=_mutated(fields), htmx=st.booleans())
    def one_endpoint(data, htmx):
        poster.post(name, path, _with_others_code(data, poster.world), htmx=htmx)

    one_endpoint()


# What a query parameter (a day, a page number, a section, a skill) might be given instead.
QUERY_VALUES = [
    "",
    "-1",
    "0",
    "9223372036854775808",
    "1e309",
    "0001-01-01",
    "0001-01-02",
    "9999-12-31",
    "9999-12-30",
    "2024-02-30",
    "99999-01-01",
    "-0001-01-01",
    "\x00",
    "\u202e\u200b",
    HUGE,
    "not-a-uuid",
    OTHER_PERSONS_CODE,
    "../../",
]


def test_every_query_a_page_links_to_takes_nasty_values_without_a_500(world, endpoints):
    _posts, queries = endpoints
    assert queries, "the crawl found no links with a query string"
    for path, keys in sorted(queries.items()):
        name = _name_of(path)
        if name is None or name == "accounts:login":
            continue
        client = Client()
        client.force_login(_visitor(name, world))
        for number, value in enumerate(QUERY_VALUES):
            params = {key: _with_others_code(value, world) for key in keys}
            headers = HTMX if number % 2 else {}  # as a page, and as an htmx fragment
            with transaction.atomic():
                response = client.get(path, params, headers=headers)
                transaction.set_rollback(True)
            assert response.status_code < 500, (path, params, headers)
