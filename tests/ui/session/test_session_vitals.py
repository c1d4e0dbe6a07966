"""Vitals by keyboard only: F2, the values with Tab, Enter. A refused value names the field and
its range and keeps what was typed; an alerting set shows the alert and asks what was done."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from chairlog.clinical.clock import read_clock
from chairlog.services import accounts, doses, views
from chairlog.ui.session.dialogs import AcknowledgeDialog
from chairlog.ui.session.timer_panel import timer_figures
from tests.conftest import ready_to_infuse
from tests.ui.session.driving import Keys, focused, timeline_rows

K = Qt.Key


def infusing(clinic: Any) -> int:
    s = ready_to_infuse(clinic)
    clinic.clock.advance(minutes=2)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=15)
    return s.id


def type_set(keys: Keys, values: list[str]) -> None:
    """F2, then each value followed by Tab (none after the last), then Enter."""
    keys.key(K.Key_F2)
    for i, v in enumerate(values):
        keys.type(v)
        if i < len(values) - 1:
            keys.key(K.Key_Tab)
    keys.key(K.Key_Return)


def test_full_vitals_set_by_keyboard_only(clinic: Any, open_page: Any, keys: Keys) -> None:
    sid = infusing(clinic)
    page = open_page(sid)
    type_set(keys, ["72", "124", "78", "98", "14"])
    v = views.get_session(clinic.app, sid)
    last = v.latest_vitals
    assert last is not None and not last.data["is_baseline"]
    assert [last.data[k] for k in ("hr", "sbp", "dbp", "spo2", "rr")] == [72, 124, 78, 98, 14]
    assert last.user_name == "Nina Nurse, RN"
    # F2 + 11 digits + 4 Tabs + Enter
    assert keys.count == 17
    assert all(e.text() == "" for e in page.vitals.edits.values())
    assert page.vitals.previous["hr"].text() == "prev 72"
    assert "Vitals saved" in page.message.text()
    assert timeline_rows(page)[0][1].startswith("Vitals: HR 72, BP 124/78")


def test_refused_heart_rate_names_field_and_range_and_keeps_values(
        clinic: Any, open_page: Any, keys: Keys) -> None:
    sid = infusing(clinic)
    page = open_page(sid)
    before = len(views.get_session(clinic.app, sid).entries)
    type_set(keys, ["400", "124", "78", "98", "14"])
    error = page.vitals.error
    assert error.isVisible()
    assert "heart rate" in error.text() and "20–250" in error.text()
    hr = page.vitals.edits["hr"]
    assert hr.property("invalid") is True
    assert focused() is hr
    assert [page.vitals.edits[k].text() for k in ("hr", "sbp", "dbp", "spo2", "rr")] == [
        "400", "124", "78", "98", "14"]
    assert len(views.get_session(clinic.app, sid).entries) == before
    # the bad value is selected: typing replaces it, Enter saves the whole set
    keys.type("84")
    keys.key(K.Key_Return)
    assert views.get_session(clinic.app, sid).latest_vitals.data["hr"] == 84
    assert not error.isVisible() and hr.property("invalid") is False


def test_alerting_set_is_shown_and_acknowledged_with_action(clinic: Any, open_page: Any,
                                                            keys: Keys, qtbot: Any) -> None:
    sid = infusing(clinic)
    page = open_page(sid)
    type_set(keys, ["88", "190", "96", "97", "16"])
    dlg = page.dialog
    assert isinstance(dlg, AcknowledgeDialog) and dlg.isVisible()
    texts = [dlg.findChild(type(page.message), f"alert_message_{i}").text()
             for i in range(len(dlg.alerts))]
    assert any("Systolic 190 > 180" in t for t in texts)
    # header and the alerts panel show them until acknowledged
    assert "open alert" in page.header.alerts.text()
    assert page.alerts.isVisible()
    # OK without saying what was done is refused in the dialog
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and "reason is required" in dlg.error.text().lower()
    qtbot.keyClicks(dlg.reason_edit, "Infusion paused, physician notified")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert page.dialog is None
    v = views.get_session(clinic.app, sid)
    assert v.open_alerts == []
    assert {a.action_taken for a in v.alerts} == {"Infusion paused, physician notified"}
    assert not page.alerts.isVisible() and not page.header.alerts.isVisible()


def test_deferred_alert_stays_listed_until_acknowledged(clinic: Any, open_page: Any, keys: Keys,
                                                      qtbot: Any) -> None:
    sid = infusing(clinic)
    page = open_page(sid)
    type_set(keys, ["130", "126", "80", "97", "16"])  # HR above 120
    dlg = page.dialog
    assert isinstance(dlg, AcknowledgeDialog)
    qtbot.mouseClick(dlg.cancel_button, Qt.MouseButton.LeftButton)  # "Later"
    assert page.dialog is None
    assert page.alerts.isVisible()
    assert "Heart rate 130 > 120" in page.alerts.rows[0].findChildren(
        type(page.message))[0].text()
    assert "NOT ACKNOWLEDGED" in timeline_rows(page)[0][3]
    qtbot.waitUntil(page.isActiveWindow)
    keys.key(K.Key_F11)
    dlg = page.dialog
    assert isinstance(dlg, AcknowledgeDialog)
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible()  # nothing typed yet
    quick = [b for b in dlg.findChildren(type(dlg.ok_button))
             if b.text() == "Rechecked — repeat in 5 min"]
    assert not dlg.recheck.box.isChecked()
    qtbot.mouseClick(quick[0], Qt.MouseButton.LeftButton)
    assert dlg.recheck.box.isChecked() and dlg.recheck.minutes() == 5  # shown, not hidden
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    v = views.get_session(clinic.app, sid)
    assert v.open_alerts == []
    assert "ack Nina Nurse, RN: Rechecked — repeat in 5 min" in timeline_rows(page)[0][3]
    # the vitals countdown now runs to five minutes from the acknowledgement
    due = read_clock(v.clock_inputs, clinic.clock.now()).next_vitals_due_at
    assert due == v.alerts[0].acknowledged_at + timedelta(minutes=5)
    tz = ZoneInfo(accounts.get_clinic(clinic.app).timezone)
    shown = timer_figures(v, clinic.clock.now(), tz)
    assert shown.vitals.big == "5:00"  # the page's vitals tile counts down from 5 minutes


def test_late_entry_with_the_time_control(clinic: Any, open_page: Any, keys: Keys,
                                          qtbot: Any) -> None:
    sid = infusing(clinic)
    page = open_page(sid)
    qtbot.mouseClick(page.chart_time.quick[15], Qt.MouseButton.LeftButton)
    assert "−15 min" in page.chart_time.status.text()
    type_set(keys, ["70", "120", "76", "98", "14"])
    e = views.get_session(clinic.app, sid).latest_vitals
    assert e.is_late and (e.recorded_at - e.charted_at).total_seconds() == 15 * 60
    assert "LATE" in page.message.text()
    assert page.chart_time.charted_at() is None  # back to "now" after the save
    row = timeline_rows(page)
    assert any("LATE" in r[3] for r in row)
