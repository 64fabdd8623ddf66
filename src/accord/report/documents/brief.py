"""A briefing (:class:`accord.workbench.briefing.Brief`) as HTML (Jinja2, autoescaped) or PDF (Typst).

Both formats share :func:`brief_data`, the brief as plain JSON data; the frontier
plot is drawn once as SVG by :func:`accord.report.plots.plot_picture`. HTML embeds
it as a base64 ``data:`` image (an image cannot run script), PDF passes the SVG
text to Typst through ``sys.inputs``: no user text is pasted into markup.
Every table says whose estimates it shows, as of when: estimates, not forecasts.
"""

from __future__ import annotations

import base64
import json
import tempfile
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from accord.workbench.briefing import SECTIONS, Brief, Cell, EstimateLabel

ESTIMATE_NOTE = (
    "Every number below is an estimate held by the named perspective (its owner, as of its date) "
    "of what each party would accept; it is not a forecast of what will happen."
)
FRAGILE = "†"


def label_text(label: EstimateLabel) -> str:
    """``name (owner, as of DATE; kind)``: whose estimates."""
    bits = [b for b in (label.owner, f"as of {label.as_of}" if label.as_of else "") if b]
    return f"{label.name} ({', '.join(bits) or 'no owner stated'}; {label.kind})"


def cell_text(c: Cell) -> str:
    """A verdict with its fragile mark and its flip distance."""
    mark = FRAGILE if c.fragile else ""
    if c.crossed:
        return f"{c.verdict}{mark} (red line)"
    return f"{c.verdict}{mark}" + ("" if c.flip is None else f" (±{c.flip:.1f})")


def figure_svg(brief: Brief) -> str:
    """The frontier plot as SVG text ("" when the brief has no picture)."""
    if brief.picture is None:
        return ""
    from accord.report.plots import plot_picture

    # Matplotlib reads "$" as mathematics: keep the title literal.
    pic = replace(brief.picture, title=brief.picture.title.replace("$", r"\$"))
    with tempfile.TemporaryDirectory() as tmp:
        return plot_picture(Path(tmp) / "frontier.svg", pic).read_text(encoding="utf-8")


def brief_data(brief: Brief) -> dict[str, Any]:
    """The brief as plain data: what HTML, PDF and the ``--json`` manifest show."""
    sources = {s.id: s for s in brief.sources}
    return {
        "title": f"Briefing: {brief.title}",
        "scenario": brief.scenario,
        "perspective": brief.perspective,
        "note": ESTIMATE_NOTE,
        "sections": list(SECTIONS),
        "parties": list(brief.parties),
        "plans": [
            {
                "id": p.id,
                "title": p.title,
                "proposers": ", ".join(p.proposers),
                "date": p.date,
                "accepted_by_all": [
                    pv.label.perspective
                    for pv in brief.verdicts
                    for row in pv.plans
                    if row.plan == p.id and row.acceptable_to_all
                ],
            }
            for p in brief.plans
        ],
        "verdicts": [
            {
                "perspective": pv.label.perspective,
                "label": label_text(pv.label),
                "parties": [c.party for c in pv.plans[0].cells] if pv.plans else [],
                "rows": [[row.plan, *(cell_text(c) for c in row.cells)] for row in pv.plans],
            }
            for pv in brief.verdicts
        ],
        "figure": {
            "note": brief.picture_note,
            "parties": list(brief.picture.parties) if brief.picture else [],
            "points": int(brief.picture.frontier.shape[0]) if brief.picture else 0,
        },
        "amendments": [_amendment(a) for a in brief.amendments],
        "time_limit": brief.time_limit,
        "sources": [_source(sources[k]) for k in sorted(sources)],
    }


def _amendment(a: Any) -> dict[str, Any]:
    if not a.feasible:
        head = f"{a.plan}: no amendment found ({a.status})"
    else:
        head = f"{a.plan}: {len(a.changes)} change(s)" + (
            "" if a.exact else " (best found, not proven smallest)"
        )
    return {
        "plan": a.plan,
        "head": head,
        "changes": [f"{i}: {b} → {t}" for i, b, t in a.changes],
        "held": ", ".join(f"{i} = {o}" for i, o in a.held),
        "note": a.note,
    }


