"""Django's password checks, explained in the app's own plain words."""

from __future__ import annotations

from django.contrib.auth import password_validation as django_checks
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLength(django_checks.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "This password is shorter than %(min_length)d character; a longer one will work.",
            "This password is shorter than %(min_length)d characters; a longer one will work.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return _("At least %(min_length)d characters.") % {"min_length": self.min_length}


class NotLikeTheUsername(django_checks.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("This password is close to the %(verbose_name)s; a different one is safer.")

    def get_help_text(self) -> str:
        return _("Not too close to your username or email.")


class NotCommon(django_checks.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("This password is on a list of very common ones; a rarer one is safer.")

    def get_help_text(self) -> str:
        return _("Not one of the very common passwords.")


class NotOnlyNumbers(django_checks.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("A password of only numbers is easy to guess; adding letters helps.")

    def get_help_text(self) -> str:
        return _("Not only numbers.")
