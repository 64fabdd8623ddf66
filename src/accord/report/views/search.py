"""Views of package searches: frontier, bargaining solution, ZOPA, smallest amendment.

Every view says whose estimates it shows, names a conflict when nothing is
feasible, and marks with ``~`` a verdict whose surplus lies within the
estimate's stated spread (fragile: another reading of the estimate could flip it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from accord.analysis.results import SOLUTION_TITLES
from accord.analysis.sensitivity import FlipDistances
from accord.numeric import TOL, FloatArray, IntArray
from accord.report.views import (
    Block,
    Cell,
    Column,
    Span,
    TableView,
    View,
    col,
    count,
    line,
    span,
    table_width,
)
from accord.report.views.estimates import FLIP_NOTE, estimate_note, flip_cell, flip_text
from accord.space import Space
from accord.workbench.records import (
    FRAGILE_NOTE,
    AmendOutcome,
    FrontierOutcome,
    SearchOutcome,
    SolveOutcome,
    ZopaOutcome,
)


def _head(title: Sequence[Span | str], outcome: SearchOutcome) -> list[Block]:
    return [line(*title), line(*estimate_note(outcome.estimates))]


def status_lines(status: str, conflict: tuple[str, ...], note: str) -> list[Block]:
    """Why nothing is feasible (the conditions in conflict), or the engine's note."""
    if status == "infeasible":
        return [
            line("No feasible package: these conditions conflict:", tone="alarm"),
            *(line(f"  • {c}", tone="bad") for c in conflict),
        ]
    if note:
        return [line(note, tone="warn" if status != "ok" else "muted")]
    return []


def _mark(ok: bool) -> Span:
    return span("✓", "good") if ok else span("✗", "bad")


def parties(
    outcome: SearchOutcome,
    utilities: FloatArray,
    *,
    before: FloatArray | None = None,
    ideal: FloatArray | None = None,
    package: Sequence[int] | None = None,
    width: int = 120,
) -> list[Block]:
    """The party table (utility, BATNA, surplus, verdict, flip distance, whose estimate), what "~" means.

    Whose estimate is a column of its own only when the rows' perspectives
    differ (a mixed choice or a fallback) or the table fits ``width`` (the view's
    first lines name it). The decisive flip distance (for a ``package``) is a
    column when it fits, else one line per party below the table.
    """
    flips = outcome.flips(package)
    own = all(q == outcome.estimates.default for q in outcome.space.perspectives)
    # Preference: everything; without whose estimate (when the heading names it);
    # the flip distances as lines below; both.
    layouts = [(by, in_table) for in_table in (True, False) for by in (True, False) if by or own]
    for by, in_table in layouts:
        shown = flips if in_table else None
        table = _party_table(outcome, utilities, before=before, ideal=ideal, by=by, flips=shown)
        if table_width(table) <= width:
            break
    out: list[Block] = [table]
    if flips is not None and not in_table:
        out += [line("  ", span(f.party, "key"), ": " + flip_text(f), tone="muted") for f in flips]
    fragile_map = outcome.fragile(utilities) or {}
    if any(fragile_map.values()):
        out.append(line(FRAGILE_NOTE, tone="muted"))
    if flips is not None:
        out.append(line(FLIP_NOTE, tone="muted"))
    return out


def _party_table(
    outcome: SearchOutcome,
    utilities: FloatArray,
    *,
    before: FloatArray | None,
    ideal: FloatArray | None,
    by: bool,
    flips: tuple[FlipDistances, ...] | None = None,
) -> TableView:
    space = outcome.space
    fragile = space.fragile(utilities)
    columns: list[Column] = [col("party", no_wrap=True)]
    if before is not None:
        columns.append(col("before", "right"))
    columns += [col("utility", "right"), col("BATNA", "right"), col("surplus", "right"), col("", "center")]
    if ideal is not None:
        columns.append(col("ideal", "right"))
    if flips is not None:
        columns.append(col("flips if", no_wrap=True))
    if by:
        columns.append(col("estimate by"))
    rows = []
    for p, party in enumerate(space.parties):
        s_p = float(utilities[p] - space.batna[p])
        row: list[Cell] = [party]
        if before is not None:
            row.append(f"{before[p]:.1f}")
        mark = " ~" if fragile[p] else ""
        row += [f"{utilities[p]:.1f}", f"{space.batna[p]:.1f}", f"{s_p:+.1f}{mark}", _mark(s_p > TOL)]
        if ideal is not None:
            row.append(f"{ideal[p]:.1f}")
        if flips is not None:
            row.append(flip_cell(flips[p]))
        if by:
            row.append(space.perspectives[p])
        rows.append(tuple(row))
    return TableView(columns=tuple(columns), rows=tuple(rows), pad_edge=False)


