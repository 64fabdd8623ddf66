"""Factions with weights: a party's profile as the weighted aggregate of its factions'.

Pickering (2022) notes that "up to 60 percent" of what must be resolved in a
negotiation is internal, between factions such as the NSC, State and Defense in
the US. A faction may carry a ``weight`` (its say in the party's decision); when
every weighted faction of a party has a profile under a perspective, the party's
*aggregate* profile is defined by the weighted mean of the factions' utilities
(a weighted utilitarian aggregation, Harsanyi 1955, "Cardinal welfare,
individualistic ethics, and interpersonal comparisons of utility", J. Polit.
Econ. 63(4)). With ``a_f = weight_f / sum_g weight_g`` and each faction's
normalised weights ``w_f,i / sum_j w_f,j``:

    u(x) = sum_f a_f u_f(x) = sum_i W_i V_i(x_i)
    W_i = sum_f a_f (w_f,i / sum_j w_f,j)                    (sums to 1)
    V_i(o) = sum_f a_f (w_f,i / sum_j w_f,j) v_f,i(o) / W_i   (within 0-100)

so the aggregate is itself an additive profile, exactly. Its BATNA is the
weighted mean of the factions' BATNAs, its spreads the weighted means of theirs,
and its red lines those held (same terms) by factions with a weight majority
(more than half). :func:`derive_party_profiles` adds the aggregate for parties
that have no profile of their own; :func:`faction_disagreements` lists the plans
on which a party's own profile and its factions' aggregate disagree.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from accord.model.constraints import Constraint
from accord.model.elements import Issue, Party
from accord.model.plans import Plan, Term, term_options
from accord.model.preferences import BatnaBasis, Profile, RedLine, Spread, complete_values
from accord.numeric import TOL

Verdict = Literal["yes", "no", "depends"]

COMPLETION_LIMIT = 4096
"""Plan variants with more completions than this are not compared (see :func:`faction_disagreements`)."""


def weighted_factions(party: Party) -> tuple[tuple[str, float], ...]:
    """The party's factions that carry a weight, as ``(holder, share)`` with shares summing to 1."""
    weighted = [(f"{party.id}.{f.id}", f.weight) for f in party.factions if f.weight is not None]
    total = sum(w for _, w in weighted)
    return tuple((h, w / total) for h, w in weighted)


def faction_profiles(
    party: Party, profiles: Iterable[Profile], perspective: str
) -> tuple[tuple[Profile, float], ...] | None:
    """Each weighted faction's profile under ``perspective`` with its share; ``None`` if any lacks one."""
    shares = weighted_factions(party)
    if not shares:
        return None
    by_holder = {p.holder: p for p in profiles if p.perspective == perspective}
    out = []
    for holder, share in shares:
        prof = by_holder.get(holder)
        if prof is None:
            return None
        out.append((prof, share))
    return tuple(out)


def aggregate_factions(
    party: Party, members: Sequence[tuple[Profile, float]], issues: Mapping[str, Issue], perspective: str
) -> Profile:
    """The party's profile as the weighted aggregate of ``members`` (profile, share) (module docstring).

    Raises ``KeyError`` for an issue a member weighs that ``issues`` lacks and
    :class:`accord.model.preferences.ValueGap` for a member's missing value.
    """
    weights: dict[str, float] = {}
    values: dict[str, dict[str, float]] = {}
    for prof, share in members:
        total = sum(prof.weights.values())
        for issue_id, w in prof.weights.items():
            part = share * w / total
            issue = issues[issue_id]
            vals = complete_values(issue, prof.values.get(issue_id, {}))
            weights[issue_id] = weights.get(issue_id, 0.0) + part
            acc = values.setdefault(issue_id, dict.fromkeys(issue.option_ids, 0.0))
            for o, v in zip(issue.option_ids, vals, strict=True):
                acc[o] += part * v
    for issue_id, acc in values.items():
        for o in acc:
            acc[o] = min(100.0, max(0.0, acc[o] / weights[issue_id]))  # clamp float noise only
    batna = sum(share * prof.batna for prof, share in members)
    held = ", ".join(f"{prof.holder} {share:.0%}" for prof, share in members)
    return Profile(
        party=party.id,
        perspective=perspective,
        weights=MappingProxyType(weights),
        values=MappingProxyType({k: MappingProxyType(v) for k, v in values.items()}),
        batna=batna,
        batna_basis=BatnaBasis(why="weighted mean of the factions' BATNAs"),
        red_lines=_majority_red_lines(members),
        spread=Spread(
            weights=sum(share * p.spread.weights for p, share in members),
            values=sum(share * p.spread.values for p, share in members),
            batna=sum(share * p.spread.batna for p, share in members),
        ),
        rationale=f"Derived from its factions' profiles ({held}): the weighted mean of their "
        "utilities, BATNAs and spreads; red lines held by a weight majority (accord.model.factions).",
        sources=tuple(dict.fromkeys(s for p, _ in members for s in p.sources)),
        derived_from=tuple(p.holder for p, _ in members),
    )


