"""Published bargaining cases (shared/oracles.md, section 1) as spaces: Bill and Jack, divide the dollar."""

from __future__ import annotations

import numpy as np

from accord.space import Space

# (value to Bill, value to Jack) of each good; Bill's goods first.
BILL_GOODS = {"book": (2, 4), "whip": (2, 2), "ball": (2, 1), "bat": (2, 2), "box": (4, 1)}


JACK_GOODS = {"pen": (10, 1), "toy": (4, 1), "knife": (6, 2), "hat": (2, 2)}


GOODS = {**BILL_GOODS, **JACK_GOODS}


IR_PARETO = [(2, 8), (6, 7), (8, 6), (12, 5), (14, 4), (16, 2), (18, 0)]


def bill_and_jack() -> Space:
    """Nash (1950), Bill and Jack: one issue per good, options keep / give; gains over no trade."""
    contrib = []
    for good, (vb, vj) in GOODS.items():
        if good in BILL_GOODS:  # Bill gives: Bill loses vb, Jack gains vj
            contrib.append([[0, -vb], [0, vj]])
        else:  # Jack gives: Bill gains vb, Jack loses vj
            contrib.append([[0, vb], [0, -vj]])
    return Space.from_arrays(
        contrib,
        [0, 0],
        parties=["Bill", "Jack"],
        issues=list(GOODS),
        options=[["keep", "give"]] * len(GOODS),
    )


def given_goods(space: Space, package: tuple[int, ...]) -> set[str]:
    return {space.issues[i] for i, k in enumerate(package) if k == 1}


def dollar(grid: int = 1200) -> Space:
    """Divide the dollar with one risk-averse side: x = j / grid to player 1, u1 = x,
    u2 = sqrt(1 - x), disagreement (0, 0) (oracles.md 1.2)."""
    x = np.arange(grid + 1) / grid
    return Space.from_arrays([[x, np.sqrt(1.0 - x)]], [0.0, 0.0], parties=["one", "two"], issues=["share"])


def share_of(space: Space, lottery: tuple[tuple[float, tuple[int, ...]], ...]) -> float:
    return float(sum(p * pkg[0] for p, pkg in lottery) / (len(space.options[0]) - 1))
