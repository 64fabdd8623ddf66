"""Write docs/verdicts.md: every plan of the built-in ``ukraine`` case under every perspective.

The expected verdicts used to be pinned by tests, which turned the authors'
expectations into constraints on the estimates. They live here instead, as a
generated table a reviewer reads: each plan and reading, each perspective, each
party's surplus over its BATNA, red lines crossed and fragility (a margin within
the profile's stated spread). A test checks that the file is current.

Usage: python scripts/gen_verdicts_docs.py [--check]
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accord.analysis.results import PartyVerdict, PlanEvaluation
    from accord.model import Scenario

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "verdicts.md"
SCENARIO = "ukraine"
PARTIES = ("UA", "RU", "US", "EU", "TR")
FACTIONS = ("US", "US.NSC", "US.State", "US.DoD")
# Kyiv's and Moscow's stated views judged together, each party by its own government.
GOVERNMENTS = (("UA", "ua-government"), ("RU", "ru-government"))


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _mark(v: PartyVerdict) -> str:
    """``✓ +7.7``, ``✗ -4.0 RL``, ``? +1.0``; ``~`` when the margin is within the spread."""
    sign = {"yes": "✓", "no": "✗"}.get(v.acceptability, "?")
    text = f"{sign} {v.surplus:+.1f}"
    if not v.firm:
        text += "~"
    if v.red_lines:
        text += " RL"
    return text


def _decisive(ev: PlanEvaluation) -> str:
    """The summary cell: who blocks (the worst-off surplus), or acceptable to all."""
    if ev.infeasible:
        return "infeasible"
    worst = min(ev.parties, key=lambda v: v.surplus)
    if ev.acceptable_to_all:
        return f"all ✓ (min {worst.surplus:+.1f}{'~' if not worst.firm else ''})"
    mark = "~" if not worst.firm else ""
    if not ev.blocked_by:  # nobody refuses, someone's verdict turns on a form left open
        return f"? open: {','.join(ev.undecided)} (min {worst.party} {worst.surplus:+.1f}{mark})"
    return f"✗ {','.join(ev.blocked_by)} (min {worst.party} {worst.surplus:+.1f}{mark})"


def _covered(s: Scenario, perspective: str) -> tuple[str, ...]:
    """The parties with their own profile under ``perspective`` (the rest fall back)."""
    own = {p.party for p in s.profiles if p.perspective == perspective and p.faction is None}
    return tuple(p for p in PARTIES if p in own)


def _perspective_sections(s: Scenario) -> list[str]:
    from accord.analysis.evaluate import evaluate_plans

    parts: list[str] = []
    for persp in s.perspectives:
        ev = evaluate_plans(s, perspective=persp.id, parties=list(PARTIES))
        own = _covered(s, persp.id)
        fallback = [p for p in PARTIES if p not in own]
        parts.append(f"### {persp.id}: {persp.name}\n")
        note = f"Own profiles: {', '.join(own)}."
        if fallback:
            note += f" Judged by the {s.default_perspective} profile: {', '.join(fallback)}."
        parts.append(note + "\n")
        rows = ([p.plan, *(_mark(v) for v in p.parties)] for p in ev.plans)
        parts.append(_table(["plan", *PARTIES], rows))
    return parts


def _summary(s: Scenario) -> str:
    from accord.analysis.evaluate import evaluate_plans

    per = {p.id: evaluate_plans(s, perspective=p.id, parties=list(PARTIES)) for p in s.perspectives}
    first = next(iter(per.values()))
    names = [p.plan for p in first.plans]
    rows = []
    for i, name in enumerate(names):
        rows.append([name, *(_decisive(per[p].plans[i]) for p in per)])
    return _table(["plan", *per], rows)


def _factions(s: Scenario) -> str:
    from accord.analysis.evaluate import evaluate_plans

    ev = evaluate_plans(s, perspective=s.default_perspective, parties=list(FACTIONS))
    rows = ([p.plan, *(_mark(v) for v in p.parties)] for p in ev.plans)
    return _table(["plan", *FACTIONS], rows)


def _zopas(s: Scenario) -> str:
    rows = []
    for persp in s.perspectives:
        for label, parties in (("UA, RU", ("UA", "RU")), ("all five", PARTIES)):
            best = max_min_surplus(s, [(p, persp.id) for p in parties])
            text = "no package meets the red lines and constraints" if best is None else f"{best:+.1f}"
            rows.append([persp.id, label, "yes" if best is not None and best > 0 else "no", text])
    return _table(["perspective", "parties", "ZOPA", "best package's smallest surplus"], rows)


def max_min_surplus(s: Scenario, holders: Sequence[tuple[str, str]]) -> float | None:
    """Exact max over feasible packages of the smallest surplus over BATNA (a MILP).

    ``holders`` pairs a party with the perspective whose profile it uses, so that
    Kyiv's and Moscow's stated views meet in one problem. None: no package
    satisfies the constraints and red lines at all.
    """
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    from accord.space import compile_space

    spaces = [compile_space(s, perspective=persp, parties=[h]) for h, persp in holders]
    sizes = spaces[0].sizes
    offset = np.concatenate([[0], np.cumsum(sizes)])
    n = int(offset[-1]) + 1  # one binary per option, then the surplus t
    rows: list[np.ndarray] = []
    bounds_lo: list[float] = []
    bounds_hi: list[float] = []

    def add(row: np.ndarray, lo: float, hi: float) -> None:
        rows.append(row)
        bounds_lo.append(lo)
        bounds_hi.append(hi)

    for i in range(len(sizes)):  # exactly one option per issue
        row = np.zeros(n)
        row[offset[i] : offset[i + 1]] = 1
        add(row, 1, 1)
    for clause in [*spaces[0].constraints, *(c for sp in spaces for c in sp.red_lines[0])]:
        row = np.zeros(n)
        for member in clause.members:
            row[[offset[member.issue] + k for k in member.options]] = 1
        add(row, 1, np.inf)
    for sp in spaces:  # u_p(x) - t >= BATNA_p
        add(np.concatenate([*(c[0] for c in sp.contrib), [-1.0]]), float(sp.batna[0]), np.inf)
    objective = np.zeros(n)
    objective[-1] = -1.0
    integrality = np.ones(n)
    integrality[-1] = 0
    bounds = Bounds(np.r_[np.zeros(n - 1), -100.0], np.r_[np.ones(n - 1), 100.0])
    res = milp(objective, constraints=LinearConstraint(np.array(rows), bounds_lo, bounds_hi),
               integrality=integrality, bounds=bounds)  # fmt: skip
    return None if res.x is None else float(res.x[-1])


def render() -> str:
    from accord.scenarios import load_builtin

    s = load_builtin(SCENARIO)
    gov = max_min_surplus(s, GOVERNMENTS)
    gov_text = (
        "no package satisfies both governments' red lines and the constraints"
        if gov is None
        else f"the best package's smallest surplus is {gov:+.1f} ({'a ZOPA' if gov > 0 else 'no ZOPA'})"
    )
    parts = [
        "# Verdicts of the built-in Russia–Ukraine case\n",
        "Generated by `python scripts/gen_verdicts_docs.py` from `src/accord/scenarios/ukraine.yaml`;"
        " a test fails when it is stale. These are verdicts on *estimates*, never forecasts: each"
        " cell is a party's surplus over its BATNA (0–100 scale), ✓ acceptable, ✗ not, ? depends on"
        " open issues, `~` a margin within the profile's stated spread (fragile), `RL` a red line"
        " crossed. Tests do not pin these verdicts (that would turn expectations into constraints on"
        " the estimates); a reviewer reads them here. `settle-now` and `negotiate-from-strength` are"
        " prescriptive: what an argument says the parties *should* accept, not a forecast.\n",
        "## Plans × perspectives\n",
        "Each cell: acceptable to all, or who blocks, with the smallest surplus among the five parties.\n",
        _summary(s),
        "## Zones of possible agreement\n",
        "Whether some package is acceptable to every listed party (red lines and constraints"
        " respected), and the best package's smallest surplus, computed exactly by a mixed-integer"
        " program (`max_min_surplus` in the script; `accord zopa` gives the same answer).\n",
        _zopas(s),
        "Kyiv's and Moscow's stated views judged together (UA by `ua-government`, RU by"
        f" `ru-government`): {gov_text}.\n",
        "## Each perspective, party by party\n",
        *_perspective_sections(s),
        "## The US and its factions (analyst baseline)\n",
        "Pickering's NSC, State and Defense (weights 2, 1, 1), next to the US profile derived from them.\n",
        _factions(s),
    ]
    return "\n".join(parts)


def main() -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    from gen_cli_docs import write_or_check

    return write_or_check(TARGET, render(), "gen_verdicts_docs.py")


if __name__ == "__main__":
    sys.exit(main())