def _source(s: Any) -> str:
    bits = [s.title, s.author, s.date, s.url]
    return f"{s.id}: " + "; ".join(b for b in bits if b)


_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ d.title }}</title>
<style>
body { font-family: Georgia, serif; max-width: 60em; margin: 2em auto; line-height: 1.45; padding: 0 1em; }
.note { font-style: italic; color: #555; } table { border-collapse: collapse; font-size: .85em; }
td, th { border: 1px solid #999; padding: .15em .4em; } img { max-width: 100%; }
</style></head><body>
<h1>{{ d.title }}</h1>
<p class="note">{{ d.note }}</p>
<ul><li>Scenario: <code>{{ d.scenario }}</code></li>
<li>Perspective (frontier, amendments): <code>{{ d.perspective }}</code></li>
<li>Negotiating parties: {{ d.parties | join(", ") }}</li></ul>
<section id="plans"><h2>1. Plans compared</h2>
<table><tr><th>plan</th><th>title</th><th>proposers</th><th>date</th><th>acceptable to all under</th></tr>
{% for p in d.plans %}<tr><td><code>{{ p.id }}</code></td>
<td>{{ p.title }}</td><td>{{ p.proposers }}</td><td>{{ p.date }}</td>
<td>{{ p.accepted_by_all | join(", ") or "no perspective" }}</td></tr>
{% endfor %}</table></section>
<section id="verdicts"><h2>2. Verdicts per perspective</h2>
<p class="note">Each cell: the party's verdict; {{ fragile }} marks a fragile verdict (its surplus
lies within the stated spread); in brackets how many points the BATNA must move to flip it.</p>
{% for v in d.verdicts %}<h3 id="perspective-{{ v.perspective }}">Estimates of {{ v.label }}</h3>
<table><tr><th>plan</th>{% for p in v.parties %}<th>{{ p }}</th>{% endfor %}</tr>
{% for row in v.rows %}<tr>{% for c in row %}<td>{{ c }}</td>{% endfor %}</tr>{% endfor %}</table>
{% endfor %}</section>
<section id="frontier"><h2>3. Frontier</h2><p>{{ d.figure.note }}</p>
{% if svg %}<img alt="frontier plot" src="data:image/svg+xml;base64,{{ svg }}">{% endif %}</section>
<section id="amendments"><h2>4. What would have to change</h2>
<p>The smallest amendment of each plan not acceptable to every party (estimates of {{ d.perspective }};
at most {{ d.time_limit }} s of search per plan).</p>
{% for a in d.amendments %}<h3>{{ a.head }}</h3><ul>{% for c in a.changes %}<li>{{ c }}</li>{% endfor %}</ul>
{% if a.held %}<p class="note">
Issues the plan gives in several forms, held at the first form: {{ a.held }}</p>{% endif %}
{% if a.note %}<p class="note">{{ a.note }}</p>{% endif %}
{% else %}<p>Every plan is acceptable to every party.</p>{% endfor %}</section>
<section id="sources"><h2>5. Sources</h2><ul>
{% for s in d.sources %}<li>{{ s }}</li>{% endfor %}</ul></section>
</body></html>
"""


def render_brief_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page; every value autoescaped."""
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    svg = base64.b64encode(figure_svg(brief).encode()).decode()
    return env.from_string(_TEMPLATE).render(d=brief_data(brief), svg=svg, fragile=FRAGILE)


def render_brief_pdf(brief: Brief) -> bytes:
    """The brief as PDF bytes, typeset by Typst from JSON data and the SVG plot."""
    import typst

    template = resources.files("accord.report.documents").joinpath("brief.typ").read_bytes()
    data = json.dumps({**brief_data(brief), "fragile": FRAGILE}, ensure_ascii=False)
    out = typst.compile(template, format="pdf", sys_inputs={"data": data, "svg": figure_svg(brief)})
    assert isinstance(out, bytes)
    return out