def option_cell(space: Space, issue: int, option: int) -> tuple[Span, ...]:
    """An option's label with its id: ``Label (id)``."""
    return (
        span(f"{space.option_labels[issue][option]} "),
        span(f"({space.options[issue][option]})", "muted"),
    )


def package(space: Space, pkg: Sequence[int]) -> TableView:
    """A package issue by issue, flagging where it changes the status quo."""
    rows = []
    for i in range(len(space.issues)):
        k = pkg[i]
        sq = space.status_quo[i]
        flag = "" if sq is None or sq == k else "changes status quo"
        rows.append((space.issue_titles[i], option_cell(space, i, k), flag))
    return TableView(columns=(col("issue"), col("option"), col("")), rows=tuple(rows), pad_edge=False)


# -- frontier ------------------------------------------------------------------------------


def _frontier_table(outcome: FrontierOutcome, show: int, issues: list[int]) -> TableView:
    space, res = outcome.space, outcome.result
    columns = [col("#", "right")]
    columns += [
        col(f"{party}\n(BATNA {space.batna[p]:.0f})", "right") for p, party in enumerate(space.parties)
    ]
    columns += [col("all accept", "center"), *(col(space.issues[i]) for i in issues)]
    rows = []
    for j in range(min(show, len(res))):
        u = res.utilities[j]
        ok = bool((u - space.batna > TOL).all())
        cells: list[Cell] = [str(j + 1), *(f"{x:.1f}" for x in u), _mark(ok)]
        cells += [space.options[i][res.packages[j, i]] for i in issues]
        rows.append(tuple(cells))
    return TableView(columns=tuple(columns), rows=tuple(rows), pad_edge=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Hints:
    """How a reader gets what a view leaves out, in the front end's own words.

    ``more_rows``: how to see rows beyond those shown (e.g. a command-line option);
    ``all_columns``: how to see every column. Empty: the view says only what it left out.
    """

    more_rows: str = ""
    all_columns: str = ""


def _hinted(text: str, hint: str) -> str:
    return f"{text} ({hint})." if hint else f"{text}."


def frontier(
    outcome: FrontierOutcome, *, show: int = 25, hints: Hints | None = None, width: int = 120
) -> View:
    """The efficient frontier: the first ``show`` packages with the issues that vary along it.

    At most 8 issue columns, fewer when ``width`` holds fewer; the view says how many it left out.
    """
    hints = hints or Hints()
    s, space, res = outcome.scenario, outcome.space, outcome.result
    kind = "individually rational " if res.individually_rational else ""
    exact = "exact" if res.exact else "not exact"
    title = (span("Efficient frontier", "strong"), f" of {s.title} (", span(s.id, "key"), ")")
    size = f": {len(res)} {kind}packages ({exact})"
    out = _head((*title, size), outcome) + status_lines(res.status, res.conflict, res.note)
    if len(res) == 0:
        return tuple(out)
    out.append(line(f"{count(res.n_feasible)} feasible packages in all.", tone="muted"))
    pk = res.packages
    varying = (pk != pk[:1]).any(axis=0).nonzero()[0].tolist()
    shown = varying[:8]
    table = _frontier_table(outcome, show, shown)
    while shown and table_width(table) > width:
        shown = shown[:-1]
        table = _frontier_table(outcome, show, shown)
    out.append(table)
    if len(res) > show:
        out.append(line(_hinted(f"... {len(res) - show} more", hints.more_rows), tone="muted"))
    if len(varying) > len(shown):
        text = f"{len(varying)} issues vary along the frontier; the table shows {len(shown)}"
        out.append(line(_hinted(text, hints.all_columns), tone="muted"))
    return (*out, *_constant(space, pk, varying))


def _constant(space: Space, pk: IntArray, varying: list[int]) -> list[Block]:
    """Say which issues the table leaves out because every package takes the same option."""
    same = [i for i in range(len(space.issues)) if i not in varying]
    if not same:
        return []
    terms = [f"{space.issues[i]}={space.options[i][int(pk[0, i])]}" for i in same]
    listed = ", ".join(terms[:12]) + (f" and {len(terms) - 12} more" if len(terms) > 12 else "")
    subject = "1 issue takes" if len(same) == 1 else f"{len(same)} issues take"
    text = f"{subject} the same option in every package: {listed}."
    return [line(text, tone="muted")]


# -- bargaining solution -------------------------------------------------------------------


def _lottery(outcome: SolveOutcome) -> list[Block]:
    space, res = outcome.space, outcome.result
    pkgs = [pkg for _, pkg in res.lottery]
    differ = [i for i in range(len(space.issues)) if len({p[i] for p in pkgs}) > 1]
    columns = (col("probability", "right"), *(col(space.issues[i]) for i in differ))
    rows = tuple((f"{p:.3f}", *(space.options[i][pkg[i]] for i in differ)) for p, pkg in res.lottery)
    table = TableView(title="The lottery", title_justify="center", columns=columns, rows=rows, pad_edge=False)
    return [table, line("Other issues as in the most likely package:", tone="muted")]


OBJECTIVES: dict[str, tuple[str, str]] = {
    "nash": ("product of surpluses", "the product over parties of (utility − BATNA)"),
    "ks": (
        "smallest share of the ideal gain",
        "the least, over parties, of (utility − BATNA) / (ideal − BATNA); 1 = every party at its ideal",
    ),
    "egalitarian": ("smallest surplus", "the least, over parties, of (utility − BATNA)"),
    "utilitarian": ("sum of surpluses", "the sum over parties of (utility − BATNA)"),
}
"""Solution -> (what its objective value is, how it is computed), as the solve view explains it."""


def objective_lines(solution: str, value: float, proof: str, algorithm: str) -> list[Block]:
    """The objective value labelled precisely, what it measures, and how it was found."""
    label, meaning = OBJECTIVES.get(solution, ("objective", "the value the solution maximises"))
    return [
        line(f"Objective: {label} = {value:.4g} ({proof})."),
        line(f"The solution maximises {meaning}. Method: {algorithm}.", tone="muted"),
    ]


def solution(outcome: SolveOutcome, *, width: int = 120) -> View:
    """A bargaining solution: its package (or lottery), each party's verdict, the proof."""
    s, space, res = outcome.scenario, outcome.space, outcome.result
    over = "lotteries over packages" if res.lotteries else "pure packages"
    title = (
        span(SOLUTION_TITLES[res.solution], "strong"),
        f" over {over} — {s.title} (",
        span(s.id, "key"),
        ")",
    )
    out = _head(title, outcome) + status_lines(res.status, res.conflict, res.note)
    if res.status == "no_zopa":
        out.append(line("No package gives every party more than its BATNA: no solution.", tone="alarm"))
        return tuple(out)
    if res.package is None or res.utilities is None:
        return tuple(out)
    proof = "optimality proven" if res.exact else f"best found; proven gap {res.gap:.3g}"
    if res.objective is not None:
        out += objective_lines(res.solution, res.objective, proof, res.algorithm)
    pure = None if res.lotteries and len(res.lottery) > 1 else res.package
    out += parties(outcome, res.utilities, ideal=res.ideal, package=pure, width=width)
    if res.lotteries and len(res.lottery) > 1:
        out += _lottery(outcome)
    out.append(package(space, res.package))
    return tuple(out)


# -- ZOPA --------------------------------------------------------------------------------------


def _zopa_verdict(outcome: ZopaOutcome) -> list[Block]:
    res = outcome.result
    if not res.exists:
        return [line("ZOPA: no. No feasible package gives every party more than its BATNA.", tone="alarm")]
    share = 100 * (res.share or 0)
    if res.n_feasible is None:
        return [line("ZOPA: yes. Its size was not computed: the time limit ran out first.", tone="success")]
    if res.counting == "exact" and res.count is not None:
        text = (
            f"ZOPA: yes. {count(res.count)} of {count(res.n_feasible)} feasible packages "
            f"({share:.3g}%) give every party more than its BATNA."
        )
        return [line(text, tone="success")]
    if res.share_interval is not None:
        lo, hi = res.share_interval
        text = (
            f"ZOPA: yes. About {share:.3g}% of {count(res.n_feasible)} feasible packages "
            f"give every party more than its BATNA (Monte Carlo estimate from {res.samples:,} draws, "
            f"seed {res.seed}; 95% interval {100 * lo:.3g}–{100 * hi:.3g}%)."
        )
        return [line(text, tone="success")]
    return []


def zopa(outcome: ZopaOutcome, *, width: int = 120) -> View:
    """The zone of possible agreement: whether it exists, how large, and its best package."""
    s, res = outcome.scenario, outcome.result
    title = (span("Zone of possible agreement", "strong"), f" — {s.title} (", span(s.id, "key"), ")")
    note = "" if res.counting == "monte-carlo" else res.note
    out = _head(title, outcome) + status_lines(res.status, res.conflict, note)
    if res.status == "infeasible":
        return tuple(out)
    out += _zopa_verdict(outcome)
    if res.best is None or res.best_utilities is None:
        return tuple(out)
    short = "" if res.min_surplus is None else f" (least surplus {res.min_surplus:+.2f})"
    out.append(line(f"The package with the largest minimum surplus{short}:"))
    out += parties(outcome, res.best_utilities, package=res.best, width=width)
    out.append(package(outcome.space, res.best))
    return tuple(out)


# -- amendment -----------------------------------------------------------------------------


def _changes(outcome: AmendOutcome) -> TableView:
    space = outcome.space
    rows = tuple(
        (
            space.issue_titles[c.issue],
            option_cell(space, c.issue, c.before),
            option_cell(space, c.issue, c.after),
        )
        for c in outcome.result.changes
    )
    return TableView(columns=(col("issue"), col("from"), col("to")), rows=rows, pad_edge=False)


def amendment(outcome: AmendOutcome, *, width: int = 120) -> View:
    """The smallest amendment: the changes, each party's verdict before and after, the proof."""
    space, res = outcome.space, outcome.result
    names = ", ".join(space.parties[p] for p in res.proposers)
    who = "" if not names else f" (proposer{'s' if len(res.proposers) > 1 else ''} {names})"
    title = (
        span("Smallest amendment", "strong"),
        " of ",
        span(outcome.variant, "key"),
        f" — {outcome.title}{who}",
    )
    out = _head(title, outcome) + status_lines(res.status, res.conflict, res.note)
    if outcome.note:
        out.append(line(outcome.note, tone="muted"))
    if not res.feasible or res.package is None or res.utilities is None:
        if res.status == "no_zopa":
            text = "No amendment exists: no feasible package is acceptable to every party."
            out.append(line(text, tone="alarm"))
        return tuple(out)
    proof = "proven minimal" if res.exact else f"not proven minimal; at least {res.lower_bound} needed"
    n = len(res.changes)
    out.append(line(f"{n} change{'s' if n != 1 else ''} ({proof}):", tone="success"))
    if res.changes:
        out.append(_changes(outcome))
    out += parties(outcome, res.utilities, before=res.plan_utilities, package=res.package, width=width)
    outside = [space.parties[p] for p in range(len(space.parties)) if p not in res.must_accept]
    if outside:
        out.append(line(f"{', '.join(outside)} shown for the tie-break only; need not accept.", tone="muted"))
    return tuple(out)
