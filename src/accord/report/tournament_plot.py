"""The tournament plot (matplotlib, an optional extra: ``pip install accord[plot]``).

Two panels over the grid's cells: the mean share of the Nash product reached and
the agreement rate, one group of bars per strategy, one bar per protocol (the
first perspective's cells when several were played; the JSON has them all).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from accord.report.plots import FORMATS, PlotError
from accord.workbench.tournament import TournamentOutcome


def plot_tournament(path: str | Path, outcome: TournamentOutcome) -> Path:
    """Bars of Nash-product share and agreement rate per strategy and protocol, written to ``path``."""
    out = Path(path)
    if out.suffix.lower() not in FORMATS:
        raise PlotError(f"plots are written as .png or .svg files, not {out.suffix or 'no suffix'!r}")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise PlotError("plotting needs matplotlib: pip install 'accord[plot]'") from exc
    res = outcome.result
    first = res.perspectives[0]
    rows = {(r.protocol, r.strategy): r for r in res.rows if r.perspective == first}
    x = np.arange(len(res.strategies))
    width = 0.8 / max(1, len(res.protocols))
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for k, proto in enumerate(res.protocols):
        share = [rows[(proto, s)].nash_share or 0.0 for s in res.strategies]
        rate = [rows[(proto, s)].agreement_rate for s in res.strategies]
        axes[0].bar(x + k * width, share, width, label=proto)
        axes[1].bar(x + k * width, rate, width, label=proto)
    for ax, title in zip(axes, ("mean share of the Nash product", "agreement rate"), strict=True):
        ax.set_xticks(x + width * (len(res.protocols) - 1) / 2, res.strategies, rotation=20, fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.set_title(title, fontsize=10)
        ax.grid(axis="y", alpha=0.3)
    axes[0].legend(fontsize=7)
    fig.suptitle(
        f"Tournament on {outcome.scenario.id} ({first}), {len(res.seeds)} seeds per cell", fontsize=10
    )
    fig.tight_layout()
    fig.savefig(out, dpi=130)
    plt.close(fig)
    return out
