"""The keyboard flow has no traps: Tab walks every dialog and the session page, reaching every
control (in reading order in the dialogs) and leaving every table and text box; Enter performs
a dialog's primary action (Ctrl+Enter where there is a multi-line box, said on the button)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget

from chairlog.ui.main_window import MainWindow
from chairlog.ui.session.dialogs import FormDialog
from tests.ui.screens import (
    bedside_dialogs,
    controls,
    describe,
    running_session,
    screen_of,
    settle_dialog,
)

MAX_TABS = 400


def focus_now() -> QWidget:
    w = QApplication.focusWidget()
    assert w is not None, "nothing has the keyboard focus"
    return w


def tab_walk(qtbot: Any, start: QWidget) -> list[QWidget]:
    """Press Tab from ``start`` until the focus comes back to it; the widgets focused, in
    order. Fails when Tab gets stuck (the focus stays put or circles without ``start``)."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    seen = [start]
    for _ in range(MAX_TABS):
        before = focus_now()
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        now = focus_now()
        if now is before and not isinstance(now, FormDialog):
            # a date/time box steps through its sections first; anything else is a trap
            qtbot.keyClick(now, Qt.Key.Key_Tab)
            now = focus_now()
            assert now is not before, f"Tab is stuck in {describe(before)}"
        if now is start:
            return seen
        assert now not in seen, f"Tab circles without returning: {describe(now)} again"
        seen.append(now)
    raise AssertionError(f"no way back to the start in {MAX_TABS} Tabs")


def tab_stops(root: QWidget) -> list[QWidget]:
    return [w for w in controls(root)
            if w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]


def missed_stops(root: QWidget, walk: list[QWidget]) -> list[str]:
    """Stops Tab never reached. The buttons of an exclusive group are one stop, like radio
    buttons (Tab reaches the group, the arrow keys move inside it)."""
    reached_groups = {id(g) for w in walk if isinstance(w, QAbstractButton)
                      and (g := w.group()) is not None and g.exclusive()}
    out = []
    for w in tab_stops(root):
        if w in walk:
            continue
        group = w.group() if isinstance(w, QAbstractButton) else None
        if group is not None and group.exclusive() and id(group) in reached_groups:
            continue
        out.append(describe(w))
    return out


def rect_in(w: QWidget, root: QWidget) -> QRect:
    """Where ``w`` is in ``root``'s reading: inside a scroll area, where it is in the whole
    (unscrolled) content; below a scroll area, shifted down by the content that is hidden."""
    rect = QRect(w.mapTo(root, QPoint(0, 0)), w.size())
    for area in root.findChildren(QScrollArea):
        content = area.widget()
        if content is None or not area.isVisible():
            continue
        port = area.viewport().mapTo(root, QPoint(0, 0))
        if content.isAncestorOf(w):
            return QRect(w.mapTo(content, QPoint(0, 0)) + port, w.size())
        if rect.top() >= port.y() + area.viewport().height():
            rect.translate(0, max(0, content.height() - area.viewport().height()))
    return rect


def out_of_reading_order(chain: list[QWidget], root: QWidget) -> list[str]:
    """Steps of the Tab cycle where the next stop is neither on a later line nor to the right
    on the same one; one such step is the wrap from the last stop back to the first."""
    bad = []
    for a, b in zip(chain, chain[1:] + chain[:1], strict=True):
        ra, rb = rect_in(a, root), rect_in(b, root)
        below = rb.top() >= ra.bottom() - 6
        same_line = rb.top() < ra.bottom() and ra.top() < rb.bottom()
        if not (below or (same_line and rb.left() >= ra.right() - 6)):
            bad.append(f"{describe(a)} {ra.getRect()} → {describe(b)} {rb.getRect()}")
    return bad


