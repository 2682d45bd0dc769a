"""One-time keys: a form sent twice (a double tap, a resend, a queue sent again) makes one row.

Each creating form renders a fresh key in a hidden field (`OnceField`); the row is saved under
it (`once`), and a second request with that key gets the row the first one made. Each model
that takes part has a nullable `once_key` column, unique together with whoever owns the row.
"""

from __future__ import annotations

import uuid
from typing import TypeVar

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet

Row = TypeVar("Row", bound=Model)


class OnceField(forms.CharField):
    """A key the form carries so that sending it twice makes one row, not two.

    Each form drawn gets a fresh key. A missing or unreadable key never blocks a save; that
    row simply has no key.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)

    def clean(self, value) -> uuid.UUID | None:
        try:
            return uuid.UUID(str(value)) if value else None
        except ValueError:
            return None


def already(once_key: uuid.UUID | None, same_owner: QuerySet) -> Model | None:
    """The row an earlier request made under this key, if any."""
    if once_key is None:
        return None
    return same_owner.filter(once_key=once_key).first()


def once(row: Row, once_key: uuid.UUID | None, same_owner: QuerySet) -> tuple[Row, bool]:
    """Save a new row under its one-time key; if that key already made a row, return that one.

    Returns the row and whether it is new. Two requests with one key at the same moment both
    get the same row: the database's unique key decides, and the loser reads the winner's.
    """
    if once_key is None:
        row.save()
        return row, True
    earlier = already(once_key, same_owner)
    if earlier is not None:
        return earlier, False
    row.once_key = once_key
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        row.pk = None
        return same_owner.get(once_key=once_key), False
    return row, True
