"""Golden comparison of every CLI output: capture once, compare after a refactor.

A restructure that promises "behaviour unchanged" is checked by running a fixed
list of commands (every command on ``ukraine`` and on the docs' scenarios, tables
and JSON, several widths) and comparing their standard output, standard error and
exit codes byte for byte. Wall-clock fields (``"seconds"``) are masked, since they
are the one thing that legitimately differs between runs.

    python scripts/golden.py capture DIR     # before the change
    python scripts/golden.py compare DIR     # after it; exits 1 on any difference

Run it inside the project's virtualenv; it calls the ``accord`` found on PATH.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINI = str(ROOT / "tests" / "data" / "mini.yaml")
SECONDS = re.compile(r'("seconds": )[0-9.eE+-]+')
PLANS = ("istanbul-2022", "us-28-point", "peace-formula", "parley-political", "usip-three-tables")
PERSPECTIVES = ("analyst-baseline", "ua-government", "ru-government", "settle-now", "negotiate-from-strength")


def _commands(valley: str) -> list[list[str]]:
    """Every command the golden run covers (argument lists after ``accord``)."""
    cmds: list[list[str]] = [["--version"], ["--help"], ["scenarios"], ["scenarios", "--json"], ["schema"]]
    for name in ("ukraine", MINI, valley):
        cmds += [["show", name], ["show", name, "--json"], ["validate", name], ["validate", name, "--json"]]
        for extra in ([], ["--json"]):
            cmds += [["evaluate", name, *extra], ["compare", name, *extra]]
            cmds += [["frontier", name, *extra], ["zopa", name, *extra]]
            cmds += [["solve", name, "-s", s, *extra] for s in ("nash", "ks", "egalitarian", "utilitarian")]
            cmds += [["solve", name, "-s", s, "--lotteries", *extra] for s in ("nash", "egalitarian")]
    cmds += [["show", "ukraine", "--party", "UA"], ["show", "ukraine", "--plan", "istanbul-2022", "--json"]]
    for p in PERSPECTIVES:
        cmds += [["compare", "ukraine", "-p", p], ["compare", "ukraine", "-p", p, "--json"]]
        cmds += [["zopa", "ukraine", "-p", p, "--json"], ["solve", "ukraine", "-p", p, "--json"]]
        cmds += [["amend", "ukraine", plan, "-p", p, *extra] for plan in PLANS for extra in ([], ["--json"])]
    cmds += [
        ["frontier", "ukraine", "--parties", "UA,RU,US", "--json"],
        ["frontier", "ukraine", "--parties", "UA,RU", "--rational", "--show", "5"],
        ["frontier", "ukraine", "--tables", "bilateral", "--fix", "crimea=russia_de_facto"],
        ["solve", "ukraine", "--tracks", "ceasefire", "--ignore-red-lines", "--json"],
        ["zopa", "ukraine", "--samples", "1000", "--seed", "7", "--json"],
        ["evaluate", "ukraine", "--plan", "istanbul-2022", "--parties", "UA,RU,US.NSC"],
        ["amend", valley, "freeze"],
        ["amend", valley, "freeze", "--json"],
        ["evaluate", valley, "--plan", "freeze"],
        # bad input: message and exit code must not change either
        ["evaluate", "ukraine", "--plan", "nope"],
        ["solve", "ukraine", "--parties", "XX"],
        ["frontier", "ukraine", "--fix", "crimea=nowhere"],
        ["amend", "ukraine", "nope"],
        ["show", "nope"],
        ["validate", "/nonexistent.yaml"],
    ]
    return cmds


def _run(args: list[str], width: int) -> dict[str, object]:
    env = {**os.environ, "COLUMNS": str(width), "NO_COLOR": "1", "TERM": "dumb"}
    proc = subprocess.run(["accord", *args], capture_output=True, text=True, env=env, timeout=600)
    return {
        "args": args,
        "width": width,
        "code": proc.returncode,
        "stdout": SECONDS.sub(r"\g<1>0", proc.stdout),
        "stderr": proc.stderr,
    }


def _collect() -> list[dict[str, object]]:
    tmp = Path(tempfile.mkdtemp(prefix="golden-"))
    try:
        valley = str(tmp / "valley.yaml")
        subprocess.run(["accord", "init", valley], check=True, capture_output=True)
        jobs = [(c, w) for c in _commands(valley) for w in ((120,) if "--json" in c else (80, 120))]
        with ThreadPoolExecutor(max_workers=2) as pool:
            out = list(pool.map(lambda job: _run(*job), jobs))
        for rec in out:  # the temporary path differs between runs
            for key in ("stdout", "stderr"):
                rec[key] = str(rec[key]).replace(str(tmp), "<tmp>")
            rec["args"] = [a.replace(str(tmp), "<tmp>") for a in rec["args"]]  # type: ignore[attr-defined]
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("mode", choices=("capture", "compare"))
    parser.add_argument("dir", type=Path)
    ns = parser.parse_args()
    records = _collect()
    path = ns.dir / "golden.json"
    if ns.mode == "capture":
        ns.dir.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(records, indent=1, ensure_ascii=False))
        print(f"captured {len(records)} runs in {path}")
        return 0
    before = {(tuple(r["args"]), r["width"]): r for r in json.loads(path.read_text())}
    bad = 0
    for rec in records:
        old = before.get((tuple(rec["args"]), rec["width"]))  # type: ignore[arg-type]
        if old == rec:
            continue
        bad += 1
        print(f"DIFFERS: accord {' '.join(rec['args'])} (width {rec['width']})")  # type: ignore[arg-type]
        if old is not None:
            for key in ("code", "stdout", "stderr"):
                if old[key] != rec[key]:
                    diff = difflib.unified_diff(
                        str(old[key]).splitlines(), str(rec[key]).splitlines(), lineterm=""
                    )
                    print("\n".join(list(diff)[:40]))
    print(f"{len(records) - bad} identical, {bad} different")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
