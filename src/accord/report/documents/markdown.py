"""Draft agreements as Markdown: numbered articles, anchors, a table of contents, annexes.

Every piece of user text (labels, clause text, titles) is escaped
(:func:`escape`), so a label such as ``*not* [agreed]`` reads as written and
never as Markdown; the only square brackets read as markup-free brackets are
the rolling text's own, which open and close each unagreed alternative.
"""

from __future__ import annotations

import re

from accord.report.documents import view
from accord.workbench.instruments import Article, DraftResult, Instrument

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def escape(text: str) -> str:
    """``text`` with every Markdown-significant character backslash-escaped; newlines become spaces."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(result: DraftResult) -> str:
    """The whole document: header, contents, each instrument, the trace and land-mine annexes, sources."""
    out = [f"# Draft agreements: {escape(result.package_title)}", ""]
    out += [f"*{escape(view.DISCLAIMER)}*", ""]
    out += [f"- Scenario: `{result.scenario}`", f"- Package: `{result.package}`"]
    langs = result.instruments[0].languages if result.instruments else ()
    out += [f"- Authentic languages: {escape(', '.join(langs))}", ""]
    out += _contents(result)
    for ins in result.instruments:
        out += _instrument(ins)
    out += _trace(result)
    out += _landmines(result)
    out += _changes(result)
    if result.sources:
        out += ["## Sources", ""]
        out += [f"- {escape(key)}: {escape(cite)}" for key, cite in result.sources]
        out.append("")
    return "\n".join(out)


def _contents(result: DraftResult) -> list[str]:
    out = ["## Contents", ""]
    for ins in result.instruments:
        out.append(f"- [{escape(ins.title)}](#{ins.kind})")
        out += [f"  - [{escape(view.article_title(a))}](#{view.anchor(ins, a)})" for a in ins.articles]
    out.append("- [Annex: trace of every article](#trace)")
    if result.landmines:
        out.append("- [Annex: land mines](#landmines)")
    if result.previous is not None:
        out.append("- [Annex: changes from the previous version](#changes)")
    return [*out, ""]


def _instrument(ins: Instrument) -> list[str]:
    out = [f'<a id="{ins.kind}"></a>', "", f"## {escape(ins.title)}", ""]
    if ins.witnesses:
        out += [f"Witnesses: {escape(', '.join(ins.witnesses))}", ""]
    for line in ins.preamble:
        out += [escape(line), ""]
    for a in ins.articles:
        out += _article(ins, a)
    silent = view.silent_line(ins)
    if silent:
        out += [f"*{escape(silent)}*", ""]
    return out


def _article(ins: Instrument, a: Article) -> list[str]:
    out = [f'<a id="{view.anchor(ins, a)}"></a>', "", f"### {escape(view.article_title(a))}", ""]
    if a.kind == "bracketed":
        for k, alt in enumerate(a.alternatives):
            out += [f"[{escape(view.alternative_head(k, alt))}: {escape(alt.text)}]", ""]
    else:
        out += [escape(a.text), ""]
    out += [f"*{escape(n)}*" for n in view.notes(a)]
    if view.notes(a):
        out.append("")
    return out


def _table(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> list[str]:
    out = ["| " + " | ".join(escape(h) for h in header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(escape(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def _trace(result: DraftResult) -> list[str]:
    out = ['<a id="trace"></a>', "", "## Annex: trace of every article", ""]
    return out + _table(("instrument", "article", "issue", "option", "wording"), view.trace_rows(result))


def _landmines(result: DraftResult) -> list[str]:
    if not result.landmines:
        return []
    out = ['<a id="landmines"></a>', "", "## Annex: land mines", ""]
    out += [
        escape(
            "Articles whose meaning differs between readings of the plan (Pickering 2022): a clause "
            "two sides would sign with different meanings."
        ),
        "",
    ]
    for mine in result.landmines:
        out += [f"### {escape(view.mine_where(result, mine))}", ""]
        out += [f"- {escape(variant)}: {escape(text)}" for variant, text in mine.meanings]
        out.append("")
    header, rows = view.verdict_table(result)
    out += [escape(f"Utility and verdict per reading (perspective {result.perspective}):"), ""]
    return out + _table(header, rows)


def _diff(before: str, after: str) -> str:
    marks = {"=": "{}", "-": "~~{}~~", "+": "**{}**"}
    return " ".join(marks[op].format(escape(text)) for op, text in view.word_diff(before, after))


def _changes(result: DraftResult) -> list[str]:
    if result.previous is None:
        return []
    out = ['<a id="changes"></a>', "", "## Annex: changes from the previous version", ""]
    out += [
        escape(
            f"From {result.previous} to {result.package}: deleted words struck through, new words in bold."
        ),
        "",
    ]
    if not result.changes:
        out += ["No article changed.", ""]
    for change in result.changes:
        out += [
            f"### {escape(view.change_where(result, change))}",
            "",
            _diff(change.before, change.after),
            "",
        ]
    return out
