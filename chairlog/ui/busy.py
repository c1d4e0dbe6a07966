"""Slow calls off the UI thread, with a busy indicator.

Password hashing (argon2), key unwrapping (scrypt) and key generation (RSA) each take from
tens of milliseconds to seconds: the window never waits for them. A dialog hands the call to
the context's task manager, its buttons are disabled and a line says what is happening until
the result comes back on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from chairlog.ui.context import UiContext


class BusyRunner:
    """Runs one slow call at a time for a dialog. ``busy`` is True while it runs."""

    def __init__(self, ctx: UiContext, widgets: Iterable[QWidget], label: QLabel) -> None:
        self.ctx = ctx
        self.widgets = list(widgets)
        self.label = label
        self.label.setObjectName("busyLabel")
        self.label.hide()
        self.busy = False

    def run(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None], text: str = "Checking…") -> bool:
        """Start ``fn`` in the background; False if a call is already running."""
        if self.busy:
            return False
        self.busy = True
        for w in self.widgets:
            w.setEnabled(False)
        self.label.setText(text)
        self.label.show()
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

        def done() -> None:
            self.busy = False
            QApplication.restoreOverrideCursor()
            self.label.hide()
            for w in self.widgets:
                w.setEnabled(True)

        def ok(result: Any) -> None:
            done()
            on_success(result)

        def fail(exc: BaseException) -> None:
            done()
            on_failure(exc)

        self.ctx.tasks.run(fn, ok, fail)
        return True
