"""accord.numeric: the tolerance and read-only arrays every layer shares."""

from __future__ import annotations

import numpy as np
import pytest

from accord.numeric import TOL, readonly


def test_readonly_arrays_refuse_writes_and_leave_their_base_alone() -> None:
    base = np.arange(6.0)
    view = readonly(base[2:])
    with pytest.raises(ValueError):
        view[0] = 1.0
    base[2] = 7.0  # the base stays writable, and the view sees the change
    assert view[0] == 7.0
    assert 0 < TOL < 1e-6
