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

Import. Discrete issues only; ids are made from the GENIUS names (invalid characters
become ``_``; the name is kept as the label). Without ``accord_scale`` a file's
utility is read as 100 U (weights renormalised to sum 1) and its BATNA as 100 times
its reservation value. The result is a scenario document (the file format's plain
data) with one perspective and a source naming the files it came from.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from accord.io.safexml import Element, XmlError, parse_xml
from accord.model import Issue, Profile, Role, Scenario
from accord.model.elements import is_id
from accord.model.preferences import complete_values

__all__ = [
    "GeniusError",
    "GeniusExport",
    "GeniusFile",
    "GeniusImport",
    "export_genius",
    "import_genius",
]

SCALE = 100.0
"""accord's utility scale (0-100); GENIUS's is 0-1."""
ROLES = frozenset(r.value for r in Role)
"""The party roles an ``accord_role`` attribute may name (anything else reads as a belligerent)."""
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


# -- import ----------------------------------------------------------------


def make_id(name: str, taken: set[str]) -> str:
    """An accord id made from a GENIUS name, unique within ``taken`` (which it joins)."""
    chars = [
        ch if ch.isalnum() or ch in "_-" or (k and unicodedata.category(ch).startswith("M")) else "_"
        for k, ch in enumerate(unicodedata.normalize("NFC", name.strip()))
    ]
    base = "".join(chars)[:60] or "x"
    if not base[0].isalnum():
        base = ("x" + base)[:60]
    if not is_id(base):
        base = "x"
    out, n = base, 1
    while out in taken:
        n += 1
        out = f"{base}-{n}"
    taken.add(out)
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class _Issue:
    id: str
    name: str
    title: str
    options: tuple[tuple[str, str, str], ...]  # (id, GENIUS value, label)


def _attr(file: str, el: Element, name: str) -> str:
    value = el.attrs.get(name)
    if value is None:
        raise GeniusError(file, f"missing attribute {name!r}", el.line, el.tag)
    return value


def _float(file: str, el: Element, name: str) -> float:
    text = _attr(file, el, name)
    try:
        value = float(text)
    except ValueError:
        raise GeniusError(file, f"{name}={text!r} is not a number", el.line, el.tag) from None
    if not math.isfinite(value):
        raise GeniusError(file, f"{name}={text!r} is not a finite number", el.line, el.tag)
    return value


def _issues_of(file: str, root: Element) -> list[Element]:
    issues = root.walk("issue")
    if not issues:
        raise GeniusError(file, "no <issue> elements", root.line, root.tag)
    for el in issues:
        kind = el.attrs.get("type", el.attrs.get("etype", "discrete"))
        if kind != "discrete":
            raise GeniusError(
                file, f"issue {el.attrs.get('name', '?')!r} is {kind}: accord reads discrete issues only",
                el.line, "issue",
            )  # fmt: skip
    return issues


def _domain_issues(file: str, root: Element) -> list[_Issue]:
    if root.tag != "negotiation_template":
        raise GeniusError(file, f"expected a domain (<negotiation_template>), found <{root.tag}>", root.line)
    taken: set[str] = set()
    out = []
    for el in _issues_of(file, root):
        name = _attr(file, el, "name")
        items = el.find_all("item")
        if not items:
            raise GeniusError(file, f"issue {name!r} has no <item>", el.line, "issue")
        ids: set[str] = set()
        opts: list[tuple[str, str, str]] = []
        for item in items:
            value = _attr(file, item, "value")
            if any(value == v for _, v, _ in opts):
                raise GeniusError(file, f"value {value!r} appears twice in issue {name!r}", item.line, "item")
            opts.append((make_id(value, ids), value, item.attrs.get("description") or value))
        title = el.attrs.get("description", "")
        out.append(_Issue(id=make_id(name, taken), name=name, title=title, options=tuple(opts)))
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class _Space:
    """One utility space read: party id, perspective, scale, weights and values on accord's scale, BATNA."""

    party: str
    name: str
    role: str
    perspective: str | None
    weights: dict[str, float]
    values: dict[str, dict[str, float]]
    batna: float
    notes: tuple[str, ...]


