"""URLs for the journal and for riding out an urge."""

from __future__ import annotations

from django.urls import path

from journal import views
from journal.surf import views as surf

app_name = "journal"

urlpatterns = [
    path("", views.journal, name="journal"),
    path("urges/new/", views.entry_new, {"kind": "urge"}, name="urge_new"),
    path("urges/<uuid:code>/edit/", views.entry_edit, {"kind": "urge"}, name="urge_edit"),
    path("urges/<uuid:code>/delete/", views.entry_delete, {"kind": "urge"}, name="urge_delete"),
    path("urges/<uuid:code>/how-it-went/", views.urge_follow_up, name="urge_follow_up"),
    path("usages/new/", views.entry_new, {"kind": "usage"}, name="usage_new"),
    path("usages/<uuid:code>/edit/", views.entry_edit, {"kind": "usage"}, name="usage_edit"),
    path("usages/<uuid:code>/delete/", views.entry_delete, {"kind": "usage"}, name="usage_delete"),
    path("insights/", views.my_insights, name="insights"),
    path("insights/year/", views.my_year, name="insights_year"),
    path("insights/growth/", views.my_growth, name="insights_growth"),
    path("diary/", views.my_diary, name="diary"),
    path("surf/", surf.surf_new, name="surf_new"),
    path("surf/<uuid:code>/", surf.surf, name="surf"),
    path("surf/<uuid:code>/check-in/", surf.surf_check_in, name="surf_check_in"),
    path("surf/<uuid:code>/end/", surf.surf_end, name="surf_end"),
    path("surfs/", surf.surf_history, name="surfs"),
]
