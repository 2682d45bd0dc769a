"""The health check a load balancer asks: 'ok' while the database answers, 503 when not."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.ops.serving import app_env, gunicorn

pytestmark = pytest.mark.django_db


def test_it_says_ok_to_anyone_without_a_session(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "sessionid" not in response.cookies
    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_it_answers_head_and_refuses_post(client):
    head = client.head(reverse("healthz"))
    post = client.post(reverse("healthz"))

    assert head.status_code == 200
    assert head.content == b""
    assert post.status_code == 405


def test_it_is_never_cached_for_a_signed_in_person_either(alice_client):
    response = alice_client.get(reverse("healthz"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@override_settings(SECURE_SSL_REDIRECT=True)
def test_a_load_balancer_asking_over_plain_http_is_not_redirected(client):
    assert client.get(reverse("safety:help")).status_code == 301
    assert client.get(reverse("healthz")).status_code == 200


def test_it_answers_503_when_the_database_is_out_of_reach(tmp_path):
    # The database file's folder does not exist, so no connection can be opened.
    env = app_env(tmp_path, f"sqlite:///{tmp_path / 'gone' / 'db.sqlite3'}")
    with gunicorn(env, tmp_path, workers=1) as served:
        status, headers, body = served.request("GET", "/healthz")

    assert status == 503
    assert body == b"database unavailable"
    assert "no-store" in headers["Cache-Control"]
    assert "did not answer" in served.output()
