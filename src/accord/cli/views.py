"""Terminal and JSON renderings of scenarios and evaluations."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from accord.analysis.evaluate import Evaluation, PartyVerdict, PlanEvaluation
from accord.cli.common import r2
from accord.model import Plan, Profile, Scenario, complete_values

MARK = {"yes": ("✓", "green"), "no": ("✗", "red"), "depends": ("?", "yellow")}


def estimate_note(scenario: Scenario, ev: Evaluation) -> str:
    persp = scenario.perspective(ev.perspective)
    owner = f", held by {persp.owner}" if persp.owner else ""
    borrowed = sorted({v.perspective for pe in ev.plans for v in pe.parties} - {ev.perspective})
    note = (
        f"Perspective: [bold]{persp.id}[/] ({persp.name or persp.id}{owner}). "
        "Utilities and BATNAs are estimates on a 0–100 scale, not facts or forecasts."
    )
    if borrowed:
        note += f" Parties without a profile under {persp.id} use {', '.join(borrowed)} (shown per row)."
    return note


# -- evaluate ---------------------------------------------------------------
def evaluation_json(ev: Evaluation) -> dict[str, Any]:
    return {
        "scenario": ev.scenario,
        "perspective": ev.perspective,
        "method": ev.method,
        "parties": list(ev.parties),
        "plans": [plan_json(pe) for pe in ev.plans],
    }


def plan_json(pe: PlanEvaluation) -> dict[str, Any]:
    return {
        "id": pe.plan,
        "title": pe.title,
        "proposer": pe.proposer,
        "date": pe.date,
        "reading": pe.reading,
        "complete": pe.complete,
        "package": dict(pe.package),
        "held_at_status_quo": list(pe.held_at_status_quo),
        "undetermined": list(pe.undetermined),
        "violations": list(pe.violations),
        "acceptable_to_all": pe.acceptable_to_all,
        "blocked_by": list(pe.blocked_by),
        "undecided": list(pe.undecided),
        "verdict": pe.verdict(),
        "parties": {v.party: verdict_json(v) for v in pe.parties},
    }


def verdict_json(v: PartyVerdict) -> dict[str, Any]:
    return {
        "utility": r2(v.utility),
        "utility_range": [r2(v.utility_range[0]), r2(v.utility_range[1])],
        "batna": r2(v.batna),
        "surplus": r2(v.surplus),
        "acceptable": v.acceptable,
        "acceptability": v.acceptability,
        "red_lines": list(v.red_lines),
        "red_lines_possible": list(v.red_lines_possible),
        "perspective": v.perspective,
        "firm": v.firm,
        "spread": r2(v.spread),
        "weighs_for": [{"issue": s.issue, "option": s.option, "share": r2(s.share)} for s in v.weighs_for()],
        "weighs_against": [
            {"issue": s.issue, "option": s.option, "share": r2(s.share)} for s in v.weighs_against()
        ],
    }


def _shares_text(shares: tuple[Any, ...]) -> str:
    # Shares that round to ±0.0 at one decimal say nothing to a reader.
    return ", ".join(f"{s.issue} {s.share:+.1f}" for s in shares if abs(s.share) >= 0.05) or "—"


def _utility_text(v: PartyVerdict) -> str:
    lo, hi = v.utility_range
    if abs(hi - lo) < 1e-9:
        return f"{v.utility:.1f}"
    return f"{lo:.1f}–{hi:.1f}"


def print_evaluation(console: Console, scenario: Scenario, ev: Evaluation, *, detail: bool = False) -> None:
    console.print(f"[bold]{scenario.title}[/] ([cyan]{scenario.id}[/])")
    console.print(estimate_note(scenario, ev))
    for pe in ev.plans:
        console.print()
        who = ", ".join(x for x in (pe.proposer or "", pe.date) if x)
        head = Text.assemble((pe.plan, "bold cyan"), " — ", pe.title, (f"  ({who})" if who else "", "dim"))
        console.print(head)
        colour = (
            "green" if pe.acceptable_to_all else ("yellow" if not pe.blocked_by and pe.undecided else "red")
        )
        console.print(Text("Verdict: " + pe.verdict(), style=colour))
        if pe.held_at_status_quo:
            console.print(
                Text("Left open, held at status quo: " + ", ".join(pe.held_at_status_quo), style="dim")
            )
        if pe.undetermined:
            console.print(
                Text(
                    "Left open with no status quo (utility shown as a range): " + ", ".join(pe.undetermined),
                    style="yellow",
                )
            )
        table = Table(show_edge=False, pad_edge=False, header_style="bold")
        # Name the estimate per row only when some party borrows another perspective.
        borrowed = any(v.perspective != ev.perspective for v in pe.parties)
        columns = [("party", "left"), ("utility", "right"), ("BATNA", "right"), ("surplus", "right"),
                   ("", "center"), ("red lines crossed", "left"), ("weighs most for", "left"),
                   ("weighs most against", "left")]  # fmt: skip
        if borrowed:
            columns.insert(1, ("estimate by", "left"))
        text_columns = {"red lines crossed", "weighs most for", "weighs most against"}
        for col, just in columns:
            if col in text_columns and not detail:
                # Wrapping long cells is most of rich's rendering time; the overview
                # cuts the reasons with an ellipsis (--plan shows them in full).
                cap = 18 if col == "red lines crossed" else 26
                table.add_column(col, justify=just, no_wrap=True, overflow="ellipsis", max_width=cap)  # type: ignore[arg-type]
            else:
                table.add_column(
                    col,
                    justify=just,  # type: ignore[arg-type]
                    no_wrap=col not in text_columns,
                    min_width=max(1, len(col)),
                )
        n = 10 if detail else 2
        for v in pe.parties:
            mark, style = MARK[v.acceptability]
            crossed = "; ".join(v.red_lines) or (
                "maybe: " + "; ".join(v.red_lines_possible) if v.red_lines_possible else "—"
            )
            fragile = "" if v.firm else " ~"
            cells: list[str | Text] = [
                v.party,
                _utility_text(v),
                f"{v.batna:.1f}",
                f"{v.surplus:+.1f}{fragile}",
                Text(mark, style=style),
                crossed,
                _shares_text(v.weighs_for(n)),
                _shares_text(v.weighs_against(n)),
            ]
            if borrowed:
                cells.insert(1, v.perspective)
            table.add_row(*cells)
        console.print(table)
    console.print()
    console.print(
        Text(
            "✓ acceptable  ✗ not acceptable  ? depends on open issues  ~ fragile: surplus within the "
            "estimate's stated spread. Shares are each issue's points of the surplus over BATNA.",
            style="dim",
        )
    )


# -- compare ----------------------------------------------------------------
def print_compare(
    console: Console, scenario: Scenario, ev: Evaluation, across: tuple[Evaluation, ...]
) -> None:
    console.print(f"[bold]{scenario.title}[/] ([cyan]{scenario.id}[/])")
    console.print(estimate_note(scenario, ev))
    console.print()
    verdicts = Table(
        title="Plans × parties: surplus over BATNA (✓ acceptable, ✗ not, ? depends)",
        title_justify="left",
        header_style="bold",
        show_edge=False,
    )
    verdicts.add_column("plan")
    verdicts.add_column("date")
    for party in ev.parties:
        verdicts.add_column(party, justify="right")
    verdicts.add_column("verdict")
    for pe in ev.plans:
        cells: list[Text | str] = [pe.plan, pe.date]
        for v in pe.parties:
            mark, style = MARK[v.acceptability]
            rl = " RL" if v.red_lines else ""
            cells.append(Text(f"{mark} {v.surplus:+.1f}{rl}", style=style))
        cells.append("all accept" if pe.acceptable_to_all else _short_verdict(pe))
        verdicts.add_row(*cells)
    console.print(verdicts)
    console.print(Text("RL: crosses a red line of that party.", style="dim"))
    console.print()

    _print_terms(console, scenario, ev)
    if len(across) > 1:
        console.print()
        persp = Table(
            title="Whose estimate decides: verdict per perspective",
            title_justify="left",
            header_style="bold",
            show_edge=False,
        )
        persp.add_column("plan")
        for e in across:
            persp.add_column(e.perspective)
        for k, pe in enumerate(ev.plans):
            row = [pe.plan]
            for e in across:
                other = e.plans[k]
                row.append("all accept" if other.acceptable_to_all else _short_verdict(other))
            persp.add_row(*row)
        console.print(persp)


def _print_terms(console: Console, scenario: Scenario, ev: Evaluation) -> None:
    """Issues × plans, as many plan columns per table as the terminal fits.

    Readings are shown as the terms they change, not as columns of their own.
    """
    base = [pe for pe in ev.plans if pe.reading is None]
    cap = 16  # option ids longer than this are shortened with an ellipsis
    issue_width = min(max(len(i.id) for i in scenario.issues), 24)
    widths = [min(max([len(pe.plan), *(len(o or "") for o in pe.package.values())]), cap) for pe in base]
    chunks: list[list[int]] = [[]]
    used = issue_width + 3
    for k, w in enumerate(widths):
        if chunks[-1] and used + w + 3 > console.width:
            chunks.append([])
            used = issue_width + 3
        chunks[-1].append(k)
        used += w + 3
    for n, chunk in enumerate(chunks):
        part = f" ({n + 1}/{len(chunks)})" if len(chunks) > 1 else ""
        table = Table(
            title=f"Issues × plans{part}: the option each plan takes (· = left open, status quo applies)",
            title_justify="left",
            header_style="bold",
            show_edge=False,
        )
        table.add_column("issue", no_wrap=True, overflow="ellipsis", max_width=issue_width)
        for k in chunk:
            table.add_column(base[k].plan, no_wrap=True, overflow="ellipsis", max_width=widths[k])
        for issue in scenario.issues:
            row: list[Text | str] = [issue.id]
            for k in chunk:
                opt = base[k].package.get(issue.id)
                held = issue.id in base[k].held_at_status_quo or opt is None
                row.append(Text("·", style="dim") if held else str(opt))
            table.add_row(*row)
        console.print(table)
    readings = [pe for pe in ev.plans if pe.reading is not None]
    if readings:
        console.print("Readings (where sources disagree, each reading changes some terms):", style="bold")
        by_id = {pe.plan: pe for pe in base}
        for pe in readings:
            parent = by_id.get(pe.plan.split("@")[0])
            changes = [
                f"{issue}={opt if opt is not None else 'open'}"
                for issue, opt in pe.package.items()
                if parent is not None and parent.package.get(issue) != opt
            ]
            text = ", ".join(changes) or "no change in the modelled terms"
            console.print(f"  {pe.plan}: {text}", markup=False, highlight=False)


def _short_verdict(pe: PlanEvaluation) -> str:
    parts = []
    if pe.violations:
        parts.append("breaks " + ",".join(pe.violations))
    if pe.blocked_by:
        parts.append("blocked: " + ",".join(pe.blocked_by))
    if pe.undecided:
        parts.append("open: " + ",".join(pe.undecided))
    return "; ".join(parts)


def compare_json(scenario: Scenario, ev: Evaluation, across: tuple[Evaluation, ...]) -> dict[str, Any]:
    return {
        "scenario": scenario.id,
        "perspective": ev.perspective,
        "issues": [i.id for i in scenario.issues],
        "plans": [
            {
                "id": pe.plan,
                "terms": dict(pe.package),
                "held_at_status_quo": list(pe.held_at_status_quo),
                "acceptable_to_all": pe.acceptable_to_all,
                "blocked_by": list(pe.blocked_by),
                "parties": {
                    v.party: {"surplus": r2(v.surplus), "acceptability": v.acceptability} for v in pe.parties
                },
            }
            for pe in ev.plans
        ],
        "by_perspective": {
            e.perspective: {
                pe.plan: {"acceptable_to_all": pe.acceptable_to_all, "blocked_by": list(pe.blocked_by)}
                for pe in e.plans
            }
            for e in across
        },
    }


# -- show -------------------------------------------------------------------
def print_scenario(console: Console, s: Scenario) -> None:
    console.print(f"[bold]{s.title}[/] ([cyan]{s.id}[/])")
    if s.description:
        console.print(s.description.strip())
    t = Table(title="Parties", title_justify="left", header_style="bold", show_edge=False)
    for c in ("id", "name", "role", "factions"):
        t.add_column(c)
    for p in s.parties:
        t.add_row(p.id, p.name, p.role.value, ", ".join(f.id for f in p.factions))
    console.print(t)
    if s.tables:
        t = Table(title="Tables", title_justify="left", header_style="bold", show_edge=False)
        for c in ("id", "name", "parties", "issues"):
            t.add_column(c)
        for tb in s.tables:
            t.add_row(
                tb.id, tb.name, ", ".join(tb.parties), str(sum(1 for i in s.issues if i.table == tb.id))
            )
        console.print(t)
    if s.tracks or s.phases:
        console.print(
            "[bold]Tracks:[/] "
            + ", ".join(t.id for t in s.tracks)
            + "   [bold]Phases:[/] "
            + " → ".join(p.id for p in s.phases)
        )
    if s.rules:
        t = Table(title="Process rules", title_justify="left", header_style="bold", show_edge=False)
        for c in ("id", "kind", "settings"):
            t.add_column(c)
        for r in s.rules:
            settings = [f"{k}={','.join(v) if isinstance(v, tuple) else v}" for k, v in r.params]
            if r.exceptions:
                settings.append("exceptions=" + ",".join(r.exceptions))
            t.add_row(r.id, r.kind, " ".join(settings))
        console.print(t)
    t = Table(
        title="Issues (status quo marked *)", title_justify="left", header_style="bold", show_edge=False
    )
    for c in ("id", "title", "table/track", "options"):
        t.add_column(c, overflow="fold")
    for i in s.issues:
        opts = ", ".join(o.id + ("*" if o.id == i.status_quo else "") for o in i.options)
        t.add_row(i.id, i.title, f"{i.table or '—'}/{i.track or '—'}", opts)
    console.print(t)
    if s.constraints:
        console.print("[bold]Constraints[/]")
        for con in s.constraints:
            console.print(f"  {con.id}: {con.text()}" + (f"  [dim]({con.why})[/]" if con.why else ""))
    t = Table(
        title="Perspectives (whose estimates)", title_justify="left", header_style="bold", show_edge=False
    )
    for c in ("id", "name", "owner", "profiles"):
        t.add_column(c)
    for persp in s.perspectives:
        holders = [pr.holder for pr in s.profiles if pr.perspective == persp.id]
        t.add_row(
            persp.id + (" (default)" if persp.id == s.default_perspective else ""),
            persp.name,
            persp.owner,
            ", ".join(holders),
        )
    console.print(t)
    t = Table(title="Plans", title_justify="left", header_style="bold", show_edge=False)
    for c in ("id", "title", "proposer", "date", "issues settled", "readings"):
        t.add_column(c, overflow="fold")
    for plan in s.plans:
        t.add_row(
            plan.id,
            plan.title,
            plan.proposer or "",
            plan.date,
            str(len(plan.terms)),
            ", ".join(r.id for r in plan.readings),
        )
    console.print(t)


def scenario_json(s: Scenario) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "default_perspective": s.default_perspective,
        "parties": [
            {"id": p.id, "name": p.name, "role": p.role.value, "factions": [f.id for f in p.factions]}
            for p in s.parties
        ],
        "tables": [{"id": t.id, "name": t.name, "parties": list(t.parties)} for t in s.tables],
        "tracks": [t.id for t in s.tracks],
        "phases": [p.id for p in s.phases],
        "rules": [{"id": r.id, "kind": r.kind} for r in s.rules],
        "issues": [
            {
                "id": i.id,
                "title": i.title,
                "table": i.table,
                "track": i.track,
                "status_quo": i.status_quo,
                "options": list(i.option_ids),
            }
            for i in s.issues
        ],
        "constraints": [{"id": c.id, "text": c.text()} for c in s.constraints],
        "perspectives": [p.id for p in s.perspectives],
        "plans": [
            {
                "id": p.id,
                "title": p.title,
                "proposer": p.proposer,
                "date": p.date,
                "readings": [r.id for r in p.readings],
            }
            for p in s.plans
        ],
    }


# -- show --party / --plan ----------------------------------------------------
def _cite(scenario: Scenario, keys: tuple[str, ...]) -> str:
    out = []
    for key in keys:
        try:
            out.append(f"[{key}] {scenario.source(key).cite()}")
        except KeyError:
            out.append(f"[{key}]")
    return "; ".join(out)


def print_profiles(console: Console, s: Scenario, profiles: list[Profile]) -> None:
    for prof in profiles:
        persp = s.perspective(prof.perspective)
        console.print()
        name = f" — {persp.name}" if persp.name else ""
        owner = f" (held by {persp.owner})" if persp.owner else ""
        console.print(Text.assemble((prof.holder, "bold cyan"), f" under {persp.id}{name}", (owner, "dim")))
        spread = prof.spread
        console.print(
            f"BATNA {prof.batna:g}; spread ±{spread.values:g} on values, ±{spread.batna:g} on BATNA, "
            f"±{spread.weights:.0%} on weights. These are estimates, not facts.",
            markup=False,
        )
        total = sum(prof.weights.values())
        table = Table(show_edge=False, header_style="bold")
        for col in ("issue", "weight", "share", "values (0–100) by option"):
            table.add_column(col, overflow="fold")
        for issue_id, w in sorted(prof.weights.items(), key=lambda kv: -kv[1]):
            issue = s.issue(issue_id)
            vals = complete_values(issue, prof.values.get(issue_id, {}))
            given = prof.values.get(issue_id, {})
            cells = ", ".join(
                f"{o.id} {v:g}" + ("" if o.id in given else " (interpolated)")
                for o, v in zip(issue.options, vals, strict=True)
            )
            table.add_row(issue_id, f"{w:g}", f"{w / total:.0%}", cells)
        console.print(table)
        if prof.red_lines:
            console.print("Red lines:", style="bold")
            for rl in prof.red_lines:
                console.print(f"  {rl.text()}" + (f" — {rl.why}" if rl.why else ""), markup=False)
        console.print("Rationale:", style="bold")
        console.print(f"  {prof.rationale.strip() or '(none given)'}", markup=False)
        if prof.sources:
            console.print(f"Sources: {_cite(s, prof.sources)}", markup=False, style="dim")


def profile_json(prof: Profile) -> dict[str, Any]:
    return {
        "party": prof.party,
        "faction": prof.faction,
        "perspective": prof.perspective,
        "weights": dict(prof.weights),
        "values": {k: dict(v) for k, v in prof.values.items()},
        "batna": prof.batna,
        "red_lines": [
            {"terms": {k: list(v) for k, v in rl.terms.items()}, "why": rl.why} for rl in prof.red_lines
        ],
        "spread": {"weights": prof.spread.weights, "values": prof.spread.values, "batna": prof.spread.batna},
        "rationale": prof.rationale,
        "sources": list(prof.sources),
    }


def print_plan(console: Console, s: Scenario, plan: Plan) -> None:
    who = ", ".join(x for x in (plan.proposer or "", plan.date, plan.status) if x)
    console.print(
        Text.assemble((plan.id, "bold cyan"), " — ", plan.title, (f"  ({who})" if who else "", "dim"))
    )
    if plan.notes:
        console.print(plan.notes.strip(), markup=False)
    table = Table(show_edge=False, header_style="bold", title="Terms", title_justify="left")
    for col in ("issue", "option", "meaning"):
        table.add_column(col, overflow="fold")
    for issue in s.issues:
        opt = plan.terms.get(issue.id)
        if opt is None:
            sq = issue.status_quo
            table.add_row(
                issue.id,
                Text("· open", style="dim"),
                Text(f"status quo: {sq}" if sq else "undetermined (no status quo)", style="dim"),
            )
        else:
            table.add_row(issue.id, opt, issue.option(opt).text)
    console.print(table)
    for r in plan.readings:
        changes = ", ".join(f"{k}={v if v is not None else 'open'}" for k, v in r.terms.items())
        console.print(f"Reading {r.id} ({r.title or r.id}): {changes}", markup=False, style="bold")
        if r.note:
            console.print(f"  {r.note.strip()}", markup=False)
        if r.sources:
            console.print(f"  Sources: {_cite(s, r.sources)}", markup=False, style="dim")
    if plan.sources:
        console.print(f"Sources: {_cite(s, plan.sources)}", markup=False, style="dim")


def plan_detail_json(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.id,
        "title": plan.title,
        "proposer": plan.proposer,
        "date": plan.date,
        "status": plan.status,
        "notes": plan.notes,
        "terms": dict(plan.terms),
        "readings": [
            {"id": r.id, "title": r.title, "terms": dict(r.terms), "note": r.note, "sources": list(r.sources)}
            for r in plan.readings
        ],
        "sources": list(plan.sources),
    }
