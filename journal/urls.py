"""URLs for the journal."""

from __future__ import annotations

from django.urls import path

from journal import views

app_name = "journal"

urlpatterns = [path("", views.journal, name="journal")]
for _kind in ("urge", "usage"):
    urlpatterns += [
        path(f"{_kind}s/new/", views.entry_new, {"kind": _kind}, name=f"{_kind}_new"),
        path(
            f"{_kind}s/<uuid:code>/edit/", views.entry_edit, {"kind": _kind}, name=f"{_kind}_edit"
        ),
        path(
            f"{_kind}s/<uuid:code>/delete/",
            views.entry_delete,
            {"kind": _kind},
            name=f"{_kind}_delete",
        ),
    ]
