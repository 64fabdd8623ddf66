"""Shared machinery of the analysis engines, with a public API and no entry points.

* :mod:`.graph`: the clause graph, unit propagation, linked components and the
  elimination schedule of a component;
* :mod:`.superissues`: the decomposition of a space into super-issues;
* :mod:`.maxima`: the dominance filter;
* :mod:`.stages`: multi-objective dynamic programming over super-issues;
* :mod:`.staircase`: two parties with no linking clause: the frontier issue by issue;
* :mod:`.search`: branch and bound, local search and beam search over them;
* :mod:`.objectives`: objectives, Lagrangian bounds and their weights;
* :mod:`.lp`: linear programs over lotteries (HiGHS, scipy fallback);
* :mod:`.logproduct`: the Nash product over the hull of packages;
* :mod:`.sampling`: counting and uniform sampling of the feasible packages;
* :mod:`.counting`: exact counting of the acceptable packages;
* :mod:`.budget`: stage-wise search with a budget of changes from a reference package;
* :mod:`.mip`: the feasible packages as a mixed-integer program (HiGHS), and
  :mod:`.mipsolve`: the solutions, the ZOPA's best package and the smallest
  amendment formulated on it (Nash by outer approximation);
* :mod:`.backend`: which backend (decomposition or MIP) answers a search;
* :mod:`.limits`: the time limit and size limit every stage honours.

Engines (``solve_*``) live one level up, in :mod:`accord.analysis`.
"""
