"""accord: design, test, simulate and draft peace negotiations.

The notebook API in one place; names load lazily so that importing a core
module (``accord.model``) never pulls in the file adapters::

    >>> import accord
    >>> scenario = accord.load("ukraine")          # a built-in name or a file path
    >>> result = accord.evaluate(scenario)         # every plan, default perspective
    >>> result.perspective == scenario.default_perspective
    True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accord.version import __version__

if TYPE_CHECKING:
    from accord.analysis.evaluate import Evaluation
    from accord.model import Scenario
    from accord.space import Space
    from accord.workbench.simulate import SimulateOutcome

__all__ = ["__version__", "builtin_scenarios", "compile_space", "evaluate", "load", "simulate"]


def load(name_or_path: str) -> Scenario:
    """A built-in scenario by name (``"ukraine"``) or a scenario file by path.

    Raises :class:`accord.io.ScenarioFileError` listing every problem in a file.
    """
    from accord.scenarios import resolve

    return resolve(name_or_path)


def builtin_scenarios() -> list[str]:
    """Names of the built-in scenarios."""
    from accord.scenarios import REGISTRY

    return sorted(REGISTRY)


def evaluate(scenario: Scenario | str, **kwargs: Any) -> Evaluation:
    """Evaluate plans; see :func:`accord.analysis.evaluate.evaluate_plans`."""
    from accord.analysis.evaluate import evaluate_plans

    s = load(scenario) if isinstance(scenario, str) else scenario
    return evaluate_plans(s, **kwargs)


def compile_space(scenario: Scenario | str, **kwargs: Any) -> Space:
    """The numeric form engines read; see :func:`accord.space.compile_space`."""
    from accord.space import compile_space as _compile

    s = load(scenario) if isinstance(scenario, str) else scenario
    return _compile(s, **kwargs)


def simulate(scenario: Scenario | str, **kwargs: Any) -> SimulateOutcome:
    """Simulate a negotiation; see :class:`accord.workbench.simulate.SimulateRequest` for the options.

    >>> import accord
    >>> drop = ("ua-decree", "ua-summit-preconditions")
    >>> out = accord.simulate("ukraine", protocol="single-text", drop=drop, benchmarks=False)
    >>> out.result.ending
    'agreement'
    """
    from accord.workbench.simulate import SimulateRequest
    from accord.workbench.simulate import simulate as _simulate

    s = load(scenario) if isinstance(scenario, str) else scenario
    return _simulate(SimulateRequest(scenario=s, **kwargs))
