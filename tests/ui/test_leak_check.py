"""The window tests' leak and thread check (``tests/ui/leaks.py``) and the ``ui_context``
factory: a test that leaves a widget or a thread behind is caught and the culprit named; a
test that cleans up is not; contexts are shut down last made first.

The last test runs pytest on this file in a child process with ``leak_*`` collected as tests:
those functions leak on purpose through the real fixture, and the child's run must report
them as teardown errors naming the widget and the thread (a normal run does not collect them:
they are not named ``test_``)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QDialog, QLabel, QWidget
from shiboken6 import isValid

from chairlog.ui.session.common import Card
from tests.ui import leaks
from tests.ui.leaks import UiContexts

REPO = Path(__file__).resolve().parents[2]


class LeftOpenDialog(QDialog):
    pass


class Cyclic(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.me = self  # freed only by the garbage collector


def test_a_dialog_left_open_is_named_and_then_closed(qapp: Any) -> None:
    before = leaks.baseline()
    dlg = LeftOpenDialog()
    dlg.setWindowTitle("Left open")
    dlg.show()
    with pytest.raises(leaks.Leaked, match=r"LeftOpenDialog \(visible, 'Left open'\)"):
        leaks.check(before, wait_s=0.1)
    assert not isValid(dlg)  # the check deleted it: the next test starts clean
    leaks.check(before, wait_s=0.1)


def test_a_hidden_parentless_widget_still_alive_is_a_leak(qapp: Any) -> None:
    before = leaks.baseline()
    kept = QLabel("kept by a reference")
    with pytest.raises(leaks.Leaked, match=r"QLabel \(hidden, 'kept by a reference'\)"):
        leaks.check(before, wait_s=0.1)
    assert not isValid(kept)


def test_closed_deleted_and_collected_widgets_are_not_leaks(qapp: Any) -> None:
    before = leaks.baseline()
    shown = QDialog()
    shown.show()
    shown.close()
    shown.deleteLater()  # as qtbot does at teardown
    cyclic = Cyclic()
    cyclic.show()
    cyclic.hide()
    del cyclic  # unreachable, but only the garbage collector frees it
    leaks.check(before, wait_s=0.1)
    assert not isValid(shown)


def test_a_card_without_a_title_leaves_no_window_behind(qapp: Any) -> None:
    """The real leak the check found: a session-page card with no title kept a parentless
    label alive after the page was gone (7 hidden windows per page opened)."""
    before = leaks.baseline()
    page = QWidget()
    page.cards = [Card("", page), Card("Vitals", page)]  # as the page keeps its panels
    page.deleteLater()
    leaks.check(before, wait_s=0.1)  # the page's wrapper is still held here


def test_a_thread_left_running_is_named(qapp: Any) -> None:
    before = leaks.baseline()
    release = threading.Event()
    t = threading.Thread(target=release.wait, name="left-running", daemon=True)
    t.start()
    try:
        started = time.monotonic()
        with pytest.raises(leaks.Leaked, match=r"threads still running after 0\.3 s: left-running"):
            leaks.check(before, wait_s=0.3)
        assert time.monotonic() - started < 5  # the wait is bounded
    finally:
        release.set()
        t.join(5)


def test_a_thread_that_ends_within_the_wait_is_not_a_leak(qapp: Any) -> None:
    before = leaks.baseline()
    t = threading.Thread(target=time.sleep, args=(0.2,), name="ending-soon", daemon=True)
    t.start()
    leaks.check(before, wait_s=5.0)
    assert not t.is_alive()


def test_a_busy_qt_thread_pool_thread_is_a_leak(qapp: Any) -> None:
    before = leaks.baseline()
    release = threading.Event()
    pool = QThreadPool.globalInstance()
    pool.start(lambda: release.wait(10))
    try:
        with pytest.raises(leaks.Leaked,
                           match=r"Qt thread-pool threads still busy after 0\.2 s: 1"):
            leaks.check(before, wait_s=0.2)
    finally:
        release.set()
        assert pool.waitForDone(5_000)


def test_contexts_are_shut_down_last_made_first(clinic: Any) -> None:
    factory = UiContexts(clinic.app)
    first = factory(user=clinic.nurse)
    second = factory(demo=True)
    order: list[str] = []
    for name, c in (("first", first), ("second", second)):
        real = c.shutdown
        c.shutdown = lambda real=real, name=name: (order.append(name), real())  # type: ignore[method-assign]
    factory.finish()
    assert order == ["second", "first"]
    assert first.user == clinic.nurse and second.user is None and second.demo
    assert first.runner._closed and second.runner._closed


def test_a_context_left_running_names_its_lanes(clinic: Any) -> None:
    factory = UiContexts(clinic.app)
    c = factory()
    real = c.shutdown
    c.shutdown = lambda: None  # type: ignore[method-assign]
    try:
        with pytest.raises(leaks.Leaked, match=r"chairlog-interactive \(UI context 1's "
                                               r"interactive lane\)"):
            factory.finish(wait_s=0.2)
    finally:
        real()


def test_the_factory_needs_an_app(qapp: Any) -> None:
    factory = UiContexts()
    with pytest.raises(RuntimeError, match="pass the app"):
        factory()
    factory.finish(wait_s=0.1)


# --- leaking on purpose, through the real fixture (run by the child process below) ----------

class LeakyDialog(QDialog):
    pass


KEPT: list[QWidget] = []


def leak_a_dialog(app: Any, ui_context: UiContexts) -> None:
    ui_context(app)
    dlg = LeakyDialog()
    dlg.setWindowTitle("Never closed")
    dlg.show()
    KEPT.append(dlg)  # alive past the test, and never closed


def leak_a_thread(app: Any, ui_context: UiContexts) -> None:
    ui_context(app)
    stop = threading.Event()
    threading.Thread(target=stop.wait, args=(8,), name="never-joined", daemon=True).start()


def leak_nothing(app: Any, ui_context: UiContexts, qtbot: Any) -> None:
    dlg = LeakyDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    assert ui_context(app).user is None


def test_the_fixture_fails_a_test_that_leaks(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", "-q",
         "-o", "python_functions=leak_*", f"--basetemp={tmp_path / 't'}",
         str(Path(__file__).relative_to(REPO))],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert "3 passed, 2 errors" in out, out
    assert "ERROR at teardown of leak_a_dialog" in out, out
    assert "LeakyDialog (visible, 'Never closed')" in out, out
    assert "ERROR at teardown of leak_a_thread" in out, out
    assert "threads still running after 5 s: never-joined" in out, out
    assert "leak_nothing" not in out.split("short test summary")[-1], out
