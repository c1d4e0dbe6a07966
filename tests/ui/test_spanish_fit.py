"""The Spanish window on a 1366×768 screen (issue 13, point 7): the status bar's items and the
demo board's tiles are not cut; the vitals abbreviations are the clinic's (FC, PA, PAS, PAD,
SpO₂, FR) in the vitals form, the monitor panel, the trend chart and the flowsheet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from chairlog.ui import i18n
from chairlog.ui.app import build_main_window
from chairlog.ui.context import UiContext
from chairlog.ui.main_window import MainWindow
from chairlog.ui.session.monitor_panel import badge_text
from tests.conftest import ready_to_infuse
from tests.ui.screens import screen_of
from tests.ui.test_board_fit import cut_labels, demo_window, show_at, tiles_in_view

__all__ = ["demo_window"]  # the fixture, shared with the board-fit tests


@pytest.fixture
def spanish() -> Iterator[None]:
    assert i18n.install_language("es")
    yield
    i18n.install_language("en")


def status_items(win: MainWindow) -> list[QLabel]:
    sb = win.statusBar()
    return [w for w in sb.findChildren(QLabel) if w.isVisible() and w.text()]


def test_spanish_status_bar_and_board_fit_1366(demo_window: MainWindow, spanish: None,
                                                qtbot: Any, monkeypatch: Any) -> None:
    win = build_main_window(demo_window.ctx)  # built after the switch: in Spanish
    win.show()
    try:
        for width, height in ((1366, 768), (1280, 720)):
            with screen_of(width, height, monkeypatch):
                show_at(win, qtbot, width, height)
                items = status_items(win)
                texts = " ".join(lab.text() for lab in items)
                assert "Usuario:" in texts and "DEMO" in texts, texts
                cut = [(lab.text(), lab.sizeHint().width(), lab.width()) for lab in items
                       if lab.sizeHint().width() > lab.width()]
                assert cut == [], (width, cut)
                # the database label names the file; its tooltip has the whole path
                assert win.db_label.text() == "SQLite: demo.sqlite3"
                assert win.db_label.toolTip().endswith("/demo.sqlite3")
                shown = tiles_in_view(win)
                assert len(shown) >= 4
                assert [f"{t.chair.name}: {p}" for t in shown for p in cut_labels(t)] == []
                words = " ".join(lab.text() for t in shown for lab in t.findChildren(QLabel))
                assert "PREINFUSIÓN" in words and "EN PAUSA · 0 mL/h" in words
                assert "FC " in words and "PA " in words and "FR " in words
    finally:
        win.quit_now()
        win.deleteLater()  # (not handed to qtbot: the leak check wants it gone at teardown)


def labels_of(root: QWidget) -> str:
    return " ".join(lab.text() for lab in root.findChildren(QLabel))


def test_spanish_session_page_shows_the_spanish_abbreviations(clinic: Any, ctx: UiContext,
                                                              spanish: None,
                                                              qtbot: Any) -> None:
    s = ready_to_infuse(clinic)
    win = build_main_window(ctx)
    win.show()
    try:
        win.open_session(s.id)
        qtbot.waitUntil(lambda: s.id in win.pages)
        page = win.pages[s.id]
        win.tabs.setCurrentWidget(page)
        qtbot.waitUntil(page.isVisible)
        QApplication.processEvents()
        form = [lab.text().split(" <")[0] for lab in page.vitals.findChildren(QLabel)]
        assert {"FC", "PAS", "PAD", "SpO₂", "FR", "EtCO₂", "Temp."} <= set(form), form
        assert not {"HR", "SBP", "DBP", "RR"} & set(form)
        assert page.vitals.edits["hr"].toolTip() == "FC (/min)"
        chart = page.findChild(QWidget, "trend_chart")
        assert chart is not None
        names = [series.name() for series in chart.chart().series()]
        assert names[:4] == ["FC", "PAS", "PAD", "SpO₂"] and "PAS máx." in names, names
        assert badge_text(_Pending(), 1).split(": ", 1)[1].startswith("FC 70  PA 120/80")
        lines = page.timeline.model
        shown = [lines.data(lines.index(r, 1)) for r in range(lines.rowCount())]
        assert any(str(t).startswith("Signos vitales basales: FC ") for t in shown), shown
    finally:
        win.quit_now()
        win.deleteLater()  # (not handed to qtbot: the leak check wants it gone at teardown)


class _Pending:
    """A monitor set as the board's badge shows it (``monitor_panel.badge_text``)."""

    values = {"hr": 70, "sbp": 120, "dbp": 80, "spo2": 98, "rr": 14}
