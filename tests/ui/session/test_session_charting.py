"""Side effects with a linked rescue medication, assessments, notes, corrections and
"entered in error" from the timeline, and a change made on another workstation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QPushButton

from chairlog.clinical.scales import Scale
from chairlog.domain import EntryKind, EntryStatus
from chairlog.services import charting, doses, open_app, views
from chairlog.ui.session.correction_dialog import CorrectionDialog
from chairlog.ui.session.dialogs import ReasonDialog
from chairlog.ui.session.scale_dialogs import ItemScaleDialog
from chairlog.ui.session.side_effect_dialogs import (
    EffectPickerDialog,
    RescueMedDialog,
    SideEffectDialog,
)
from tests.conftest import ready_to_infuse
from tests.ui.session.driving import Keys, timeline_rows

K = Qt.Key
LEFT = Qt.MouseButton.LeftButton


def click(qtbot: Any, b: QPushButton) -> None:
    assert b.isEnabled() and b.isVisible(), b.text()
    qtbot.mouseClick(b, LEFT)


def infusing(clinic: Any) -> int:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=40)
    return s.id


def test_nausea_with_ondansetron_linked_then_resolved(clinic: Any, open_page: Any, keys: Keys,
                                                     qtbot: Any) -> None:
    sid = infusing(clinic)
    page = open_page(sid)
    keys.key(K.Key_F3)
    assert page.tabs.currentIndex() == page.side_tab
    click(qtbot, page.side_effects.buttons["nausea"])
    dlg = page.dialog
    assert isinstance(dlg, SideEffectDialog)
    click(qtbot, dlg.ok_button)  # no severity yet: refused, named
    assert "severity" in dlg.error.text()
    qtbot.waitUntil(dlg.isActiveWindow)
    keys.key(K.Key_2)  # moderate
    assert dlg.chosen_severity() == "moderate"
    click(qtbot, dlg.action["rescue_med"])
    qtbot.keyClicks(dlg.note_edit, "Pale, retching")
    click(qtbot, dlg.ok_button)
    med = page.dialog
    assert isinstance(med, RescueMedDialog)  # opened at once, linked
    assert med.drug.currentText() == "ondansetron"
    assert (med.dose.text(), med.unit.currentText(), med.route.currentText()) == ("4", "mg", "IV")
    assert not med.allergy_warning.isVisible()
    click(qtbot, med.ok_button)
    v = views.get_session(clinic.app, sid)
    se = v.active_entries(EntryKind.SIDE_EFFECT)[0]
    drug = v.active_entries(EntryKind.MEDICATION)[0]
    assert se.data["effect_type"] == "nausea" and se.data["severity"] == "moderate"
    assert se.data["action_taken"] == "rescue_med"
    assert drug.data["treats_entry_id"] == se.id and drug.summary == "ondansetron 4 mg IV"
    # listed as open on the page, with Resolved
    card = page.side_effects.open_card
    assert card.isVisible()
    clinic.clock.advance(minutes=10)
    resolve = card.findChild(QPushButton, f"se_resolve_{se.id}")
    click(qtbot, resolve)
    v = views.get_session(clinic.app, sid)
    assert v.open_side_effects == [] and not card.isVisible()
    assert "— resolved" in next(r[1] for r in timeline_rows(page) if r[1].startswith("Nausea"))


def test_other_side_effect_and_allergy_warning(clinic: Any, open_page: Any, qtbot: Any) -> None:
    from chairlog.services import patients

    p = patients.create_patient(clinic.app, clinic.nurse, mrn="M009", family_name="Haddad",
                                given_name="Layla", allergies="Midazolam (paradoxical)")
    s = ready_to_infuse(clinic, patient=p, chair=1)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    page = open_page(s.id)
    click(qtbot, page.side_effects.buttons["other"])
    picker = page.dialog
    assert isinstance(picker, EffectPickerDialog)
    click(qtbot, picker.buttons["hallucinations"])
    dlg = page.dialog
    assert isinstance(dlg, SideEffectDialog) and dlg.effect == "hallucinations"
    click(qtbot, dlg.severity["mild"])
    click(qtbot, dlg.action["rescue_med"])
    click(qtbot, dlg.ok_button)
    med = page.dialog
    assert isinstance(med, RescueMedDialog)
    assert med.drug.currentText() == "midazolam"
    assert med.allergy_warning.isVisible() and "ALLERGY" in med.allergy_warning.text()
    med.reject()


def test_scores_and_notes(clinic: Any, open_page: Any, keys: Keys, qtbot: Any) -> None:
    sid = infusing(clinic)
    page = open_page(sid)
    keys.key(K.Key_F4)
    a = page.assessments
    pain, moaas, rass = (a.rows[s] for s in (Scale.PAIN_NRS, Scale.MOAAS, Scale.RASS))
    click(qtbot, pain.buttons[4])
    click(qtbot, moaas.buttons[3])  # MOAA/S 3 → alert (≤ 3)
    assert page.dialog is None  # one-tap scores do not open the alert dialog …
    assert page.alerts.isVisible()  # … but the alert is listed until acknowledged
    click(qtbot, rass.buttons[-1])
    click(qtbot, a.cadss_button)
    dlg = page.dialog
    assert isinstance(dlg, ItemScaleDialog)
    for row, v in zip(dlg.rows, [1, 0, 2, 1, 0, 0], strict=True):
        click(qtbot, row.buttons[v])
    click(qtbot, dlg.ok_button)
    rows = [r[1] for r in timeline_rows(page)]
    assert rows[:4] == ["CADSS-6 (during): 4", "RASS (during): -1", "MOAA/S (during): 3",
                        "Pain NRS (during): 4"]
    assert a.last[Scale.PAIN_NRS].text().startswith("last 4 at ")
    keys.key(K.Key_F6)
    assert page.note.edit.hasFocus()
    keys.type("Calm, music on")
    keys.key(K.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert timeline_rows(page)[0][1] == "Note: Calm, music on"
    assert page.note.edit.toPlainText() == ""


def test_correction_keeps_the_original_struck_through(clinic: Any, open_page: Any, keys: Keys,
                                                      qtbot: Any) -> None:
    sid = infusing(clinic)
    charting.record_vitals(clinic.app, clinic.nurse, sid, {"hr": 150, "sbp": 121, "dbp": 75,
                                                            "spo2": 97, "rr": 14})
    charting.add_note(clinic.app, clinic.nurse, sid, "Wrong chair's note")
    page = open_page(sid)
    model = page.timeline.model
    # F12 focuses the timeline; select the vitals row; Enter opens "Correct…"
    keys.key(K.Key_F12)
    row = next(i for i, r in enumerate(timeline_rows(page)) if r[1].startswith("Vitals: HR 150"))
    page.timeline.table.selectRow(row)
    keys.key(K.Key_Return, target=page.timeline.table)
    dlg = page.dialog
    assert isinstance(dlg, CorrectionDialog)
    hr = dlg.widgets["hr"]
    assert hr.text() == "150"
    hr.selectAll()
    qtbot.keyClicks(hr, "500")
    qtbot.keyClicks(dlg.reason_edit, "Typo: HR was 105")
    click(qtbot, dlg.ok_button)
    assert "heart rate" in dlg.error.text() and hr.property("invalid") is True  # refused
    hr.selectAll()
    qtbot.keyClicks(hr, "105")
    click(qtbot, dlg.ok_button)
    assert page.dialog is None
    v = views.get_session(clinic.app, sid)
    old = next(e for e in v.entries if e.status is EntryStatus.CORRECTED)
    new = next(e for e in v.entries if e.supersedes_id == old.id)
    assert old.data["hr"] == 150 and new.data["hr"] == 105
    r_old = model.row_of(old.id)
    font = model.data(model.index(r_old, 1), Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.strikeOut()
    status = model.data(model.index(r_old, 3))
    assert "CORRECTED by Nina Nurse, RN" in status and "Typo: HR was 105" in status
    assert not model.data(model.index(model.row_of(new.id), 1),
                          Qt.ItemDataRole.FontRole).strikeOut()
    assert page.timeline.selected().id == new.id  # the correction is selected
    # entered in error: the note (Delete in the timeline)
    page.timeline.select(next(e.id for e in v.entries if e.kind is EntryKind.NOTE))
    keys.key(K.Key_Delete, target=page.timeline.table)
    eie = page.dialog
    assert isinstance(eie, ReasonDialog)
    click(qtbot, next(b for b in eie.findChildren(QPushButton)
                  if b.text() == "Wrong patient / chair"))
    click(qtbot, eie.ok_button)
    note = next(e for e in views.get_session(clinic.app, sid).entries
                if e.kind is EntryKind.NOTE)
    assert note.status is EntryStatus.ENTERED_IN_ERROR
    r = model.row_of(note.id)
    assert model.data(model.index(r, 1), Qt.ItemDataRole.FontRole).strikeOut()
    assert "ENTERED IN ERROR" in model.data(model.index(r, 3))
    # a struck-through entry cannot be corrected again; a state-changing dose cannot be
    # marked entered in error
    page.timeline.select(note.id)
    assert not page.timeline.correct_button.isEnabled()
    start = next(e for e in views.get_session(clinic.app, sid).entries
                 if e.kind is EntryKind.DOSE)
    page.timeline.select(start.id)
    assert page.timeline.correct_button.isEnabled()
    assert not page.timeline.error_button.isEnabled()


def test_an_entry_from_another_workstation_never_stops_charting(
        clinic: Any, db_url: str, open_page: Any, keys: Keys) -> None:
    """Adding to the chart overwrites nothing: a page that has not seen another desk's note
    still saves its vitals, and shows both."""
    sid = infusing(clinic)
    page = open_page(sid)
    other = open_app(db_url, clock=clinic.clock)  # the second workstation
    try:
        charting.add_note(other, clinic.nurse2, sid, "Charted at the other desk")
        keys.key(K.Key_F2)
        for i, value in enumerate(["76", "130", "82", "97", "15"]):
            keys.type(value)
            keys.key(K.Key_Tab if i < 4 else K.Key_Return)
        assert "another workstation" not in page.message.text().lower()
        assert views.get_session(clinic.app, sid).latest_vitals.data["sbp"] == 130
        assert "Note: Charted at the other desk" in [row[1] for row in timeline_rows(page)]
    finally:
        other.close()


def test_a_state_change_on_another_workstation_reloads_the_page(
        clinic: Any, db_url: str, open_page: Any) -> None:
    sid = infusing(clinic)
    page = open_page(sid)
    other = open_app(db_url, clock=clinic.clock)  # the second workstation
    try:
        doses.change_rate(other, clinic.nurse2, sid, 0.6)
        assert page.view.version != views.get_session(clinic.app, sid).version  # stale
        assert page.submit(doses.pause_infusion, sid, "nausea") is False
        assert "changed on another workstation — reloaded" in page.message.text().lower()
        assert views.get_session(clinic.app, sid).state.value == "infusing"
        assert page.view.version == views.get_session(clinic.app, sid).version  # reloaded
    finally:
        other.close()
