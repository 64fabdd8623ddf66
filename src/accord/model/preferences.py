"""Estimated preferences: whose estimate, of what, and how unsure.

Every :class:`Profile` belongs to a :class:`Perspective` (an analyst, a
delegation, a think tank). The utility of a package ``x`` for party ``p`` is

    u_p(x) = sum_i w_p,i * v_p,i(x_i) / sum_i w_p,i          (0-100)

over the issues ``i`` that ``p`` weighs; ``x`` is *acceptable* to ``p`` when
``u_p(x) > BATNA_p`` and ``x`` crosses none of ``p``'s red lines (design.md,
"The scenario file"; Fisher & Ury 1981 for BATNA).
"""

from __future__ import annotations

import datetime
import itertools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from accord.model.constraints import Condition, condition_holds, condition_text, copy_condition
from accord.model.elements import Issue, Quote, check_id, first_duplicate, freeze_tuples, read_only
from accord.model.problems import ModelError

SCALE_MIN = 0.0
SCALE_MAX = 100.0


PerspectiveKind = Literal["descriptive", "prescriptive"]
PERSPECTIVE_KINDS: tuple[PerspectiveKind, ...] = ("descriptive", "prescriptive")

_AS_OF = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
AS_OF_HINT = "write a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025-12"


def check_as_of(value: str, field: str = "as_of") -> None:
    """Raise :class:`ModelError` unless ``value`` is empty or a date ``YYYY[-MM[-DD]]``."""
    if not value:
        return
    m = _AS_OF.match(value)
    ok = m is not None
    if m is not None and m.group(2) is not None:
        try:
            datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
        except ValueError:
            ok = False
    if not ok:
        raise ModelError(field, f"{value!r} is not a date", AS_OF_HINT)


@dataclass(frozen=True, slots=True, kw_only=True)
class Perspective:
    """Whose estimates a set of profiles are, as of when, and what kind of claim they make.

    ``attribution`` says whose view it encodes (a named school or author, or
    "statements of the government of X"); ``as_of`` when (``YYYY``, ``YYYY-MM``
    or ``YYYY-MM-DD``). A *descriptive* perspective estimates what the parties
    want; a *prescriptive* one encodes what someone argues a party *should*
    accept, and is never a forecast. ``mirror`` names the perspective that
    shifts power the other way (each names the other). ``parties`` are the
    parties (or factions, ``US.NSC``) it claims to cover.
    """

    id: str
    name: str = ""
    owner: str = ""
    description: str = ""
    as_of: str = ""
    attribution: str = ""
    kind: PerspectiveKind = "descriptive"
    mirror: str | None = None
    parties: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "sources", "parties", "quotes")
        check_id(self.id)
        check_as_of(self.as_of)
        if self.kind not in PERSPECTIVE_KINDS:
            raise ModelError("kind", f"unknown kind {self.kind!r}", "descriptive or prescriptive")
        if self.mirror is not None:
            check_id(self.mirror, "mirror")
            if self.mirror == self.id:
                raise ModelError("mirror", "a perspective cannot mirror itself")
        dup = first_duplicate(list(self.parties))
        if dup is not None:
            raise ModelError("parties", f"{dup!r} is listed twice")


