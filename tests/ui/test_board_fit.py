"""The demo board (six chairs, four in use) on the screens clinics have — 1366×768 at 100 % and
1920×1080 at 150 % (1280×720 logical): at least four tiles lie wholly inside the board's
viewport, and no text of a tile in view is cut (a label is as wide and as tall as its text
needs). On a big screen the tiles stay full size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from chairlog.services import accounts, charting, demo, open_app, signoff, views
from chairlog.ui import app as ui_app
from chairlog.ui.app import build_main_window
from chairlog.ui.main_window import MainWindow
from chairlog.ui.tile import ChairTile
from tests.ui.leaks import UiContexts
from tests.ui.screens import SCREENS, TASKBAR_PX, TITLE_BAR_PX, screen_of


@pytest.fixture
def demo_window(tmp_path: Path, qapp: QApplication, ui_context: UiContexts,
                qtbot: Any) -> Iterator[MainWindow]:
    sheet, font = qapp.styleSheet(), qapp.font()
    ui_app.apply_style(qapp)  # the tiles' padding and borders are the style sheet's
    app = open_app(f"sqlite:///{tmp_path / 'demo.sqlite3'}", demo=True)
    demo.fill_demo(app, sign=signoff.sign_for_demo)
    ctx = ui_context(app, demo=True, user=accounts.login(app, "ana", "demo-nurse-1"))
    win = build_main_window(ctx)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.quit_now()
    ctx.shutdown()  # before its database closes
    app.close()
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


def show_at(win: MainWindow, qtbot: Any, width: int, height: int) -> None:
    win.move(0, 0)
    win.resize(width, height - TASKBAR_PX - TITLE_BAR_PX)
    win.board.reload()
    qtbot.waitUntil(lambda: len(win.board.views) == 4)
    win.board.tick()
    for _ in range(5):
        QApplication.processEvents()


def tiles_in_view(win: MainWindow) -> list[ChairTile]:
    port = win.board.scroll_area.viewport()
    inside = QRect(QPoint(0, 0), port.size())
    return [t for t in win.board.tiles.values()
            if inside.contains(QRect(t.mapTo(port, QPoint(0, 0)), t.size()))]


def cut_labels(tile: ChairTile) -> list[str]:
    """Labels of ``tile`` whose text does not fit them: a single line wider than the label,
    or wrapped lines taller than it."""
    bad = []
    for lab in tile.findChildren(QLabel):
        if not lab.isVisible() or not lab.text():
            continue
        need = lab.sizeHint()
        m = lab.contentsMargins()
        if lab.wordWrap():
            tall = lab.heightForWidth(lab.width())
            if tall > lab.height():
                bad.append(f"{lab.objectName()} '{lab.text()}' needs {tall} px high, "
                           f"has {lab.height()}")
            longest = max(lab.fontMetrics().horizontalAdvance(word)
                          for word in lab.text().split())
            if longest > lab.width() - m.left() - m.right():
                bad.append(f"{lab.objectName()} '{lab.text()}': a word is wider than it")
        elif need.width() > lab.width() or need.height() > lab.height():
            bad.append(f"{lab.objectName()} '{lab.text()}' needs {need.width()}×"
                       f"{need.height()}, has {lab.width()}×{lab.height()}")
    return bad


@pytest.mark.parametrize("alert", [False, True], ids=["as-demo", "with-stored-alert"])
@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_four_demo_tiles_whole_and_legible(demo_window: MainWindow, qtbot: Any,
                                           monkeypatch: Any, width: int, height: int,
                                           alert: bool) -> None:
    if alert:  # a heart rate over the limit: an alert with its Acknowledge button
        app = demo_window.ctx.app
        paused = [v for v in views.board(app) if v.state.value == "paused"]
        charting.record_vitals(app, demo_window.ctx.require_user(), paused[0].id,
                               {"hr": 128, "sbp": 138, "dbp": 86, "spo2": 96, "rr": 18})
    with screen_of(width, height, monkeypatch):
        show_at(demo_window, qtbot, width, height)
        shown = tiles_in_view(demo_window)
        assert len(shown) >= 4, [(t.chair.name, t.geometry().getRect()) for t in
                                 demo_window.board.tiles.values()]
        assert all(t.compact for t in demo_window.board.tiles.values())
        # the running chairs (with their overdue bars) are among those in view
        assert {t.chair.id for t in shown} >= set(demo_window.board.views)
        if alert:
            assert any(b.isVisible() for t in shown
                       for b in t.findChildren(QPushButton, "ackButton"))
        problems = [f"{t.chair.name}: {p}" for t in shown for p in cut_labels(t)]
        assert problems == []
        # the six chairs scroll: the other two are below, on the same four columns
        assert demo_window.board.grid.columnCount() >= 4


def test_big_screen_keeps_full_tiles(demo_window: MainWindow, qtbot: Any,
                                     monkeypatch: Any) -> None:
    with screen_of(1920, 1200, monkeypatch):
        show_at(demo_window, qtbot, 1920, 1200)
        tiles = list(demo_window.board.tiles.values())
        assert not any(t.compact for t in tiles)
        shown = tiles_in_view(demo_window)
        assert len(shown) >= 4
        assert [p for t in shown for p in cut_labels(t)] == []
