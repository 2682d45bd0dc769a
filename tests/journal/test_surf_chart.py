"""The curve's geometry and the words under it, from plain points."""

from __future__ import annotations

from journal.surf.chart import BOTTOM, LEFT, RIGHT, TOP, surf_chart
from journal.surf.summary import chart_words, surf_summary


def test_it_spans_the_surf_in_whole_minutes_and_the_full_strength_scale():
    chart = surf_chart([(0, 10), (150, 5), (300, 0)], width=320, height=160)
    assert chart.x_ticks[-1].value == 5
    first, middle, last = chart.dots
    assert (first.x, first.y) == (LEFT, TOP)
    assert (last.x, last.y) == (320 - RIGHT, 160 - BOTTOM)
    assert middle.x == (first.x + last.x) / 2
    assert chart.line.startswith(f"M{LEFT},{TOP} L")
    assert chart.area.endswith("Z")
    assert [tick.value for tick in chart.y_ticks] == [0, 5, 10]


def test_a_single_point_still_draws():
    chart = surf_chart([(0, 6)])
    assert chart.x_ticks[-1].value == 1
    assert len(chart.dots) == 1
    assert [tick.value for tick in chart.x_ticks] == [0, 1]


def test_ticks_stay_few_and_the_end_is_always_labelled():
    chart = surf_chart([(0, 5), (31 * 60, 2)])
    values = [tick.value for tick in chart.x_ticks]
    assert values[0] == 0 and values[-1] == 31
    assert len(values) <= 7
    assert 30 not in values  # it would crowd the label for 31


def test_it_says_where_the_urge_started_and_where_it_ended():
    assert surf_summary([(0, 8), (240, 6), (720, 3)]) == "Started at 8, was 3 after 12 minutes."


def test_it_says_when_the_urge_peaked_before_it_fell():
    assert surf_summary([(0, 6), (120, 9), (600, 2)]) == (
        "Started at 6, rose to 9 after 2 minutes, and was 2 after 10 minutes."
    )


def test_it_speaks_of_a_start_alone_and_of_the_first_minute():
    assert surf_summary([(0, 4)]) == "Started at 4 out of 10."
    assert surf_summary([(0, 4), (20, 3)]) == "Started at 4, was 3 after less than a minute."


def test_the_chart_description_reads_every_point():
    assert chart_words([(0, 8), (120, 6)]) == (
        "At the start: 8 out of 10. After 2 minutes: 6 out of 10."
    )
