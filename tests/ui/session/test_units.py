"""Unit conversion in the window: a clinic that types weights in lb and reads temperatures in
°F. What is stored stays kg and °C; what is typed and shown is the clinic's unit; a refused
value names the field and the range in that unit and keeps the typed text."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from chairlog.errors import ValidationError
from chairlog.present.units import Units
from chairlog.services import accounts, charting, doses, views
from chairlog.ui.context import UiContext
from chairlog.ui.session.correction_dialog import CorrectionDialog
from chairlog.ui.tile_figures import compute_figures
from tests.conftest import ready_to_infuse
from tests.ui.session.driving import focused, timeline_rows

K = Qt.Key
SET = {"hr": "72", "sbp": "124", "dbp": "78", "spo2": "98", "rr": "14"}


def choose_lb_f(clinic: Any) -> None:
    accounts.update_clinic(clinic.app, clinic.admin,
                           expected_version=accounts.get_clinic(clinic.app).version,
                           weight_unit="lb", temperature_unit="F")


@pytest.fixture
def lb_f(clinic: Any) -> None:
    choose_lb_f(clinic)


@pytest.fixture
def lb_window(lb_f: None, window: Any) -> Any:
    """The main window (``tests/ui/conftest.py``) of a clinic that chose lb and °F (chosen
    before the window opened: ``lb_f`` is set up first)."""
    return window


def infusing(clinic: Any, weight: float = 80.0) -> int:
    s = ready_to_infuse(clinic, weight=weight)
    clinic.clock.advance(minutes=2)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=15)
    return int(s.id)


def test_check_in_takes_lb_and_stores_kg(clinic: Any, lb_window: Any) -> None:
    assert lb_window.ctx.units == Units("lb", "F")
    dlg = lb_window.new_session(clinic.chairs[1].id)
    assert dlg is not None
    assert dlg.weight.placeholderText().startswith("lb")
    assert "lb" in dlg.weight.accessibleName() + dlg.weight.accessibleDescription()
    dlg.select_patient(clinic.patient2)
    dlg.weight.setText("154")
    dlg.weight.textEdited.emit("154")
    assert "= 69.85 kg" in dlg.last_weight_label.text()  # the dosing kg beside the lb
    dlg.start_button.click()
    assert dlg.session is not None
    v = views.get_session(clinic.app, dlg.session.id)
    assert v.weight_kg == pytest.approx(69.85, abs=0.01) and v.weight_kg == 69.8532
    # the doses use the stored kg: 0.5 mg/kg/h of 69.8532 kg
    clinic.clock.advance(minutes=1)
    for item in v.protocol.checklist:
        charting.complete_checklist_item(clinic.app, clinic.nurse, v.id, item.key)
    charting.record_vitals(clinic.app, clinic.nurse, v.id,
                           {"hr": 72, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14})
    charting.record_assessment(clinic.app, clinic.nurse, v.id, "pain_nrs", 6)
    r = doses.start_infusion(clinic.app, clinic.nurse, v.id, 0.5)
    assert r.entry.data["rate_mg_per_h"] == pytest.approx(0.5 * 69.8532, abs=0.01)


def test_check_in_refuses_implausible_lb_naming_field_and_lb_range(clinic: Any,
                                                                   lb_window: Any) -> None:
    dlg = lb_window.new_session(clinic.chairs[1].id)
    assert dlg is not None
    dlg.select_patient(clinic.patient2)
    for typed in ("900", "3", "nan", "-154"):
        dlg.weight.setText(typed)
        dlg.start_button.click()
        msg = dlg.errors.message("weight_kg")
        assert "weight (lb)" in msg and "4.5 to 881.8 lb" in msg, msg
        assert dlg.weight.text() == typed and dlg.session is None
    dlg.weight.setText("154,5")
    dlg.start_button.click()
    assert dlg.session is not None
    assert views.get_session(clinic.app, dlg.session.id).weight_kg == 70.0800  # 154.5 lb
    dlg.reject()


def test_last_weight_and_kg_clinic_unchanged(clinic: Any, lb_window: Any) -> None:
    ready_to_infuse(clinic, weight=69.8532)
    dlg = lb_window.new_session(clinic.chairs[1].id)
    assert dlg is not None
    dlg.select_patient(clinic.patient)
    assert "Last weight 154 lb (69.85 kg)" in dlg.last_weight_label.text()
    dlg.reject()


def test_vitals_temperature_typed_in_fahrenheit_is_stored_in_celsius(
        clinic: Any, ui: UiContext, open_page: Any) -> None:
    choose_lb_f(clinic)
    sid = infusing(clinic)
    page = open_page(sid)
    assert page.units == Units("lb", "F")
    temp = page.vitals.edits["temp_c"]
    assert "°F" in temp.accessibleName() and "°F" in temp.toolTip()
    for k, v in SET.items():
        page.vitals.edits[k].setText(v)
    temp.setText("98.6")
    page.vitals.save()
    last = views.get_session(clinic.app, sid).latest_vitals
    assert last is not None and last.data["temp_c"] == 37.0 and last.data["hr"] == 72
    # the timeline, its tooltip and the tile read °F; the stored summary stays °C
    row = timeline_rows(page)[0][1]
    assert "T 98.6°F" in row and "°C" not in row
    assert "T 37.0°C" in last.summary
    view = views.get_session(clinic.app, sid)
    assert "T 98.6 °F" in compute_figures(view, clinic.app.now(), ui.units).vitals
    assert "T 37.0 °C" in compute_figures(view, clinic.app.now()).vitals
    assert "lb" in page.header.details.text() and "(80 kg)" in page.header.details.text()


def test_refused_fahrenheit_names_the_field_and_range_and_keeps_values(
        clinic: Any, open_page: Any) -> None:
    choose_lb_f(clinic)
    sid = infusing(clinic)
    page = open_page(sid)
    before = len(views.get_session(clinic.app, sid).entries)
    for k, v in SET.items():
        page.vitals.edits[k].setText(v)
    temp = page.vitals.edits["temp_c"]
    temp.setText("37")  # a °C figure typed in a °F clinic: refused, not stored as 2.8 °C
    page.vitals.save()
    error = page.vitals.error
    assert error.isVisible()
    assert "temperature" in error.text() and "86–109.4 °F" in error.text(), error.text()
    assert temp.property("invalid") is True and focused() is temp
    assert temp.text() == "37" and page.vitals.edits["hr"].text() == "72"
    assert len(views.get_session(clinic.app, sid).entries) == before


def test_correcting_a_temperature_in_fahrenheit(clinic: Any, open_page: Any) -> None:
    choose_lb_f(clinic)
    sid = infusing(clinic)
    r = charting.record_vitals(clinic.app, clinic.nurse, sid, {**SET, "temp_c": 37.0})
    page = open_page(sid)
    dlg = CorrectionDialog(r.entry, page.tz, page, units=page.units)
    field = dlg.widgets["temp_c"]
    assert field.text() == "98.6"  # type: ignore[attr-defined]
    assert "T 98.6°F" in " ".join(w.text() for w in dlg.findChildren(QLabel))
    field.setText("100.4")  # type: ignore[attr-defined]
    assert dlg.changes() == {"temp_c": 38.0}
    field.setText("120")  # type: ignore[attr-defined]
    with pytest.raises(ValidationError, match=r"86–109\.4 °F"):
        dlg.changes()
    dlg.reject()


def test_celsius_clinic_keeps_celsius(clinic: Any, open_page: Any) -> None:
    sid = infusing(clinic)
    page = open_page(sid)
    for k, v in SET.items():
        page.vitals.edits[k].setText(v)
    page.vitals.edits["temp_c"].setText("36,8")
    page.vitals.save()
    last = views.get_session(clinic.app, sid).latest_vitals
    assert last is not None and last.data["temp_c"] == 36.8
    assert "T 36.8°C" in timeline_rows(page)[0][1]
    assert "80 kg" in page.header.details.text() and "lb" not in page.header.details.text()


def test_monitor_set_temperature_typed_in_fahrenheit(clinic: Any, ui: UiContext,
                                                     qtbot: Any) -> None:
    from tests.monitor.test_ui_monitor import open_page as open_monitor_page
    from tests.monitor.test_ui_monitor import running_with_pending

    choose_lb_f(clinic)
    sid, _pid = running_with_pending(clinic)
    page = open_monitor_page(ui, qtbot, sid)
    temp = page.monitor.edits["temp_c"]
    assert temp.text() == "99.1"  # the monitor's 37.3 °C, shown in °F
    assert any(w.text() == "Temp °F" for w in page.monitor.findChildren(QLabel))
    before = len(views.get_session(clinic.app, sid).entries)
    temp.setText("120")
    page.monitor.accept()
    assert "temperature" in page.message.text() and "86–109.4 °F" in page.message.text()
    assert len(views.get_session(clinic.app, sid).entries) == before  # not accepted
    assert temp.text() == "120"
    temp.setText("99.5")
    page.monitor.accept()
    last = views.get_session(clinic.app, sid).latest_vitals
    assert last is not None and last.data["hr"] == 80 and last.data["temp_c"] == 37.5
    page.close_session()


def test_history_weight_in_lb_with_kg(clinic: Any) -> None:
    from zoneinfo import ZoneInfo

    from chairlog.ui.history import HEADERS, HistoryModel

    ready_to_infuse(clinic, weight=69.8532)
    rows = views.patient_history(clinic.app, clinic.patient.id)
    col = HEADERS.index("Weight")
    lb = HistoryModel(ZoneInfo("UTC"), Units("lb", "F"))
    lb.set_rows(rows)
    assert lb.data(lb.index(0, col)) == "154 lb (69.85 kg)"
    kg = HistoryModel(ZoneInfo("UTC"))
    kg.set_rows(rows)
    assert kg.data(kg.index(0, col)) == "69.8532 kg"
