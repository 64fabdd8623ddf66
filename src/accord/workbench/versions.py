"""Versions of a rolling text: what changed, article by article, between two drafts.

A negotiation's text moves through versions (one package, then an amended one);
:func:`diff_drafts` lists, per issue, the article added, removed or reworded, with
its text before and after, so a delegation reads what moved without comparing
two documents by eye. Issue articles are matched by issue, not by number
(numbers shift when an article is added above).
"""

from __future__ import annotations

from dataclasses import replace

from accord.workbench.instruments import Article, Change, DraftResult, InstrumentKind


def article_text(article: Article) -> str:
    """An article's text; a bracketed one as its alternatives, each in [brackets]."""
    if article.kind != "bracketed":
        return article.text
    return " ".join(f"[{alt.option}: {alt.text}]" for alt in article.alternatives)


def _articles(result: DraftResult) -> dict[str, tuple[InstrumentKind, Article]]:
    return {a.issue: (ins.kind, a) for ins in result.instruments for a in ins.articles if a.issue is not None}


def diff_drafts(old: DraftResult, new: DraftResult) -> tuple[Change, ...]:
    """The issue articles that differ between ``old`` and ``new``, in ``new``'s order then removed ones."""
    before, after = _articles(old), _articles(new)
    out: list[Change] = []
    for issue, (kind, art) in after.items():
        prior = before.get(issue)
        if prior is None:
            out.append(
                Change(
                    issue=issue,
                    heading=art.heading,
                    instrument=kind,
                    kind="added",
                    article=art.number,
                    after=article_text(art),
                )
            )
        elif article_text(prior[1]) != article_text(art):
            out.append(
                Change(
                    issue=issue,
                    heading=art.heading,
                    instrument=kind,
                    kind="changed",
                    article=art.number,
                    before=article_text(prior[1]),
                    after=article_text(art),
                )
            )
    for issue, (kind, art) in before.items():
        if issue not in after:
            out.append(
                Change(
                    issue=issue,
                    heading=art.heading,
                    instrument=kind,
                    kind="removed",
                    article=None,
                    before=article_text(art),
                )
            )
    return tuple(out)


def with_changes(old: DraftResult, new: DraftResult) -> DraftResult:
    """``new`` with the changes from version ``old`` recorded on it."""
    return replace(new, previous=old.package, changes=diff_drafts(old, new))
