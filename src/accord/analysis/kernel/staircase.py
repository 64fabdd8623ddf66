"""Two parties, no linking clause: the efficient frontier as a staircase built issue by issue.

With two parties the non-dominated partial utility vectors form a staircase:
sorted by the first party's utility (descending), the second's strictly rises.
Adding an issue is a Minkowski sum of the staircase with the issue's options,
followed by the 2-D maxima of the sums (Kung, Luccio & Preparata 1975, "On
finding the maxima of a set of vectors", J. ACM 22(4): one sort and a running
maximum; Klamroth & Wiecek 2000 for the stage-wise dominance argument). It is
the decomposition's stage run (:mod:`.stages`) without its set-up: when no
clause links two issues, every issue is a stage of its own, and the dominance
filter after each stage does the work of reducing each issue's options first.

The stages run in issue order and start from zero, so every partial vector is
summed exactly as :meth:`accord.space.Space.utilities` sums a package: the
frontier's utilities need no second pass. This is the fixed cost of a small
two-party question (a frontier of tens of points over 10-20 issues), where the
general set-up (clause graph components, reduced super-issues, joined pairs,
back-pointer rebuilding) cost several times the search itself.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from accord.analysis.kernel.graph import ClauseGraph
from accord.analysis.kernel.maxima import maxima
from accord.numeric import FloatArray, IntArray, readonly
from accord.space import Space


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Staircase:
    """The efficient packages of a two-party space, sorted by the first party's utility, descending.

    ``utilities[j]`` is the utility vector of ``packages[j]``, one package per distinct
    vector (within :data:`~accord.numeric.TOL`).
    """

    packages: IntArray
    utilities: FloatArray

    def __post_init__(self) -> None:
        readonly(self.packages)
        readonly(self.utilities)


def applies(space: Space, graph: ClauseGraph) -> bool:
    """Whether :func:`staircase` answers for ``space``: two parties, satisfiable, no clause linking issues."""
    return (
        len(space.parties) == 2
        and graph.satisfiable
        and len(graph.groups) == graph.n_issues
        and not any(graph.clauses_of.values())
    )


def staircase(
    space: Space, graph: ClauseGraph, *, max_states: int, deadline: float | None = None
) -> Staircase | None:
    """The exact efficient frontier when :func:`applies`; None when a limit stops it first.

    ``graph`` gives the domains (after unit propagation of the clauses, which then
    link nothing). A stage with more than ``max_states`` survivors, or a deadline
    passed between stages, stops the run: the caller's general route then reports
    the limit.
    """
    values = np.zeros((1, 2))
    parents: list[IntArray] = []
    choices: list[IntArray] = []
    options = _undominated(space, graph)
    for i, opts in enumerate(options):
        vb = space.contrib[i][:, opts].T
        m = vb.shape[0]
        # Option-major: each option's run of sums is sorted like the staircase itself.
        cand = (vb[:, None, :] + values[None, :, :]).reshape(-1, 2)
        keep = _undominated_sums(cand) if m > 1 else np.arange(cand.shape[0])
        values = cand[keep]
        ch, par = np.divmod(keep, cand.shape[0] // m)
        # Narrow integers: the back-pointers of every issue are kept to the end, and
        # with hundreds of issues they, not the staircase, are most of the memory.
        parents.append(par.astype(np.int32 if cand.shape[0] // m < 2**31 else np.int64))
        choices.append(opts[ch].astype(np.int16 if len(space.options[i]) < 2**15 else np.int64))
        if values.shape[0] > max_states or (deadline is not None and time.perf_counter() > deadline):
            return None
    rows = maxima(values)
    rows = rows[np.lexsort((-values[rows, 1], -values[rows, 0]))]
    packages = np.empty((rows.size, len(options)), dtype=np.int64)
    at = rows
    for i in range(len(options) - 1, -1, -1):
        packages[:, i] = choices[i][at]
        at = parents[i][at]
    return Staircase(packages=packages, utilities=values[rows])


def _undominated_sums(cand: FloatArray) -> IntArray:
    """Rows of ``cand`` no other row weakly dominates exactly (the first of equal rows), by descending ``u0``.

    A safe superset of the maxima within any tolerance (the final :func:`maxima`
    with :data:`TOL` merges what rounding separates). The rows come as runs each
    sorted by descending ``u0`` (one run per option), which a stable sort merges in
    about linear time; among rows with equal ``u0`` only the first with the
    largest ``u1`` can survive, and it survives when its ``u1`` beats that of every
    row with a larger ``u0``.
    """
    order = np.argsort(-cand[:, 0], kind="stable")
    u0, u1 = cand[order, 0], cand[order, 1]
    new = np.empty(u0.size, dtype=bool)
    new[0] = True
    np.not_equal(u0[1:], u0[:-1], out=new[1:])
    if new.all():  # no ties in u0 (the usual case): one running maximum
        first, top = order, u1
    else:
        starts = np.flatnonzero(new)
        top = np.maximum.reduceat(u1, starts)  # each group's largest u1
        group = np.cumsum(new) - 1
        hit = np.flatnonzero(u1 == top[group])
        first = order[hit[np.searchsorted(group[hit], np.arange(starts.size))]]  # first row at the top
    before = np.empty(top.size)
    before[0] = -np.inf
    np.maximum.accumulate(top[:-1], out=before[1:])
    return np.asarray(first[top > before], dtype=np.int64)


def _undominated(space: Space, graph: ClauseGraph) -> list[IntArray]:
    """Per issue, the options of its domain no other option of it weakly dominates (the first of equals).

    All issues at once on a padded array (padding never dominates): an option
    dominated within its issue is dominated in every package that takes it, and
    candidates the stages never build are most of their cost on large spaces.
    """
    doms = [np.fromiter(sorted(d), dtype=np.int64, count=len(d)) for d in graph.domains]
    if not doms:
        return []
    width = max(d.size for d in doms)
    v = np.full((len(doms), width, 2), -np.inf)
    for i, d in enumerate(doms):
        c = space.contrib[i]
        v[i, : d.size] = c.T if d.size == c.shape[1] else c[:, d].T  # a full domain needs no gather
    a, b = v[:, :, None, :], v[:, None, :, :]  # [i, x, y]: option x against option y
    ge = (b >= a).all(axis=3)
    beats = ge & ((b > a).any(axis=3) | np.tri(width, width, -1, dtype=bool)[None])
    dominated = np.asarray(beats.any(axis=2), dtype=bool)
    return [d[~dominated[i, : d.size]] for i, d in enumerate(doms)]
