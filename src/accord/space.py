"""The compiled numeric form of a scenario that every engine reads.

A *package* is one option index per issue. For each party ``p`` (or faction
``US.NSC``) and issue ``i`` the space holds ``contrib[i][p, k]``, the points
option ``k`` of issue ``i`` adds to ``p``'s utility:

    contrib[i][p, k] = w_p,i * v_p,i,k / sum_j w_p,j

so that ``u_p(x) = sum_i contrib[i][p, x_i]`` (design.md, "The scenario file").
Hard conditions are :class:`accord.model.logic.Clause` s: the scenario's constraints,
and per party the red lines it must not see crossed. ``domains`` restricts
options per issue (fixed issues, issues held at their status quo).

Comparisons of utilities use the tolerance :data:`TOL` so that floating-point
rounding never turns an exact tie into a strict preference.

Every number here is an estimate held by someone (design.md, "What it is"): the
space records per party whose estimate it is (the perspective and its owner) and
how unsure that estimate is (its stated spreads), so that a renderer can mark a
fragile verdict from the space alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accord.model import Issue, Profile, Scenario, complete_values
from accord.model.choice import PerspectiveChoice, PerspectiveSpec
from accord.model.clauses import IssueIndex
from accord.model.logic import Clause
from accord.model.problems import SpaceError
from accord.numeric import TOL, BoolArray, FloatArray, readonly

__all__ = ["TOL", "FloatArray", "Space", "SpaceError", "compile_space"]


def _no_spread() -> FloatArray:
    """The default of a spread field: empty, filled with zeros per party on construction."""
    return readonly(np.zeros(0))


def _frozen(values: ArrayLike) -> FloatArray:
    """A read-only float64 array; a writable input is copied first, never frozen in place."""
    array = np.asarray(values, dtype=np.float64)
    if array.flags.writeable:
        array = readonly(array.copy())
    return array


@dataclass(frozen=True, slots=True, kw_only=True)
class Space:
    """The compiled numeric form of a scenario, read-only, that every engine reads.

    Structure: ``issues`` (ids) with their ``options`` (ids), ``issue_titles`` and
    ``option_labels`` for people; ``parties`` (``US`` or ``US.NSC``), one row each
    in every array below. ``domains`` restricts each issue's options (fixed issues,
    issues held at their status quo); ``status_quo`` is each issue's status-quo
    option index or ``None``.

    Utilities: ``contrib[i]`` (parties x options of issue ``i``) are the points an
    option adds to each party's utility; ``batna`` (per party) the value of no
    agreement; ``weights`` (parties x issues, rows summing to 1) the normalised
    weights, or ``None`` for a space built from numbers. ``constraints`` are the
    scenario's hard clauses and ``red_lines[p]`` party ``p``'s red lines, each
    clause carrying its :class:`accord.model.logic.Origin`.

    Whose estimate: ``scenario`` and ``perspective`` name what was compiled, with
    the requested perspective's ``perspective_name`` and ``perspective_owner``
    (under a mixed choice, the perspective of the parties assigned none).
    ``requested[p]`` is the perspective asked for party ``p`` (the requested one,
    or the one assigned to ``p`` in a mixed choice), ``perspectives[p]`` the one
    that owns the profile used (the scenario's default perspective when ``p`` has
    no profile under the one asked for: :attr:`fallbacks`) and ``owners[p]`` that
    perspective's owner (``""`` when it names none).

    How unsure: per party the profile's stated spreads, ``weight_spread``
    (relative), ``value_spread`` and ``batna_spread`` (points on 0-100); all zero
    for a space built from numbers. :attr:`estimate_spread` is their sum on values
    and BATNA, and :meth:`fragile` tells which verdicts it could flip.

    Every array is read-only (writing raises ``ValueError``); every sequence is a
    tuple.
    """

    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]
    parties: tuple[str, ...]
    contrib: tuple[FloatArray, ...]
    batna: FloatArray
    constraints: tuple[Clause, ...] = ()
    red_lines: tuple[tuple[Clause, ...], ...] = ()
    domains: tuple[frozenset[int], ...] = ()
    weights: FloatArray | None = None
    perspectives: tuple[str, ...] = ()
    requested: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    weight_spread: FloatArray = field(default_factory=_no_spread)
    value_spread: FloatArray = field(default_factory=_no_spread)
    batna_spread: FloatArray = field(default_factory=_no_spread)
    status_quo: tuple[int | None, ...] = ()
    scenario: str = ""
    perspective: str = ""
    perspective_name: str = ""
    perspective_owner: str = ""
    issue_titles: tuple[str, ...] = ()
    option_labels: tuple[tuple[str, ...], ...] = ()
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self._freeze_sequences()
        n, p = len(self.issues), len(self.parties)
        self._set("contrib", tuple(_frozen(c) for c in self.contrib))
        self._set("batna", _frozen(self.batna))
        if len(self.options) != n or len(self.contrib) != n:
            raise ValueError("issues, options and contrib must have the same length")
        for i, c in enumerate(self.contrib):
            if c.shape != (p, len(self.options[i])):
                raise ValueError(f"contrib[{i}] has shape {c.shape}, expected {(p, len(self.options[i]))}")
        if self.batna.shape != (p,):
            raise ValueError("batna must have one entry per party")
        if self.weights is not None:
            self._set("weights", _frozen(self.weights))
        for name in ("weight_spread", "value_spread", "batna_spread"):
            given = getattr(self, name)
            spread = _frozen(np.zeros(p) if given.shape == (0,) else given)
            if spread.shape != (p,):
                raise ValueError(f"{name} must have one entry per party")
            self._set(name, spread)
        self._set_defaults()

    def _set(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)

    def _freeze_sequences(self) -> None:
        """Make every sequence field a tuple (of tuples, for the nested ones)."""
        for name in (
            "issues", "parties", "constraints", "domains", "perspectives", "requested", "owners",
            "status_quo", "issue_titles", "notes",
        ):  # fmt: skip
            value = getattr(self, name)
            if not isinstance(value, tuple):
                self._set(name, tuple(value))
        for name in ("options", "red_lines", "option_labels"):
            value = getattr(self, name)
            if not (isinstance(value, tuple) and all(isinstance(v, tuple) for v in value)):
                self._set(name, tuple(tuple(v) for v in value))

    def _set_defaults(self) -> None:
        """Fill the optional per-issue and per-party fields left empty."""
        if not self.domains:
            self._set("domains", tuple(frozenset(range(len(o))) for o in self.options))
        if not self.red_lines:
            self._set("red_lines", tuple(() for _ in self.parties))
        if not self.perspectives:
            self._set("perspectives", tuple("" for _ in self.parties))
        if not self.requested:
            self._set("requested", self.perspectives)
        if not self.owners:
            self._set("owners", tuple("" for _ in self.parties))
        if not self.status_quo:
            self._set("status_quo", tuple(None for _ in self.issues))
        if not self.issue_titles:
            self._set("issue_titles", self.issues)
        if not self.option_labels:
            self._set("option_labels", self.options)

    # -- construction ----------------------------------------------------
    @classmethod
    def from_arrays(
        cls,
        contrib: Sequence[Sequence[Sequence[float]]] | Sequence[FloatArray],
        batna: Sequence[float],
        *,
        parties: Sequence[str] | None = None,
        issues: Sequence[str] | None = None,
        options: Sequence[Sequence[str]] | None = None,
        constraints: Sequence[Clause] = (),
        red_lines: Sequence[Sequence[Clause]] = (),
    ) -> Space:
        """A space straight from numbers: ``contrib[i][p][k]``, any scale.

        For oracle cases and benchmarks whose utilities are not on 0-100.
        """
        arrays = tuple(np.asarray(c, dtype=np.float64) for c in contrib)
        n_parties = arrays[0].shape[0] if arrays else len(batna)
        names = tuple(parties) if parties is not None else tuple(f"P{k + 1}" for k in range(n_parties))
        iss = tuple(issues) if issues is not None else tuple(f"i{k + 1}" for k in range(len(arrays)))
        opts = (
            tuple(tuple(o) for o in options)
            if options is not None
            else tuple(tuple(f"o{j + 1}" for j in range(a.shape[1])) for a in arrays)
        )
        return cls(
            issues=iss,
            options=opts,
            parties=names,
            contrib=arrays,
            batna=np.asarray(batna, dtype=np.float64),
            constraints=tuple(constraints),
            red_lines=tuple(tuple(r) for r in red_lines),
        )

    # -- basic facts -----------------------------------------------------
    @property
    def sizes(self) -> tuple[int, ...]:
        """How many options each issue has."""
        return tuple(len(o) for o in self.options)

    @property
    def n_packages(self) -> int:
        """How many packages the domains allow, before constraints (an exact int)."""
        total = 1
        for d in self.domains:
            total *= len(d)
        return total

    def party_index(self, party: str) -> int:
        """The row of ``party``; :class:`SpaceError` naming the known parties otherwise."""
        try:
            return self.parties.index(party)
        except ValueError:
            raise SpaceError("parties", _unknown("party", party, self.parties)) from None

    def issue_index(self, issue: str) -> int:
        """The position of ``issue``; :class:`SpaceError` naming the known issues otherwise."""
        try:
            return self.issues.index(issue)
        except ValueError:
            raise SpaceError("issues", _unknown("issue", issue, self.issues)) from None

    def option_index(self, issue: str, option: str) -> int:
        """The index of ``option`` within ``issue``; :class:`SpaceError` otherwise."""
        i = self.issue_index(issue)
        try:
            return self.options[i].index(option)
        except ValueError:
            raise SpaceError("options", _unknown(f"option of {issue}", option, self.options[i])) from None

    # -- packages --------------------------------------------------------
    def utility(self, package: Sequence[int]) -> FloatArray:
        """Utility of every party for one package (summed in issue order)."""
        total = np.zeros(len(self.parties))
        for i, k in enumerate(package):
            total = total + self.contrib[i][:, k]
        return total

    def utilities(self, packages: NDArray[np.integer]) -> FloatArray:
        """Utilities for many packages at once: shape (N, n_issues) -> (N, n_parties)."""
        packages = np.asarray(packages)
        total = np.zeros((packages.shape[0], len(self.parties)))
        for i in range(len(self.issues)):
            total = total + self.contrib[i][:, packages[:, i]].T
        return total

    def clauses(self, *, red_lines: bool = True, parties: Iterable[int] | None = None) -> tuple[Clause, ...]:
        """The hard clauses: constraints, plus the red lines of ``parties`` (default all)."""
        out = list(self.constraints)
        if red_lines:
            chosen = range(len(self.parties)) if parties is None else parties
            for p in chosen:
                out.extend(self.red_lines[p])
        return tuple(out)

    def in_domains(self, package: Sequence[int]) -> bool:
        """Whether every issue of ``package`` takes an option its domain allows."""
        return all(k in d for k, d in zip(package, self.domains, strict=True))

    def feasible(self, package: Sequence[int], *, red_lines: bool = True) -> bool:
        """In the domains and meeting every constraint (and every red line, by default)."""
        return self.in_domains(package) and all(
            c.satisfied_by(package) for c in self.clauses(red_lines=red_lines)
        )

    def crossed(self, package: Sequence[int], party: int) -> tuple[Clause, ...]:
        """The red-line clauses of ``party`` that ``package`` violates."""
        return tuple(c for c in self.red_lines[party] if not c.satisfied_by(package))

    def acceptable(self, package: Sequence[int]) -> BoolArray:
        """Per party: surplus above BATNA by more than :data:`TOL` and no red line crossed."""
        u = self.utility(package)
        return np.array(
            [u[p] - self.batna[p] > TOL and not self.crossed(package, p) for p in range(len(self.parties))]
        )

    def package_ids(self, package: Sequence[int]) -> dict[str, str]:
        """A package as ``{issue id: option id}``."""
        return {self.issues[i]: self.options[i][k] for i, k in enumerate(package)}

    def package_from_ids(self, terms: Mapping[str, str]) -> tuple[int, ...]:
        """Indices of a complete package given by option ids."""
        missing = [i for i in self.issues if i not in terms]
        if missing:
            raise SpaceError("package", "no option given for issue(s): " + ", ".join(missing))
        return tuple(self.option_index(i, terms[i]) for i in self.issues)

    # -- estimates -------------------------------------------------------
    @property
    def choice(self) -> str:
        """The perspectives as text: ``perspective``, then ``PARTY=ID`` for each row asked under another."""
        rows = zip(self.parties, self.requested, strict=True)
        pairs = (f"{p}={q}" for p, q in rows if q != self.perspective)
        return ",".join([self.perspective, *pairs])

    @property
    def fallbacks(self) -> tuple[str, ...]:
        """The parties without a profile under the perspective asked for, estimated under the default."""
        return tuple(
            party
            for party, asked, used in zip(self.parties, self.requested, self.perspectives, strict=True)
            if asked != used
        )

    @property
    def estimate_spread(self) -> FloatArray:
        """Per party: the stated spread of its estimate on values plus that on its BATNA.

        A surplus over BATNA within this many points (plus :data:`TOL`) could change
        sign if the estimate moved within its stated spread (a verdict is then
        *fragile*).
        """
        return readonly(self.value_spread + self.batna_spread)

    def fragile(self, utilities: ArrayLike) -> BoolArray:
        """Per party, whether ``|u_p - BATNA_p| <= estimate_spread_p + TOL`` (the verdict could flip).

        The tolerance makes an exact tie (a surplus equal to the spread, up to
        floating-point rounding) fragile whatever the rounding, as in plan evaluation.
        """
        surplus = np.abs(np.asarray(utilities, dtype=np.float64) - self.batna)
        return readonly(surplus <= self.estimate_spread + TOL)

    # -- restriction -----------------------------------------------------
    def select_parties(self, parties: Sequence[str]) -> Space:
        """The same space seen by a subset of parties (in the order given)."""
        if not parties:
            raise SpaceError("parties", "choose at least one party")
        idx = [self.party_index(p) for p in parties]
        if len(set(idx)) != len(idx):
            raise SpaceError("parties", "a party is listed twice")
        return replace(
            self,
            parties=tuple(self.parties[k] for k in idx),
            contrib=tuple(c[idx, :] for c in self.contrib),
            batna=self.batna[idx],
            red_lines=tuple(self.red_lines[k] for k in idx),
            weights=None if self.weights is None else self.weights[idx, :],
            perspectives=tuple(self.perspectives[k] for k in idx),
            requested=tuple(self.requested[k] for k in idx),
            owners=tuple(self.owners[k] for k in idx),
            weight_spread=self.weight_spread[idx],
            value_spread=self.value_spread[idx],
            batna_spread=self.batna_spread[idx],
        )

    def fix(self, fixed: Mapping[str, str]) -> Space:
        """Hold issues at given options (e.g. provisional agreements)."""
        doms = list(self.domains)
        for issue, option in fixed.items():
            i = self.issue_index(issue)
            # A fix overrides any earlier hold: it is the user's explicit choice.
            doms[i] = frozenset({self.option_index(issue, option)})
        return replace(self, domains=tuple(doms))


def _unknown(what: str, name: str, known: Sequence[str]) -> str:
    listing = ", ".join(known[:15]) + (" ..." if len(known) > 15 else "")
    return f"unknown {what} {name!r}; known: {listing}"


def compile_space(
    scenario: Scenario,
    *,
    perspective: PerspectiveSpec = None,
    parties: Sequence[str] | None = None,
    tables: Sequence[str] | None = None,
    tracks: Sequence[str] | None = None,
    fixed: Mapping[str, str] | None = None,
) -> Space:
    """Compile ``scenario`` under ``perspective`` for ``parties``.

    ``perspective``: one id for every party, or a mixed choice (a
    :class:`accord.model.choice.PerspectiveChoice`, its text ``"UA=ua-government"``
    or ``{party: id}``). ``parties`` may name factions as ``US.NSC`` (default: all
    with a profile). A party without a profile under the perspective asked for
    gets its default one; ``Space.requested``/``Space.perspectives`` record both.
    ``tables``/``tracks`` hold the issues outside them at their status quo.
    """
    choice = PerspectiveChoice.of(perspective)
    choice.check(scenario)
    persp = choice.default_for(scenario)
    holders = tuple(parties) if parties else scenario.profiled_parties()
    requested, profiles = _profiles(scenario, choice, holders)
    weights, contrib = _utilities(scenario.issues, profiles)
    index = IssueIndex(scenario.issues)
    owner = {p.id: p.owner for p in scenario.perspectives}
    chosen = scenario.perspective(persp)
    space = Space(
        issues=tuple(i.id for i in scenario.issues),
        options=tuple(i.option_ids for i in scenario.issues),
        parties=holders,
        contrib=contrib,
        batna=np.array([prof.batna for prof in profiles], dtype=np.float64),
        constraints=tuple(cl for c in scenario.constraints for cl in index.constraint(c)),
        red_lines=tuple(
            tuple(index.red_line(rl, h) for rl in prof.red_lines)
            for h, prof in zip(holders, profiles, strict=True)
        ),
        weights=weights,
        perspectives=tuple(prof.perspective for prof in profiles),
        requested=requested,
        owners=tuple(owner[prof.perspective] for prof in profiles),
        weight_spread=np.array([prof.spread.weights for prof in profiles], dtype=np.float64),
        value_spread=np.array([prof.spread.values for prof in profiles], dtype=np.float64),
        batna_spread=np.array([prof.spread.batna for prof in profiles], dtype=np.float64),
        status_quo=tuple(
            None if iss.status_quo is None else iss.index(iss.status_quo) for iss in scenario.issues
        ),
        scenario=scenario.id,
        perspective=persp,
        perspective_name=chosen.name,
        perspective_owner=chosen.owner,
        issue_titles=tuple(i.title for i in scenario.issues),
        option_labels=tuple(tuple(o.text for o in i.options) for i in scenario.issues),
    )
    if tables or tracks:
        space = _hold_off_table(scenario, space, tables or (), tracks or (), fixed or {})
    if fixed:
        space = space.fix(fixed)
    return space


def _profiles(
    scenario: Scenario, choice: PerspectiveChoice, holders: Sequence[str]
) -> tuple[tuple[str, ...], tuple[Profile, ...]]:
    """Per holder the perspective asked for and the profile compiled (its own, else the default's)."""
    if not holders:
        raise SpaceError("parties", f"scenario {scenario.id!r} has no profiles to compute with")
    requested = tuple(choice.requested(scenario, h) for h in holders)
    return requested, tuple(_profile(scenario, h, r) for h, r in zip(holders, requested, strict=True))


def _profile(scenario: Scenario, holder: str, perspective: str) -> Profile:
    """The profile ``holder`` (``US`` or ``US.NSC``) is compiled with, or :class:`SpaceError`."""
    known_parties = {p.id: p for p in scenario.parties}
    party_id, _, faction = holder.partition(".")
    if party_id not in known_parties:
        raise SpaceError("parties", _unknown("party", party_id, list(known_parties)))
    factions = [f.id for f in known_parties[party_id].factions]
    if faction and faction not in factions:
        raise SpaceError("parties", _unknown(f"faction of {party_id}", faction, factions))
    prof = scenario.profile(holder, perspective)
    if prof is None:
        raise SpaceError(
            "parties",
            f"no profile for {holder} under perspective {perspective!r} or the default "
            f"{scenario.default_perspective!r}",
        )
    return prof


def _utilities(
    issues: Sequence[Issue], profiles: Sequence[Profile]
) -> tuple[FloatArray, tuple[FloatArray, ...]]:
    """Normalised weights (parties x issues) and ``contrib[i][p, k] = w_p,i * v_p,i,k``."""
    weights = np.zeros((len(profiles), len(issues)))
    values = []
    for i, issue in enumerate(issues):
        v = np.zeros((len(profiles), len(issue.options)))
        for p, prof in enumerate(profiles):
            w = prof.weights.get(issue.id)
            if w is not None:
                weights[p, i] = w
                v[p, :] = complete_values(issue, prof.values.get(issue.id, {}))
        values.append(v)
    weights = weights / weights.sum(axis=1, keepdims=True)
    return weights, tuple(weights[:, [i]] * values[i] for i in range(len(issues)))


def _hold_off_table(
    scenario: Scenario, space: Space, tables: Sequence[str], tracks: Sequence[str], fixed: Mapping[str, str]
) -> Space:
    """Hold every issue outside ``tables`` and ``tracks`` at its status quo.

    An issue in ``fixed`` is left to the fix, which overrides any hold: it needs
    no status quo.
    """
    known_tables = [t.id for t in scenario.tables]
    known_tracks = [t.id for t in scenario.tracks]
    for t in tables:
        if t not in known_tables:
            raise SpaceError("tables", _unknown("table", t, known_tables))
    for t in tracks:
        if t not in known_tracks:
            raise SpaceError("tracks", _unknown("track", t, known_tracks))
    doms = list(space.domains)
    for i, issue in enumerate(scenario.issues):
        on_table = (not tables or issue.table in tables) and (not tracks or issue.track in tracks)
        if on_table or issue.id in fixed:
            continue
        if issue.status_quo is None:
            raise SpaceError(
                "tables" if tables else "tracks",
                f"issue {issue.id!r} is outside the selection and has no status_quo to hold it "
                f"at; hold it at one of its options ({', '.join(issue.option_ids)})",
            )
        doms[i] = frozenset({issue.index(issue.status_quo)})
    return replace(space, domains=tuple(doms))