def _evaluations(file: str, el: Element, issue: _Issue) -> list[float]:
    given: dict[str, float] = {}
    for item in el.find_all("item"):
        value = _attr(file, item, "value")
        e = _float(file, item, "evaluation")
        if e < 0:
            raise GeniusError(file, f"evaluation {e:g} of {value!r} is negative", item.line, "item")
        given[value] = e
    missing = [v for _, v, _ in issue.options if v not in given]
    if missing:
        raise GeniusError(
            file, f"issue {issue.name!r}: no evaluation for {', '.join(missing)}", el.line, "issue"
        )
    unknown = sorted(set(given) - {v for _, v, _ in issue.options})
    if unknown:
        raise GeniusError(
            file, f"issue {issue.name!r}: values not in the domain: {', '.join(unknown)}", el.line
        )
    top = max(given.values())
    return [given[v] / top if top > TINY else 0.0 for _, v, _ in issue.options]


def _weights(file: str, root: Element, index_of: Mapping[str, str]) -> dict[str, float]:
    weights: dict[str, float] = {}
    for el in root.walk("weight"):
        index = _attr(file, el, "index")
        if index not in index_of:
            continue  # the objective's own weight, or a weight of nothing we read
        w = _float(file, el, "value")
        if w < 0:
            raise GeniusError(file, f"weight {w:g} is negative", el.line, "weight")
        weights[index_of[index]] = w
    return weights


def _read_space(file: str, root: Element, issues: Sequence[_Issue], stem: str) -> _Space:
    if root.tag != "utility_space":
        raise GeniusError(file, f"expected a utility space (<utility_space>), found <{root.tag}>", root.line)
    by_name = {i.name: i for i in issues}
    evals: dict[str, list[float]] = {}
    index_of: dict[str, str] = {}
    for el in _issues_of(file, root):
        name = _attr(file, el, "name")
        if name not in by_name:
            raise GeniusError(file, f"issue {name!r} is not in the domain", el.line, "issue")
        index_of[_attr(file, el, "index")] = name
        evals[name] = _evaluations(file, el, by_name[name])
    missing = [i.name for i in issues if i.name not in evals]
    if missing:
        raise GeniusError(file, f"no evaluations for issue(s) {', '.join(missing)}", root.line, root.tag)
    weights = _weights(file, root, index_of)
    lacking = [i.name for i in issues if i.name not in weights]
    if lacking:
        raise GeniusError(file, f"no <weight> for issue(s) {', '.join(lacking)}", root.line, root.tag)
    total = sum(weights.values())
    if total <= TINY:
        raise GeniusError(file, "every weight is 0", root.line, root.tag)
    return _on_accord_scale(file, root, issues, evals, weights, stem)


def _on_accord_scale(
    file: str,
    root: Element,
    issues: Sequence[_Issue],
    evals: Mapping[str, list[float]],
    weights: Mapping[str, float],
    stem: str,
) -> _Space:
    notes: list[str] = []
    total = sum(weights.values())
    if "accord_scale" in root.attrs:
        scale = _float(file, root, "accord_scale")
        c = scale * total
        if scale < 0 or c > SCALE * (1 + 1e-9):
            raise GeniusError(file, f"accord_scale {scale:g} is outside 0-100", root.line, root.tag)
    else:
        scale, c = SCALE, SCALE
        if abs(total - 1) > 1e-6:
            notes.append(f"{file}: weights sum to {total:g}; normalised to 1")
    reservation = 0.0
    for el in root.walk("reservation"):
        reservation = _float(file, el, "value")
    batna = scale * reservation
    if not 0 <= batna <= SCALE:
        notes.append(f"{file}: reservation value {reservation:g} is outside 0-1; clipped")
        batna = min(max(batna, 0.0), SCALE)
    for el in root.walk("discount_factor"):
        d = _float(file, el, "value")
        if 0 < d < 1:
            notes.append(f"{file}: discount factor {d:g} ignored (accord does not discount over time)")
    kept = [i for i in issues if weights[i.name] > 0] or list(issues)
    return _Space(
        party=root.attrs.get("accord_party") or stem,
        name=root.attrs.get("accord_name") or root.attrs.get("accord_party") or stem,
        role=root.attrs.get("accord_role", "") if root.attrs.get("accord_role") in ROLES else "belligerent",
        perspective=root.attrs.get("accord_perspective"),
        weights={i.id: (weights[i.name] / total) or 1.0 for i in kept},
        values={
            i.id: {oid: min(c * e, SCALE) for (oid, _, _), e in zip(i.options, evals[i.name], strict=True)}
            for i in kept
        },
        batna=batna,
        notes=tuple(notes),
    )


