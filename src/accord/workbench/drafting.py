"""Drafting: a package -> a ceasefire agreement and a political settlement, as data.

Which issue goes into which instrument comes from the scenario's tracks
(``drafting.ceasefire_tracks``; Parley 2022: "a ceasefire agreement bounded to
military issues", then a political settlement). Each instrument has a preamble,
one numbered article per issue the package settles (its option's clause
template, or a generic article built from the label, marked as such), a
bracketed article for every issue it does not settle (each alternative naming
the parties and plans that propose it: the rolling text), implementation bodies,
and final clauses after Pickering 2022: in writing and signed, guaranteed by a
UN Security Council resolution, registered under Article 102 of the UN Charter,
the authentic languages, and the articles implemented early as the exceptions
the scenario's nothing-agreed-until-everything-agreed rule names.

Pure: no files, no rendering. :mod:`accord.report.documents` renders the result.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

from accord.model import Issue, Option, Role, Scenario
from accord.model.drafting import Segment, parse_template
from accord.model.plans import PlanVariant, term_options
from accord.model.problems import SpaceError
from accord.provenance import Provenance
from accord.workbench.instruments import (
    INSTRUMENT_KINDS as INSTRUMENT_KINDS,
)
from accord.workbench.instruments import (
    Alternative,
    Article,
    DraftResult,
    Instrument,
    InstrumentKind,
)

CITATION = (
    "Pickering 2022 (written, signed, guaranteed by a UN Security Council resolution, registered under "
    "Article 102 of the UN Charter; nothing agreed until everything agreed, with named exceptions); "
    "Parley Policy Initiative 2022 (a ceasefire agreement bounded to military issues, then a political "
    "settlement)"
)

XRef = Mapping[str, tuple[InstrumentKind, int]]
"""Where each drafted issue's article is: its instrument and number."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftRequest:
    """Draft ``package`` (a plan id, ``PLAN@READING`` or a draft's id) as the ``instruments`` asked for."""

    scenario: Scenario
    package: str
    instruments: tuple[InstrumentKind, ...] = INSTRUMENT_KINDS


def instrument_issues(scenario: Scenario, kind: InstrumentKind) -> tuple[Issue, ...]:
    """The issues of one instrument: the ceasefire tracks' issues, or all the others."""
    tracks = set(scenario.drafting.ceasefire_tracks or ("ceasefire",))
    return tuple(i for i in scenario.issues if (i.track in tracks) == (kind == "ceasefire"))


def proposals(scenario: Scenario) -> dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]]:
    """Per (issue, option): the parties and the plans (as written) that propose it.

    A plan that provides an issue in one of several forms proposes each of them.
    """
    out: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for plan in scenario.plans:
        for issue, term in plan.terms.items():
            for opt in term_options(term):
                parties, plans = out.get((issue, opt), ((), ()))
                merged = parties + tuple(p for p in plan.proposers if p not in parties)
                out[(issue, opt)] = (merged, (*plans, plan.id))
    return out


def early_issues(scenario: Scenario) -> frozenset[str]:
    """The issues a nothing-agreed-until-everything-agreed rule lets be implemented early."""
    rules = (r for r in scenario.rules if r.kind == "nothing_agreed_until_everything_agreed")
    return frozenset(e for r in rules for e in r.exceptions)


def option_text(
    scenario: Scenario, issue: Issue, option: Option, xref: XRef, here: InstrumentKind
) -> Article:
    """The article body of ``option``: its template filled in, or a generic text (``generic``)."""
    template = scenario.drafting.clause(issue.id, option.id)
    if template is None:
        text = f"The Parties agree as follows on {issue.title.rstrip('.')}: {option.text.rstrip('.')}."
        return Article(
            number=0,
            heading=issue.title,
            kind="provision",
            text=text,
            issue=issue.id,
            option=option.id,
            generic=True,
            sources=option.sources,
        )
    body = "".join(_segment(scenario, seg, option, xref, here) for seg in parse_template(template.text))
    return Article(
        number=0,
        heading=template.heading or issue.title,
        kind="provision",
        text=body,
        issue=issue.id,
        option=option.id,
        sources=template.sources or option.sources,
    )


def _segment(scenario: Scenario, seg: Segment, option: Option, xref: XRef, here: InstrumentKind) -> str:
    if seg.kind == "text":
        return seg.value
    if seg.kind == "party":
        return scenario.party(seg.value).name
    if seg.kind == "param":
        return scenario.drafting.parameters[seg.value]
    if seg.kind == "level":
        lvl = option.level
        return "no limit" if lvl is None else (f"{int(lvl):,}" if float(lvl).is_integer() else f"{lvl:g}")
    where = xref.get(seg.value)
    if where is None:
        return f"the provisions on {scenario.issue(seg.value).title}"
    kind, number = where
    return f"Article {number}" if kind == here else f"Article {number} of the {title(scenario, kind)}"


