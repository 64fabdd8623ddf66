"""Shared machinery of the analysis engines, with a public API and no entry points.

* :mod:`.graph`: the clause graph, unit propagation, linked components and the
  elimination schedule of a component;
* :mod:`.superissues`: the decomposition of a space into super-issues;
* :mod:`.maxima`: the dominance filter;
* :mod:`.stages`: multi-objective dynamic programming over super-issues;
* :mod:`.search`: branch and bound, local search and beam search over them;
* :mod:`.objectives`: objectives, Lagrangian bounds and their weights;
* :mod:`.lp`: linear programs over lotteries (HiGHS, scipy fallback);
* :mod:`.logproduct`: the Nash product over the hull of packages;
* :mod:`.sampling`: counting and uniform sampling of the feasible packages;
* :mod:`.counting`: exact counting of the acceptable packages;
* :mod:`.budget`: stage-wise search with a budget of changes from a reference package.

Engines (``solve_*``) live one level up, in :mod:`accord.analysis`.
"""
