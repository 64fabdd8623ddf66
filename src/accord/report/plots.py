"""Plots of package-search results (matplotlib, an optional extra: ``pip install accord[plot]``).

Pure renderers: they take a :class:`accord.workbench.picture.Picture` (or its
numbers) and write a file; nothing here computes a frontier or reads a scenario.
matplotlib is imported inside the function so that importing this module costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from accord.numeric import FloatArray
from accord.workbench.picture import Mark, Picture
from accord.workbench.robustness import RobustnessOutcome
from accord.workbench.simulate import SimulateOutcome

if TYPE_CHECKING:
    from accord.workbench.align import AlignOutcome
    from accord.workbench.design import LinkageOutcome, SequenceOutcome
    from accord.workbench.ripeness import RipenessOutcome

__all__ = [
    "FORMATS",
    "Mark",
    "PlotError",
    "plot_alignment",
    "plot_drivers",
    "plot_frontier",
    "plot_linkage",
    "plot_picture",
    "plot_ripeness",
    "plot_sequence",
    "plot_tornado",
    "plot_trajectories",
]

FORMATS = (".png", ".svg")


class PlotError(RuntimeError):
    """The plot cannot be made (matplotlib missing, unsupported file type)."""


def _pyplot(out: Path) -> Any:
    """Matplotlib's pyplot on the file backend, after checking the file type."""
    if out.suffix.lower() not in FORMATS:
        raise PlotError(
            f"plots are written as .png or .svg files, not {out.suffix or 'a file without suffix'!r}"
        )
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise PlotError("plotting needs matplotlib: pip install 'accord[plot]'") from exc
    return plt


def plot_tornado(
    path: str | Path,
    *,
    labels: Sequence[str],
    first_order: Sequence[float],
    total: Sequence[float],
    title: str = "",
) -> Path:
    """A tornado plot: per input its total Sobol index, the first-order part inside; largest on top."""
    out = Path(path)
    plt = _pyplot(out)
    if not labels:
        raise PlotError("no driver to plot: the verdict did not vary across the draws")
    y = np.arange(len(labels))[::-1]
    fig, ax = plt.subplots(figsize=(7.0, 0.45 * len(labels) + 1.4))
    ax.barh(y, total, color="tab:blue", alpha=0.45, label="total index (with interactions)")
    ax.barh(y, first_order, height=0.4, color="tab:blue", label="first-order index (alone)")
    ax.set_yticks(y, labels)
    ax.set_xlim(0, max(1.0, float(np.max(total)) * 1.05))
    ax.set_xlabel("share of the variance of 'acceptable to all' (Sobol index)")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=7, loc="lower right")
    if title:
        ax.set_title(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=130)
    plt.close(fig)
    return out


def plot_drivers(path: str | Path, outcome: RobustnessOutcome) -> Path:
    """The tornado plot of the drivers of the best plan's verdict in a robustness outcome."""
    from accord.report.views.robustness import DRIVERS_SHOWN, driver_plan, group_label

    res = outcome.result
    plan = driver_plan(res)
    if plan is None:
        raise PlotError("no driver to plot: no plan's verdict 'acceptable to all' varied across the draws")
    shown = plan.drivers[:DRIVERS_SHOWN]
    return plot_tornado(
        path,
        labels=[group_label(res, g) for g in shown],
        first_order=[max(0.0, plan.first_order[g] or 0.0) for g in shown],
        total=[plan.total[g] or 0.0 for g in shown],
        title=f"What drives 'acceptable to all' for {plan.plan}\n"
        f"{outcome.request.scenario.id}, {res.samples:,} draws, seed {res.provenance.seed}",
    )


def plot_picture(path: str | Path, picture: Picture) -> Path:
    """Draw ``picture`` (see :func:`plot_frontier`) to ``path``."""
    return plot_frontier(
        path,
        parties=picture.parties,
        frontier=picture.frontier,
        batna=picture.batna,
        marks=picture.marks,
        title=picture.title,
        subtitle=picture.subtitle,
    )


def plot_frontier(
    path: str | Path,
    *,
    parties: Sequence[str],
    frontier: FloatArray,
    batna: FloatArray,
    marks: Sequence[Mark] = (),
    title: str = "",
    subtitle: str = "",
) -> Path:
    """Draw the frontier (2 parties) or its pairwise projections (3+) to ``path``.

    The file type follows the suffix, ``.png`` or ``.svg``.
    """
    out = Path(path)
    plt = _pyplot(out)
    k = len(parties)
    if k < 2:
        # One party has no frontier to draw: say so instead of failing inside matplotlib's layout.
        raise PlotError(f"a frontier plot needs at least two parties, not {k}")
    pairs = [(0, 1)] if k == 2 else [(a, b) for a in range(k) for b in range(a + 1, k)]
    cols = min(3, len(pairs))
    rows = -(-len(pairs) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(5.2 * cols, 4.6 * rows), squeeze=False)
    for ax, (a, b) in zip(axes.ravel(), pairs, strict=False):
        _panel(ax, a, b, parties, frontier, batna, marks, staircase=k == 2)
    for ax in axes.ravel()[len(pairs) :]:
        ax.set_visible(False)
    if title:
        fig.suptitle(title + (f"\n{subtitle}" if subtitle else ""), fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=130)
    plt.close(fig)
    return out


