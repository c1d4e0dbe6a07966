"""``chairlog gui --demo --smoke``: prove an installation can show its window, then exit.

What it does, as a clinic's first start would: checks every resource, builds the application
(style sheet, icon), opens (and on first use fills) the demo database, signs in as the first
demo nurse, shows the main window with its housekeeping, opens and closes the About box, opens
a running session's tab (the vitals chart) and loads QtPdf (the record preview), keeps the
window shown for ``seconds`` (10 by default) and exits.

Exit 0 only if the window was shown, the style sheet was applied and is not empty, the icon is
set, and nothing went wrong: any uncaught exception (traceback), any Qt message about the style
sheet, any other critical Qt message (except a missing sound device: CI machines have none) or
any failure to open the database makes it exit 1, naming the problem on stderr.
``--screenshot FILE.png`` saves the board as it looked when first shown.
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from chairlog import applog
from chairlog.errors import ChairlogError, ValidationError
from chairlog.services import accounts
from chairlog.services import demo as demo_data
from chairlog.ui.app import build_main_window, open_for_gui, start_qapp
from chairlog.ui.context import make_context

STYLE_WARNINGS = ("style sheet", "stylesheet", "qss")
AUDIO_WORDS = ("audio", "sound", "pulseaudio", "pipewire")


class SmokeCheck:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.shown = False

    def qt_message(self, kind: QtMsgType, ctx: QMessageLogContext, text: str) -> None:
        lowered = text.lower()
        category = str(getattr(ctx, "category", "") or "")
        # a machine without sound (CI, a server) is not a broken installation: the reminder
        # falls back to the system beep
        audio = category.startswith("qt.multimedia") or any(w in lowered for w in AUDIO_WORDS)
        if any(w in lowered for w in STYLE_WARNINGS) or kind == QtMsgType.QtFatalMsg or (
            kind == QtMsgType.QtCriticalMsg and not audio
        ):
            self.problems.append(f"Qt: {text}")
        print(text, file=sys.stderr)

    def uncaught(self, exc_info: applog.ExcInfo) -> None:
        self.problems.append("".join(traceback.format_exception(*exc_info)).rstrip())


def demo_nurse() -> tuple[str, str]:
    for username, password, role in demo_data.demo_accounts():
        if role == "nurse":
            return username, password
    raise RuntimeError("the demo clinic has no nurse account")


def run_smoke(db_url: str | None, demo: bool, seconds: float = 10.0,
              screenshot: str | None = None) -> int:
    if not demo:
        raise ValidationError("--smoke", "without --demo",
                              "--demo with --smoke (the check signs in as the demo nurse)")
    check = SmokeCheck()
    hooks = applog.install_excepthook(check.uncaught)
    previous = qInstallMessageHandler(check.qt_message)
    try:
        return _run(check, db_url, max(0.5, seconds), screenshot)
    finally:
        qInstallMessageHandler(previous)
        applog.restore_excepthook(hooks)


def _run(check: SmokeCheck, db_url: str | None, seconds: float, screenshot: str | None) -> int:
    qapp = start_qapp()
    try:
        app = open_for_gui(db_url, demo=True)
    except ChairlogError as exc:
        print(f"smoke: FAILED — the demo database cannot be opened: {exc}", file=sys.stderr)
        return 1
    ctx = make_context(app, demo=True)
    try:
        ctx.set_user(accounts.login(app, *demo_nurse()))
        window = build_main_window(ctx)
        from chairlog.ui.housekeeping import Housekeeping

        housekeeping = Housekeeping(ctx, window)
        window.show()
        window.board.focus_first_tile()

        board_picture: list[Any] = []

        # the board reads the database off the UI thread: look once its first read is shown
        # (a frozen bundle imports more slowly than a wheel), or when most of the time is up
        deadline = time.monotonic() + max(0.3, seconds * 0.6)

        def look() -> None:
            loaded = any(t.view is not None for t in window.board.tiles.values())
            if not loaded and time.monotonic() < deadline:
                QTimer.singleShot(200, look)
                return
            check.shown = window.isVisible() and not window.windowIcon().isNull()
            board_picture.append(window.grab())
            about = window.open_about()
            about.close()
            _open_a_session(check, window)

        # a local event loop, not qapp.exec()/quit(): quitting the application closes every
        # window it has and ends the process's event handling for whoever runs next (tests)
        loop = QEventLoop()
        QTimer.singleShot(300, look)
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()
        _final_checks(check, qapp, board_picture[0] if board_picture else window, screenshot)
        window.idle_lock.stop()
        window.quit_now()
        window.deleteLater()  # its timers stop with it
        del housekeeping
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        ctx.shutdown()
        app.close()
    return _report(check, seconds, len(qapp.styleSheet()))


#: how long the check waits for the first session's tab to open
OPEN_WAIT_S = 8.0


def _open_a_session(check: SmokeCheck, window: Any) -> None:
    """Open the first running session's tab (timer, dosing, the vitals chart: QtCharts) and
    load QtPdf (the record preview): the Qt parts the board alone does not use."""
    try:
        from PySide6.QtPdf import QPdfDocument  # noqa: F401  (what the preview needs)
    except ImportError as exc:
        check.problems.append(f"QtPdf (record preview) does not load: {exc}")
    before = window.tabs.count()
    for n in range(1, len(window.board.chairs) + 1):
        tile = window.board.tile_for_position(n)
        if tile is not None and tile.view is not None:
            window.open_chair(n)
            break
    # the session is read off the UI thread: its tab comes when the read answers (within the
    # runner's brief wait on a fast machine, later in a frozen bundle or on a busy one)
    deadline = time.monotonic() + OPEN_WAIT_S
    while window.tabs.count() <= before and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    if window.tabs.count() <= before:
        said = window.statusBar().currentMessage()
        check.problems.append(
            f"no session of the demo clinic could be opened within {OPEN_WAIT_S:g} s"
            + (f" (the window said: {said})" if said else ""))


def _final_checks(check: SmokeCheck, qapp: QApplication, picture: Any,
                  screenshot: str | None) -> None:
    """``picture``: the board as grabbed once shown (a QPixmap), or the window."""
    if not check.shown:
        check.problems.append("the main window was not shown with its icon")
    if not qapp.styleSheet().strip():
        check.problems.append("the style sheet is empty")
    if screenshot:
        target = Path(screenshot)
        target.parent.mkdir(parents=True, exist_ok=True)
        pixmap = picture if hasattr(picture, "save") else picture.grab()
        if not pixmap.save(str(target)):
            check.problems.append(f"the screenshot could not be saved to {target}")


def _report(check: SmokeCheck, seconds: float, sheet_chars: int) -> int:
    if check.problems:
        for problem in check.problems:
            print(f"smoke: FAILED — {problem}", file=sys.stderr)
        return 1
    print(f"smoke: ok — window shown for {seconds:g} s, style sheet {sheet_chars} characters, "
          "icon set, no errors")
    return 0
