"""Settings for Jar O' Copes, read from the environment with a working SQLite default."""

from __future__ import annotations

import os
import re
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from copejar.safety.crisis_lines import parse_crisis_lines

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable, refusing anything that is not clearly one or the other."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    """Read a whole-number variable."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for local development)."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "django_ratelimit",
    # Lowest first: each app depends only on the apps above it in this list (see README).
    "copejar.accounts",
    "skills",
    "journal",
    "copejar.safety",
    "copejar.sharing",
    "copejar",
    "copejar.data",
]

MIDDLEWARE = [
    # Compressed pages for slow phone connections; Django pads the output against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "copejar.accounts.middleware.SignInMiddleware",
    "copejar.accounts.middleware.TimeZoneMiddleware",
    "copejar.accounts.middleware.LanguageMiddleware",
    "copejar.accounts.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "copejar.urls"
WSGI_APPLICATION = "copejar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "copejar.context.quick_exit",
                "copejar.context.languages",
                "copejar.context.offline",
            ],
        },
    },
]

# SQLite is tuned for several app processes at once: WAL lets readers carry on during a
# write, IMMEDIATE takes the write lock up front (a transaction that read first and writes
# later could otherwise find the database changed under it and fail at once, timeout or not),
# and the timeout waits for a busy writer instead of failing the request. synchronous=FULL
# flushes the WAL to disk at every commit, so an entry that was saved survives a power cut
# (NORMAL can lose the last commits; `manage.py benchmark` measures what FULL costs).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite, with the database and its -wal/-shm files readable by this user alone.
    DATABASES["default"]["ENGINE"] = "copejar.private_sqlite"
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests run on a file, as the app does, so tests of writers at the same moment meet the
    # same locking (an in-memory database shares a cache with table locks instead).
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "copejar.accounts.passwords.NotLikeTheUsername"},
    {"NAME": "copejar.accounts.passwords.MinimumLength"},
    {"NAME": "copejar.accounts.passwords.NotCommon"},
    {"NAME": "copejar.accounts.passwords.NotOnlyNumbers"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"  # which sends each person to their own start page
LOGOUT_REDIRECT_URL = "home"

# Repeated wrong passwords pause logins for that username from that address for a while.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 8)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# A wrong password is filed under the username tried, cut to the column's 255 characters.
AXES_USERNAME_CALLABLE = "copejar.accounts.visitors.username_for_lockout"

# One cache shared by every app process and server: a table in the database (made by
# `manage.py createcachetable`). The sign-up throttle counts in it.
CACHES = {
    "default": {
        "BACKEND": "copejar.cache.AtomicDatabaseCache",
        "LOCATION": "copejar_cache",
    },
    # The parts of every page that are the same for everyone in a language (the header, the
    # offline script's words): a few dozen entries per worker, never about one person.
    "chrome": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "copejar-chrome",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
    # Drawn parts of pages (a journal page, the jars, insights), kept in each worker's memory
    # under the person's history version, which every write moves on: a stale part is never
    # read again, so nothing needs sharing between workers or servers.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "copejar-fragments",
        "TIMEOUT": 6 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 300},
    },
}
# Sign-ups allowed per visitor address (an IPv6 /64 counts as one), as "count/period" with
# s, m, h or d: enough for a clinic behind one address, too few to probe usernames.
SIGNUP_RATE = os.environ.get("COPEJAR_SIGNUP_RATE", "20/h")
if not re.fullmatch(r"[1-9][0-9]*/([1-9][0-9]*)?[smhd]", SIGNUP_RATE):
    raise ImproperlyConfigured(
        f"COPEJAR_SIGNUP_RATE must look like 20/h (a count, then s, m, h or d), "
        f"not {SIGNUP_RATE!r}."
    )
# The throttle reads the visitor's address where django-axes does (the proxy settings below).
RATELIMIT_IP_META_KEY = "copejar.accounts.visitors.client_address"
# django-ratelimit lists only memcached and Redis as supported; the cache above increments
# under a row lock, which is what its warning is about.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

# Crisis lines shown first on the help page, to everyone. A deployment can name its own in
# COPEJAR_CRISIS_LINES, as JSON or as "name|number|note;name|number" (see crisis_lines.py).
try:
    CRISIS_LINES = parse_crisis_lines(os.environ.get("COPEJAR_CRISIS_LINES", ""))
except ValueError as problem:
    raise ImproperlyConfigured(f"COPEJAR_CRISIS_LINES: {problem}.") from None
# Unset, the help page shows the lines of the person's country (copejar/safety/crisis_table.py).

# Where "Quick exit" (on every page, or Escape twice) goes: an ordinary page that says nothing
# about this app. It is a navigation, never a resource the app loads.
QUICK_EXIT_URL = os.environ.get("COPEJAR_QUICK_EXIT_URL", "https://duckduckgo.com/")
if not re.fullmatch(r"https?://[^\s/?#]+\.[^\s/?#]+(/\S*)?", QUICK_EXIT_URL):
    raise ImproperlyConfigured(
        f"COPEJAR_QUICK_EXIT_URL must be a full http(s) address, not {QUICK_EXIT_URL!r}."
    )
# While riding out an urge, a gentle check-in comes up about this often.
SURF_CHECK_IN_SECONDS = 120

LANGUAGE_CODE = "en"
# Each language named in itself, so a person finds theirs whatever the page is in. A new
# language is a line here and a folder under locale/ (see the README).
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Skill photos and files waiting to be imported, written only through Django's storage API and
# never served from a public address (every photo goes through a view that checks who asks).
# Several app servers share one folder here, or point STORAGES["default"] at object storage.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "copejar.staticfiles.MinifiedStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Nothing leaves this origin: no CDN, no fonts, no analytics, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The offline copy (a service worker at /sw.js) and the home-screen manifest.
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Browser features the app never uses, switched off for every page (and anything it embeds):
# no camera or microphone, no location, no payments, no devices, no interest tracking. Only
# names Chromium knows are listed, since it warns in the console about any other.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# The language picked on this browser, read before anyone signs in (a signed-in person's
# own choice, kept on the account, comes first).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer asks each app server directly, often over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
# Joining the browsers' HSTS preload list binds the domain and every subdomain for months and
# is slow to undo, so it stays an explicit choice (DJANGO_SECURE_HSTS_PRELOAD=true), not a nag.
SILENCED_SYSTEM_CHECKS += ["security.W021"]
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Count wrong passwords (and wrong invitation codes) per visitor, not per proxy. The proxy
    # in front puts the visitor's address in X-Forwarded-For; set DJANGO_PROXY_COUNT to the
    # number of further proxies that list themselves there too. A header that does not add up
    # (a visitor making one up) falls back to the proxy's own address.
    AXES_IPWARE_PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