def _panel(
    ax: Any,
    a: int,
    b: int,
    parties: Sequence[str],
    frontier: FloatArray,
    batna: FloatArray,
    marks: Sequence[Mark],
    *,
    staircase: bool,
) -> None:
    pts = np.asarray(frontier)
    if pts.shape[0]:
        order = np.argsort(pts[:, a])
        if staircase:
            # The staircase bounds what some package reaches: up to each point's utility of
            # the first party, the second can have at most that point's utility.
            ax.step(pts[order, a], pts[order, b], where="pre", color="0.6", lw=0.8, zorder=1)
        ax.scatter(pts[:, a], pts[:, b], s=10, color="tab:blue", label="efficient packages", zorder=2)
    ax.axvline(batna[a], color="tab:red", ls="--", lw=0.8)
    ax.axhline(batna[b], color="tab:red", ls="--", lw=0.8, label="BATNA")
    for m in marks:
        if m.kind == "reading":
            ax.scatter(
                [m.utilities[a]], [m.utilities[b]], s=12, zorder=3, marker="s", color="tab:orange", alpha=0.4
            )
            continue
        plan = m.kind == "plan"
        ax.scatter(
            [m.utilities[a]],
            [m.utilities[b]],
            s=36 if plan else 90,
            zorder=3,
            marker="s" if plan else "*",
            color="tab:orange" if plan else "tab:green",
        )
        ax.annotate(
            m.label, (m.utilities[a], m.utilities[b]), fontsize=7, xytext=(4, 3), textcoords="offset points"
        )
    ax.set_xlabel(f"utility of {parties[a]}")
    ax.set_ylabel(f"utility of {parties[b]}")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="lower left")


def plot_trajectories(path: str | Path, outcome: SimulateOutcome) -> Path:
    """Offer trajectories in utility space: one panel per pair of parties (the first two by default).

    Each actor's offers, drafts or ideas are a line of points in the order made,
    the BATNAs dashed, the outcome a star.
    """
    from accord.report.views.simulation import trajectory_points

    out = Path(path)
    plt = _pyplot(out)
    res = outcome.result
    points = trajectory_points(outcome)
    if not points:
        raise PlotError("nothing to plot: no package was put on the table (entry was blocked)")
    pairs = [(0, k) for k in range(1, len(res.parties))][:3]
    fig, axes = plt.subplots(1, len(pairs), figsize=(4.2 * len(pairs), 4.2), squeeze=False)
    for ax, (a, b) in zip(axes[0], pairs, strict=True):
        for actor, pts in points.items():
            ax.plot(pts[:, a], pts[:, b], marker="o", markersize=3, linewidth=1, alpha=0.8, label=actor)
        ax.axvline(res.batna[a], color="grey", linestyle="--", linewidth=0.8)
        ax.axhline(res.batna[b], color="grey", linestyle="--", linewidth=0.8)
        if res.agreed:
            ax.plot(
                res.utilities[a], res.utilities[b], marker="*", markersize=14, color="black", label="outcome"
            )
        ax.set_xlabel(f"{res.parties[a]} utility")
        ax.set_ylabel(f"{res.parties[b]} utility")
        ax.grid(alpha=0.3)
    axes[0][0].legend(fontsize=7)
    fig.suptitle(f"{res.protocol} on {outcome.scenario.id}, seed {res.seed}: {res.ending}", fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=130)
    plt.close(fig)
    return out


def _grouped(ax: Any, labels: Sequence[str], parties: Sequence[str], rows: Sequence[Sequence[float]]) -> None:
    """Grouped bars: one group per label, one bar per party."""
    x = np.arange(len(labels))
    width = 0.8 / max(1, len(parties))
    for k, party in enumerate(parties):
        ax.bar(x + (k - (len(parties) - 1) / 2) * width, [r[k] for r in rows], width, label=party)
    ax.set_xticks(x, labels, rotation=20, ha="right", fontsize=8)
    ax.axhline(0, color="black", linewidth=0.6)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=7)


