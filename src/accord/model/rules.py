"""The process principles accord knows by name: the registry of rule kinds.

Each kind is a :class:`RuleKindSpec` declared as data: its name, a title, the
essay that states the principle (its citation), what it means and the
parameters it takes. The loader checks a rule's ``kind`` and parameters against
:data:`RULE_KINDS`; ``docs/format.md`` documents every kind (a test fails
otherwise). A scenario may use ``custom`` for a principle accord does not
interpret.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from accord.registry import Registry

RuleParamKind = Literal["track_or_phase", "tables", "parties", "issues", "terms", "number", "text"]
"""What a rule parameter refers to: ids of tracks or phases, tables, parties or
issues, terms written ``issue=option`` (checked against the scenario), or a plain
number or text."""

PICKERING = "Thomas R. Pickering 2022, \u201cThe three phases of ending a war\u201d (Foreign Affairs)"
PARLEY = "Parley Policy Initiative 2022, \u201cToward a Negotiating Strategy for Ukraine\u201d"
USIP = "United States Institute of Peace 2022, \u201cTwo essentials for a peace process in Ukraine\u201d"
RAI = "Milan Rai 2023, \u201cUkraine One Year On: time to negotiate peace\u201d (Peace News)"
KANNINEN_PATOMAKI = (
    "Tapio Kanninen & Heikki Patom\u00e4ki 2023, \u201cTowards a Negotiated Peace Agreement in Ukraine\u201d"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleKindSpec:
    """One process principle: its name, title, source, meaning and parameters.

    ``params`` pairs each parameter name with what it refers to
    (:data:`RuleParamKind`); a rule of this kind takes no other parameter.
    """

    name: str
    title: str
    citation: str
    summary: str
    params: tuple[tuple[str, RuleParamKind], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", tuple((str(k), v) for k, v in self.params))

    @property
    def param_names(self) -> tuple[str, ...]:
        """The parameters a rule of this kind takes, in declared order."""
        return tuple(name for name, _ in self.params)

    def refers_to(self, param: str) -> RuleParamKind | None:
        """What parameter ``param`` refers to, or ``None`` when this kind does not take it."""
        return dict(self.params).get(param)


RULE_KINDS: Registry[RuleKindSpec] = Registry("rule kind")
"""Every rule kind a scenario may name, in the order ``docs/format.md`` lists them."""

for _spec in (
    RuleKindSpec(
        name="nothing_agreed_until_everything_agreed",
        title="Nothing is agreed until everything is agreed",
        citation=PICKERING,
        summary="No provisional agreement binds until the whole package is agreed; "
        "'exceptions' lists issues the parties may implement early.",
    ),
    RuleKindSpec(
        name="sequence",
        title="Sequence of tracks or phases",
        citation=PARLEY,
        summary="The track or phase 'before' concludes before 'after' opens "
        "(ceasefire first, then a political settlement).",
        params=(("before", "track_or_phase"), ("after", "track_or_phase")),
    ),
    RuleKindSpec(
        name="interlocking_tables",
        title="Interlocking tables",
        citation=USIP,
        summary="The listed tables negotiate at once, as equals, and a deal at one is conditional "
        "on the others.",
        params=(("tables", "tables"),),
    ),
    RuleKindSpec(
        name="continuous_talks",
        title="Continuous talks",
        citation=PICKERING,
        summary="Once begun, talks continue with only short, mutually agreed recesses.",
    ),
    RuleKindSpec(
        name="limited_invitations",
        title="Limited invitations",
        citation=PICKERING,
        summary="Each party may invite a limited number of states and organisations to "
        "assist in negotiation, verification, monitoring and peacekeeping.",
        params=(("max_per_party", "number"),),
    ),
    RuleKindSpec(
        name="written_agreement",
        title="Written, guaranteed agreement",
        citation=PICKERING,
        summary="Agreements are made at the table, in writing, signed, guaranteed by a UN "
        "Security Council resolution and registered under the UN Charter.",
    ),
    RuleKindSpec(
        name="proximity_talks",
        title="Proximity talks",
        citation=PICKERING,
        summary="Delegations sit in one city; mediators shuttle between them.",
        params=(("mediators", "parties"),),
    ),
    RuleKindSpec(
        name="neutral_mediators",
        title="Neutral mediators",
        citation=KANNINEN_PATOMAKI,
        summary="Mediators come from states both sides see as outsiders to the conflict.",
        params=(("mediators", "parties"),),
    ),
    RuleKindSpec(
        name="all_issues_on_table",
        title="All issues on the table",
        citation=PARLEY,
        summary="Every issue may be put on the table; refusing to discuss one justifies "
        "concessions elsewhere.",
    ),
    RuleKindSpec(
        name="agenda_first",
        title="Agenda first",
        citation=PARLEY,
        summary="The intended type of agreement and the agenda are delivered at the first meeting.",
    ),
    RuleKindSpec(
        name="pressure_until_settlement",
        title="Pressure until settlement",
        citation=PARLEY,
        summary="Sanctions and aid stay in place until the political settlement is concluded.",
        params=(("until", "track_or_phase"),),
    ),
    RuleKindSpec(
        name="reciprocity",
        title="Reciprocity",
        citation=PICKERING,
        summary="Measures are reciprocal, or exchange asymmetric but complementary concessions.",
    ),
    RuleKindSpec(
        name="confidentiality",
        title="Confidentiality",
        citation=PICKERING,
        summary="Talks are confidential; press access is limited.",
    ),
    RuleKindSpec(
        name="precondition",
        title="Precondition for talks",
        citation=RAI,
        summary="A party's condition for *entering* talks, as distinct from its position on the outcome; "
        "'requires' (terms issue=option) says which terms would meet it, else it blocks entry until dropped.",
        params=(("holder", "parties"), ("condition", "text"), ("requires", "terms")),
    ),
    RuleKindSpec(
        name="prepare_now",
        title="Prepare now",
        citation=USIP,
        summary="Preparation starts before talks are possible: the moment may come and go without warning.",
        params=(("phase", "track_or_phase"),),
    ),
    RuleKindSpec(
        name="internal_alignment",
        title="Internal alignment",
        citation=PICKERING,
        summary="Each party settles its internal differences (factions) before talks.",
        params=(("parties", "parties"),),
    ),
    RuleKindSpec(
        name="custom",
        title="Custom principle",
        citation="",
        summary="A principle accord records but does not interpret.",
    ),
):
    RULE_KINDS.register(_spec)
del _spec
