"""bench/bench_output.py times the command line on a bench instance: its scenario file is that instance."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.mark.parametrize(("k", "n", "m", "seed"), [(2, 5, 3, 1), (3, 4, 4, 7)])
def test_the_scenario_file_scores_packages_as_the_instance(
    tmp_path: Path, k: int, n: int, m: int, seed: int
) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        from bench_output import scenario_of
        from instances import make_instance, utilities
    finally:
        sys.path.remove(str(BENCH))
    from accord.io import load_scenario
    from accord.space import compile_space

    inst = make_instance(k, n, m, seed)
    path = tmp_path / "s.json"
    path.write_text(json.dumps(scenario_of(inst)), encoding="utf-8")
    space = compile_space(load_scenario(path))
    rng = np.random.default_rng(seed)
    packages = rng.integers(0, m, size=(20, n))
    np.testing.assert_allclose(space.utilities(packages), 100 * utilities(inst, packages), atol=1e-9)
    np.testing.assert_allclose(space.batna, 100 * np.asarray(inst["batna"]), atol=1e-12)
