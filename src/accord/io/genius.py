"""GENIUS XML: export a scenario (one perspective) as a domain and additive utility spaces, and import them.

GENIUS (Lin, Fujita, Ito, Jonker, Hindriks & Tykhonov 2014, "Genius: an integrated
environment for supporting the design of generic automated negotiators",
Computational Intelligence 30(1)) describes a domain in one file (root
``negotiation_template``: an ``objective`` holding discrete ``issue`` elements, each
with ``item`` values) and each party's preferences in an additive utility-space
file (root ``utility_space``: the same issues whose items carry an ``evaluation``,
a ``weight`` per issue index, a ``discount_factor`` and a ``reservation`` value).
The utility of a package is ``U(x) = sum_i w_i e_i(x_i) / max_o e_i(o)`` in [0, 1]:
GENIUS divides each item's evaluation by the issue's largest one.

Export. For party p with normalised weights w^_i and values v_i (0-100), let m_i be
the largest value of issue i and M = sum_i w^_i m_i (the best package's utility).
Items get e_i(o) = v_i(o) / m_i (largest exactly 1) and issues the weights
w_i = w^_i m_i / M (summing to 1), so U(x) = u_p(x) / M: GENIUS's normalised form of
the same preferences (every comparison, and every Nash product up to a constant, is
unchanged). The reservation value is BATNA / M and the discount factor 1. The scale
M travels as the attribute ``accord_scale`` of ``utility_space`` (GENIUS readers ignore
attributes they do not know), so an import recovers u_p = M U exactly. Red lines,
floors, constraints and status quos have no GENIUS form and are left out (the export
says so); so are faction profiles.

Import (:mod:`accord.io.genius_import`). Discrete issues only; ids are made from
the GENIUS names (invalid characters
become ``_``; the name is kept as the label). Without ``accord_scale`` a file's
utility is read as 100 U (weights renormalised to sum 1) and its BATNA as 100 times
its reservation value. The result is a scenario document (the file format's plain
data) with one perspective and a source naming the files it came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from accord.model import Issue, Profile, Scenario
from accord.model.preferences import complete_values

__all__ = [
    "GeniusError",
    "GeniusExport",
    "GeniusFile",
    "GeniusImport",
    "export_genius",
    "genius_form",
]

SCALE = 100.0
"""accord's utility scale (0-100); GENIUS's is 0-1."""
TINY = 1e-12
"""An issue whose largest evaluation is below this counts as valued 0 throughout (as GENIUS does)."""


class GeniusError(ValueError):
    """A GENIUS file accord cannot read: names the file, line and element."""

    def __init__(self, file: str, message: str, line: int | None = None, element: str | None = None) -> None:
        where = file + (f":{line}" if line is not None else "") + (f" <{element}>" if element else "")
        super().__init__(f"{where}: {message}")
        self.file = file
        self.line = line
        self.element = element
        self.message = message


@dataclass(frozen=True, slots=True, kw_only=True)
class GeniusFile:
    """One file of an export: its name (no directory) and its XML text."""

    name: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class GeniusExport:
    """A scenario under one perspective as GENIUS files, and what could not be carried over."""

    scenario: str
    perspective: str
    parties: tuple[str, ...]
    files: tuple[GeniusFile, ...]
    scales: tuple[float, ...]
    left_out: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class GeniusImport:
    """GENIUS files read as a scenario document (plain data in the file format) and notes on the reading."""

    document: Mapping[str, object]
    files: tuple[str, ...]
    notes: tuple[str, ...]


# -- export ----------------------------------------------------------------


def _num(x: float) -> str:
    return repr(float(x) + 0.0)


def _issue_xml(issue: Issue, index: int, evaluations: Sequence[float] | None, indent: str) -> list[str]:
    head = (
        f'{indent}<issue index="{index}" etype="discrete" type="discrete" vtype="discrete" '
        f"name={quoteattr(issue.id)} description={quoteattr(issue.title)}>"
    )
    lines = [head]
    for k, opt in enumerate(issue.options, start=1):
        extra = (
            f" evaluation={quoteattr(_num(evaluations[k - 1]))}"
            if evaluations is not None
            else f" description={quoteattr(opt.text)}"
        )
        lines.append(f'{indent}  <item index="{k}" value={quoteattr(opt.id)}{extra}/>')
    lines.append(f"{indent}</issue>")
    return lines


def _domain_xml(scenario: Scenario) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<negotiation_template>",
        f'  <utility_space number_of_issues="{len(scenario.issues)}">',
        f'    <objective index="0" etype="objective" type="objective" name={quoteattr(scenario.id)} '
        f"description={quoteattr(scenario.title)}>",
    ]
    for i, issue in enumerate(scenario.issues, start=1):
        lines += _issue_xml(issue, i, None, "      ")
    lines += ["    </objective>", "  </utility_space>", "</negotiation_template>", ""]
    return "\n".join(lines)


def genius_form(profile: Profile, issues: Sequence[Issue]) -> tuple[list[float], list[list[float]], float]:
    """The GENIUS weights, evaluations (largest 1 per issue) and scale M of ``profile`` (see the module)."""
    total = sum(profile.weights.values())
    norm = [profile.weights.get(i.id, 0.0) / total for i in issues]
    values = [
        list(complete_values(i, profile.values.get(i.id, {}))) if i.id in profile.weights else []
        for i in issues
    ]
    tops = [max(v) if v else 0.0 for v in values]
    scale = sum(w * m for w, m in zip(norm, tops, strict=True))
    evaluations: list[list[float]] = []
    weights: list[float] = []
    for issue, w, v, m in zip(issues, norm, values, tops, strict=True):
        if m > 0:
            evaluations.append([x / m for x in v])
            weights.append(w * m / scale)
        else:  # no weight, or every option valued 0: nothing this issue adds
            evaluations.append([0.0] * len(issue.options))
            weights.append(0.0)
    if scale <= 0:  # indifferent to everything: utility 0 throughout, on accord's scale
        weights = [1.0 / len(issues)] * len(issues)
    return weights, evaluations, scale if scale > 0 else SCALE


def _profile_xml(scenario: Scenario, profile: Profile, perspective: str) -> tuple[str, float]:
    weights, evaluations, scale = genius_form(profile, scenario.issues)
    party = scenario.party(profile.party)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f"<utility_space accord_party={quoteattr(profile.party)} accord_name={quoteattr(party.name)} "
        f"accord_role={quoteattr(party.role.value)} "
        f"accord_perspective={quoteattr(perspective)} accord_scale={quoteattr(_num(scale))}>",
        f'  <objective index="0" etype="objective" type="objective" name={quoteattr(scenario.id)} '
        f"description={quoteattr(scenario.title)}>",
    ]
    for i, issue in enumerate(scenario.issues, start=1):
        lines += _issue_xml(issue, i, evaluations[i - 1], "    ")
    lines += [f'    <weight index="{i}" value={quoteattr(_num(w))}/>' for i, w in enumerate(weights, 1)]
    lines += [
        "  </objective>",
        '  <discount_factor value="1.0"/>',
        f"  <reservation value={quoteattr(_num(profile.batna / scale))}/>",
        "</utility_space>",
        "",
    ]
    return "\n".join(lines), scale


def _left_out(scenario: Scenario, profiles: Sequence[Profile], perspective: str) -> tuple[str, ...]:
    notes = []
    red = sum(len(p.red_lines) for p in profiles)
    if red:
        notes.append(
            f"{red} red line(s) (floors included) left out: GENIUS has no red lines, so packages "
            "crossing them look acceptable there"
        )
    if scenario.constraints:
        notes.append(
            f"{len(scenario.constraints)} constraint(s) left out: GENIUS has none, so every "
            "combination of options counts as a package there"
        )
    if any(i.status_quo is not None for i in scenario.issues):
        notes.append("status quos left out: GENIUS has no status quo (the BATNA is the reservation value)")
    if any(p.faction is not None for p in scenario.profiles if p.perspective == perspective):
        notes.append("faction profiles left out: one utility space per party")
    fallback = [p.party for p in profiles if p.perspective != perspective]
    if fallback:
        notes.append(f"{', '.join(fallback)}: no profile under {perspective}; the default perspective's used")
    return tuple(notes)


def export_genius(scenario: Scenario, perspective: str | None = None) -> GeniusExport:
    """``scenario`` under ``perspective`` (default: the scenario's) as GENIUS domain and utility files.

    One utility space per party with a profile (falling back to the default
    perspective's, as everywhere); ``KeyError`` for an unknown perspective.
    """
    wanted = scenario.perspective(perspective or scenario.default_perspective).id
    profiles = []
    for party in scenario.profiled_parties():
        prof = scenario.profile(party, wanted)
        if prof is not None:
            profiles.append(prof)
    files = [GeniusFile(name=f"{scenario.id}-domain.xml", text=_domain_xml(scenario))]
    scales = []
    for prof in profiles:
        text, scale = _profile_xml(scenario, prof, wanted)
        files.append(GeniusFile(name=f"{scenario.id}-{prof.party}.xml", text=text))
        scales.append(scale)
    return GeniusExport(
        scenario=scenario.id,
        perspective=wanted,
        parties=tuple(p.party for p in profiles),
        files=tuple(files),
        scales=tuple(scales),
        left_out=_left_out(scenario, profiles, wanted),
    )