def plot_linkage(path: str | Path, outcome: LinkageOutcome) -> Path:
    """Per arena the share of packages in the ZOPA and each party's Nash surplus (0 without a ZOPA)."""
    out = Path(path)
    plt = _pyplot(out)
    res = outcome.result
    labels = [r.arena.name for r in res.arenas]
    parties = list(dict.fromkeys(p for r in res.arenas for p in r.arena.parties))
    rows = []
    for r in res.arenas:
        surplus = dict(zip(r.arena.parties, r.surplus or (), strict=False))
        rows.append([surplus.get(p, 0.0) for p in parties])
    fig, (left, right) = plt.subplots(1, 2, figsize=(10.0, 4.2), gridspec_kw={"width_ratios": [1, 2]})
    shares = [100 * (r.zopa.share or 0.0) for r in res.arenas]
    left.bar(labels, shares, color=["tab:green" if r.zopa.exists else "tab:red" for r in res.arenas])
    for k, v in enumerate(shares):
        left.text(k, v, f"{v:.3g}%", ha="center", va="bottom", fontsize=7)
    left.set_ylabel("packages every seated party accepts (%)")
    left.set_xticks(range(len(labels)), labels, rotation=20, ha="right", fontsize=8)
    left.grid(axis="y", alpha=0.3)
    _grouped(right, labels, parties, rows)
    right.set_ylabel("surplus over BATNA at the Nash solution (points)")
    fig.suptitle(
        f"Linkage across tables — {outcome.request.scenario.id} ({outcome.estimates.perspective})",
        fontsize=10,
    )
    fig.tight_layout()
    fig.savefig(out, dpi=130)
    plt.close(fig)
    return out


def plot_sequence(path: str | Path, outcome: SequenceOutcome) -> Path:
    """Per design each party's utility against the comprehensive package (bars; 0 = the same)."""
    out = Path(path)
    plt = _pyplot(out)
    res = outcome.result
    labels = [d.design.name for d in res.designs]
    fig, ax = plt.subplots(figsize=(8.0, 4.2))
    _grouped(ax, labels, res.parties, [d.versus for d in res.designs])
    ax.set_ylabel("utility minus the comprehensive package's (points)")
    ax.set_title(
        f"Sequencing designs — {outcome.request.scenario.id} ({outcome.estimates.perspective})", fontsize=10
    )
    fig.tight_layout()
    fig.savefig(out, dpi=130)
    plt.close(fig)
    return out


def plot_ripeness(path: str | Path, outcome: RipenessOutcome) -> Path:
    """One panel per timeline: the ZOPA's size and each party's Nash surplus by month, windows shaded."""
    out = Path(path)
    plt = _pyplot(out)
    runs = outcome.runs
    if not runs:
        raise PlotError("no timeline to plot: the scenario declares none")
    fig, axes = plt.subplots(len(runs), 1, figsize=(7.5, 3.2 * len(runs)), squeeze=False)
    for ax, run in zip(axes[:, 0], runs, strict=True):
        res = run.result
        months = [v.month for v in res.months]
        for a, b in res.windows:
            ax.axvspan(a, b if b > a else a + 0.5, color="tab:green", alpha=0.12)
        ax.plot(months, [np.nan if v.size is None else v.size for v in res.months], color="black", lw=2,
                label="ZOPA size (largest minimum surplus)")  # fmt: skip
        for p, party in enumerate(res.parties):
            ys = [np.nan if v.surplus is None else v.surplus[p] for v in res.months]
            ax.plot(months, ys, marker="o", ms=3, lw=1, label=f"{party} Nash surplus")
        ax.axhline(0, color="tab:red", ls="--", lw=0.8)
        ax.set_title(f"{run.timeline.name} ({run.timeline.id})", fontsize=9)
        ax.set_xlabel("month")
        ax.set_ylabel("points")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=6, loc="best")
    fig.suptitle(f"Ripeness: {outcome.request.scenario.id} (green: months with a ZOPA)", fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=130)
    plt.close(fig)
    return out


def plot_alignment(path: str | Path, outcome: AlignOutcome, *, shown: int = 8) -> Path:
    """Grouped bars: each profile's weight of the issues with the largest stake."""
    out = Path(path)
    plt = _pyplot(out)
    res = outcome.result
    issues = [g for g in res.issues if g.stake > 0][:shown]
    if not issues:
        raise PlotError("no disagreement to plot: every profile weighs and values the issues alike")
    x = np.arange(len(issues))
    width = 0.8 / len(res.profiles)
    fig, ax = plt.subplots(figsize=(8.0, 3.8))
    for k, prof in enumerate(res.profiles):
        ax.bar(x + k * width, [g.weights[k] for g in issues], width, label=prof)
    ax.set_xticks(x + 0.4 - width / 2, [g.issue for g in issues], rotation=30, ha="right", fontsize=7)
    ax.set_ylabel("share of the weight")
    ax.set_title(f"{res.party}: weights of the issues with the largest stake, by faction", fontsize=10)
    ax.legend(fontsize=7)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out, dpi=130)
    plt.close(fig)
    return out
