"""Turn constraints and red lines into :mod:`accord.model.logic` clauses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from accord.model.constraints import Condition, Constraint
from accord.model.elements import Issue
from accord.model.logic import Clause, Origin, conjunction_forbidden, implication
from accord.model.preferences import RedLine


@dataclass(frozen=True, slots=True, init=False)
class IssueIndex:
    """Positions of issues and options, for compiling conditions."""

    issues: tuple[Issue, ...]
    position: Mapping[str, int]
    sizes: tuple[int, ...]

    def __init__(self, issues: Sequence[Issue]) -> None:
        ordered = tuple(issues)
        object.__setattr__(self, "issues", ordered)
        object.__setattr__(self, "position", MappingProxyType({iss.id: k for k, iss in enumerate(ordered)}))
        object.__setattr__(self, "sizes", tuple(len(iss.options) for iss in ordered))

    def condition(self, cond: Condition) -> list[tuple[int, frozenset[int]]]:
        """Index a condition; raises KeyError naming an unknown issue or option."""
        out = []
        for issue_id, opts in cond.items():
            if issue_id not in self.position:
                raise KeyError(issue_id)
            k = self.position[issue_id]
            issue = self.issues[k]
            out.append((k, frozenset(issue.index(o) for o in opts)))
        return out

    def constraint(self, c: Constraint) -> list[Clause]:
        """The clauses of a constraint: one per ``then`` issue, or one for ``excludes``."""
        origin = Origin(kind="constraint", id=c.id)
        premise = self.condition(c.if_)
        if c.kind == "excludes":
            return [conjunction_forbidden(premise, self.sizes, origin)]
        return [implication(premise, t, self.sizes, origin) for t in self.condition(c.then)]

    def red_line(self, rl: RedLine, holder: str) -> Clause:
        """The clause that ``holder`` (``US`` or ``US.NSC``) never sees ``rl`` crossed."""
        origin = Origin(kind="red_line", party=holder, text=rl.text())
        return conjunction_forbidden(self.condition(rl.terms), self.sizes, origin)
