"""Every window and dialog of the bedside fits the screens clinics have — 1366×768 at 100 %
and 1920×1080 at 150 % (1280×720 logical pixels): the window's minimum size fits the screen
(less a task bar), and every visible control lies inside the window, or inside a scroll area
that is (its content scrolls into view)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from chairlog.ui.main_window import MainWindow
from tests.ui.screens import (
    SCREENS,
    TASKBAR_PX,
    TITLE_BAR_PX,
    bedside_dialogs,
    off_screen,
    running_session,
    screen_of,
    settle_dialog,
)


def fit_window(window: Any, width: int, height: int) -> list[str]:
    usable_h = height - TASKBAR_PX - TITLE_BAR_PX
    hint = window.minimumSizeHint()
    problems = []
    if hint.width() > width or hint.height() > usable_h:
        problems.append(f"minimum size {hint.width()}×{hint.height()} > {width}×{usable_h}")
    window.move(0, 0)
    window.resize(width, usable_h)
    for _ in range(3):
        QApplication.processEvents()
    return problems + off_screen(window, width, usable_h)


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_board_and_session_page_fit(clinic: Any, window: MainWindow, qtbot: Any,
                                    monkeypatch: Any, width: int, height: int) -> None:
    s = running_session(clinic)
    with screen_of(width, height, monkeypatch):
        window.board.reload()
        assert fit_window(window, width, height) == [], "board"
        page = window.open_session(s.id)
        assert page is not None
        qtbot.waitUntil(lambda: page.isVisible())
        assert fit_window(window, width, height) == [], "session page"
        # before the start, the checklist takes the chart's place: it fits too
        window.lock()
        assert fit_window(window, width, height) == [], "lock screen"


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_every_dialog_fits(clinic: Any, ctx: Any, window: MainWindow, qtbot: Any,
                           monkeypatch: Any, width: int, height: int) -> None:
    s = running_session(clinic)
    page = window.open_session(s.id)
    assert page is not None
    problems: dict[str, list[str]] = {}
    with screen_of(width, height, monkeypatch):
        for name, make in bedside_dialogs(clinic, ctx, page):
            dlg = make()
            settle_dialog(dlg, qtbot)
            dlg.move(0, 0)
            QApplication.processEvents()
            bad = off_screen(dlg, width, height - TASKBAR_PX - TITLE_BAR_PX)
            if bad:
                problems[name] = bad
            dlg.reject()
            dlg.deleteLater()
    assert problems == {}


def test_check_in_dialog_keeps_start_in_view(clinic: Any, ctx: Any, window: MainWindow,
                                             qtbot: Any, monkeypatch: Any) -> None:
    from chairlog.ui.start_session import StartSessionDialog

    with screen_of(1280, 720, monkeypatch):
        dlg = StartSessionDialog(ctx, window)
        dlg.new_patient_button.setChecked(True)  # the tallest state: the new-patient form
        settle_dialog(dlg, qtbot)
        assert dlg.height() <= 700
        assert dlg.start_button.isVisible()
        assert off_screen(dlg, 1280, 700) == []
        dlg.reject()
