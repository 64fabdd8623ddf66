"""Fuzzing the scenario loader: malformed files get clean errors, never a traceback.

Mutations are drawn from an explicit seeded generator so a failure reproduces:
the failing case's index and text are in the assertion message.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.io import check_text
from accord.io.loader import Report
from accord.io.yamlsource import yaml_line_count

DATA = Path(__file__).parents[1] / "data"
SEEDS = [
    (DATA / "mini.yaml").read_text(encoding="utf-8"),
    (DATA / "features.yaml").read_text(encoding="utf-8"),  # every format feature of issue 9
    (resources.files("accord") / "io" / "template.yaml").read_text(encoding="utf-8"),
]
N_FILES = 10_000

TOKENS = [
    ":", "- ", "[", "]", "{", "}", "'", '"', "&a ", "*a", "!!binary ", "!x ", "#", "|", ">", "\t",
    "%YAML 1.2\n", "null", "~", "1e999", "-5", "nan", ".inf", "<<: *a\n", "yes", "0x1F", "é", "\u2028",
    "\\", "---\n", "...\n", "? ", ",", "@", "`", "0", "-1", "100000", "''", "[]", "{}", "\n  - ", ": :",
    "id: 9", "\x7f",
]  # fmt: skip
ODD_VALUES: list[Any] = [
    None, 0, -1, 101, 1e300, -1e300, float("nan"), "", " ", "x" * 500, [], {}, [1, [2, [3]]],
    {"a": {"b": None}}, True, False, "a b", "1e5", ["a", None], {"": 1}, 3.5,
]  # fmt: skip


def mutate_text(text: str, rng: np.random.Generator) -> str:
    lines = text.splitlines(keepends=True)
    op = int(rng.integers(0, 8))
    if op == 0 and lines:  # delete a line
        del lines[int(rng.integers(0, len(lines)))]
    elif op == 1 and lines:  # duplicate a line
        k = int(rng.integers(0, len(lines)))
        lines.insert(k, lines[k])
    elif op == 2 and len(lines) > 1:  # swap two lines
        a, b = (int(x) for x in rng.integers(0, len(lines), size=2))
        lines[a], lines[b] = lines[b], lines[a]
    elif op == 3 and lines:  # re-indent a line
        k = int(rng.integers(0, len(lines)))
        shift = int(rng.integers(-3, 4))
        lines[k] = (" " * shift + lines[k]) if shift > 0 else lines[k][-shift:]
    elif op == 4:  # truncate
        return text[: int(rng.integers(0, len(text) + 1))]
    else:  # insert or overwrite a token somewhere
        pos = int(rng.integers(0, len(text) + 1))
        token = TOKENS[int(rng.integers(0, len(TOKENS)))]
        cut = pos + (len(token) if op == 5 else 0)
        return text[:pos] + token + text[cut:]
    return "".join(lines)


def mutate_structure(text: str, rng: np.random.Generator) -> str:
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    paths: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for k in list(node):
                paths.append((node, k))
                walk(node[k])
        elif isinstance(node, list):
            for i in range(len(node)):
                paths.append((node, i))
                walk(node[i])

    data = copy.deepcopy(data)
    walk(data)
    if not paths:
        return text + "\n- stray\n"
    container, key = paths[int(rng.integers(0, len(paths)))]
    choice = int(rng.integers(0, 3))
    if choice == 0:
        container[key] = copy.deepcopy(ODD_VALUES[int(rng.integers(0, len(ODD_VALUES)))])
    elif choice == 1 and isinstance(container, dict):
        del container[key]
    elif choice == 1:
        container.pop(key)
    else:
        container[key] = copy.deepcopy(container[key]) if not isinstance(container, list) else container[key]
        if isinstance(container, list):
            container.append(copy.deepcopy(container[key]))  # duplicate an item (duplicate ids)
        else:
            container[str(key) + "_x"] = copy.deepcopy(container[key])  # an unknown field
    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)


def check_clean(report: Report, text: str, case: int) -> None:
    n_lines = yaml_line_count(text)
    for p in report.problems:
        assert p.message and p.field, f"case {case}: empty problem {p!r}\n{text}"
        assert p.line is None or 1 <= p.line <= n_lines, f"case {case}: line {p.line} out of range\n{text}"
        assert "Traceback" not in p.message
    if report.scenario is None:
        assert report.errors, f"case {case}: rejected without an error\n{text}"


def generate(n: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    out: list[str] = []
    mutators: list[Callable[[str, np.random.Generator], str]] = [mutate_text, mutate_structure]
    while len(out) < n:
        text = SEEDS[int(rng.integers(0, len(SEEDS)))]
        for _ in range(int(rng.integers(1, 4))):
            mutator = mutators[int(rng.integers(0, 2))]
            try:
                text = mutator(text, rng)
            except (yaml.YAMLError, RecursionError, ValueError, TypeError):
                break  # structure mutation needs parseable input; keep the text mutation
        out.append(text)
    return out


def test_ten_thousand_malformed_files_get_clean_errors() -> None:
    texts = generate(N_FILES, seed=20261121)
    rejected = 0
    for case, text in enumerate(texts):
        report = check_text(text, name=f"fuzz-{case}.yaml")
        check_clean(report, text, case)
        rejected += report.scenario is None
    # Most mutations must actually break the file, or this fuzzes nothing.
    assert rejected >= N_FILES * 0.6, rejected


def test_cli_validate_never_shows_a_traceback(tmp_path: Path, capsys: Any) -> None:
    from accord.cli.app import main

    for case, text in enumerate(generate(150, seed=7)):
        path = tmp_path / f"f{case}.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        code = main(["validate", str(path)])
        out = capsys.readouterr()
        assert code in (0, 1), f"case {case}: exit {code}\n{out.err}"
        assert "Traceback" not in out.out + out.err
        assert "internal error" not in out.out + out.err, f"case {case}:\n{out.err}\n{text}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    report = check_text(text)
    check_clean(report, text, -1)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "accord",
                "id",
                "title",
                "parties",
                "issues",
                "profiles",
                "plans",
                "constraints",
                "perspectives",
                "sources",
                "rules",
                "tables",
            ]
        ),
        json_values,
        max_size=8,
    )
)
def test_arbitrary_structures_never_raise(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    check_clean(check_text(text), text, -1)
