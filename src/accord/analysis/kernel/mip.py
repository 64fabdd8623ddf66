"""Packages as a mixed-integer program: one binary per option, clauses and utilities as linear rows.

The exact backend for spaces whose linked components are too large to list
(:mod:`.superissues`) or whose parties are too many for the branch and bound of
:mod:`.search`. A package is a one-hot vector ``x[i, o]`` (``sum_o x[i, o] = 1``
per issue; options outside an issue's domain are left out); a clause (a
disjunction of memberships ``x_i in S``) is the row ``sum_{(i, o) in clause}
x[i, o] >= 1``; party ``p``'s utility is linear, ``u_p = sum c[i][p, o] x[i, o]``.
Solved by the branch and cut of HiGHS (Huangfu & Hall 2018, "Parallelizing the
dual revised simplex method", Mathematical Programming Computation 10(1)) with
its gaps set to zero, so that an ``Optimal`` answer is proven.

Individual rationality, ``u_p - batna_p > TOL``, is the row ``u_p - batna_p >=
TOL + IR_MARGIN`` solved at a feasibility tolerance far below ``IR_MARGIN``: no
package the row admits can fail the strict test, and a package it drops has a
surplus within ``IR_MARGIN`` of the tolerance (every package found is checked
again in exact arithmetic of the space).

:class:`PackageMip` holds one model and adds rows and columns to it between
runs; :mod:`.mipsolve` formulates the solutions, the ZOPA's best package and
the smallest amendment on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from accord.analysis.kernel.limits import SolverTimeLimit, time_left
from accord.model.logic import Clause
from accord.numeric import TOL, FloatArray, IntArray
from accord.space import Space

IR_MARGIN = 1e-7
"""How far above :data:`TOL` the individual-rationality rows ask each surplus to be."""

FEASIBILITY = 1e-9
"""HiGHS's primal and integer feasibility tolerance: far below ``IR_MARGIN``."""


@dataclass(frozen=True, slots=True)
class MipRun:
    """One run of the model: the package found (None when none), the objective, the proven bound.

    ``proven``: the package is optimal (or, without one, none exists); otherwise
    a limit stopped HiGHS and ``bound`` is its dual bound on the objective.
    ``x`` is every column's value.
    """

    package: tuple[int, ...] | None
    value: float
    bound: float
    proven: bool
    x: FloatArray


