"""Errors become one message and an exit code, naming the flag the user typed."""

from __future__ import annotations

from typing import Any, NoReturn

import pytest

from accord.cli.errors import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    FLAGS,
    UserError,
    fail,
    fields,
    flag,
    run_guarded,
)
from accord.space import SpaceError


def _raise(exc: BaseException) -> NoReturn:
    raise exc


def test_flags() -> None:
    assert flag("parties") == "--parties" and flag("options") == "--fix" and flag("plans") == "--plan"
    assert flag("something") == "something"
    assert all(v.startswith("--") for v in FLAGS.values())


def test_user_errors_name_the_argument(capsys: Any) -> None:
    assert run_guarded(lambda: fail("bad", "--x")) == EXIT_BAD_INPUT
    assert capsys.readouterr().err == "error: --x: bad\n"
    assert run_guarded(lambda: fail("worse", exit_code=1)) == 1
    assert capsys.readouterr().err == "error: worse\n"


def test_core_errors_name_the_flag(capsys: Any) -> None:
    assert run_guarded(lambda: _raise(SpaceError("tracks", "unknown track 'x'"))) == EXIT_BAD_INPUT
    assert capsys.readouterr().err == "error: --tracks: unknown track 'x'\n"


def test_fields_rename_for_one_command() -> None:
    with pytest.raises(UserError) as err, fields(plan="PLAN"):
        raise SpaceError("plan", "no plan 'x'")
    assert err.value.field == "PLAN"
    with pytest.raises(UserError) as err, fields(plan="PLAN"):
        raise SpaceError("parties", "unknown party 'x'")
    assert err.value.field == "--parties"


def test_anything_else_is_an_internal_error_without_traceback(capsys: Any, monkeypatch: Any) -> None:
    monkeypatch.delenv("ACCORD_DEBUG", raising=False)
    assert run_guarded(lambda: _raise(RuntimeError("boom"))) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err and "Traceback" not in err
    assert run_guarded(lambda: 3) == 3 and run_guarded(lambda: None) == 0
