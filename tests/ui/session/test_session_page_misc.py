"""The page ticks from its cached view (no database query per tick), says "due soon" and
"overdue" in words, and opens a signed record read-only."""

from __future__ import annotations

from typing import Any

from chairlog.clinical.states import SessionState
from chairlog.services import doses, signoff, views
from chairlog.ui.session import page as page_module
from tests.conftest import PASSWORDS, ready_to_infuse
from tests.record_helpers import discharged_session


def test_ticks_use_the_cached_view_and_say_due_and_overdue(clinic: Any, open_page: Any,
                                                           monkeypatch: Any) -> None:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 1.0)  # 80 mg/h at 80 kg
    page = open_page(s.id)
    calls: list[int] = []
    real = views.get_session
    monkeypatch.setattr(page_module.views, "get_session",
                        lambda app, sid: calls.append(sid) or real(app, sid))
    f = page.timer.figures
    assert f.main.big == "0:00:00" and f.vitals.caption == "Next vitals in"
    assert f.vitals.big == "15:00"
    clinic.clock.advance(minutes=13, seconds=30)
    page.tick()
    f = page.timer.figures
    assert f.main.big == "0:13:30" and "3:46:30 remaining" in f.main.sub
    assert (f.vitals.caption, f.vitals.big, f.vitals.tone) == ("Vitals due soon", "1:30", "warn")
    assert page.timer.vitals.caption.text() == "VITALS DUE SOON"
    assert f.dose.big == "18 mg" and "0.225 mg/kg" in f.dose.sub
    assert f.rate.big == "1 mg/kg/h" and f.rate.sub == "80 mg/h · 80 mL/h"
    clinic.clock.advance(minutes=4)
    page.tick()
    page.tick()
    f = page.timer.figures
    assert (f.vitals.caption, f.vitals.big, f.vitals.tone) == ("Vitals OVERDUE", "+2:30", "bad")
    assert page.timer.vitals.property("tone") == "bad"
    assert calls == []  # no database query per tick
    page.ticker.timeout.emit()
    assert calls == []


def test_signed_record_opens_read_only(clinic: Any, open_page: Any) -> None:
    sid = discharged_session(clinic)
    signoff.sign_session(clinic.app, clinic.physician, sid, PASSWORDS["drlee"])
    page = open_page(sid)
    assert page.view.state is SessionState.SIGNED
    assert page.locked.isVisible() and "Signed — locked" in page.locked.text()
    assert not page.editable()
    for w in (page.vitals.save_button, *page.vitals.edits.values(), page.dose.apply_button,
              page.discharge_button, page.note.save_button, page.chart_time,
              *page.side_effects.buttons.values(), page.assessments.cadss_button,
              page.timeline.correct_button, page.timeline.error_button):
        assert not w.isEnabled(), w.objectName()
    page.timeline.table.selectRow(0)
    assert not page.timeline.correct_button.isEnabled()
    # F2 does nothing on a locked record
    page.focus_vitals()
    assert not page.vitals.edits["hr"].hasFocus()
    assert page.timeline.model.rowCount() == len(page.view.entries)


def test_admin_sees_the_session_read_only(clinic: Any, ui: Any, open_page: Any) -> None:
    s = ready_to_infuse(clinic)
    ui.set_user(clinic.admin)
    page = open_page(s.id)
    assert not page.editable() and "nurse or physician" in page.locked.text()
    ui.set_user(clinic.nurse)
    assert page.editable() and not page.locked.isVisible()


def test_time_control_charts_an_earlier_clock_time(clinic: Any, open_page: Any) -> None:
    from PySide6.QtCore import QTime

    from chairlog.services import charting

    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=40)  # 15:40 in Berlin (the clinic's zone)
    page = open_page(s.id)
    assert page.chart_time.edit.time() == QTime(15, 40)
    page.chart_time.edit.setTime(QTime(15, 25))  # typed into the time field
    assert page.chart_time.status.text() == "At 15:25 (−15 min)"
    assert page.chart_time.status.property("tone") == "warn"
    saved: list[Any] = []
    assert page.submit(charting.add_note, s.id, "Patient dozing", timed=True,
                       on_success=saved.append)
    e = saved[0].entry
    assert e.is_late and e.charted_at == clinic.clock.now().replace(minute=25)
    assert page.chart_time.charted_at() is None and page.chart_time.status.text() == "Time: now"
    # a time later than now means yesterday, which the service refuses (before check-in)
    page.chart_time.edit.setTime(QTime(16, 30))
    assert not page.submit(charting.add_note, s.id, "x", timed=True)
    assert "not before" in page.message.text()
    assert page.chart_time.charted_at() is not None  # kept for the nurse to fix


def test_touch_targets_and_shortcut_labels(clinic: Any, open_page: Any) -> None:
    from PySide6.QtWidgets import QCheckBox, QPushButton, QTabBar

    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    page = open_page(s.id)
    buttons = [b for b in page.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) > 25
    assert all(b.height() >= 44 and b.width() >= 44 for b in buttons), [
        (b.text(), b.size()) for b in buttons if b.height() < 44 or b.width() < 44]
    assert all(b.height() >= 44 for b in page.findChildren(QCheckBox) if b.isVisible())
    bar = page.tabs.findChild(QTabBar)
    assert all(bar.tabRect(i).height() >= 44 for i in range(bar.count()) if bar.isTabVisible(i))
    # every page shortcut is written on a button or tab label and in a tooltip
    labels = " ".join([b.text() for b in buttons] + [b.toolTip() for b in buttons]
                      + [page.tabs.tabText(i) for i in range(page.tabs.count())]
                      + [page.hint.text()])
    for seq in page.shortcuts:
        shown = seq.replace("Shift+", "⇧")
        assert seq in labels or shown in labels, seq
