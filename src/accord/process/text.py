"""The rolling text: the draft agreement with [bracketed] alternatives, versioned and diffed.

Every issue gets one article. An agreed issue reads as settled; an issue not yet
agreed shows each alternative on the table in square brackets, labelled with
who proposed it, as negotiators' rolling texts do (the single negotiating text,
Roger Fisher & William Ury 1981, *Getting to Yes*, ch. 6; the bracket
convention of UN drafting). A provisionally settled issue under *nothing agreed
until everything agreed* keeps its brackets and says which alternative is
provisionally accepted. :func:`diff_text` compares two versions line by line
(:mod:`difflib`'s unified diff).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from accord.process.model import ProcessSpec
from accord.process.status import IssueState, ProcessStatus


@dataclass(frozen=True, slots=True, kw_only=True)
class TextVersion:
    """One saved version of the rolling text: its number, text, author and time (ISO 8601, UTC)."""

    number: int
    text: str
    author: str = ""
    created_at: str = ""


def render_text(spec: ProcessSpec, status: ProcessStatus) -> str:
    """The rolling text of a process in Markdown, one article per issue in scenario order."""
    agreed = sum(s.state is IssueState.AGREED for s in status.issues)
    lines = [f"# Draft agreement: {spec.title}", ""]
    lines.append(f"{agreed} of {len(status.issues)} issues agreed.")
    if status.nauea:
        early = ", ".join(status.early) or "none"
        lines.append(f"Nothing is agreed until everything is agreed (early implementation: {early}).")
    for n, (issue, st) in enumerate(zip(spec.issues, status.issues, strict=True), start=1):
        lines += ["", f"## Article {n}. {issue.title}", ""]
        if st.state is IssueState.AGREED and st.option is not None:
            lines.append(f"Agreed: {issue.label(st.option)}.")
            continue
        if st.state is IssueState.PROVISIONAL and st.option is not None:
            lines.append(f"Provisionally accepted, pending the whole package: {issue.label(st.option)}.")
        if not st.alternatives:
            lines.append("[open: no proposal yet]")
        for alt in st.alternatives:
            lines.append(f"[{issue.label(alt.option)} \u2014 proposed by {', '.join(alt.proposers)}]")
    return "\n".join(lines) + "\n"


def diff_text(old: TextVersion, new: TextVersion) -> str:
    """A unified diff from ``old`` to ``new`` (empty when the texts are equal)."""
    lines = difflib.unified_diff(
        old.text.splitlines(keepends=True),
        new.text.splitlines(keepends=True),
        fromfile=f"version {old.number}",
        tofile=f"version {new.number}",
    )
    return "".join(lines)
