"""Run as `python -m tests.ops.prepare NAME` against DATABASE_URL: migrate, then sign NAME in
and print their session and CSRF cookies as JSON (used to set up a served app)."""

from __future__ import annotations

import json
import sys

import django


def main(username: str) -> None:
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils.crypto import get_random_string

    from copejar.accounts.models import User

    call_command("migrate", verbosity=0, interactive=False)
    person = User.objects.create_user(username=username, password="a-long-kind-password")
    client = Client()
    client.force_login(person)
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": get_random_string(32)}
    print(json.dumps(cookies))


if __name__ == "__main__":
    main(sys.argv[1])
