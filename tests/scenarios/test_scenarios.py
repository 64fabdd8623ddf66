"""Built-in scenarios and their validated-scenario cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import accord
import accord.scenarios as scenarios
from accord.io import load_scenario


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ACCORD_NO_CACHE", raising=False)
    scenarios.load_builtin.cache_clear()
    yield tmp_path / "cache"
    scenarios.load_builtin.cache_clear()


def test_cache_round_trip_equals_a_fresh_load(cache: Path) -> None:
    first = scenarios.load_builtin("ukraine")
    files = list(cache.glob("ukraine-*.pickle"))
    assert len(files) == 1
    scenarios.load_builtin.cache_clear()
    second = scenarios.load_builtin("ukraine")
    assert second == first == load_scenario(scenarios.builtin_path("ukraine"))
    assert second.plan("istanbul-2022").terms == first.plan("istanbul-2022").terms


def test_corrupt_cache_falls_back_and_is_rewritten(cache: Path) -> None:
    scenarios.load_builtin("ukraine")
    (path,) = cache.glob("ukraine-*.pickle")
    path.write_bytes(b"not a pickle")
    scenarios.load_builtin.cache_clear()
    assert scenarios.load_builtin("ukraine").id == "ukraine"
    assert path.read_bytes() != b"not a pickle"


def test_unwritable_cache_dir_still_loads(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = cache.parent / "file-not-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(blocker / "sub"))
    assert scenarios.load_builtin("ukraine").id == "ukraine"


def test_cache_can_be_switched_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCORD_NO_CACHE", "1")
    scenarios.load_builtin("ukraine")
    assert not cache.exists() or not any(cache.iterdir())


def test_cache_key_follows_the_file_content(cache: Path) -> None:
    data = scenarios.builtin_path("ukraine").read_bytes()
    assert scenarios._cache_file("ukraine", data) != scenarios._cache_file("ukraine", data + b"\n")
    assert os.fspath(scenarios._cache_file("ukraine", data)).startswith(os.fspath(cache))


def test_api_lists_builtins_without_shadowing_the_subpackage() -> None:
    assert accord.builtin_scenarios() == ["ukraine"]
    assert accord.load("ukraine").id == "ukraine"


def test_registry_lists_every_builtin_and_each_loads() -> None:
    assert scenarios.SCENARIOS.names == ("ukraine",)
    assert sorted(scenarios.SCENARIOS.names) == accord.builtin_scenarios()
    for spec in scenarios.SCENARIOS:
        assert isinstance(spec, scenarios.ScenarioSpec)
        assert spec.title and spec.citation and spec.path.is_file()
        assert scenarios.REGISTRY[spec.name] is spec
        assert scenarios.builtin_path(spec.name) == spec.path
        assert scenarios.resolve(spec.name).id == load_scenario(spec.path).id
    with pytest.raises(TypeError):
        scenarios.REGISTRY["other"] = scenarios.SCENARIOS.get("ukraine")  # type: ignore[index]