def test_every_dialog_walks_in_reading_order_without_traps(clinic: Any, ctx: Any,
                                                           window: MainWindow, qtbot: Any,
                                                           monkeypatch: Any) -> None:
    s = running_session(clinic)
    page = window.open_session(s.id)
    assert page is not None
    problems: dict[str, list[str]] = {}
    # a screen tall enough for every dialog unscrolled: reading order is then where each
    # control is drawn (test_screen_fit covers the small screens, where bodies scroll)
    with screen_of(1920, 2000, monkeypatch):
        dialogs = [(name, make()) for name, make in bedside_dialogs(clinic, ctx, page)]
    for name, dlg in dialogs:
        settle_dialog(dlg, qtbot)
        stops = tab_stops(dlg)
        first = min(stops, key=lambda w: (rect_in(w, dlg).top(), rect_in(w, dlg).left()))
        walk = tab_walk(qtbot, first)
        missed = missed_stops(dlg, walk)
        order = out_of_reading_order(walk, dlg)
        if len(order) == 1:
            order = []  # the wrap from the last stop to the first
        if missed or order:
            problems[name] = missed + order
        dlg.reject()
        dlg.deleteLater()
    assert problems == {}, problems


def test_correction_reason_is_in_the_tab_order_before_save(clinic: Any, ctx: Any,
                                                           window: MainWindow,
                                                           qtbot: Any) -> None:
    s = running_session(clinic)
    page = window.open_session(s.id)
    assert page is not None
    dialogs = dict(bedside_dialogs(clinic, ctx, page))
    dlg = dialogs["correction"]()
    settle_dialog(dlg, qtbot)
    walk = tab_walk(qtbot, dlg.first_focus)
    rhythm = dlg.widgets["rhythm"]
    assert walk.index(rhythm) < walk.index(dlg.reason_edit) < walk.index(dlg.ok_button)
    # typing after Tab from the last field lands in the reason, not in the rhythm note
    dlg.reason_edit.setFocus()
    qtbot.keyClicks(focus_now(), "Typing error")
    assert dlg.reason() == "Typing error" and rhythm.text() == ""
    dlg.reject()


def test_enter_performs_each_dialogs_primary_action(clinic: Any, ctx: Any, window: MainWindow,
                                                    qtbot: Any) -> None:
    s = running_session(clinic)
    page = window.open_session(s.id)
    assert page is not None
    missing: list[str] = []
    for name, make in bedside_dialogs(clinic, ctx, page):
        dlg = make()
        if not isinstance(dlg, FormDialog) or not dlg.ok_button.isVisibleTo(dlg):
            dlg.deleteLater()
            continue
        pressed: list[bool] = []
        dlg.ok_button.clicked.connect(lambda *_a, p=pressed: p.append(True))
        settle_dialog(dlg, qtbot)
        target = focus_now()
        qtbot.keyClick(target, Qt.Key.Key_Return)
        if not pressed:
            missing.append(f"{name}: Enter in {describe(target)}")
        dlg.reject()
        dlg.deleteLater()
    assert missing == []


def test_aldrete_enter_does_not_repress_a_score_and_tab_ends_on_save(
        clinic: Any, ctx: Any, window: MainWindow, qtbot: Any) -> None:
    s = running_session(clinic)
    page = window.open_session(s.id)
    assert page is not None
    dlg = dict(bedside_dialogs(clinic, ctx, page))["aldrete"]()
    settle_dialog(dlg, qtbot)
    saves: list[bool] = []
    dlg.submitted.connect(lambda: saves.append(True))
    two = dlg.rows[0].buttons[2]
    qtbot.mouseClick(two, Qt.MouseButton.LeftButton)
    one = dlg.rows[0].buttons[1]
    one.setFocus()
    qtbot.keyClick(one, Qt.Key.Key_Return)
    assert dlg.rows[0].value() == 2  # Enter did not press the focused score
    assert saves == [True]  # it pressed Save
    last = list(dlg.rows[-1].buttons.values())[-1]
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    assert focus_now() is dlg.ok_button
    dlg.reject()