def title(scenario: Scenario, kind: InstrumentKind) -> str:
    """The instrument's title: the ``{kind}_title`` drafting parameter, or a standard one."""
    given = scenario.drafting.parameters.get(f"{kind}_title")
    if given:
        return given
    return "Ceasefire Agreement" if kind == "ceasefire" else "Agreement on a Political Settlement"


def signatories(scenario: Scenario) -> tuple[str, ...]:
    """The parties that sign: the belligerents, else the parties whose acceptance is needed."""
    ids = [p.id for p in scenario.parties if p.role == Role.BELLIGERENT] or list(
        scenario.negotiating_parties()
    )
    return tuple(ids)


def witnesses(scenario: Scenario) -> tuple[str, ...]:
    """Mediators and guarantors: they witness the signature and are asked to oversee it."""
    return tuple(p.id for p in scenario.parties if p.role in (Role.MEDIATOR, Role.GUARANTOR))


def _layout(scenario: Scenario, variant: PlanVariant, kinds: tuple[InstrumentKind, ...]) -> XRef:
    """Number the issue articles of every instrument (first pass, for cross-references)."""
    out: dict[str, tuple[InstrumentKind, int]] = {}
    for kind in kinds:
        n = 0
        for issue in instrument_issues(scenario, kind):
            if _drafted(scenario, issue, variant):
                n += 1
                out[issue.id] = (kind, n)
    return out


def _drafted(scenario: Scenario, issue: Issue, variant: PlanVariant) -> bool:
    """An issue gets an article when the package settles it or it is open without a status quo."""
    if issue.id in variant.terms:
        return True
    return issue.status_quo is None and any(iss == issue.id for iss, _ in proposals(scenario))


def _issue_article(
    scenario: Scenario, issue: Issue, variant: PlanVariant, xref: XRef, kind: InstrumentKind
) -> Article:
    number = xref[issue.id][1]
    early = issue.id in early_issues(scenario)
    term = variant.terms.get(issue.id)
    if isinstance(term, str):
        art = option_text(scenario, issue, _option(issue, term), xref, kind)
        return Article(
            number=number,
            heading=art.heading,
            kind="provision",
            text=art.text,
            issue=issue.id,
            option=term,
            generic=art.generic,
            early=early,
            sources=art.sources,
        )
    props = proposals(scenario)
    options = term_options(term) if term is not None else tuple(o for iss, o in props if iss == issue.id)
    alts = []
    for opt in dict.fromkeys(options):
        art = option_text(scenario, issue, _option(issue, opt), xref, kind)
        parties, plans = props.get((issue.id, opt), ((), ()))
        alts.append(
            Alternative(
                option=opt,
                label=_option(issue, opt).text,
                text=art.text,
                generic=art.generic,
                proposers=parties,
                plans=plans,
            )
        )
    return Article(
        number=number,
        heading=issue.title,
        kind="bracketed",
        issue=issue.id,
        early=early,
        alternatives=tuple(alts),
    )


def _option(issue: Issue, option_id: str) -> Option:
    return next(o for o in issue.options if o.id == option_id)


