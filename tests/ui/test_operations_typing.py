"""The operation runner keeps the service's signature for mypy: a wrong argument type, an
unknown keyword or a wrong use of the result is a type error at the call site."""

from __future__ import annotations

from pathlib import Path

import pytest

SNIPPET = '''
from PySide6.QtCore import QObject

from chairlog.services import Chairlog, charting
from chairlog.domain import UserInfo
from chairlog.ui.operations import OperationRunner


def use(r: OperationRunner, o: QObject, app: Chairlog, u: UserInfo) -> None:
    r.interactive(o, charting.add_note, app, u, 1, "fine")
    r.interactive(o, charting.add_note, app, u, "not an id", "text")
    r.interactive(o, charting.add_note, app, u, 1, "text", colour="red")
    r.maintenance(o, charting.add_note, app, u, 1, "text").success(
        lambda res: print(res.entry.nonexistent))
'''


@pytest.mark.slow
def test_mypy_checks_arguments_and_results_against_the_service(tmp_path: Path) -> None:
    from mypy import api

    snippet = tmp_path / "use_runner.py"
    snippet.write_text(SNIPPET)
    out, _err, status = api.run(["--strict", "--follow-imports=silent", "--no-incremental",
                                 "--cache-dir", str(tmp_path / "cache"), str(snippet)])
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert status == 1
    assert [e.split(":")[1] for e in errors] == ["11", "12", "14"], out
    assert 'incompatible type "str"; expected "int"' in errors[0]
    assert 'Unexpected keyword argument "colour"' in errors[1]
    assert '"EntryView" has no attribute "nonexistent"' in errors[2]
