"""Protocols as files on the command line: show, edit, save as the next version; a stale or bad
file is one line, exit 2, nothing written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chairlog.services import protocols
from tests.cli.test_admin_cli import run
from tests.conftest import PASSWORDS, Clinic

KEY = "chronic-pain-titrated"


def show(clinic: Clinic, monkeypatch: Any, capsys: Any) -> dict[str, Any]:
    code, out, _ = run(monkeypatch, capsys, "--db", clinic.app.db.url, "protocol", "show", KEY)
    assert code == 0
    data: dict[str, Any] = json.loads(out)
    return data


def save(clinic: Clinic, monkeypatch: Any, capsys: Any, path: Path,
         *extra: str) -> tuple[int, str, str]:
    result: tuple[int, str, str] = run(
        monkeypatch, capsys, "--db", clinic.app.db.url, "protocol", "save", str(path), *extra,
        "--as", "admin", "--password-stdin", stdin=PASSWORDS["admin"] + "\n")
    return result


def versions(clinic: Clinic) -> list[int]:
    return [p.version for p in protocols.list_protocols(clinic.app, include_inactive=True)
            if p.key == KEY]


def test_list_show_edit_save_as_the_next_version(clinic: Clinic, monkeypatch: Any,
                                                 capsys: Any, tmp_path: Path) -> None:
    code, out, _ = run(monkeypatch, capsys, "--db", clinic.app.db.url, "protocol", "list")
    assert code == 0 and f"{KEY}  v1" in out
    data = show(clinic, monkeypatch, capsys)
    assert data["version"] == 1 and data["values"]["discharge_criteria"][0]["key"]
    data["values"]["rescue_meds"].append(
        {"name": "Metoclopramide", "dose": 10, "unit": "mg", "route": "IV", "treats": ["nausea"]})
    data["values"]["dose_near_pct"] = 80
    f = tmp_path / "p.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = save(clinic, monkeypatch, capsys, f, "--reason", "Add metoclopramide")
    assert code == 0, err
    assert f"{KEY} v2" in out
    now = next(p for p in protocols.list_protocols(clinic.app) if p.key == KEY)
    assert now.version == 2 and now.values.dose_near_pct == 80
    assert now.values.rescue_meds[-1].name == "Metoclopramide"
    # the same file again is stale: someone (here: we) saved v2 since it was exported at v1
    code, _, err = save(clinic, monkeypatch, capsys, f, "--reason", "again")
    assert code == 2 and err.count("\n") == 1 and "changed" in err
    assert versions(clinic) == [1, 2]


@pytest.mark.parametrize(("content", "needle"), [
    (b"not json", "JSON object"),
    (b"[1, 2]", "JSON object"),
    (b'{"key": "chronic-pain-titrated", "version": 1}', "JSON object"),
    (b'{"key": "chronic-pain-titrated", "version": "1", "values": {}}', "version"),
    (b'{"key": 5, "version": 1, "values": {}}', "key"),
    (b"\xff\xfe", "JSON object"),
])
def test_a_bad_file_is_one_line_and_writes_nothing(clinic: Clinic, monkeypatch: Any,
                                                  capsys: Any, tmp_path: Path, content: bytes,
                                                  needle: str) -> None:
    f = tmp_path / "bad.json"
    f.write_bytes(content)
    code, _, err = save(clinic, monkeypatch, capsys, f, "--reason", "x")
    assert code == 2 and err.count("\n") == 1 and needle in err, err
    assert versions(clinic) == [1]


def test_a_bad_value_names_the_field(clinic: Clinic, monkeypatch: Any, capsys: Any,
                                     tmp_path: Path) -> None:
    data = show(clinic, monkeypatch, capsys)
    data["values"]["discharge_criteria"] = [{"key": "Not A Key", "label": "x"}]
    f = tmp_path / "p.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = save(clinic, monkeypatch, capsys, f, "--reason", "x")
    assert code == 2 and "discharge criterion" in err, err
    assert versions(clinic) == [1]
    code, _, err = run(monkeypatch, capsys, "--db", clinic.app.db.url, "protocol", "show",
                       "no-such-protocol")
    assert code == 2 and "No active protocol" in err
