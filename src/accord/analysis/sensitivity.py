"""Flip distances: how far the decisive estimate must move to flip a party's verdict.

For party ``p`` and a package ``x`` the verdict rests on the margin

    m = u_p(x) - BATNA_p,      u_p(x) = sum_i w_i v_i(x_i)   (normalised weights, sum 1)

(``x`` is acceptable when ``m > TOL`` and no red line is crossed; design.md, "The
scenario file"). Three one-at-a-time distances, in the spirit of one-way
sensitivity analysis of additive value models (Keeney & Raiffa 1976, *Decisions
with Multiple Objectives*, ch. 3; von Winterfeldt & Edwards 1986, *Decision
Analysis and Behavioral Research*, ch. 11):

- **BATNA alone**: the verdict flips when ``BATNA_p`` moves by ``|m|`` (rises for an
  acceptance, falls for a rejection).
- **Values alone**: a uniform shift ``d`` of ``p``'s values of the package's options
  moves ``u_p(x)`` by exactly ``d`` (the weights sum to 1), so ``|m|`` again, but in
  the values: they fall for an acceptance, rise for a rejection.
- **One weight**: scaling issue ``j``'s weight by a factor ``f`` gives

      u(f) = (sum_{i != j} w_i v_i + f w_j v_j) / (1 - w_j + f w_j),

  a ratio of linear functions of ``f``, monotone in ``f``. With the issue's *share*
  ``s_j = w_j (v_j - BATNA_p)`` (the shares sum to ``m``), ``u(f) = BATNA_p`` solves to
  ``f* = 1 - m / s_j``; it is a weight (``f* > 0``) only when ``m / s_j < 1``. The
  relative change ``|f* - 1| = |m / s_j|`` is smallest for the largest such
  ``|s_j|``. When no issue qualifies no single weight flips the verdict.

Each distance is compared with the profile's stated spread (points for BATNA and
values, relative for weights). A red line crossed is not margin-based: no move of
these estimates flips it. For an acceptance the distances are exact (at them the
margin is zero and the package is no longer acceptable); for a rejection they are
the infimum (acceptance needs a margin above :data:`~accord.numeric.TOL`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from accord.numeric import TOL
from accord.space import Space

__all__ = ["Decisive", "FlipDistances", "WeightFlip", "flip_distances", "party_flip_distances"]

Decisive = Literal["batna", "values", "weight", "red line"]
"""Which estimate's move flips a verdict soonest, relative to its stated spread."""


@dataclass(frozen=True, slots=True, kw_only=True)
class WeightFlip:
    """Multiplying the weight of ``issue`` by ``factor`` flips the verdict."""

    issue: str
    factor: float

    @property
    def change(self) -> float:
        """The relative change of the weight, ``|factor - 1|``."""
        return abs(self.factor - 1.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class FlipDistances:
    """How far each estimate of one party must move to flip its verdict on one package.

    ``margin`` is ``u_p(x) - BATNA_p``; ``batna`` and ``values`` its absolute value
    (points); ``weight`` the smallest single-weight change that flips it (None: no
    single weight does, or the space has no weights, see ``weights_known``).
    ``red_lines`` names the red lines the package crosses: then the verdict is not
    margin-based. The spreads are the profile's stated ones.
    """

    party: str
    margin: float
    batna: float
    values: float
    weight: WeightFlip | None
    red_lines: tuple[str, ...] = ()
    weights_known: bool = True
    batna_spread: float = 0.0
    value_spread: float = 0.0
    weight_spread: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "red_lines", tuple(self.red_lines))

    @property
    def accepted(self) -> bool:
        """Whether the verdict is acceptance (margin above TOL, no red line crossed)."""
        return self.margin > TOL and not self.red_lines

    def ratios(self) -> dict[str, float]:
        """Each distance over its stated spread (``inf`` for a spread of 0 unless the distance is 0)."""

        def ratio(distance: float, spread: float) -> float:
            if spread > 0:
                return distance / spread
            return 0.0 if distance <= TOL else float("inf")

        out = {"batna": ratio(self.batna, self.batna_spread), "values": ratio(self.values, self.value_spread)}
        if self.weight is not None:
            out["weight"] = ratio(self.weight.change, self.weight_spread)
        return out

    @property
    def decisive(self) -> Decisive:
        """The estimate whose move flips the verdict soonest relative to its spread (BATNA on ties)."""
        if self.red_lines:
            return "red line"
        ratios = self.ratios()
        best = min(ratios.values())
        names: tuple[Decisive, ...] = ("batna", "values", "weight")
        for name in names:
            if ratios.get(name) == best:
                return name
        raise AssertionError("unreachable: ratios always holds batna")


def party_flip_distances(space: Space, p: int, package: Sequence[int]) -> FlipDistances:
    """The flip distances of party ``p`` (a row of ``space``) for a complete ``package``."""
    margin = float(space.utility(package)[p] - space.batna[p])
    return FlipDistances(
        party=space.parties[p],
        margin=margin,
        batna=abs(margin),
        values=abs(margin),
        weight=_weight_flip(space, p, package),
        red_lines=tuple(c.origin.name for c in space.crossed(package, p)),
        weights_known=space.weights is not None,
        batna_spread=float(space.batna_spread[p]),
        value_spread=float(space.value_spread[p]),
        weight_spread=float(space.weight_spread[p]),
    )


def flip_distances(space: Space, package: Sequence[int]) -> tuple[FlipDistances, ...]:
    """The flip distances of every party of ``space`` for a complete ``package``."""
    return tuple(party_flip_distances(space, p, package) for p in range(len(space.parties)))


def _weight_flip(space: Space, p: int, package: Sequence[int]) -> WeightFlip | None:
    """The smallest relative change of one weight that flips the verdict (closed form ``1 - m/s_j``).

    The boundary solved for is a margin of exactly :data:`TOL` (where acceptance
    ends), so the shares are taken against ``BATNA + TOL``.
    """
    if space.weights is None:
        return None
    batna = float(space.batna[p]) + TOL
    shares = {}
    for j, k in enumerate(package):
        w = float(space.weights[p, j])
        if w > 0:  # an issue the party does not weigh has no weight to change
            shares[j] = float(space.contrib[j][p, k]) - w * batna  # w_j (v_j - BATNA)
    best: WeightFlip | None = None
    for j, share in shares.items():
        # The other issues' part of the margin, summed directly: with no other
        # issue it is exactly 0 and no factor of this one moves the utility.
        rest = sum(s for i, s in shares.items() if i != j)
        factor = -rest / share if abs(share) > TOL else 0.0  # f* = 1 - m/s_j
        if factor > 0 and (best is None or abs(factor - 1.0) < best.change):
            best = WeightFlip(issue=space.issues[j], factor=factor)
    return best
