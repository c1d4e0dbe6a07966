"""README's scripting example runs as written (against a fresh clinic)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def test_scripting_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    from chairlog.services import accounts, open_app, protocols

    monkeypatch.chdir(tmp_path)
    app = open_app("clinic.sqlite3")
    admin = accounts.init_clinic(app, clinic_name="C", timezone="UTC", admin_username="admin",
                                 admin_full_name="A", admin_password="admin-pass-1",
                                 ca_passphrase="authority-pass-1")
    accounts.add_user(app, admin, username="ana", full_name="Ana", role="nurse",
                      password="ana's password")
    protocols.install_default_protocols(app, admin)
    protocols.add_chair(app, admin, "Chair 1")
    app.close()
    text = README.read_text(encoding="utf-8")
    section = text.split("## Scripting with the service API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    exec(compile(code.group(1), "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Started without" in out and "Baseline vitals" in out
