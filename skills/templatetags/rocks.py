"""Drawing rocks in templates: one small icon for a skill everywhere, and the jars' shading.

The icon and the rock in the jar come from the same outline (skills/pebbles.py) and the same
shading, so a rock looks the same on every page.
"""

from __future__ import annotations

from itertools import count

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from skills import pebbles
from skills.pebbles import Paint

register = template.Library()


def _gradient(element_id: str, paint: Paint) -> SafeString:
    """Soft light from the upper left: a highlight, the rock's colour, then its shaded side."""
    (fx, fy), (cx, cy) = pebbles.LIGHT_FOCUS, pebbles.LIGHT_CENTRE
    return format_html(
        '<radialGradient id="{}" cx="{}" cy="{}" r="{}" fx="{}" fy="{}">'
        '<stop offset="0" stop-color="{}"/><stop offset="0.42" stop-color="{}"/>'
        '<stop offset="1" stop-color="{}"/></radialGradient>',
        element_id,
        cx,
        cy,
        pebbles.LIGHT_RADIUS,
        fx,
        fy,
        paint.highlight,
        paint.fill,
        paint.shade,
    )


@register.simple_tag
def rock_gradient(paint: Paint) -> SafeString:
    """The shading the rocks of one colour share inside the jar drawings."""
    return _gradient(f"rock-{paint.name}", paint)


@register.simple_tag(takes_context=True)
def rock_icon(context, thing, size: int = 16, css_class: str = "") -> SafeString:
    """The small drawing of a rock, for a skill or a placed rock (anything with `.icon`)."""
    icon: pebbles.Icon = thing.icon
    # Each icon carries its own shading, named uniquely within this render; ids that meet
    # again after a partial swap belong to the same colour, so they draw the same.
    counter = context.render_context.dicts[0].setdefault("rock_icons", count(1))
    element_id = f"rock-icon-{icon.paint.name}-{next(counter)}"
    return format_html(
        '<svg class="rock-icon{}" viewBox="0 0 24 24" width="{}" height="{}" aria-hidden="true"'
        ' focusable="false"><defs>{}</defs><path d="{}" fill="url(#{}) {}" stroke="{}"'
        ' stroke-width="0.7"/></svg>',
        f" {css_class}" if css_class else "",
        size,
        size,
        _gradient(element_id, icon.paint),
        icon.path,
        element_id,
        icon.paint.fill,
        icon.paint.line,
    )


@register.simple_tag(takes_context=True)
def opened_jar(context, jars):
    """The jar the page was asked to show large (`?jar=copes`), or None."""
    request = context.get("request")
    return jars.opened(request.GET.get("jar") if request else None)
