"""Deterministic random linear-additive negotiation instances, shared as JSON.

Plain numpy and the standard library only: importable from accord's side
(``bench/bench_search.py``) and from the negmas peer (``bench/peer_negmas.py``,
which runs in ``.bench-venv``). It never imports accord or negmas.

Model
-----
``n_parties`` parties, ``n_issues`` issues, each with ``n_options`` options.
A *package* (an outcome) picks one option index per issue. Party ``p``'s
utility of package ``x`` is

    u_p(x) = sum_i weights[p][i] * values[p][i][x_i]

Drawn by :func:`make_instance` from ``numpy.random.default_rng(seed)``, in this
order: first ``weights`` as uniform [0, 1) of shape (parties, issues), each
row then divided by its sum (so a party's weights sum to 1); then ``values``
as uniform [0, 1) of shape (parties, issues, options). Every utility is thus
in [0, 1]. The BATNA (negmas: reserved value) of every party is ``batna``
(0.0 by default). The JSON file, not the generator, is the reference: the
peer reads the numbers from it, so both sides see bit-identical floats.

Interface
---------
``make_instance(n_parties, n_issues, n_options, seed, *, batna=0.0) -> dict``
``save_instance(instance, path) -> None`` / ``load_instance(path) -> dict``
``contributions(instance) -> list[np.ndarray]``: ``contrib[i]`` has shape
    (n_parties, n_options_i) and ``contrib[i][p][k] = weights[p][i] * values[p][i][k]``,
    so ``accord.space.Space.from_arrays(contributions(inst), batna_array(inst))``
    gives accord the same utilities.
``batna_array(instance) -> np.ndarray`` (shape (n_parties,))
``utilities(instance, packages) -> np.ndarray``: shape (n_packages, n_parties)
    for packages given as option-index sequences.

Instance JSON (``format`` = ``"accord-bench-instance/1"``)::

    {"format": ..., "generator": "uniform01-normalised-weights",
     "n_parties": P, "n_issues": I, "n_options": K, "seed": S,
     "parties": ["P1", ...], "issues": ["i1", ...],
     "options": [["o1", ..., "oK"], ...],          # per issue
     "weights": [[w_p,i ...] ...],                  # P x I
     "values": [[[v_p,i,k ...] ...] ...],           # P x I x K
     "batna": [b_p ...]}                            # P

Command line (writes one instance)::

    python bench/instances.py --parties 2 --issues 12 --options 4 --seed 0 --out inst.json
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

FORMAT = "accord-bench-instance/1"
GENERATOR = "uniform01-normalised-weights"


def make_instance(n_parties: int, n_issues: int, n_options: int, seed: int, *, batna: float = 0.0) -> dict:
    """A random linear-additive instance; same arguments give the same numbers."""
    if n_parties < 1 or n_issues < 1 or n_options < 1:
        raise ValueError("n_parties, n_issues and n_options must all be at least 1")
    rng = np.random.default_rng(seed)
    weights = rng.random((n_parties, n_issues))
    weights = weights / weights.sum(axis=1, keepdims=True)
    values = rng.random((n_parties, n_issues, n_options))
    return {
        "format": FORMAT,
        "generator": GENERATOR,
        "n_parties": n_parties,
        "n_issues": n_issues,
        "n_options": n_options,
        "seed": seed,
        "parties": [f"P{p + 1}" for p in range(n_parties)],
        "issues": [f"i{i + 1}" for i in range(n_issues)],
        "options": [[f"o{k + 1}" for k in range(n_options)] for _ in range(n_issues)],
        "weights": weights.tolist(),
        "values": values.tolist(),
        "batna": [float(batna)] * n_parties,
    }


def validate_instance(instance: dict) -> None:
    """Raise ``ValueError`` if the shapes of an instance do not agree."""
    if instance.get("format") != FORMAT:
        raise ValueError(f"not an {FORMAT} instance: format={instance.get('format')!r}")
    n_p, n_i = len(instance["parties"]), len(instance["issues"])
    if len(instance["options"]) != n_i:
        raise ValueError("options must have one list per issue")
    if len(instance["batna"]) != n_p:
        raise ValueError("batna must have one entry per party")
    if len(instance["weights"]) != n_p or len(instance["values"]) != n_p:
        raise ValueError("weights and values must have one entry per party")
    for p in range(n_p):
        if len(instance["weights"][p]) != n_i or len(instance["values"][p]) != n_i:
            raise ValueError(f"party {p}: weights and values must have one entry per issue")
        for i in range(n_i):
            if len(instance["values"][p][i]) != len(instance["options"][i]):
                raise ValueError(f"party {p}, issue {i}: one value per option expected")


def save_instance(instance: dict, path: str | Path) -> None:
    """Write ``instance`` as JSON (floats round-trip exactly)."""
    validate_instance(instance)
    Path(path).write_text(json.dumps(instance, indent=1) + "\n", encoding="utf-8")


def load_instance(path: str | Path) -> dict:
    """Read an instance written by :func:`save_instance`."""
    instance: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    validate_instance(instance)
    return instance


def contributions(instance: dict) -> list[np.ndarray]:
    """``contrib[i][p, k] = weights[p][i] * values[p][i][k]``; utility is the sum over issues."""
    w = instance["weights"]
    v = instance["values"]
    n_p = len(instance["parties"])
    return [
        np.array([[w[p][i] * v[p][i][k] for k in range(len(opts))] for p in range(n_p)], dtype=np.float64)
        for i, opts in enumerate(instance["options"])
    ]


def batna_array(instance: dict) -> np.ndarray:
    """The BATNA (reservation value) of each party, shape (n_parties,)."""
    return np.asarray(instance["batna"], dtype=np.float64)


def utilities(instance: dict, packages: Sequence[Sequence[int]]) -> np.ndarray:
    """Utility of each package (option index per issue) to each party: shape (n, n_parties)."""
    contrib = contributions(instance)
    x = np.asarray(packages, dtype=np.int64).reshape(-1, len(contrib))
    total = np.zeros((x.shape[0], len(instance["parties"])), dtype=np.float64)
    for i, c in enumerate(contrib):
        total += c[:, x[:, i]].T
    return total


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write one random linear-additive instance as JSON.")
    ap.add_argument("--parties", type=int, required=True)
    ap.add_argument("--issues", type=int, required=True)
    ap.add_argument("--options", type=int, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batna", type=float, default=0.0)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    inst = make_instance(args.parties, args.issues, args.options, args.seed, batna=args.batna)
    save_instance(inst, args.out)


if __name__ == "__main__":
    main()
