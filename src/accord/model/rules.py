"""The process principles accord knows by name, with their parameters.

Each kind cites where the principle comes from; a scenario may also use
``custom`` for a principle accord does not interpret.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RuleKind:
    kind: str
    summary: str
    source: str
    # parameter name -> what it refers to: "track_or_phase", "tables", "parties",
    # "issues", "number" or "text"
    params: tuple[tuple[str, str], ...] = ()


RULE_KINDS: dict[str, RuleKind] = {
    k.kind: k
    for k in (
        RuleKind(
            "nothing_agreed_until_everything_agreed",
            "No provisional agreement binds until the whole package is agreed; "
            "'exceptions' lists issues the parties may implement early.",
            "Pickering 2022",
        ),
        RuleKind(
            "sequence",
            "The track or phase 'before' concludes before 'after' opens.",
            "Parley Policy Initiative 2022 (ceasefire first, then a political settlement)",
            (("before", "track_or_phase"), ("after", "track_or_phase")),
        ),
        RuleKind(
            "interlocking_tables",
            "The listed tables negotiate at once, as equals, and a deal at one is conditional on the others.",
            "USIP 2022",
            (("tables", "tables"),),
        ),
        RuleKind(
            "continuous_talks",
            "Once begun, talks continue with only short, mutually agreed recesses.",
            "Pickering 2022",
        ),
        RuleKind(
            "limited_invitations",
            "Each party may invite a limited number of states and organisations to "
            "assist in negotiation, verification, monitoring and peacekeeping.",
            "Pickering 2022",
            (("max_per_party", "number"),),
        ),
        RuleKind(
            "written_agreement",
            "Agreements are made at the table, in writing, signed, guaranteed by a UN "
            "Security Council resolution and registered under the UN Charter.",
            "Pickering 2022",
        ),
        RuleKind(
            "proximity_talks",
            "Delegations sit in one city; mediators shuttle between them.",
            "Pickering 2022",
            (("mediators", "parties"),),
        ),
        RuleKind(
            "neutral_mediators",
            "Mediators come from states both sides see as outsiders to the conflict.",
            "Kanninen & Patomäki 2023",
            (("mediators", "parties"),),
        ),
        RuleKind(
            "all_issues_on_table",
            "Every issue may be put on the table; refusing to discuss one justifies concessions elsewhere.",
            "Parley Policy Initiative 2022",
        ),
        RuleKind(
            "agenda_first",
            "The intended type of agreement and the agenda are delivered at the first meeting.",
            "Parley Policy Initiative 2022",
        ),
        RuleKind(
            "pressure_until_settlement",
            "Sanctions and aid stay in place until the political settlement is concluded.",
            "Parley Policy Initiative 2022",
            (("until", "track_or_phase"),),
        ),
        RuleKind(
            "reciprocity",
            "Measures are reciprocal, or exchange asymmetric but complementary concessions.",
            "Pickering 2022",
        ),
        RuleKind(
            "confidentiality",
            "Talks are confidential; press access is limited.",
            "Pickering 2022",
        ),
        RuleKind(
            "precondition",
            "A party's condition for *entering* talks, as distinct from its position on the outcome.",
            "Rai 2023",
            (("holder", "parties"), ("condition", "text")),
        ),
        RuleKind(
            "prepare_now",
            "Preparation starts before talks are possible: the moment may come and go without warning.",
            "USIP 2022",
            (("phase", "track_or_phase"),),
        ),
        RuleKind(
            "internal_alignment",
            "Each party settles its internal differences (factions) before talks.",
            "Pickering 2022",
            (("parties", "parties"),),
        ),
        RuleKind(
            "custom",
            "A principle accord records but does not interpret.",
            "",
        ),
    )
}
