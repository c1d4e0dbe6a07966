"""Every interactive control of the session page, the board and each dialog has an accessible
name (what a screen reader says: a button's text, a buddy label's text, or a name set in code),
and every input field a description too."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from chairlog.ui.main_window import MainWindow
from tests.conftest import ready_to_infuse
from tests.ui.screens import (
    accessible_name,
    bedside_dialogs,
    buddy_text,
    controls,
    describe,
    running_session,
    settle_dialog,
)


def unnamed(root: QWidget) -> list[str]:
    return [describe(w) for w in controls(root)
            if not accessible_name(w) and not buddy_text(w, root)]


def test_session_page_and_board_controls_are_named(clinic: Any, window: MainWindow,
                                                   qtbot: Any) -> None:
    s = running_session(clinic)
    pre = ready_to_infuse(clinic, patient=clinic.patient2, chair=1)
    window.board.reload()
    assert unnamed(window) == [], "board"
    for sid in (s.id, pre.id):
        page = window.open_session(sid)
        assert page is not None
        qtbot.waitUntil(page.isVisible)
        problems = {}
        for index in range(page.tabs.count()):
            if page.tabs.isTabVisible(index):
                page.tabs.setCurrentIndex(index)
                if bad := unnamed(window):
                    problems[page.tabs.tabText(index)] = bad
        assert problems == {}, f"{page.view.state}: {problems}"
    page = window.open_session(s.id)
    assert page is not None
    # the vitals fields: named and described (unit, and what comes before)
    for name, edit in page.vitals.edits.items():
        assert accessible_name(edit), name
        assert edit.accessibleDescription(), name


def test_every_dialog_control_is_named(clinic: Any, ctx: Any, window: MainWindow,
                                       qtbot: Any) -> None:
    s = running_session(clinic)
    page = window.open_session(s.id)
    assert page is not None
    problems = {}
    for name, make in bedside_dialogs(clinic, ctx, page):
        dlg = make()
        settle_dialog(dlg, qtbot)
        if bad := unnamed(dlg):
            problems[name] = bad
        fields = [w for w in controls(dlg) if isinstance(w, QLineEdit | QPlainTextEdit)]
        if undescribed := [describe(w) for w in fields
                           if not (w.accessibleDescription() or w.placeholderText()
                                   or w.toolTip())]:
            problems[name + " (descriptions)"] = undescribed
        dlg.reject()
        dlg.deleteLater()
    assert problems == {}, problems
