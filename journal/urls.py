"""URLs for the journal."""

from __future__ import annotations

from django.urls import path

from journal import surf_views, views

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

urlpatterns += [
    path("surf/", surf_views.surf_new, name="surf_new"),
    path("surf/<uuid:code>/", surf_views.surf, name="surf"),
    path("surf/<uuid:code>/check-in/", surf_views.surf_check_in, name="surf_check_in"),
    path("surf/<uuid:code>/end/", surf_views.surf_end, name="surf_end"),
    path("surfs/", surf_views.surf_history, name="surfs"),
]