RedLineOrigin = Literal["declared", "floor", "factions"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RedLine:
    """A combination of options a party will not accept at any price.

    ``origin`` says where it comes from: ``declared`` in the file, compiled from a
    per-issue ``floor`` (:func:`floor_red_line`), or held by a weight majority of
    the party's ``factions`` (a derived profile).
    """

    terms: Condition
    why: str = ""
    sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    origin: RedLineOrigin = "declared"

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", copy_condition(self.terms))
        freeze_tuples(self, "sources", "quotes")
        if not self.terms:
            raise ModelError("terms", "a red line needs at least one issue")
        if self.origin not in ("declared", "floor", "factions"):
            raise ModelError("origin", f"unknown red line origin {self.origin!r}")

    def crossed_by(self, package: Mapping[str, str]) -> bool:
        """Whether ``package`` (``{issue: option}``) crosses the red line."""
        return condition_holds(self.terms, package)

    def text(self) -> str:
        """The red line in condition notation: ``crimea=russia and dmz=no``."""
        return condition_text(self.terms)


@dataclass(frozen=True, slots=True, kw_only=True)
class Spread:
    """How unsure an estimate is: relative for weights, points for values/BATNA."""

    weights: float = 0.0
    values: float = 0.0
    batna: float = 0.0

    def __post_init__(self) -> None:
        for name in ("weights", "values", "batna"):
            v = getattr(self, name)
            if not math.isfinite(v) or v < 0:
                raise ModelError(name, f"spread must be a finite number >= 0, got {v!r}")


BatnaKind = Literal["value", "no_deal"]


@dataclass(frozen=True, slots=True, kw_only=True)
class BatnaBasis:
    """How a profile's BATNA was stated: a number, or relative to the no-deal package.

    ``kind`` "value": the BATNA is stated as a number; "no_deal": it is the
    utility of the no-deal package (every issue at its status quo) plus
    ``offset`` points. ``why`` is the stated reason; ``no_deal_utility`` the
    utility of no deal for this profile, when every weighted issue has a status
    quo (``None`` otherwise).
    """

    kind: BatnaKind = "value"
    offset: float = 0.0
    why: str = ""
    no_deal_utility: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("value", "no_deal"):
            raise ModelError("batna", f"unknown BATNA kind {self.kind!r}", "value or no_deal")
        if not math.isfinite(self.offset):
            raise ModelError("batna.no_deal", f"offset must be a finite number, got {self.offset!r}")
        if self.kind == "no_deal" and self.no_deal_utility is None:
            raise ModelError("batna.no_deal", "a BATNA relative to no deal needs the no-deal utility")


def no_deal_utility(
    issues: Mapping[str, Issue], weights: Mapping[str, float], values: Mapping[str, Mapping[str, float]]
) -> float:
    """The utility of the no-deal package (every issue at its status quo) on 0-100.

    ``u(no deal) = sum_i w_i * v_i(status_quo_i) / sum_i w_i`` over the weighted
    issues. Raises :class:`ModelError` (field ``batna.no_deal``) naming a weighted
    issue without a status quo, :class:`ValueGap` when a value is missing and
    ``KeyError`` for an unknown issue.
    """
    if not weights:
        raise ModelError("weights", "a profile needs at least one weighted issue")
    total = 0.0
    for issue_id, w in weights.items():
        issue = issues[issue_id]
        if issue.status_quo is None:
            raise ModelError(
                "batna.no_deal",
                f"no deal is undefined: weighted issue {issue_id!r} has no status_quo",
                "give every weighted issue a status_quo, or state the BATNA as a number",
            )
        total += w * complete_values(issue, values.get(issue_id, {}))[issue.index(issue.status_quo)]
    return total / sum(weights.values())


def _empty_values() -> Mapping[str, Mapping[str, float]]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """One perspective's estimate of one party's (or faction's) preferences.

    ``values`` may be partial on a numeric issue: missing levels are
    interpolated linearly between the given ones (see :func:`complete_values`).
    ``batna`` is resolved (a number on 0-100); ``batna_basis`` says how it was
    stated (a number, or relative to no deal) and why. ``floors`` are the
    per-issue limits already compiled into ``red_lines``. ``derived_from`` names
    the factions a derived party profile aggregates (empty for a stated one).
    ``weights`` and ``values`` are read-only copies of what the caller passed.
    """

    party: str
    perspective: str
    weights: Mapping[str, float]
    values: Mapping[str, Mapping[str, float]] = field(default_factory=_empty_values)
    batna: float
    batna_basis: BatnaBasis = field(default_factory=BatnaBasis)
    floors: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    faction: str | None = None
    red_lines: tuple[RedLine, ...] = ()
    spread: Spread = field(default_factory=Spread)
    rationale: str = ""
    sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    derived_from: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        freeze_tuples(self, "derived_from")
        object.__setattr__(self, "weights", read_only(self.weights))
        object.__setattr__(self, "floors", read_only(self.floors))
        for issue, floor in self.floors.items():
            if not isinstance(floor, int | float) or not (SCALE_MIN <= floor <= SCALE_MAX):
                raise ModelError(f"floors.{issue}", f"a floor must be within 0-100, got {floor!r}")
        object.__setattr__(
            self, "values", MappingProxyType({k: read_only(v) for k, v in self.values.items()})
        )
        freeze_tuples(self, "red_lines", "sources", "quotes")
        check_id(self.party, "party")
        check_id(self.perspective, "perspective")
        if self.faction is not None:
            check_id(self.faction, "faction")
        if not self.weights:
            raise ModelError("weights", "a profile needs at least one weighted issue")
        for issue, w in self.weights.items():
            if not isinstance(w, int | float) or not math.isfinite(w) or w <= 0:
                raise ModelError(
                    f"weights.{issue}",
                    f"weight must be a positive number, got {w!r}",
                    "leave an issue out of 'weights' to give it no weight",
                )
        for issue, vals in self.values.items():
            for opt, v in vals.items():
                if not isinstance(v, int | float) or not (SCALE_MIN <= v <= SCALE_MAX):
                    raise ModelError(f"values.{issue}.{opt}", f"value must be within 0-100, got {v!r}")
        if not isinstance(self.batna, int | float) or not (SCALE_MIN <= self.batna <= SCALE_MAX):
            raise ModelError("batna", f"BATNA must be within 0-100, got {self.batna!r}")

    @property
    def holder(self) -> str:
        """``US`` or ``US.NSC`` for a faction's profile."""
        return self.party if self.faction is None else f"{self.party}.{self.faction}"


def floor_red_line(
    issue: Issue, floor: float, given: Mapping[str, float], holder: str = ""
) -> RedLine | None:
    """The red line a per-issue floor compiles into: the options valued below ``floor``.

    A floor is a non-compensatory limit (no gain elsewhere makes up for it): the
    party rejects any package giving it less than ``floor`` on ``issue`` on its
    own value scale (``given``, completed by :func:`complete_values`). ``None``
    when every option meets the floor. Raises :class:`ModelError` (field
    ``floors.ISSUE``) when no option meets it, and :class:`ValueGap` when the
    issue is not fully valued.
    """
    values = complete_values(issue, given)
    below = tuple(o.id for o, v in zip(issue.options, values, strict=True) if v < floor)
    if len(below) == len(issue.options):
        raise ModelError(
            f"floors.{issue.id}",
            f"no option of {issue.id!r} meets the floor {floor:g} (the best is valued {max(values):g})",
            "lower the floor, or value some option at or above it",
        )
    if not below:
        return None
    who = f"{holder} " if holder else ""
    return RedLine(
        terms={issue.id: below},
        why=f"floor: {who}accepts nothing below {floor:g} on {issue.id} (non-compensatory)",
        origin="floor",
    )


class ValueGap(ValueError):
    """A weighted issue lacks a value for some option."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        super().__init__("no value for option(s): " + ", ".join(missing))
        self.missing = missing


def complete_values(issue: Issue, given: Mapping[str, float]) -> tuple[float, ...]:
    """Values for every option of ``issue``, in option order.

    Discrete issues need every option valued. On a numeric issue the levels that
    are not given are interpolated linearly between the nearest given levels and
    held constant beyond the outermost ones; the "no limit" level (``None``)
    must be given explicitly because no interpolation reaches it.
    """
    if issue.kind != "numeric":
        missing = tuple(o.id for o in issue.options if o.id not in given)
        if missing:
            raise ValueGap(missing)
        return tuple(float(given[o.id]) for o in issue.options)
    anchors = sorted(
        (o.level, float(given[o.id])) for o in issue.options if o.id in given and o.level is not None
    )
    out: list[float] = []
    missing_list: list[str] = []
    for o in issue.options:
        if o.id in given:
            out.append(float(given[o.id]))
        elif o.level is None or not anchors:
            missing_list.append(o.id)
            out.append(math.nan)
        else:
            out.append(_interpolate(anchors, o.level))
    if missing_list:
        raise ValueGap(tuple(missing_list))
    return tuple(out)


def _interpolate(anchors: list[tuple[float, float]], x: float) -> float:
    if x <= anchors[0][0]:
        return anchors[0][1]
    if x >= anchors[-1][0]:
        return anchors[-1][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(anchors):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    raise AssertionError("unreachable: anchors are sorted and x lies within them")
