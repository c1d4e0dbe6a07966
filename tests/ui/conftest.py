"""Shared fixtures for the window tests.

- ``ui_context``: the one factory of UI contexts (``tests/ui/leaks.py``). ``ui_context()``
  makes a context on the test's clinic (or ``ui_context(app)`` on another app), optionally
  signed in (``user=``), with ``make_context``'s own keywords (``demo=``, ``settings=``).
  Every context made is shut down at teardown, last made first; then the teardown fails if the
  test left a top-level widget alive or a thread running, and names them.
- ``ctx``: a context signed in as the nurse. A module that needs another user defines its own
  ``ctx`` in one line: ``return ui_context(user=clinic.physician)``.
- ``window``: the main window built on ``ctx`` and shown (offscreen).

Decision: the factory sets itself up after the test's ``clinic`` and ``app`` fixtures (it asks
for them when the test uses them), so it is torn down before them: its contexts are shut down
while their database is still open, whatever order a test lists its fixtures in. A test that
closes an app itself shuts that app's context down first (``ctx.shutdown()``; the teardown's
second shutdown does nothing). The folders outside tests/ui that make UI contexts import
``ui_context`` from here into their own conftest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from chairlog.ui.context import UiContext
from tests.ui.leaks import UiContexts

if TYPE_CHECKING:
    from chairlog.ui.main_window import MainWindow


@pytest.fixture
def ui_context(request: pytest.FixtureRequest, qapp: Any) -> Iterator[UiContexts]:
    default_app = None
    for name in ("app", "clinic"):  # set up first, so torn down after the contexts
        if name in request.fixturenames:
            value = request.getfixturevalue(name)
            default_app = value.app if name == "clinic" else value
    factory = UiContexts(default_app)
    yield factory
    factory.finish()


@pytest.fixture
def ctx(clinic: Any, ui_context: UiContexts) -> UiContext:
    return ui_context(user=clinic.nurse)


@pytest.fixture
def window(ctx: UiContext, qtbot: Any) -> Iterator[MainWindow]:
    from chairlog.ui.app import build_main_window  # (imported by the tests that use it only:
    # the monitor, reliability and services folders import this file for ``ui_context``)

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
