"""Nothing is charted by a stray Space or arrow key, and any entry can be undone within 10 s
from the banner (marked "entered in error", reason "undone at once", by the same nurse)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from chairlog.clinical.scales import Scale
from chairlog.domain import EntryKind, EntryStatus
from chairlog.services import audit_log, doses, views
from chairlog.ui.session.undo import UNDO_REASON, UNDO_SECONDS
from tests.conftest import ready_to_infuse


def scores(clinic: Any, sid: int, scale: str) -> list[Any]:
    v = views.get_session(clinic.app, sid)
    return [e for e in v.active_entries(EntryKind.ASSESSMENT) if e.data["scale"] == scale]


def infusing(clinic: Any) -> Any:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    return s


def test_space_and_arrows_never_chart_a_score_enter_does(clinic: Any, open_page: Any,
                                                         qtbot: Any) -> None:
    s = infusing(clinic)
    page = open_page(s.id)
    page.show_tab(page.assess_tab)
    row = page.assessments.rows[Scale.RASS]
    zero = row.buttons[0]
    zero.setFocus()
    qtbot.waitUntil(zero.hasFocus)
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_Left,
                Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Space):
        qtbot.keyClick(page.focusWidget() or zero, key)
    assert scores(clinic, s.id, "rass") == []  # nothing charted
    assert page.focusWidget() is row.buttons[1]  # the arrows moved along the row
    qtbot.keyClick(row.buttons[1], Qt.Key.Key_Return)
    saved = scores(clinic, s.id, "rass")
    assert [e.data["score"] for e in saved] == [1]
    # a click still charts at once (one tap)
    qtbot.mouseClick(page.assessments.rows[Scale.PAIN_NRS].buttons[3], Qt.MouseButton.LeftButton)
    assert max(scores(clinic, s.id, "pain_nrs"), key=lambda e: e.id).data["score"] == 3


def test_undo_within_ten_seconds_marks_entered_in_error(clinic: Any, open_page: Any,
                                                        qtbot: Any) -> None:
    s = infusing(clinic)
    page = open_page(s.id)
    t = [1000.0]
    page.undo.clock = lambda: t[0]
    assert not page.undo.isVisible()
    page.show_tab(page.assess_tab)
    qtbot.mouseClick(page.assessments.rows[Scale.RASS].buttons[-2], Qt.MouseButton.LeftButton)
    (entry,) = scores(clinic, s.id, "rass")
    assert page.undo.isVisible() and page.undo.entry is not None
    assert page.undo.entry.id == entry.id
    assert " ".join(page.undo.text().split()) == f"Undo (Ctrl+Z) {UNDO_SECONDS} s"
    t[0] += 3.2
    page.undo.tick()
    assert " ".join(page.undo.text().split()) == "Undo (Ctrl+Z) 7 s"  # counting down
    qtbot.keyClick(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    v = views.get_session(clinic.app, s.id)
    undone = next(e for e in v.entries if e.id == entry.id)
    assert undone.status is EntryStatus.ENTERED_IN_ERROR
    assert undone.invalidation_reason == UNDO_REASON == "undone at once"
    assert undone.invalidated_by_name is not None
    assert undone.invalidated_by_name.startswith(clinic.nurse.full_name)
    (row,) = [r for r in audit_log.list_audit(clinic.app, clinic.admin, session_id=s.id)
              if r.action == "entry.entered_in_error"]
    assert (row.user_id, row.reason, row.entity_id) == (clinic.nurse.id, UNDO_REASON,
                                                        str(entry.id))
    assert not page.undo.isVisible()
    assert "Undone" in page.message.text()


def test_the_undo_offer_goes_after_ten_seconds_or_with_another_user(
        clinic: Any, ui: Any, open_page: Any, qtbot: Any) -> None:
    s = infusing(clinic)
    page = open_page(s.id)
    t = [50.0]
    page.undo.clock = lambda: t[0]
    page.vitals.focus_first()
    for name, value in (("hr", "72"), ("sbp", "118"), ("dbp", "76"), ("spo2", "98"),
                        ("rr", "14")):
        page.vitals.edits[name].setText(value)
    qtbot.keyClick(page.vitals.edits["rr"], Qt.Key.Key_Return)
    assert page.undo.isVisible()
    t[0] += UNDO_SECONDS + 0.01
    page.undo.tick()
    assert not page.undo.isVisible()
    qtbot.keyClick(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    v = views.get_session(clinic.app, s.id)
    assert all(e.active for e in v.entries if e.kind is EntryKind.VITALS)  # nothing undone
    # a new save offers undo again; a handover to another nurse takes the offer away
    page.vitals.edits["hr"].setText("74")
    for name, value in (("sbp", "118"), ("dbp", "76"), ("spo2", "98"), ("rr", "14")):
        page.vitals.edits[name].setText(value)
    page.vitals.save()
    assert page.undo.isVisible()
    ui.set_user(clinic.nurse2)
    assert not page.undo.isVisible()


def test_state_changes_offer_no_undo(clinic: Any, open_page: Any, qtbot: Any) -> None:
    s = ready_to_infuse(clinic)
    page = open_page(s.id)
    page.dose.rate_edit.setText("0.5")
    page.dose.apply()  # starts the infusion: a state change cannot be entered in error
    assert views.get_session(clinic.app, s.id).infusion_started_at is not None
    assert not page.undo.isVisible()