class PackageMip:
    """A HiGHS model of the feasible packages of ``space``, to which rows and columns are added.

    ``clauses``: the hard clauses to honour (constraints and the honoured red
    lines); ``deadline`` (``time.perf_counter``): every run gets the time left.
    Column ``col[i][o]`` is the binary of option ``o`` of issue ``i`` (-1 when
    the domain leaves it out). :meth:`utility_row` gives a party's utility as
    coefficients over the columns.
    """

    def __init__(self, space: Space, clauses: Sequence[Clause], *, deadline: float | None) -> None:
        import highspy

        from accord.analysis.kernel.lp import quiet_highs

        self.space, self.deadline, self._hs = space, deadline, highspy
        self.h = quiet_highs(highspy)
        for name, value in (
            ("mip_rel_gap", 0.0),
            ("mip_abs_gap", 1e-10),
            ("mip_feasibility_tolerance", FEASIBILITY),
            ("primal_feasibility_tolerance", FEASIBILITY),
            ("dual_feasibility_tolerance", FEASIBILITY),
        ):
            self.h.setOptionValue(name, value)
        self.h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        col, n = [], 0
        for i, opts in enumerate(space.options):
            ids = np.full(len(opts), -1, dtype=np.int64)
            for o in sorted(space.domains[i]):
                ids[o], n = n, n + 1
            col.append(ids)
        self.col: tuple[IntArray, ...] = tuple(col)
        self.n_x = n
        self.add_columns(n, lower=0.0, upper=1.0, integer=True)
        for ids in col:
            live = ids[ids >= 0]
            self.add_row(live, np.ones(live.size), 1.0, 1.0)
        for c in clauses:
            terms = {
                int(self.col[m.issue][o]) for m in c.members for o in m.options if self.col[m.issue][o] >= 0
            }
            self.add_row(np.array(sorted(terms), dtype=np.int64), np.ones(len(terms)), 1.0, np.inf)

    @property
    def n_cols(self) -> int:
        """How many columns the model has (the option binaries first)."""
        return int(self.h.getNumCol())

    def add_columns(self, count: int, *, lower: float, upper: float, integer: bool = False) -> IntArray:
        """Add ``count`` columns with these bounds (no cost); their indices."""
        first = self.n_cols
        inf = self._hs.kHighsInf
        lo, hi = max(lower, -inf), min(upper, inf)
        self.h.addCols(count, np.zeros(count), np.full(count, lo), np.full(count, hi), 0,
                       np.zeros(count, dtype=np.int32), np.zeros(0, dtype=np.int32), np.zeros(0))  # fmt: skip
        idx = np.arange(first, first + count, dtype=np.int32)
        if integer and count:
            self.h.changeColsIntegrality(count, idx, np.full(count, self._hs.HighsVarType.kInteger))
        return idx.astype(np.int64)

    def add_row(self, index: IntArray, value: FloatArray, lower: float, upper: float) -> int:
        """Add the row ``lower <= value . x[index] <= upper``; its index."""
        inf = self._hs.kHighsInf
        row = int(self.h.getNumRow())
        keep = value != 0.0
        idx, val = np.asarray(index, dtype=np.int32)[keep], np.asarray(value, dtype=np.float64)[keep]
        self.h.addRow(max(lower, -inf), min(upper, inf), idx.size, idx, val)
        return row

    def utility_row(self, p: int) -> FloatArray:
        """Party ``p``'s utility as coefficients over the option binaries."""
        out = np.zeros(self.n_x)
        for i, ids in enumerate(self.col):
            live = ids >= 0
            out[ids[live]] = self.space.contrib[i][p, live]
        return out

    def surplus_row(self, p: int, *, lower: float) -> int:
        """Add the row ``u_p - batna_p >= lower``; its index."""
        return self.add_row(
            np.arange(self.n_x), self.utility_row(p), lower + float(self.space.batna[p]), np.inf
        )

    def rational_rows(self, parties: Sequence[int]) -> list[int]:
        """Individual rationality of ``parties``: ``u_p - batna_p >= TOL + IR_MARGIN`` each."""
        return [self.surplus_row(p, lower=TOL + IR_MARGIN) for p in parties]

    def maximise(self, cost: dict[int, float] | FloatArray) -> MipRun:
        """Maximise ``cost . x`` (a full vector, or column -> coefficient) within the time left.

        Raises :class:`SolverTimeLimit` when the time runs out before any package is found.
        """
        full = np.zeros(self.n_cols)
        if isinstance(cost, dict):
            for j, c in cost.items():
                full[j] = c
        else:
            full[: cost.size] = cost
        self.h.changeColsCost(full.size, np.arange(full.size, dtype=np.int32), full)
        left = time_left(self.deadline)
        if left is not None:
            if left <= 0.0:
                raise SolverTimeLimit("the time limit ran out before a mixed-integer program")
            self.h.setOptionValue("time_limit", float(left))
        self.h.run()
        return self._outcome()

    def _outcome(self) -> MipRun:
        status = self.h.getModelStatus()
        ms = self._hs.HighsModelStatus
        info = self.h.getInfo()
        if status == ms.kModelEmpty:  # no issue and no row: the empty package
            return MipRun((), 0.0, 0.0, True, np.zeros(0))
        has_x = int(info.primal_solution_status) >= 2  # kSolutionStatusFeasible
        if status == ms.kOptimal or (has_x and status in (ms.kTimeLimit, ms.kInterrupt)):
            x = np.asarray(self.h.getSolution().col_value, dtype=np.float64)
            optimal = status == ms.kOptimal
            value = float(info.objective_function_value)
            bound = value if optimal else float(info.mip_dual_bound)
            return MipRun(self.package(x), value, bound, optimal, x)
        if status in (ms.kTimeLimit, ms.kInterrupt):
            raise SolverTimeLimit("the time limit ran out inside a mixed-integer program")
        return MipRun(None, -np.inf, -np.inf, status == ms.kInfeasible, np.zeros(0))

    def package(self, x: FloatArray) -> tuple[int, ...]:
        """The package a solution's option binaries select."""
        out = []
        for ids in self.col:
            live = np.nonzero(ids >= 0)[0]
            out.append(int(live[int(np.argmax(x[ids[live]]))]))
        return tuple(out)


def surplus(space: Space, package: Sequence[int], parties: Sequence[int] | None = None) -> FloatArray:
    """Each party's surplus ``u_p - batna_p`` at ``package``, in the space's own arithmetic."""
    s = space.utility(package) - space.batna
    return s if parties is None else s[list(parties)]


def any_feasible(space: Space, clauses: Sequence[Clause], deadline: float | None) -> bool:
    """Whether some package meets the domains and ``clauses`` (one MIP with no objective)."""
    return PackageMip(space, clauses, deadline=deadline).maximise(np.zeros(0)).package is not None
