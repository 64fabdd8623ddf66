"""The registries: every strategy loads by name with its defaults; bad names and parameters are named."""

from __future__ import annotations

import pytest

from accord.protocols import PROTOCOLS, STRATEGIES, MediatorStrategy, Strategy, make_strategy, simulate
from accord.space import Space, SpaceError

SPACE = Space.from_arrays([[[10.0, 0.0], [0.0, 10.0]]], [1.0, 1.0])


@pytest.mark.parametrize("name", STRATEGIES.names)
def test_every_strategy_loads_with_its_defaults_and_fills_its_seat(name: str) -> None:
    spec = STRATEGIES.get(name)
    made = make_strategy(name, role=spec.role)
    assert isinstance(made, Strategy if spec.role == "delegation" else MediatorStrategy)
    assert spec.title and spec.citation


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("nosuch", "unknown strategy 'nosuch'; known: boulware"),
        ("boulware(x=1)", "unknown parameter 'x' (takes e)"),
        ("boulware(e=-1)", "parameter e must be > 0"),
        ("boulware(e='a')", "parameter e must be a number"),
        ("linear(e=1)", "takes no parameters"),
        ("nash-mediator", "is a mediator strategy"),
        ("boulware(e=", "expected NAME or NAME(key=value"),
    ],
)
def test_a_bad_strategy_is_an_error_naming_what_is_wrong(text: str, needle: str) -> None:
    with pytest.raises(SpaceError) as err:
        make_strategy(text)
    assert err.value.field == "strategies"
    assert needle in str(err.value)


def test_an_unknown_protocol_lists_the_known_ones() -> None:
    with pytest.raises(SpaceError) as err:
        simulate(SPACE, "auction")
    assert err.value.field == "protocol"
    assert all(name in str(err.value) for name in PROTOCOLS.names)


def test_a_strategy_for_a_seat_nobody_holds_is_an_error() -> None:
    with pytest.raises(SpaceError, match="no seat ZZ"):
        simulate(SPACE, "alternating-offers", {"ZZ": "linear"})
    with pytest.raises(SpaceError, match="no seat mediator"):
        simulate(SPACE, "alternating-offers", {"mediator": "nash-mediator"})


def test_a_deadline_below_one_round_is_an_error() -> None:
    with pytest.raises(SpaceError) as err:
        simulate(SPACE, deadline=0)
    assert err.value.field == "deadline"


def test_parameters_reach_the_strategy() -> None:
    made = make_strategy("boulware(e=0.5)")
    assert made.e == 0.5
    assert make_strategy("nash-mediator(restarts=0)", role="mediator").restarts == 0