def test_discharge_note_takes_tab_and_enter_as_text_ctrl_enter_discharges(
        clinic: Any, ctx: Any, window: MainWindow, qtbot: Any) -> None:
    s = running_session(clinic)
    page = window.open_session(s.id)
    assert page is not None
    dlg = dict(bedside_dialogs(clinic, ctx, page))["discharge"]()
    settle_dialog(dlg, qtbot)
    saves: list[bool] = []
    dlg.submitted.connect(lambda: saves.append(True))
    assert "Ctrl+Enter" in dlg.ok_button.text()
    box = dlg.instructions
    box.setFocus()
    qtbot.keyClicks(box, "Home with escort")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.keyClicks(box, "No driving")
    assert saves == [] and box.toPlainText() == "Home with escort\nNo driving"
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert focus_now() is not box and "\t" not in box.toPlainText()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saves == [True]
    dlg.reject()


def test_check_in_dialog_enter_starts(clinic: Any, ctx: Any, window: MainWindow,
                                      qtbot: Any) -> None:
    from chairlog.ui.start_session import StartSessionDialog

    dlg = StartSessionDialog(ctx, window)
    settle_dialog(dlg, qtbot)
    assert dlg.search.hasFocus()
    qtbot.keyClicks(dlg.search, clinic.patient.mrn)
    qtbot.keyClick(dlg.search, Qt.Key.Key_Tab)
    qtbot.keyClicks(focus_now(), "")
    dlg.weight.setFocus()
    qtbot.keyClicks(dlg.weight, "80")
    qtbot.keyClick(dlg.weight, Qt.Key.Key_Return)
    assert dlg.session is not None and dlg.session.weight_kg == 80
    # a search that finds no one says so and offers a new patient
    other = StartSessionDialog(ctx, window)
    settle_dialog(other, qtbot)
    qtbot.keyClicks(other.search, "Nobody-by-this-name")
    other.run_search()
    assert other.no_match.isVisible() and "New patient (Ctrl+N)" in " ".join(
        other.no_match.text().split())
    qtbot.keyClick(other.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(other.new_patient_box.isVisible)  # a button's shortcut clicks it animated
    other.reject()


def test_session_page_walks_everything_and_leaves_tables_and_text(
        clinic: Any, window: MainWindow, qtbot: Any) -> None:
    s = running_session(clinic)
    page = window.open_session(s.id)
    assert page is not None
    qtbot.waitUntil(lambda: page.vitals.edits["hr"].hasFocus())  # opens on the vitals form
    for index in (page.side_tab, page.assess_tab, page.note_tab):
        page.tabs.setCurrentIndex(index)
        walk = tab_walk(qtbot, page.vitals.edits["hr"])
        missed = missed_stops(page, walk)
        assert missed == [], page.tabs.tabText(index)
        assert page.timeline.table in walk
    # the open side effect's buttons are reached by keyboard
    names = {w.objectName() for w in walk}
    assert any(n.startswith("se_resolve_") for n in names)
    assert any(n.startswith("se_med_") for n in names)
    # Tab leaves the timeline and the note box
    page.timeline.table.setFocus()
    qtbot.keyClick(page.timeline.table, Qt.Key.Key_Tab)
    assert focus_now() is not page.timeline.table
    page.show_tab(page.note_tab)
    qtbot.keyClick(page.note.edit, Qt.Key.Key_Tab)
    assert focus_now() is not page.note.edit and page.note.edit.toPlainText() == ""


def test_before_the_start_the_checklist_is_at_hand(clinic: Any, window: MainWindow,
                                                   qtbot: Any) -> None:
    from chairlog.services import sessions

    s = sessions.start_session(clinic.app, clinic.nurse, patient_id=clinic.patient2.id,
                               chair_id=clinic.chairs[2].id,
                               protocol_id=clinic.protocols["chronic-pain-titrated"].id,
                               weight_kg=70)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = window.open_session(s.id)
    assert page is not None
    first = next(iter(page.preinfusion.boxes.values()))
    qtbot.waitUntil(first.hasFocus)  # the page opens on the first item to do
    page.vitals.focus_first()
    qtbot.keyClick(focus_now(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert first.hasFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)  # Space ticks it (a deliberate, single item)
    qtbot.waitUntil(lambda: not first.isEnabled())
    qtbot.keyClick(focus_now(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert focus_now() is list(page.preinfusion.boxes.values())[1]
