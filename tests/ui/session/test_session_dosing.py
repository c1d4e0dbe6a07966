"""Pre-infusion checklist and baseline, starting in mL/h with the derived mg/kg/h shown, rate
changes (one above the protocol maximum → override with a reason), bolus, pause / resume /
stop, post-infusion monitoring and discharge — all through the real widgets."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from chairlog.clinical.states import SessionState
from chairlog.domain import EntryKind
from chairlog.services import charting, doses, sessions, views
from chairlog.ui.session.dialogs import OverrideDialog, ReasonDialog
from chairlog.ui.session.discharge_dialog import DischargeDialog
from chairlog.ui.session.dose_dialogs import BolusDialog, PauseDialog, StopDialog
from chairlog.ui.session.scale_dialogs import ItemScaleDialog
from tests.conftest import PASSWORDS, ready_to_infuse
from tests.ui.session.driving import Keys, timeline_rows

K = Qt.Key
LEFT = Qt.MouseButton.LeftButton


def click(qtbot: Any, b: QPushButton) -> None:
    assert b.isEnabled() and b.isVisible(), b.text()
    qtbot.mouseClick(b, LEFT)


def test_preinfusion_checklist_baseline_and_start_in_ml_per_h(clinic: Any, open_page: Any,
                                                              keys: Keys, qtbot: Any) -> None:
    s = sessions.start_session(clinic.app, clinic.nurse, patient_id=clinic.patient.id,
                               chair_id=clinic.chairs[0].id,
                               protocol_id=clinic.protocols["chronic-pain-titrated"].id,
                               weight_kg=80)
    page = open_page(s.id)
    assert page.title() == "Chair 1 · Ødegård, Zoë"
    assert page.tabs.currentIndex() == page.pre_tab
    assert page.upper.currentWidget() is page.pre_scroll
    pre = page.preinfusion
    # tick all required items but two; skip the optional monitor with a reason
    items = [c for c in s.protocol.checklist if c.required]
    for item in items[:-2]:
        qtbot.mouseClick(pre.boxes[item.key], LEFT)
    click(qtbot, pre.skips["monitor"])
    dlg = page.dialog
    assert isinstance(dlg, ReasonDialog)
    qtbot.keyClicks(dlg.reason_edit, "Monitor in repair; pulse oximeter on")
    click(qtbot, dlg.ok_button)
    v = views.get_session(clinic.app, s.id)
    done = {e.data["item_key"]: e.data["done"] for e in v.active_entries(EntryKind.CHECKLIST)}
    assert done == {**{i.key: True for i in items[:-2]}, "monitor": False}
    assert not pre.boxes[items[0].key].isEnabled()
    assert "2 checklist items, baseline vitals, baseline pain score" in pre.progress.text()

    # start in mL/h: the other two units are shown as it is typed
    dose = page.dose
    click(qtbot, dose.unit_buttons["mL/h"])
    dose.rate_edit.clear()
    qtbot.keyClicks(dose.rate_edit, "40")
    assert "0.5 mg/kg/h" in dose.derived.text() and "40 mg/h" in dose.derived.text()
    assert "mL/h" not in dose.derived.text().split("=")[1]
    # refused: the missing items are named, and "Start anyway" is offered
    keys.key(K.Key_Return, target=dose.rate_edit)
    assert views.get_session(clinic.app, s.id).state is SessionState.PRE_INFUSION
    assert dose.error.isVisible() and "Baseline vitals" in dose.error.text()
    assert items[-1].label in dose.error.text()
    assert dose.start_anyway.isVisible()
    # finish the checklist, baseline vitals by keyboard, baseline pain by one tap
    for item in items[-2:]:
        qtbot.mouseClick(pre.boxes[item.key], LEFT)
    page.activateWindow()
    keys.key(K.Key_F2)
    for i, value in enumerate(["74", "122", "80", "98", "14"]):
        keys.type(value)
        keys.key(K.Key_Tab if i < 4 else K.Key_Return)
    click(qtbot, page.baseline.pain.buttons[7])
    v = views.get_session(clinic.app, s.id)
    assert v.baseline_vitals is not None and v.baseline_vitals.sbp == 122
    assert "✓ 7" in page.baseline.pain_status.text()
    assert "ready to start" in pre.progress.text()
    # the typed rate and unit were kept; Enter starts
    assert dose.rate_edit.text() == "40" and dose.unit().value == "mL/h"
    keys.key(K.Key_Return, target=dose.rate_edit)
    v = views.get_session(clinic.app, s.id)
    assert v.state is SessionState.INFUSING
    start = v.last_rate_entry
    assert start is not None and start.data["entered_unit"] == "mL/h"
    assert start.data["rate_mg_per_kg_h"] == 0.5
    assert timeline_rows(page)[0][1] == "Infusion started at 0.5 mg/kg/h (40 mg/h, 40 mL/h)"
    assert page.upper.currentWidget() is page.chart
    assert not page.tabs.isTabVisible(page.pre_tab)
    assert page.timer.figures.main.caption == "Infusion running"
    assert page.timer.figures.rate.big == "0.5 mg/kg/h"
    assert page.header.state.text() == "INFUSING"


def test_start_anyway_with_a_reason(clinic: Any, open_page: Any, qtbot: Any) -> None:
    s = sessions.start_session(clinic.app, clinic.nurse, patient_id=clinic.patient.id,
                               chair_id=clinic.chairs[0].id,
                               protocol_id=clinic.protocols["chronic-pain-titrated"].id,
                               weight_kg=80)
    page = open_page(s.id)
    assert page.dose.rate_edit.text() == "0.5"  # the protocol's start rate, prefilled
    click(qtbot, page.dose.apply_button)
    click(qtbot, page.dose.start_anyway)
    dlg = page.dialog
    assert isinstance(dlg, ReasonDialog)
    qtbot.keyClicks(dlg.reason_edit, "Urgent: physician present, checks done on paper")
    click(qtbot, dlg.ok_button)
    v = views.get_session(clinic.app, s.id)
    assert v.state is SessionState.INFUSING
    assert "Started without" in v.last_rate_entry.summary
    assert not page.dose.start_anyway.isVisible()


def test_two_rate_changes_one_above_max_needs_override(clinic: Any, open_page: Any, keys: Keys,
                                                       qtbot: Any) -> None:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=20)
    page = open_page(s.id)
    keys.key(K.Key_F8)
    keys.type("1")
    keys.key(K.Key_Return)
    assert views.get_session(clinic.app, s.id).last_rate_entry.data["rate_mg_per_kg_h"] == 1.0
    assert page.timer.figures.rate.big == "1 mg/kg/h"
    clinic.clock.advance(minutes=10)
    keys.key(K.Key_F8)
    keys.type("2.5")
    assert "above protocol max 2 mg/kg/h" in page.dose.derived.text()
    keys.key(K.Key_Return)
    dlg = page.dialog
    assert isinstance(dlg, OverrideDialog)
    assert "above the protocol maximum 2 mg/kg/h" in dlg.findChild(
        type(page.message), "override_message").text()
    assert views.get_session(clinic.app, s.id).last_rate_entry.data["rate_mg_per_kg_h"] == 1.0
    click(qtbot, dlg.ok_button)  # no reason: refused in the dialog
    assert dlg.isVisible()
    qtbot.keyClicks(dlg.reason_edit, "Dr Lee: titrate for breakthrough pain")
    click(qtbot, dlg.ok_button)  # a reason alone: the second clinician's check is missing
    assert dlg.isVisible() and "second clinician" in dlg.error.text()
    qtbot.keyClicks(dlg.checker_user, "omar")
    qtbot.keyClicks(dlg.checker_password, "not-his-password")
    click(qtbot, dlg.ok_button)  # a wrong password: refused, the dialog keeps what was typed
    assert dlg.isVisible() and "wrong username or password" in dlg.error.text()
    assert dlg.reason() == "Dr Lee: titrate for breakthrough pain"
    assert views.get_session(clinic.app, s.id).last_rate_entry.data["rate_mg_per_kg_h"] == 1.0
    dlg.checker_password.clear()
    qtbot.keyClicks(dlg.checker_password, PASSWORDS["omar"])
    click(qtbot, dlg.ok_button)
    last = views.get_session(clinic.app, s.id).last_rate_entry
    assert last.data["rate_mg_per_kg_h"] == 2.5
    assert last.data["override_reason"] == "Dr Lee: titrate for breakthrough pain"
    assert last.checked_by_name == "Omar Øster, RN"
    assert "limit override: Dr Lee" in timeline_rows(page)[0][1]
    assert page.dialog is None and page.dose.rate_edit.text() == ""


def test_bolus_above_maximum_then_override(clinic: Any, open_page: Any, qtbot: Any) -> None:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=5)
    page = open_page(s.id)
    click(qtbot, page.dose.bolus_button)
    dlg = page.dialog
    assert isinstance(dlg, BolusDialog)
    qtbot.keyClicks(dlg.mg_edit, "40")
    assert "0.5 mg/kg" in dlg.per_kg.text() and "ABOVE MAXIMUM" in dlg.per_kg.text()
    click(qtbot, dlg.ok_button)
    over = page.dialog
    assert isinstance(over, OverrideDialog)
    qtbot.keyClicks(over.reason_edit, "Physician order")
    qtbot.keyClicks(over.checker_user, "drlee")
    qtbot.keyClicks(over.checker_password, PASSWORDS["drlee"])
    click(qtbot, over.ok_button)
    assert not dlg.isVisible() and page.dialog is None
    assert "Bolus 40 mg — limit override: Physician order" in timeline_rows(page)[0][1]


def test_pause_resume_stop_monitoring_and_discharge(clinic: Any, open_page: Any, keys: Keys,
                                                    qtbot: Any) -> None:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=30)
    page = open_page(s.id)
    assert not page.discharge_button.isEnabled()
    # pause: F9, a reason is required
    keys.key(K.Key_F9)
    dlg = page.dialog
    assert isinstance(dlg, PauseDialog)
    click(qtbot, dlg.ok_button)
    assert dlg.isVisible() and "reason" in dlg.error.text().lower()
    quick = [b for b in dlg.findChildren(QPushButton) if b.text() == "Nausea / vomiting"]
    click(qtbot, quick[0])
    click(qtbot, dlg.ok_button)
    assert views.get_session(clinic.app, s.id).state is SessionState.PAUSED
    assert page.timer.figures.main.caption == "Infusion PAUSED for"
    assert page.dose.resume_button.isVisible() and not page.dose.pause_button.isVisible()
    assert "Resume at 0.5 mg/kg/h" in page.dose.resume_button.toolTip()
    assert "restarts at <b>0.5 mg/kg/h</b>" in page.dose.protocol_hint.text()
    clinic.clock.advance(minutes=5)
    page.tick()
    assert page.timer.figures.main.big == "0:05:00"
    assert "left when resumed" in page.timer.figures.main.sub
    keys.key(K.Key_F9)  # resume at the previous rate
    v = views.get_session(clinic.app, s.id)
    assert v.state is SessionState.INFUSING and v.current_rate_mg_per_h(clinic.clock.now()) == 40
    # stop before the planned end: the reason is required
    clinic.clock.advance(minutes=25)
    keys.key(K.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    dlg = page.dialog
    assert isinstance(dlg, StopDialog) and dlg.early
    click(qtbot, dlg.ok_button)
    assert dlg.isVisible()
    qtbot.keyClicks(dlg.reason_edit, "Patient request: feels unwell")
    click(qtbot, dlg.ok_button)
    v = views.get_session(clinic.app, s.id)
    assert v.state is SessionState.MONITORING
    assert page.timer.figures.main.caption == "Post-infusion monitoring"
    assert "1:00:00 to go" in page.timer.figures.main.sub
    assert page.discharge_button.isEnabled() and not page.dose.stop_button.isEnabled()
    # monitoring: vitals every 15 min, Aldrete in its dialog
    clinic.clock.advance(minutes=61)
    page.tick()
    assert "✓ minimum 1:00:00 reached" in page.timer.figures.main.sub
    assert page.timer.figures.vitals.caption == "Vitals OVERDUE"
    page.activateWindow()
    keys.key(K.Key_F2)
    for i, value in enumerate(["70", "118", "76", "98", "14"]):
        keys.type(value)
        keys.key(K.Key_Tab if i < 4 else K.Key_Return)
    keys.key(K.Key_F4)
    click(qtbot, page.assessments.aldrete_button)
    ald = page.dialog
    assert isinstance(ald, ItemScaleDialog)
    for row in ald.rows[:-1]:
        click(qtbot, row.buttons[2])
    assert "1 item to score" in ald.total.text()
    click(qtbot, ald.rows[-1].buttons[1])
    assert "Total 9" in ald.total.text() and "discharge-ready" in ald.total.text()
    click(qtbot, ald.ok_button)
    assert "Aldrete last 9/10" in page.assessments.composite.text()
    # discharge: an unmet criterion without explanation is refused inline
    page.activateWindow()
    keys.key(K.Key_F7)
    dis = page.dialog
    assert isinstance(dis, DischargeDialog)
    assert "Modified Aldrete 9/10" in dis.aldrete.text()
    boxes = list(dis.criteria.values())
    for box in boxes[:-1]:
        qtbot.mouseClick(box, LEFT)
    qtbot.keyClicks(dis.escort, "Maria Ødegård (sister)")
    qtbot.mouseClick(dis.given, LEFT)
    click(qtbot, dis.ok_button)
    assert dis.isVisible() and "Pain acceptable" in dis.error.text()
    assert dis.escort.text() == "Maria Ødegård (sister)"
    qtbot.mouseClick(boxes[-1], LEFT)
    click(qtbot, dis.ok_button)
    v = views.get_session(clinic.app, s.id)
    assert v.state is SessionState.DISCHARGED
    assert timeline_rows(page)[0][1] == ("Discharged to Maria Ødegård (sister); written "
                                         "instructions given")
    assert page.header.state.text() == "DISCHARGED"
    assert not page.discharge_button.isEnabled()
    assert page.vitals.save_button.isEnabled()  # late entries are still allowed until signed


def test_monitoring_discharge_refused_without_escort(clinic: Any, open_page: Any,
                                                     qtbot: Any) -> None:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=240)
    doses.stop_infusion(clinic.app, clinic.nurse, s.id)
    charting.record_assessment(clinic.app, clinic.nurse, s.id, "aldrete", items=[2, 2, 2, 1, 1])
    page = open_page(s.id)
    click(qtbot, page.discharge_button)
    dis = page.dialog
    assert "below 9" in dis.aldrete.text()
    assert "not reached" in dis.findChild(type(page.message), "discharge_monitoring").text()
    for box in dis.criteria.values():
        qtbot.mouseClick(box, LEFT)
    click(qtbot, dis.ok_button)
    assert "escort name" in dis.error.text()
    assert dis.escort.property("invalid") is True
