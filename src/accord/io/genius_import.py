"""GENIUS XML import: a domain and its additive utility spaces read as a scenario document.

The format and the scale are described in :mod:`accord.io.genius` (Lin et al. 2014,
"Genius: an integrated environment for supporting the design of generic automated
negotiators", Computational Intelligence 30(1)). Discrete issues only; ids are made
from the GENIUS names (invalid characters become ``_``; the name is kept as the
label). With ``accord_scale`` (written by accord's export) a party's utility is
read back exactly as ``M U``; without it as ``100 U`` (weights renormalised to sum
1) and its BATNA as 100 times its reservation value. Every problem is a
:class:`~accord.io.genius.GeniusError` naming the file, line and element.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from accord.io.genius import SCALE, TINY, GeniusError, GeniusImport
from accord.io.safexml import Element, XmlError, parse_xml
from accord.model import Role
from accord.model.elements import is_id

__all__ = ["ROLES", "import_genius", "make_id"]

ROLES = frozenset(r.value for r in Role)
"""The party roles an ``accord_role`` attribute may name (anything else reads as a belligerent)."""


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
