"""Charts of the web workbench, rendered in memory as SVG (matplotlib, the ``plot`` extra).

Pure renderers: they take numbers an engine or the process model computed and
return the SVG text; nothing here runs an engine or reads a database.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def utility_bars(
    series: Mapping[str, Mapping[str, float]], batna: Mapping[str, float], *, title: str
) -> bytes:
    """Grouped bars: each series' utility per party (0–100), each party's BATNA as a dashed tick."""
    plt = _pyplot()
    parties = list(batna) or sorted({p for s in series.values() for p in s})
    fig, ax = plt.subplots(figsize=(7, 3.6))
    try:
        width = 0.8 / max(len(series), 1)
        for k, (label, values) in enumerate(series.items()):
            xs = [i + k * width for i in range(len(parties))]
            ax.bar(xs, [values.get(p, 0.0) for p in parties], width=width, label=label)
        for i, p in enumerate(parties):
            if p in batna:
                ax.hlines(batna[p], i - 0.1, i + 0.8, colors="black", linestyles="dashed")
        ax.set_xticks([i + 0.4 - width / 2 for i in range(len(parties))], parties)
        ax.set_ylim(0, 100)
        ax.set_ylabel("utility (0–100); dashed: BATNA")
        ax.set_title(title)
        if series:
            ax.legend(loc="upper right", fontsize="small")
        out = io.BytesIO()
        fig.savefig(out, format="svg", bbox_inches="tight")
    finally:
        plt.close(fig)
    return out.getvalue()


def status_bars(counts: Mapping[str, int], *, title: str) -> bytes:
    """One horizontal bar per issue state (open, proposed, provisional, agreed) with its count."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 2.4))
    try:
        labels = list(counts)
        ax.barh(
            labels,
            [counts[k] for k in labels],
            color=["#bbb", "#f0ad4e", "#5bc0de", "#5cb85c"][: len(labels)],
        )
        ax.set_xlabel("issues")
        ax.set_title(title)
        out = io.BytesIO()
        fig.savefig(out, format="svg", bbox_inches="tight")
    finally:
        plt.close(fig)
    return out.getvalue()
