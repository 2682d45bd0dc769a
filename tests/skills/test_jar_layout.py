"""The jar layout is pure and deterministic: same skills, same jar; new rocks land on top."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from skills import jar_layout
from skills.jar_layout import RockSpec, layout_jar, rock_radius

SHAPES = ["round", "pebble", "chunk", "triangle", "hexagon", "diamond"]


def _specs(count: int, uses: int = 0) -> list[RockSpec]:
    return [
        RockSpec(
            key=f"skill-{n}",
            label=f"Skill {n}",
            colour="#2a9d8f",
            shape=SHAPES[n % len(SHAPES)],
            uses=uses,
        )
        for n in range(count)
    ]


specs_strategy = st.lists(
    st.builds(
        RockSpec,
        key=st.uuids().map(str),
        label=st.text(min_size=1, max_size=30),
        colour=st.just("#e76f51"),
        shape=st.sampled_from(SHAPES),
        uses=st.integers(min_value=0, max_value=400),
    ),
    max_size=60,
    unique_by=lambda spec: spec.key,
)


def test_it_draws_the_same_jar_every_time():
    assert layout_jar(_specs(12, uses=3)) == layout_jar(_specs(12, uses=3))


def test_a_new_rock_lands_on_top_without_moving_the_others():
    before = layout_jar(_specs(9))
    after = layout_jar(_specs(10))
    assert after[:9] == before
    assert after[9].y <= min(rock.y for rock in before) + 1


def test_a_rock_grows_with_use_up_to_a_cap():
    assert rock_radius(0) < rock_radius(1) < rock_radius(4) < rock_radius(12)
    assert rock_radius(12) == rock_radius(500) == jar_layout.MAX_RADIUS


def test_rocks_keep_their_order_label_and_colour():
    rocks = layout_jar(_specs(5))
    assert [rock.label for rock in rocks] == [f"Skill {n}" for n in range(5)]
    assert {rock.colour for rock in rocks} == {"#2a9d8f"}


def test_an_empty_jar_has_no_rocks():
    assert layout_jar([]) == []


@settings(max_examples=60, deadline=None)
@given(specs_strategy)
def test_every_rock_stays_inside_the_jar(specs):
    rocks = layout_jar(specs)
    assert len(rocks) == len(specs)
    for rock in rocks:
        assert rock.x - rock.radius >= jar_layout.INSIDE_LEFT - 0.2
        assert rock.x + rock.radius <= jar_layout.INSIDE_RIGHT + 0.2
        assert rock.y + rock.radius <= jar_layout.FLOOR + rock.radius * 0.2 + 0.2
        assert rock.path.startswith("M") and rock.path.endswith("Z")


@settings(max_examples=30, deadline=None)
@given(specs_strategy.filter(lambda specs: len(specs) <= 20))
def test_up_to_twenty_rocks_fit_below_the_neck(specs):
    rocks = layout_jar(specs)
    assert all(rock.y - rock.radius >= jar_layout.NECK - 0.5 for rock in rocks)
