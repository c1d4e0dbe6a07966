"""Slow calls of a dialog off the UI thread, with a busy indicator, one at a time.

Password hashing (argon2), key unwrapping (scrypt) and key generation (RSA) each take from
tens of milliseconds to seconds: the window never waits for them. A dialog hands the call to
the context's operation runner (interactive lane) through a ``BusyRunner``: its buttons are
disabled and a line says what is happening until the result comes back on the UI thread. The
dialog's busy label owns the operation, so a dialog closed meanwhile gets no callback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtWidgets import QLabel, QWidget

from chairlog.ui.context import UiContext
from chairlog.ui.i18n import translate

R = TypeVar("R")


class BusyRunner:
    """Runs one slow call at a time for a dialog. ``busy`` is True while it runs."""

    def __init__(self, ctx: UiContext, widgets: Iterable[QWidget], label: QLabel) -> None:
        self.ctx = ctx
        self.widgets = list(widgets)
        self.label = label
        self.label.setObjectName("busyLabel")
        self.label.hide()
        self.busy = False

    def run(
        self,
        fn: Callable[[], R],
        on_success: Callable[[R], None],
        on_failure: Callable[[BaseException], None],
        text: str = "",
    ) -> bool:
        """Start ``fn`` in the background; False if a call is already running."""
        text = text or translate("BusyRunner", "Checking…")
        if self.busy:
            return False
        self.busy = True

        def ok(result: R) -> None:
            self.busy = False
            on_success(result)

        def fail(exc: BaseException) -> None:
            self.busy = False
            on_failure(exc)

        op = self.ctx.runner.interactive(self.label, fn).success(ok).failure(fail)
        op.busy(self.widgets, self.label, text)
        return True
