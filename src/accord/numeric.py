"""The ground floor: numeric tolerance, array type aliases and read-only arrays.

Every layer compares utilities with :data:`TOL` and annotates arrays with the
aliases below, so that "equal" means the same thing in every engine and renderer.
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

TOL = 1e-9
"""Utilities closer than this (in points on 0-100) count as equal."""

FloatArray = NDArray[np.float64]
"""A float64 array (utilities, surpluses, contributions)."""

IntArray = NDArray[np.int64]
"""An int64 array (option indices, packages, counts)."""

BoolArray = NDArray[np.bool_]
"""A boolean array (masks)."""

_A = TypeVar("_A", bound=np.ndarray)


def readonly(array: _A) -> _A:
    """Return ``array`` with its write flag cleared (the same object, not a copy).

    Frozen results and the compiled :class:`accord.space.Space` hand out arrays
    that callers must not change in place; numpy raises on any write after this.
    A view of a writable base is made read-only without touching the base.
    """
    array.flags.writeable = False
    return array
