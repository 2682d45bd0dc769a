"""Strip what a grant's scope leaves out, before anything reaches a therapist's template."""

from __future__ import annotations

import copy

from journal.timeline import Day, Entry, TimelinePage


def without_notes(page: TimelinePage) -> TimelinePage:
    """The same timeline with every note emptied, on copies so nothing can be saved back."""
    days = []
    for day in page.days:
        entries = []
        for entry in day.entries:
            item = copy.copy(entry.item)
            item.note = ""
            entries.append(Entry(entry.kind, item))
        days.append(Day(day=day.day, entries=entries))
    return TimelinePage(days=days, earlier=page.earlier)