def _parse_all(files: Mapping[str, bytes]) -> tuple[str, Element, list[tuple[str, Element]]]:
    domains: list[tuple[str, Element]] = []
    spaces: list[tuple[str, Element]] = []
    for name in sorted(files):
        try:
            root = parse_xml(files[name], name)
        except XmlError as exc:
            raise GeniusError(exc.file, exc.message, exc.line) from None
        (domains if root.tag == "negotiation_template" else spaces).append((name, root))
    if len(domains) != 1:
        found = ", ".join(n for n, _ in domains) or "none"
        raise GeniusError(
            "<directory>", f"expected one domain file (root <negotiation_template>), found {found}"
        )
    if not spaces:
        raise GeniusError("<directory>", "no utility-space files (root <utility_space>)")
    return domains[0][0], domains[0][1], spaces


def _base(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def _stem(name: str) -> str:
    return _base(name).removesuffix(".xml")


def import_genius(files: Mapping[str, bytes]) -> GeniusImport:
    """GENIUS files (name -> bytes: one domain, one utility space per party) as a scenario document.

    :class:`GeniusError` names the file, line and element of the first problem.
    """
    domain_name, domain, space_roots = _parse_all(files)
    issues = _domain_issues(domain_name, domain)
    taken: set[str] = set()
    spaces = []
    for name, root in space_roots:
        space = _read_space(name, root, issues, _stem(name))
        spaces.append((name, space, make_id(space.party, taken)))
    named = {s.perspective for _, s, _ in spaces}
    perspective = make_id(named.pop() or "genius", set()) if len(named) == 1 else "genius"
    objective = (domain.walk("objective") or [domain])[0]
    ident = make_id(objective.attrs.get("name") or _stem(domain_name), set())
    listed = ", ".join(_base(n) for n in [domain_name, *(n for n, _, _ in spaces)])
    doc: dict[str, object] = {
        "accord": 1,
        "id": ident,
        "title": objective.attrs.get("description") or objective.attrs.get("name") or ident,
        "description": f"Imported from GENIUS files: {listed}.",
        "sources": {"genius": {"title": f"GENIUS files {listed}", "note": "read by accord import"}},
        "parties": [{"id": pid, "name": s.name[:1000], "role": s.role} for _, s, pid in spaces],
        "issues": [_issue_doc(i) for i in issues],
        "perspectives": [
            {"id": perspective, "attribution": f"GENIUS utility spaces in {listed}", "source": "genius"}
        ],
        "profiles": [_profile_doc(name, s, pid, perspective) for name, s, pid in spaces],
    }
    notes = tuple(n for _, s, _ in spaces for n in s.notes)
    return GeniusImport(document=doc, files=(domain_name, *(n for n, _, _ in spaces)), notes=notes)


def _issue_doc(issue: _Issue) -> dict[str, object]:
    options = [{"id": oid, "label": label[:1000]} for oid, _, label in issue.options]
    title = (issue.title or issue.name)[:1000] or issue.id
    return {"id": issue.id, "title": title, "source": "genius", "options": options}


def _profile_doc(name: str, space: _Space, party: str, perspective: str) -> dict[str, object]:
    return {
        "party": party,
        "perspective": perspective,
        "weights": space.weights,
        "values": space.values,
        "batna": space.batna,
        "rationale": f"Read from the GENIUS utility space {_base(name)} [genius].",
        "source": "genius",
    }