def _names(scenario: Scenario, ids: tuple[str, ...]) -> str:
    names = [scenario.party(i).name for i in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _preamble(
    scenario: Scenario, kind: InstrumentKind, variant: PlanVariant, kinds: tuple[str, ...]
) -> tuple[str, ...]:
    lines = [
        f"The Parties, {_names(scenario, signatories(scenario))},",
        "Guided by the purposes and principles of the Charter of the United Nations,",
    ]
    if kind == "ceasefire":
        lines.append(
            "Determined to end the hostilities and to separate their forces, as a first step "
            "towards a political settlement,"
        )
    else:
        if "ceasefire" in kinds:
            lines.append(f"Building on the {title(scenario, 'ceasefire')} concluded between them,")
        lines.append("Seeking a just and durable settlement of the questions that divide them,")
    lines.append(f"Having considered the proposal \u201c{variant.title}\u201d ({variant.id}),")
    lines.append("Have agreed as follows:")
    return tuple(lines)


def build_instrument(
    scenario: Scenario,
    variant: PlanVariant,
    kind: InstrumentKind,
    xref: XRef,
    kinds: tuple[InstrumentKind, ...],
) -> Instrument:
    """One instrument of ``variant``: preamble, issue articles, implementation bodies, final clauses."""
    issues = instrument_issues(scenario, kind)
    articles = [_issue_article(scenario, i, variant, xref, kind) for i in issues if i.id in xref]
    articles.append(_implementation(scenario, kind, len(articles) + 1))
    articles.extend(_final_clauses(scenario, articles, len(articles) + 1))
    return Instrument(
        kind=kind,
        title=title(scenario, kind),
        parties=tuple(scenario.party(p).name for p in signatories(scenario)),
        witnesses=tuple(scenario.party(p).name for p in witnesses(scenario)),
        preamble=_preamble(scenario, kind, variant, kinds),
        articles=tuple(articles),
        languages=scenario.drafting.languages,
        silent=tuple(i.id for i in issues if i.id not in xref),
    )


def _implementation(scenario: Scenario, kind: InstrumentKind, number: int) -> Article:
    parties = _names(scenario, signatories(scenario))
    wit = witnesses(scenario)
    if kind == "ceasefire":
        text = (
            f"The Parties establish a bilateral Joint Military Commission of {parties} to supervise "
            "the implementation of this Agreement and to settle disputes over its application."
        )
        heading = "Joint Military Commission and neutral oversight"
    else:
        text = (
            f"The Parties establish a Joint Implementation Commission of {parties} to oversee the "
            "implementation of this Agreement, to consult on any question of compliance and to "
            "resolve by agreement disputes over its interpretation."
        )
        heading = "Implementation and compliance"
    if wit:
        text += (
            f" The Parties invite {_names(scenario, wit)} to provide neutral third-party oversight "
            "of the implementation and to take part in the Commission as observers."
        )
    return Article(
        number=number,
        heading=heading,
        kind="implementation",
        text=text,
        sources=("parley-2022",) if _has_source(scenario, "parley-2022") else (),
    )


def _has_source(scenario: Scenario, key: str) -> bool:
    return any(s.id == key for s in scenario.sources)


def _final_clauses(scenario: Scenario, articles: list[Article], first: int) -> list[Article]:
    params = scenario.drafting.parameters
    place = f" at {params['place']}" if params.get("place") else ""
    date = f" on {params['date']}" if params.get("date") else ""
    early = [a.number for a in articles if a.early]
    if early:
        listed = ", ".join(str(n) for n in early)
        force = (
            f"Nothing in this Agreement is agreed until the whole is agreed, except Articles {listed}, "
            "which the Parties shall implement from the date of signature, ahead of the Agreement's "
            "entry into force as a whole."
        )
    else:
        force = "Nothing in this Agreement is agreed until the whole is agreed."
    langs = scenario.drafting.languages
    count = _WORDS[len(langs)] if len(langs) < len(_WORDS) else str(len(langs))
    done = (
        f"Done{place}{date} in {count} original{'s' if len(langs) > 1 else ''}, in the "
        f"{_and(langs)} language{'s' if len(langs) > 1 else ''}"
        + (", all texts being equally authentic." if len(langs) > 1 else ".")
    )
    src = ("pickering-2022",) if _has_source(scenario, "pickering-2022") else ()
    texts = (
        ("Entry into force", force + " This Agreement enters into force on signature by all Parties."),
        (
            "Form and signature",
            "This Agreement is concluded in writing and signed by the plenipotentiaries of the Parties.",
        ),
        (
            "Guarantee",
            "The Parties shall jointly request the Security Council of the United Nations to "
            "endorse this Agreement and to guarantee its implementation by a resolution.",
        ),
        (
            "Registration",
            "This Agreement shall be registered with the Secretariat of the United Nations "
            "in accordance with Article 102 of the Charter of the United Nations.",
        ),
        ("Authentic texts", done),
    )
    return [
        Article(number=first + k, heading=h, kind="final", text=t, sources=src)
        for k, (h, t) in enumerate(texts)
    ]


_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _and(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def draft(request: DraftRequest) -> DraftResult:
    """The instruments of ``request.package``; an unknown package is a :class:`SpaceError` on ``package``."""
    t0 = time.perf_counter()
    s = request.scenario
    try:
        variant = s.plan_variant(request.package)
    except KeyError as exc:
        raise SpaceError("package", str(exc.args[0])) from None
    kinds = tuple(k for k in INSTRUMENT_KINDS if k in request.instruments)
    xref = _layout(s, variant, kinds)
    instruments = tuple(build_instrument(s, variant, k, xref, kinds) for k in kinds)
    cited = sorted({src for ins in instruments for a in ins.articles for src in a.sources})
    return DraftResult(
        scenario=s.id,
        package=variant.id,
        package_title=variant.title,
        terms=tuple((i, t if isinstance(t, str) else t.text()) for i, t in variant.terms.items()),
        instruments=instruments,
        sources=tuple((k, s.source(k).cite()) for k in cited if _has_source(s, k)),
        provenance=Provenance(
            algorithm="clause templates over the scenario's tracks",
            citation=CITATION,
            parameters={"package": variant.id, "instruments": kinds},
        ).timed(time.perf_counter() - t0),
    )
