"""The administration window and the audit viewer, driven like a person would (pytest-qt)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from chairlog.services import accounts, audit_log, charting, keys, protocols, sessions, views
from chairlog.ui.admin.common import ActionDialog
from chairlog.ui.admin.dialog import AdminDialog
from chairlog.ui.admin.protocol_editor import ProtocolEditor
from chairlog.ui.admin.users import AddUserDialog
from chairlog.ui.audit_view import AuditDialog
from chairlog.ui.context import UiContext
from tests.audit_attacker import drop_guards, sql
from tests.conftest import PASSWORDS, Clinic, ready_to_infuse
from tests.ui.conftest import settle
from tests.ui.leaks import UiContexts

VITALS = {"hr": 72, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14}


@pytest.fixture
def ctx(clinic: Clinic, ui_context: UiContexts) -> UiContext:
    return ui_context(user=clinic.admin)


@pytest.fixture
def admin(ctx: UiContext, qtbot: Any) -> AdminDialog:
    dlg = AdminDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def last_row(c: Clinic) -> Any:
    return audit_log.list_audit(c.app, c.admin, limit=1)[0]


# ---- users --------------------------------------------------------------------------------


def test_add_a_nurse(admin: AdminDialog, clinic: Clinic) -> None:
    tab = admin.users_tab
    tab.add_button.click()
    add = tab.dialog
    assert isinstance(add, AddUserDialog) and add.isVisible()
    add.username.setText("nina")  # taken: refused at the field, dialog stays open
    add.full_name.setText("Tara Tan")
    add.credentials.setText("RN")
    add.role.setCurrentIndex(add.role.findData("nurse"))
    add.ok.click()
    settle(add)  # the password is hashed off the UI thread
    assert "not already taken" in add.errors.message("username") and add.isVisible()
    add.username.setText("tara")
    add.ok.click()
    settle(add)
    assert add.result() == QDialog.DialogCode.Accepted
    assert "tara" in [u.username for u in tab.model.items]
    assert tab.selected() is not None and tab.selected().username == "tara"
    assert add.password in tab.notice.text()
    tara = accounts.login(clinic.app, "tara", add.password)
    assert tara.role.value == "nurse" and tara.must_change_password
    row = audit_log.list_audit(clinic.app, clinic.admin, user_id=clinic.admin.id, limit=1)[0]
    assert (row.action, row.after["username"], row.after["role"]) == (
        "user.create",
        "tara",
        "nurse",
    )


def test_deactivate_needs_a_reason_then_reactivate(admin: AdminDialog, clinic: Clinic) -> None:
    tab = admin.users_tab
    tab.select_username("omar")
    assert tab.active_button.text() == "Deactivate…"
    tab.active_button.click()
    dlg = tab.dialog
    assert isinstance(dlg, ActionDialog)
    dlg.ok.click()
    assert "required" in dlg.errors.message("reason") and dlg.isVisible()
    dlg.reason.setPlainText("Left the clinic")
    dlg.ok.click()
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert not next(u for u in accounts.list_users(clinic.app) if u.username == "omar").active
    assert (last_row(clinic).action, last_row(clinic).reason) == (
        "user.deactivate",
        "Left the clinic",
    )
    tab.select_username("omar")
    assert tab.active_button.text() == "Reactivate…"
    tab.active_button.click()
    tab.dialog.reason.setPlainText("Came back")
    tab.dialog.ok.click()
    assert accounts.login(clinic.app, "omar", PASSWORDS["omar"]).active


def test_reset_password_gives_a_temporary_one(admin: AdminDialog, clinic: Clinic) -> None:
    tab = admin.users_tab
    tab.select_username("drlee")
    tab.reset_button.click()
    dlg = tab.dialog
    assert isinstance(dlg, ActionDialog) and "certificate is revoked" in dlg.message.text()
    dlg.ok.click()
    settle(dlg)
    temp = tab.notice.text().split("Temporary password for drlee: ")[1].split(" ")[0]
    doc = accounts.login(clinic.app, "drlee", temp)
    assert doc.must_change_password
    with pytest.raises(Exception, match="no valid signing certificate"):
        keys.unlock_signing_key(clinic.app, doc, temp)
    assert next(u for u in tab.model.items if u.username == "drlee").must_change_password


# ---- chairs -------------------------------------------------------------------------------


def test_add_and_retire_a_chair(admin: AdminDialog, clinic: Clinic) -> None:
    tab = admin.chairs_tab
    tab.name.setText("Chair 1")
    tab.add_button.click()
    assert "not already used" in tab.errors.message("name")
    tab.name.setText("Window bay")
    tab.add_button.click()
    assert "Window bay" in [c.name for c in protocols.list_chairs(clinic.app)]
    row = next(i for i, c in enumerate(tab.model.items) if c.name == "Window bay")
    tab.table.selectRow(row)
    tab.active_button.click()
    assert "Window bay" not in [c.name for c in protocols.list_chairs(clinic.app)]
    assert tab.model.rows[row][2] == "Out of use"


# ---- protocols ----------------------------------------------------------------------------


def test_edit_threshold_makes_version_2_and_old_sessions_keep_theirs(
    admin: AdminDialog, clinic: Clinic
) -> None:
    c = clinic
    key = "crps-low-dose"
    old = sessions.start_session(
        c.app,
        c.nurse,
        patient_id=c.patient.id,
        chair_id=c.chairs[0].id,
        protocol_id=c.protocols[key].id,
        weight_kg=70,
    )
    tab = admin.protocols_tab
    tab.select(key, 1)
    tab.edit_button.click()
    editor = tab.dialog
    assert isinstance(editor, ProtocolEditor)
    assert editor.thresholds["sbp_max"].value() == 180
    editor.thresholds["sbp_max"].spin.setValue(165)
    editor.thresholds["hr_min"].enabled.setChecked(False)  # switch the low-HR check off
    editor.ok.click()
    assert "a reason for the new version" in editor.errors.message("reason")
    editor.reason.setPlainText("Medical director: tighter BP limit")
    editor.numbers["start_rate_mg_per_kg_h"].setValue(3.0)  # above the max rate: refused
    editor.ok.click()
    assert "at most the max rate" in editor.errors.message("start_rate_mg_per_kg_h")
    editor.numbers["start_rate_mg_per_kg_h"].setValue(0.2)
    ceiling = editor.optional["ceiling_rate_mg_per_kg_h"]
    ceiling.enabled.setChecked(True)
    ceiling.spin.setValue(0.5)  # below the maximum rate: refused
    editor.ok.click()
    assert "at least the maximum" in editor.errors.message("ceiling_rate_mg_per_kg_h")
    ceiling.spin.setValue(3.0)
    editor.discharge_scale.setCurrentIndex(editor.discharge_scale.findData("padss"))
    editor.discharge_min.setValue(8)
    editor.ok.click()
    assert editor.result() == QDialog.DialogCode.Accepted
    new = editor.saved
    assert new is not None and (new.key, new.version) == (key, 2)
    assert new.values.thresholds.sbp_max == 165 and new.values.thresholds.hr_min is None
    assert new.values.max_rate_mg_per_kg_h == c.protocols[key].values.max_rate_mg_per_kg_h
    assert new.values.ceiling_rate == 3.0 and new.values.ceiling_total == 2 * (
        new.values.max_total_mg_per_kg)
    assert (new.values.discharge_scale, new.values.discharge_score_min) == ("padss", 8)
    statuses = {
        (p.key, p.version): row[2] for p, row in zip(tab.model.items, tab.model.rows, strict=True)
    }
    assert statuses[(key, 1)] == "retired" and statuses[(key, 2)] == "in use"
    assert views.get_session(c.app, old.id).protocol.thresholds.sbp_max == 180
    assert [p.version for p in protocols.list_protocols(c.app) if p.key == key] == [2]
    row = last_row(c)
    assert (row.action, row.reason) == ("protocol.version", "Medical director: tighter BP limit")
    assert (row.before["thresholds"]["sbp_max"], row.after["thresholds"]["sbp_max"]) == (180, 165)


# ---- clinic -------------------------------------------------------------------------------


def test_change_idle_lock_minutes(admin: AdminDialog, clinic: Clinic, qtbot: Any) -> None:
    tab = admin.clinic_tab
    seen: list[str] = []
    admin.ctx.events.data_changed.connect(lambda entity, _id: seen.append(entity))
    tab.timezone.setCurrentText("Mars/Olympus")
    tab.save_button.click()
    assert "IANA time zone" in tab.errors.message("timezone")
    tab.timezone.setCurrentText("Europe/Berlin")
    tab.idle_lock.setValue(12)
    tab.save_button.click()
    assert accounts.get_clinic(clinic.app).idle_lock_minutes == 12
    assert tab.notice.text() == "Saved: idle lock minutes."
    assert "clinic" in seen
    row = last_row(clinic)
    assert (row.action, row.before["idle_lock_minutes"], row.after["idle_lock_minutes"]) == (
        "settings.change",
        5,
        12,
    )
    tab.save_button.click()
    assert tab.notice.text() == "Nothing changed."


def test_non_admin_is_told_and_refused(ctx: UiContext, clinic: Clinic, qtbot: Any) -> None:
    ctx.set_user(clinic.nurse)
    dlg = AdminDialog(ctx)
    qtbot.addWidget(dlg)
    assert "only an admin" in dlg.banner.text()
    dlg.clinic_tab.idle_lock.setValue(30)
    dlg.clinic_tab.save_button.click()
    assert "Only an admin may change clinic settings" in dlg.clinic_tab.banner.text()
    assert accounts.get_clinic(clinic.app).idle_lock_minutes == 5


# ---- audit viewer -------------------------------------------------------------------------


@pytest.fixture
def charted(clinic: Clinic) -> tuple[Any, Any]:
    s1 = ready_to_infuse(clinic)
    s2 = ready_to_infuse(clinic, patient=clinic.patient2, chair=1)
    charting.record_vitals(clinic.app, clinic.nurse2, s2.id, VITALS)
    return s1, s2


def test_viewer_filters_by_session_patient_and_user(
    ctx: UiContext, clinic: Clinic, charted: tuple[Any, Any], qtbot: Any
) -> None:
    _s1, s2 = charted
    dlg = AuditDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.model.rowCount() == len(audit_log.list_audit(clinic.app, clinic.admin))
    dlg.session_edit.setText(str(s2.id))
    dlg.apply_button.click()
    expected = audit_log.list_audit(clinic.app, clinic.admin, session_id=s2.id)
    assert [r.seq for r in dlg.model.rows] == [r.seq for r in expected] and expected
    assert {r.session_id for r in dlg.model.rows} == {s2.id}
    assert dlg.status.text().startswith(f"{len(expected)} records")
    first = dlg.model.rows[0]
    assert dlg.model.cell(first, 1) == "2026-03-02 15:00:00"  # Berlin time
    assert dlg.model.cell(first, 6) == "Núñez, José (M002)"
    dlg.table.selectRow(0)
    assert f"Record {first.seq}: " in dlg.detail.toPlainText()
    dlg.session_edit.clear()
    dlg.patient_search.setText("Ødeg")
    dlg.find_patient()
    assert dlg.patient_pick.currentData() == clinic.patient.id
    dlg.apply_button.click()
    assert dlg.model.rows and {r.patient_id for r in dlg.model.rows} == {clinic.patient.id}
    dlg.patient_pick.setCurrentIndex(0)
    dlg.user_pick.setCurrentIndex(dlg.user_pick.findData(clinic.nurse2.id))
    dlg.apply_button.click()
    assert [(r.username, r.action) for r in dlg.model.rows] == [("omar", "entry.create.vitals"),
                                                                ("omar", "login")]
    assert dlg.model.cell(dlg.model.rows[0], 2) == "Omar Øster (omar)"


def test_viewer_for_a_nurse_is_limited_to_one_session(
    ctx: UiContext, clinic: Clinic, charted: tuple[Any, Any], qtbot: Any
) -> None:
    s1, _ = charted
    ctx.set_user(clinic.nurse)
    dlg = AuditDialog(ctx)
    qtbot.addWidget(dlg)
    assert "one session at a time" in dlg.banner.text() and dlg.model.rowCount() == 0
    mine = AuditDialog(ctx, session_id=s1.id)
    qtbot.addWidget(mine)
    assert mine.model.rowCount() > 0 and mine.banner.isHidden()


def test_verify_button_shows_intact_then_broken(ctx: UiContext, clinic: Clinic, qtbot: Any) -> None:
    dlg = AuditDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.verify_button.click()
    qtbot.waitUntil(lambda: dlg.last_report is not None, timeout=10_000)
    assert dlg.verify_label.text().startswith("✔ Audit trail intact: ")
    assert dlg.verify_label.property("ok") is True and dlg.verify_button.isEnabled()
    drop_guards(clinic.app)
    sql(clinic.app, "UPDATE audit_log SET reason = 'edited' WHERE seq = 4")
    dlg.last_report = None
    dlg.verify_button.click()
    qtbot.waitUntil(lambda: dlg.last_report is not None, timeout=10_000)
    assert dlg.verify_label.text() == (
        "✖ Audit trail broken at record 4: record 4 was altered after it was written"
    )
    assert dlg.verify_label.property("ok") is False


def test_export_button_writes_csv(
    ctx: UiContext, clinic: Clinic, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chairlog.ui import export_folder

    target = tmp_path / "trail.csv"
    monkeypatch.setattr(
        export_folder.QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(target), "CSV files (*.csv)")),
    )
    dlg = AuditDialog(ctx)
    qtbot.addWidget(dlg)
    n = dlg.model.rowCount()
    dlg.export_button.click()
    qtbot.waitUntil(lambda: dlg.last_export is not None, timeout=10_000)
    assert dlg.status.text() == f"Exported {n} records to {target}"
    with target.open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == n
    assert last_row(clinic).action == "audit.export"


def test_viewer_date_range_uses_clinic_days(ctx: UiContext, clinic: Clinic, qtbot: Any) -> None:
    from PySide6.QtCore import QDate

    clinic.clock.advance(days=1)  # 2026-03-03 15:00 Berlin
    accounts.update_clinic(clinic.app, clinic.admin,
                           expected_version=accounts.get_clinic(clinic.app).version,
                           idle_lock_minutes=6)
    dlg = AuditDialog(ctx)
    qtbot.addWidget(dlg)
    everything = dlg.model.rowCount()
    assert dlg.date_from.date() == QDate(2026, 3, 3)  # defaults to the clinic's today
    dlg.use_dates.setChecked(True)
    dlg.apply_button.click()
    assert [r.action for r in dlg.model.rows] == ["settings.change"]
    dlg.date_from.setDate(QDate(2026, 3, 2))
    dlg.date_to.setDate(QDate(2026, 3, 2))
    dlg.apply_button.click()
    assert dlg.model.rowCount() == everything - 1
    dlg.date_from.setDate(QDate(2026, 3, 4))
    dlg.apply_button.click()
    assert "a date on or after 2026-03-04" in dlg.banner.text() and dlg.model.rowCount() == 0
