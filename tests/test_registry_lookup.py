"""accord.registry: named specs, looked up as "name(key=value)"."""

from __future__ import annotations

import keyword
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.registry import Registry, RegistryError


@dataclass(frozen=True)
class Spec:
    name: str
    title: str = ""
    citation: str = ""


def _registry(*names: str) -> Registry[Spec]:
    reg = Registry[Spec]("thing")
    for n in names:
        reg.register(Spec(n))
    return reg


def test_names_keep_registration_order_and_lookups_return_the_spec() -> None:
    reg = _registry("b", "a", "c")
    assert reg.names == ("b", "a", "c") and len(reg) == 3
    assert [s.name for s in reg] == ["b", "a", "c"] == [s.name for s in reg.specs()]
    assert reg.get("a") is reg.specs()[1] and "a" in reg and "z" not in reg


def test_a_second_spec_with_the_same_name_is_refused() -> None:
    reg = _registry("a")
    with pytest.raises(RegistryError, match="already registered"):
        reg.register(Spec("a"))
    assert reg.names == ("a",)


def test_unknown_name_lists_what_is_known() -> None:
    with pytest.raises(RegistryError) as err:
        _registry("nash", "ks").get("kalai")
    assert str(err.value) == "unknown thing 'kalai'; known: nash, ks"


def test_keyword_arguments_are_python_literals() -> None:
    found = _registry("nash").parse("nash(lotteries=True, time_limit=2.5, name='x', dims=(1, 2))")
    assert dict(found.kwargs) == {"lotteries": True, "time_limit": 2.5, "name": "x", "dims": (1, 2)}
    assert dict(_registry("nash").parse(" nash ").kwargs) == {}


@pytest.mark.parametrize(
    "text",
    ["nash(1)", "nash(x=open('f'))", "nash(x=", "nash(**k)", "(x=1)", "nash(x=1", "na sh"],
)
def test_malformed_lookups_are_errors_naming_the_text(text: str) -> None:
    with pytest.raises(RegistryError):
        _registry("nash").parse(text)


_NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(lambda n: not keyword.iskeyword(n))


@given(st.dictionaries(_NAMES, st.integers() | st.booleans()))
def test_any_literal_keywords_round_trip(kwargs: dict[str, object]) -> None:
    text = "nash(" + ", ".join(f"{k}={v!r}" for k, v in kwargs.items()) + ")"
    assert dict(_registry("nash").parse(text).kwargs) == kwargs
