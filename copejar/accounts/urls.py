"""URLs for signing up, in and out, and the list of sign-ins (the settings page is the
site's: copejar/urls.py)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from copejar.accounts import views
from copejar.accounts.forms import ChangePasswordForm, LoginForm

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path(
        "login/",
        views.LoginView.as_view(
            template_name="accounts/login.html",
            redirect_authenticated_user=True,
            authentication_form=LoginForm,
        ),
        name="login",
    ),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_changed"),
            form_class=ChangePasswordForm,
        ),
        name="password_change",
    ),
    path(
        "password/changed/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_changed.html"),
        name="password_changed",
    ),
    path("language/", views.language, name="language"),
    path("signed-in/", views.sign_ins, name="sign_ins"),
    path("signed-in/sign-out-others/", views.sign_out_others, name="sign_out_others"),
]
