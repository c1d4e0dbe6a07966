"""The session page asks the session's protocol for its bedside policy (issue 12): the rescue
medications offered and suggested, the discharge criteria, and when the vitals tile says "due
soon"."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from chairlog.services import charting, doses, protocols
from chairlog.ui.session.discharge_dialog import DischargeDialog
from chairlog.ui.session.side_effect_dialogs import RescueMedDialog, SideEffectDialog
from chairlog.ui.session.timer_panel import timer_figures
from tests.conftest import ready_to_infuse
from tests.ui.session.driving import Keys

LEFT = Qt.MouseButton.LeftButton
OWN = {
    "discharge_criteria": [{"key": "ride_home", "label": "Ride home confirmed by phone"},
                           {"key": "eats", "label": "Has eaten"}],
    "rescue_meds": [{"name": "Metoclopramide", "dose": 10, "unit": "mg", "route": "IV",
                     "treats": ["nausea"]},
                    {"name": "Lorazepam", "dose": 0.5, "unit": "mg", "route": "SL"}],
    "vitals_due_soon_min": 5,
    "min_monitoring_min": 0,
}


def own_session(clinic: Any) -> int:
    base = clinic.protocols["chronic-pain-titrated"].values.to_dict()
    proto = protocols.save_protocol(clinic.app, clinic.admin, base | OWN | {"name": "Own"})
    clinic.protocols[proto.key] = proto
    s = ready_to_infuse(clinic, protocol=proto.key)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    return s.id


def click(qtbot: Any, b: QPushButton) -> None:
    assert b.isEnabled() and b.isVisible(), b.text()
    qtbot.mouseClick(b, LEFT)


def test_nausea_suggests_the_protocols_rescue_medication(clinic: Any, open_page: Any,
                                                        keys: Keys, qtbot: Any) -> None:
    sid = own_session(clinic)
    clinic.clock.advance(minutes=20)
    page = open_page(sid)
    click(qtbot, page.side_effects.buttons["nausea"])
    dlg = page.dialog
    assert isinstance(dlg, SideEffectDialog)
    click(qtbot, dlg.severity["mild"])
    click(qtbot, dlg.action["rescue_med"])
    click(qtbot, dlg.ok_button)
    med = page.dialog
    assert isinstance(med, RescueMedDialog)
    assert [med.drug.itemText(i) for i in range(med.drug.count())] == ["Metoclopramide",
                                                                       "Lorazepam"]
    assert med.drug.currentText() == "Metoclopramide"
    assert (med.dose.text(), med.unit.currentText(), med.route.currentText()) == ("10", "mg", "IV")
    med.drug.setCurrentText("lorazepam")  # picked or typed: the preset fills dose and route
    assert (med.dose.text(), med.route.currentText()) == ("0.5", "SL")
    med.reject()


def test_discharge_dialog_lists_the_protocols_criteria(clinic: Any, open_page: Any,
                                                      qtbot: Any) -> None:
    sid = own_session(clinic)
    clinic.clock.advance(minutes=30)
    doses.stop_infusion(clinic.app, clinic.nurse, sid)
    charting.record_assessment(clinic.app, clinic.nurse, sid, "aldrete", items=[2, 2, 2, 2, 2])
    page = open_page(sid)
    click(qtbot, page.discharge_button)
    dis = page.dialog
    assert isinstance(dis, DischargeDialog)
    assert list(dis.criteria) == ["ride_home", "eats"]
    assert dis.criteria["ride_home"].text().startswith("Ride home confirmed by phone")
    dis.reject()


def test_vitals_due_soon_from_the_protocols_minutes(clinic: Any) -> None:
    from zoneinfo import ZoneInfo

    from chairlog.services import views

    sid = own_session(clinic)
    clinic.clock.advance(minutes=11)  # vitals every 15 min: due in 4 min, inside the 5
    v = views.get_session(clinic.app, sid)
    figures = timer_figures(v, clinic.clock.now(), ZoneInfo("Europe/Berlin"))
    assert figures.vitals.tone == "warn", figures.vitals


def test_board_acknowledgement_asks_for_a_recheck(clinic: Any, ui: Any, qtbot: Any) -> None:
    """The board's one-alert dialog offers the same answers and the same visible recheck."""
    from chairlog.clinical.clock import read_clock
    from chairlog.services import views
    from chairlog.ui.widgets import ACK_ANSWERS, AlertAckDialog

    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=15)
    alert = charting.record_vitals(clinic.app, clinic.nurse, s.id, {
        "hr": 130, "sbp": 126, "dbp": 80, "spo2": 97, "rr": 16}).alerts[0]
    dlg = AlertAckDialog(ui, alert, chair_name="Chair 1")
    qtbot.addWidget(dlg)
    dlg.show()
    answers = {b.text(): b for b in dlg.findChildren(QPushButton)}
    assert set(ACK_ANSWERS) <= set(answers)
    click(qtbot, answers["Rechecked — repeat in 5 min"])
    assert dlg.recheck.minutes() == 5
    dlg.recheck.spin.setValue(10)  # the nurse changes the minutes
    dlg.ok.click()
    qtbot.waitUntil(lambda: dlg.result_alert is not None)
    v = views.get_session(clinic.app, s.id)
    due = read_clock(v.clock_inputs, clinic.clock.now()).next_vitals_due_at
    assert due == v.alerts[0].acknowledged_at + timedelta(minutes=10)
