"""The jar layout is pure and deterministic: rocks settle under gravity inside the glass,
never pile into each other, and a new rock lands on top without moving the others."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import affinity
from shapely.geometry import LineString, Polygon

from skills import jar_layout, pebbles
from skills.jar_layout import RockSpec, layout_jar, rock_size
from skills.jar_shape import jar_shape
from skills.palette import SHAPES

SHAPE_KEYS = list(SHAPES)


def _specs(count: int, uses: int = 0) -> list[RockSpec]:
    return [
        RockSpec(
            key=f"skill-{n}",
            label=f"Skill {n}",
            colour="#2a9d8f",
            shape=SHAPE_KEYS[n % len(SHAPE_KEYS)],
            uses=uses,
        )
        for n in range(count)
    ]


spec_strategy = st.builds(
    RockSpec,
    key=st.uuids().map(str),
    label=st.text(min_size=1, max_size=30),
    colour=st.just("#e76f51"),
    shape=st.sampled_from(SHAPE_KEYS),
    uses=st.integers(min_value=0, max_value=400),
)
specs_strategy = st.lists(spec_strategy, max_size=45, unique_by=lambda spec: spec.key)


def _polygon(rock) -> Polygon:
    return Polygon(rock.outline)


def test_it_draws_the_same_jar_every_time():
    assert layout_jar(_specs(12, uses=3)) == layout_jar(list(_specs(12, uses=3)))


def test_a_rock_grows_with_use_up_to_a_cap():
    assert rock_size(0) < rock_size(1) < rock_size(4) < rock_size(12)
    assert rock_size(12) == rock_size(500) == jar_layout.MAX_SIZE


def test_rocks_keep_their_order_label_and_colour():
    rocks = layout_jar(_specs(5)).rocks
    assert [rock.label for rock in rocks] == [f"Skill {n}" for n in range(5)]
    assert [rock.order for rock in rocks] == [0, 1, 2, 3, 4]
    assert {rock.colour for rock in rocks} == {"#2a9d8f"}


def test_an_empty_jar_has_no_rocks():
    heap = layout_jar([])
    assert heap.rocks == ()
    assert heap.height == 0


def test_the_first_rock_rests_on_the_floor():
    (rock,) = layout_jar(_specs(1)).rocks
    assert max(y for _, y in rock.outline) == jar_layout.FLOOR


@settings(max_examples=40, deadline=None)
@given(specs_strategy)
def test_every_rock_rests_inside_the_glass(specs):
    heap = layout_jar(specs)
    cavity = Polygon(jar_shape("copes", heap).cavity.points).buffer(0.3)
    assert len(heap.rocks) == len(specs)
    for rock in heap.rocks:
        assert cavity.contains(_polygon(rock)), f"{rock.label} pokes through the glass"


@settings(max_examples=40, deadline=None)
@given(specs_strategy)
def test_rocks_do_not_pile_into_each_other(specs):
    rocks = [_polygon(rock) for rock in layout_jar(specs).rocks]
    for a, b in itertools.combinations(rocks, 2):
        shared = a.intersection(b).area
        assert shared <= 0.02 * min(a.area, b.area), "two rocks overlap"


@settings(max_examples=40, deadline=None)
@given(specs_strategy.filter(lambda specs: len(specs) >= 1), spec_strategy)
def test_a_new_rock_lands_on_top_without_moving_the_others(specs, new):
    if new.key in {spec.key for spec in specs}:
        return
    before = layout_jar(specs)
    after = layout_jar([*specs, new])
    if after.scale == before.scale:
        assert after.rocks[:-1] == before.rocks
    else:
        # A brim-full jar draws every rock a little smaller; they settle in the same order.
        assert after.scale < before.scale
    # Nothing that was there before lies above the new rock.
    newest = _polygon(after.rocks[-1])
    left, _, right, _ = newest.bounds
    for step in range(1, 20):
        x = left + (right - left) * step / 20
        column = LineString([(x, -1000), (x, 1000)]).intersection(newest)
        if column.is_empty:
            continue
        top = column.bounds[1]
        above = LineString([(x, top - 1000), (x, top - 0.01)])
        for earlier in after.rocks[:-1]:
            assert above.intersection(_polygon(earlier)).length < 0.5


def test_a_dozen_well_used_rocks_keep_their_full_size():
    heap = layout_jar(_specs(12, uses=12))
    assert heap.scale == 1
    assert {rock.size for rock in heap.rocks} == {
        round(rock_size(12) * (1 + (pebbles.noise(rock.key, "size") - 0.5) * 0.12), 2)
        for rock in heap.rocks
    }


@settings(max_examples=30, deadline=None)
@given(specs_strategy)
def test_a_full_jar_draws_its_rocks_smaller_rather_than_overflow(specs):
    heap = layout_jar(specs)
    assert heap.height <= jar_layout.MAX_HEAP
    assert jar_shape("copes", heap).body >= heap.height


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40), st.sampled_from([*SHAPE_KEYS, "unknown"]))
def test_every_rock_is_a_smooth_closed_outline(key, shape):
    rock = layout_jar([RockSpec(key=key, label="A", colour="#2a9d8f", shape=shape)]).rocks[0]
    assert rock.path.startswith("M") and rock.path.endswith("Z")
    assert rock.path.count("C") == pebbles.CONTROL_POINTS
    assert "L" not in rock.path  # curves all round, no corners
    outline = _polygon(rock)
    assert outline.is_valid and outline.is_simple
    assert abs(outline.area - 3.14159 * rock.size**2) < 0.03 * outline.area


def _difference(a: Polygon, b: Polygon) -> float:
    """How different two outlines are, however they lean: the share of area not shared."""
    return min(
        a.symmetric_difference(affinity.rotate(b, angle, origin=(0, 0))).area / a.area
        for angle in range(-30, 31, 2)
    )


@settings(max_examples=25, deadline=None)
@given(
    st.text(min_size=1, max_size=12),
    st.text(min_size=1, max_size=12),
    st.sampled_from(list(itertools.combinations(SHAPE_KEYS, 2))),
)
def test_each_silhouette_stays_recognisable(key, other_key, pair):
    first, second = pair
    one, other = (
        Polygon(pebbles.pebble(key, first).outline),
        Polygon(pebbles.pebble(other_key, first).outline),
    )
    different = Polygon(pebbles.pebble(other_key, second).outline)
    # Two rocks of one silhouette differ less than any rock of another silhouette.
    assert _difference(one, other) < 0.115 < _difference(one, different)


def test_a_rock_keeps_its_shape_for_life():
    small = layout_jar(_specs(1, uses=0)).rocks[0]
    large = layout_jar(_specs(1, uses=12)).rocks[0]
    grown = affinity.scale(
        affinity.translate(_polygon(small), -small.x, -small.y),
        large.size / small.size,
        large.size / small.size,
        origin=(0, 0),
    )
    moved = affinity.translate(_polygon(large), -large.x, -large.y)
    assert grown.symmetric_difference(moved).area < 0.01 * moved.area


def test_a_labels_spot_is_over_its_rock_and_inside_the_glass():
    specs = [
        RockSpec(
            key=f"k{n}", label="A rather long name for a rock", colour="#2a9d8f", shape="round"
        )
        for n in range(12)
    ]
    for rock in layout_jar(specs).rocks:
        half = len(rock.short_label) * jar_layout.LABEL_FONT * 0.3
        assert rock.label_x - half >= jar_layout.INSIDE_LEFT
        assert rock.label_x + half <= jar_layout.INSIDE_RIGHT
        assert rock.label_y < min(y for _, y in rock.outline)


def test_a_long_label_is_cut_to_fit():
    rock = layout_jar(
        [
            RockSpec(
                key="k",
                label="Walk all the way round the big park",
                colour="#2a9d8f",
                shape="round",
            )
        ]
    ).rocks[0]
    assert rock.short_label == "Walk all the way round…"
    assert len(rock.short_label) <= jar_layout.LABEL_CHARS


def test_only_the_dropping_rock_is_marked():
    heap = layout_jar(_specs(3)).dropping("skill-1")
    assert [rock.drop for rock in heap.rocks] == [False, True, False]
    assert layout_jar(_specs(3)).dropping(None) == layout_jar(_specs(3))
