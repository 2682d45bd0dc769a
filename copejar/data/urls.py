"""URLs for the person's data: export, import, the poster, deleting the account."""

from __future__ import annotations

from django.urls import path

from copejar.data import views

app_name = "data"

urlpatterns = [
    path("", views.data, name="page"),
    path("export.json", views.export_json, name="export_json"),
    path("export.zip", views.export_csv, name="export_csv"),
    path("poster.png", views.poster_png, name="poster_png"),
    path("poster.svg", views.poster_svg, name="poster_svg"),
    path("import/", views.import_file, name="import"),
    path("import/<uuid:code>/", views.import_preview, name="import_preview"),
    path("delete/", views.delete_account, name="delete"),
]
