"""CSV set: six RFC 4180 files, one row per entry, as in the record; days in the clinic zone;
formula injection neutralised; audited; bulk export only for physicians and admins."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from chairlog.domain import EntryKind
from chairlog.errors import PermissionDenied, ValidationError
from chairlog.services import accounts, audit_log, charting, csvset, demo, signoff, views
from tests.conftest import Clinic
from tests.record_helpers import discharged_session

KIND_FILES = {"vitals": EntryKind.VITALS, "doses": EntryKind.DOSE,
              "side_effects": EntryKind.SIDE_EFFECT, "medications": EntryKind.MEDICATION,
              "assessments": EntryKind.ASSESSMENT}


def read(folder: Path, name: str) -> tuple[list[str], list[dict[str, str]]]:
    raw = (folder / f"{name}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    assert "\r\n" in text and text.endswith("\r\n")
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        r = csv.DictReader(fh)
        rows = list(r)
        return list(r.fieldnames or []), rows


def test_demo_clinic_as_csv_agrees_with_the_read_model(app: Any, tmp_path: Path) -> None:
    demo.fill_demo(app, sign=signoff.sign_for_demo)
    actor = accounts.login(app, "okafor", "demo-doctor-1")
    out = tmp_path / "csv"
    result = csvset.export_csv(app, actor, "2026-01-01", "2026-12-31", out)
    sessions = {r.id: views.get_session(app, r.id) for r in views.list_sessions(app)}
    assert result.sessions == len(sessions) == 9
    zone = ZoneInfo(accounts.get_clinic(app).timezone)
    head, rows = read(out, "sessions")
    assert {"session_id", "patient_mrn", "weight_kg", "ketamine_total_mg"} <= set(head)
    for row in rows:
        v = sessions[int(row["session_id"])]
        assert row["patient_mrn"] == v.patient.mrn
        end = v.discharged_at or v.stopped_early_at or app.now()
        assert float(row["ketamine_total_mg"]) == pytest.approx(v.cumulative_mg(end), rel=1e-6)
        when = datetime.fromisoformat(row["checked_in_at"])
        assert when == v.checked_in_at
        assert when.utcoffset() == v.checked_in_at.astimezone(zone).utcoffset()
    for name, kind in KIND_FILES.items():
        head, rows = read(out, name)
        assert head[:4] == ["session_id", "patient_mrn", "entry_id", "status"]
        assert all(any(u in h for u in ("_mmhg", "_per_min", "_pct", "_c", "_mg", "_h"))
                   for h in head if h in ("hr_per_min", "sbp_mmhg", "spo2_pct", "temp_c",
                                          "bolus_mg", "rate_mg_per_kg_h"))
        want = sorted((v.id, e.id, e.status.value) for v in sessions.values()
                      for e in v.entries if e.kind is kind)
        got = sorted((int(r["session_id"]), int(r["entry_id"]), r["status"]) for r in rows)
        assert got == want and result.rows[name] == len(want)
        for r in rows:
            assert r["patient_mrn"] == sessions[int(r["session_id"])].patient.mrn
    _, vit = read(out, "vitals")
    for r in vit:
        e = next(e for e in sessions[int(r["session_id"])].entries if e.id == int(r["entry_id"]))
        assert int(r["hr_per_min"]) == e.data["hr"] and int(r["sbp_mmhg"]) == e.data["sbp"]
    audit = [r for r in audit_log.list_audit(app, actor) if r.action == "export.csv"]
    assert len(audit) == 1 and audit[0].username == "okafor"
    assert audit[0].after is not None and audit[0].after["sessions"] == 9


def test_corrections_stay_as_in_the_record(
        clinic: Clinic, tmp_path: Path) -> None:
    discharged_session(clinic)
    out = tmp_path / "o"
    csvset.export_csv(clinic.app, clinic.physician, "2026-03-02", "2026-03-02", out)
    _, vit = read(out, "vitals")
    statuses = [r["status"] for r in vit]
    assert "corrected" in statuses
    corrected = next(r for r in vit if r["status"] == "corrected")
    replacement = next(r for r in vit if r["supersedes_entry_id"] == corrected["entry_id"])
    assert corrected["hr_per_min"] == "150" and replacement["hr_per_min"] == "105"
    assert replacement["status"] == "active"
    assert corrected["invalidation_reason"] == "Typo: HR was 105"


def test_formula_cells_get_an_apostrophe() -> None:
    for bad in ("=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert csvset.cell(bad) == "'" + bad
    assert csvset.cell("Nausea") == "Nausea"
    assert csvset.cell(-2) == -2  # a number (RASS −2) stays a number
    assert csvset.cell(None) == "" and csvset.cell(True) == "yes"


def test_hostile_text_round_trips_safely(clinic: Clinic, tmp_path: Path) -> None:
    from chairlog.services import patients

    p = patients.create_patient(clinic.app, clinic.nurse, mrn="M-9",
                                family_name="=cmd|' /C calc'!A0",
                                given_name='Ann "Quote", Jr\nline')
    from tests.conftest import ready_to_infuse

    s = ready_to_infuse(clinic, patient=p)
    charting.record_side_effect(clinic.app, clinic.nurse, s.id, "nausea", "mild", "none",
                                note="@SUM(1,2) and, commas \"quotes\"")
    out = tmp_path / "h"
    csvset.export_csv(clinic.app, clinic.physician, date(2026, 3, 2), date(2026, 3, 2), out)
    _, rows = read(out, "sessions")
    (row,) = rows
    assert row["patient_family_name"] == "'=cmd|' /C calc'!A0"
    assert row["patient_given_name"].startswith('Ann "Quote"')
    _, se = read(out, "side_effects")
    assert se[0]["note"] == "'@SUM(1,2) and, commas \"quotes\""


def test_days_are_the_clinic_days(clinic: Clinic, tmp_path: Path) -> None:
    """Europe/Berlin: a session at 00:30 local on 3 March is 23:30 UTC on 2 March."""
    from tests.conftest import ready_to_infuse

    zone = ZoneInfo("Europe/Berlin")
    clinic.clock.set(datetime(2026, 3, 3, 0, 30, tzinfo=zone))
    s = ready_to_infuse(clinic)
    assert s.checked_in_at.astimezone(ZoneInfo("UTC")).day == 2
    out2, out3 = tmp_path / "d2", tmp_path / "d3"
    assert csvset.export_csv(clinic.app, clinic.physician, "2026-03-02", "2026-03-02",
                             out2).sessions == 0
    assert csvset.export_csv(clinic.app, clinic.physician, "2026-03-03", "2026-03-03",
                             out3).sessions == 1
    _, rows = read(out3, "vitals")
    assert rows and all(r["charted_at"].endswith("+01:00") for r in rows)


def test_refusals(clinic: Clinic, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        csvset.export_csv(clinic.app, clinic.nurse, "2026-03-01", "2026-03-02", tmp_path / "n")
    with pytest.raises(ValidationError, match="from"):
        csvset.export_csv(clinic.app, clinic.admin, "02/03/2026", "2026-03-02", tmp_path / "n")
    with pytest.raises(ValidationError, match="to"):
        csvset.export_csv(clinic.app, clinic.admin, "2026-03-05", "2026-03-02", tmp_path / "n")
    afile = tmp_path / "file"
    afile.write_text("x")
    with pytest.raises(ValidationError, match="folder"):
        csvset.export_csv(clinic.app, clinic.admin, "2026-03-01", "2026-03-02", afile)
    with pytest.raises(ValidationError, match="folder"):
        csvset.export_csv(clinic.app, clinic.admin, "2026-03-01", "2026-03-02",
                          tmp_path / "no" / "such")
