"""Fixtures for the session-view tests: a signed-in UI context and a page opened on screen
(offscreen platform) with its window active, so the page's keyboard shortcuts work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from chairlog.ui.context import UiContext
from chairlog.ui.session.page import SessionPage
from tests.ui.session.driving import Keys


@pytest.fixture
def ui(ctx: UiContext) -> UiContext:
    """The nurse's context (``tests/ui/conftest.py``), under the name these tests use."""
    return ctx


@pytest.fixture
def open_page(ui: UiContext, qtbot: Any) -> Iterator[Callable[[int], SessionPage]]:
    pages: list[SessionPage] = []

    def make(session_id: int) -> SessionPage:
        page = SessionPage(ui, session_id)
        qtbot.addWidget(page)
        page.resize(1600, 1000)
        page.show()
        page.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
        pages.append(page)
        return page

    yield make
    for p in pages:
        p.close_session()


@pytest.fixture
def keys(qtbot: Any) -> Keys:
    return Keys(qtbot)
