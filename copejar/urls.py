"""Root URLs."""

from __future__ import annotations

from django.urls import include, path

from copejar import views
from copejar.accounts import urls as account_urls
from skills import urls as skill_urls

# The accounts app's pages, and its settings page, which the site serves: a new time zone
# moves every entry to another day, and the journal's counts below must move with it.
account_pages = [
    *account_urls.urlpatterns,
    path("settings/", views.account_settings, name="settings"),
]

# The skills app's own pages, and beside them the site's pages about one skill (they show its
# story from the journal, which the skills app below it cannot read).
skill_pages = [
    *skill_urls.urlpatterns,
    path("<uuid:code>/", views.skill_detail, name="detail"),
    path("<uuid:code>/alternatives/", views.skill_alternatives, name="alternatives"),
    path("<uuid:code>/edit/", views.skill_edit, name="edit"),
    path("<uuid:code>/delete/", views.skill_delete, name="delete"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("offline/", views.offline, name="offline"),
    path("accounts/", include((account_pages, account_urls.app_name))),
    path("accounts/data/", include("copejar.data.urls")),
    path("skills/", include((skill_pages, skill_urls.app_name))),
    path("jars/", views.jars, name="jars"),
    path("journal/", include("journal.urls")),
    path("sharing/", include("copejar.sharing.urls")),
    path("care/", include("copejar.sharing.care_urls")),
    path("", include("copejar.safety.urls")),
]
