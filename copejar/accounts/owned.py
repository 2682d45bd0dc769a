"""The one door to a person's rows: every model they own filters through `for_user`."""

from __future__ import annotations

from django.db import models


class OwnedQuerySet(models.QuerySet):
    # How a row reaches its owner; a model owned through another row names the path.
    owner_path = "owner"

    def for_user(self, user):
        """Only this person's rows; a guest gets none. Views reach objects only through here."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(**{self.owner_path: user})
