"""Shared fixtures for the window tests: a UI context signed in as the nurse, and the main
window built on it and shown (offscreen). A test module that needs another user overrides
``ctx`` with its own fixture of the same name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from chairlog.ui.app import build_main_window
from chairlog.ui.context import UiContext, make_context
from chairlog.ui.main_window import MainWindow


@pytest.fixture
def ctx(clinic: Any) -> Iterator[UiContext]:
    c = make_context(clinic.app)
    c.set_user(clinic.nurse)
    yield c
    c.shutdown()


@pytest.fixture
def window(ctx: UiContext, qtbot: Any) -> Iterator[MainWindow]:
    w = build_main_window(ctx)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.quit_now()


def settle(dialog: Any, timeout_s: float = 20.0) -> None:
    """Wait until a dialog's background call (password hashing, key generation) is answered,
    for code that cannot use ``qtbot.waitUntil`` (a patched ``exec``)."""
    import time

    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout_s
    while dialog.busy:
        assert time.monotonic() < deadline, "the background call did not finish"
        QApplication.processEvents()
        time.sleep(0.005)
