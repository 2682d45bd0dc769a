"""A browser's user-agent string, read as far as plain words need: which browser, which system."""

from __future__ import annotations

from django.utils.translation import gettext as _

# First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari".
BROWSERS = [
    ("edge", ("Edg/", "EdgA/", "EdgiOS/")),
    ("opera", ("OPR/", "OPiOS/")),
    ("samsung", ("SamsungBrowser/",)),
    ("firefox", ("Firefox/", "FxiOS/")),
    ("chrome", ("Chrome/", "CriOS/", "Chromium/")),
    ("safari", ("Safari/",)),
]
SYSTEMS = [
    ("iphone", ("iPhone",)),
    ("ipad", ("iPad",)),
    ("android", ("Android",)),
    ("chromeos", ("CrOS",)),
    ("windows", ("Windows",)),
    ("mac", ("Macintosh", "Mac OS X")),
    ("linux", ("Linux", "X11")),
]


def _first(user_agent: str, table: list[tuple[str, tuple[str, ...]]]) -> str:
    return next((key for key, marks in table if any(m in user_agent for m in marks)), "")


def browser_and_system(user_agent: str) -> tuple[str, str]:
    """Short keys for the browser and the system ('firefox', 'android'); '' when unknown."""
    return _first(user_agent, BROWSERS), _first(user_agent, SYSTEMS)


def describe(browser: str, system: str) -> str:
    """The keys in words: 'Firefox on Android', 'a browser on Windows', 'an unknown device'."""
    browsers = {
        "edge": _("Edge"),
        "opera": _("Opera"),
        "samsung": _("Samsung Internet"),
        "firefox": _("Firefox"),
        "chrome": _("Chrome"),
        "safari": _("Safari"),
    }
    systems = {
        "iphone": _("an iPhone"),
        "ipad": _("an iPad"),
        "android": _("Android"),
        "chromeos": _("a Chromebook"),
        "windows": _("Windows"),
        "mac": _("a Mac"),
        "linux": _("Linux"),
    }
    name, where = browsers.get(browser), systems.get(system)
    if name and where:
        return _("%(browser)s on %(system)s") % {"browser": name, "system": where}
    if name:
        return str(name)
    if where:
        return _("a browser on %(system)s") % {"system": where}
    return str(_("an unknown device"))