def _majority_red_lines(members: Sequence[tuple[Profile, float]]) -> tuple[RedLine, ...]:
    """The red lines (by their terms) that factions holding more than half the weight share."""
    support: dict[str, float] = {}
    first: dict[str, RedLine] = {}
    for prof, share in members:
        for rl in prof.red_lines:
            key = rl.text()
            support[key] = support.get(key, 0.0) + share
            first.setdefault(key, rl)
    return tuple(
        RedLine(
            terms=first[key].terms,
            why=f"held by factions with {support[key]:.0%} of the weight",
            sources=first[key].sources,
            origin="factions",
        )
        for key in first
        if support[key] > 0.5 + TOL
    )


def derive_party_profiles(
    parties: Iterable[Party],
    profiles: Sequence[Profile],
    issues: Iterable[Issue],
    perspectives: Iterable[str],
) -> tuple[Profile, ...]:
    """The aggregate profiles of parties without one of their own under a perspective.

    One per party and perspective where every weighted faction has a profile and
    the party has none. Members whose issues or values are incomplete are left to
    the scenario checks (no aggregate is derived for them).
    """
    by_id = {i.id: i for i in issues}
    have = {(p.holder, p.perspective) for p in profiles}
    out = []
    for persp in perspectives:
        for party in parties:
            if (party.id, persp) in have:
                continue
            members = faction_profiles(party, profiles, persp)
            if members is None:
                continue
            try:
                out.append(aggregate_factions(party, members, by_id, persp))
            except (KeyError, ValueError):
                continue
    return tuple(out)


@dataclass(frozen=True, slots=True, kw_only=True)
class Disagreement:
    """Plans on which a party's own profile and its factions' aggregate reach different verdicts."""

    party: str
    perspective: str
    plans: tuple[str, ...]


def faction_disagreements(
    parties: Iterable[Party],
    profiles: Sequence[Profile],
    issues: Sequence[Issue],
    constraints: Sequence[Constraint],
    plans: Sequence[Plan],
) -> tuple[Disagreement, ...]:
    """Where a party's profile and its weighted factions' aggregate disagree, per perspective.

    A verdict is "yes" when every (constraint-feasible) completion of the plan
    variant is acceptable, "no" when none is, else "depends", as plan evaluation
    judges it; variants with more than :data:`COMPLETION_LIMIT` completions are
    skipped.
    """
    by_id = {i.id: i for i in issues}
    variants = [v for p in plans for v in p.variants()]
    out = []
    for own in profiles:
        party = next((p for p in parties if p.id == own.party), None)
        if own.faction is not None or own.derived_from or party is None:
            continue
        members = faction_profiles(party, profiles, own.perspective)
        if members is None:
            continue
        try:
            agg = aggregate_factions(party, members, by_id, own.perspective)
            differ = tuple(
                v.id
                for v in variants
                if _verdict(own, v.terms, issues, constraints) != _verdict(agg, v.terms, issues, constraints)
            )
        except (KeyError, ValueError):
            continue  # unknown issues or missing values: reported by the scenario checks
        if differ:
            out.append(Disagreement(party=party.id, perspective=own.perspective, plans=differ))
    return tuple(out)


def _verdict(
    prof: Profile, terms: Mapping[str, Term], issues: Sequence[Issue], constraints: Sequence[Constraint]
) -> Verdict | None:
    """The profile's verdict on a plan variant's terms (``None``: too many completions to list)."""
    choices: list[tuple[str, ...]] = []
    for issue in issues:
        term = terms.get(issue.id)
        if term is not None:
            choices.append(term_options(term))
        elif issue.status_quo is not None:
            choices.append((issue.status_quo,))
        else:
            choices.append(issue.option_ids)
    n = 1
    for c in choices:
        n *= len(c)
    if n > COMPLETION_LIMIT:
        return None
    ids = [i.id for i in issues]
    packages = [dict(zip(ids, combo, strict=True)) for combo in itertools.product(*choices)]
    feasible = [p for p in packages if all(c.holds(p) for c in constraints)] or packages
    oks = [_acceptable(prof, p, issues) for p in feasible]
    if all(oks):
        return "yes"
    return "depends" if any(oks) else "no"


def _acceptable(prof: Profile, package: Mapping[str, str], issues: Sequence[Issue]) -> bool:
    total = sum(prof.weights.values())
    u = 0.0
    for issue in issues:
        w = prof.weights.get(issue.id)
        if w is not None:
            u += w * complete_values(issue, prof.values.get(issue.id, {}))[issue.index(package[issue.id])]
    return u / total - prof.batna > TOL and not any(rl.crossed_by(package) for rl in prof.red_lines)
