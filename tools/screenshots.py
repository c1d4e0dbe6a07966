"""Render the documentation screenshots from a fresh demo database, off screen.

    python tools/screenshots.py [--out docs/screenshots]

Writes login-demo.png (the sign-in dialog in demo mode), board.png (the chair board at
1600×1000, signed in as the demo nurse), session.png (the infusing chair's session, when the
session view is installed), flowsheet.png (its flowsheet tab), handover.png (the shift
handover), sign-queue.png (the physician's sign queue) and lock.png (the idle lock
screen). Everything happens in a
temporary CHAIRLOG_HOME, so the user's real data is never touched.

To show what an alert looks like, one vitals set with a fast heart rate is charted on the
paused chair after the demo data is filled (the demo data itself has no open alert).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="chairlog-shots-") as tmp:
        os.environ["CHAIRLOG_HOME"] = tmp
        return _render(Path(tmp), args.out)


def open_demo(tmp: Path, out: Path) -> tuple[Any, Any, Any]:
    """The styled QApplication, the demo clinic in ``tmp`` and its window context, with every
    background read shown in the event that asked (the pictures wait for their data)."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from chairlog.ui.app import apply_style, open_for_gui
    from chairlog.ui.context import make_context

    qapp = QApplication.instance() or QApplication(["chairlog-screenshots"])
    assert isinstance(qapp, QApplication)
    apply_style(qapp)
    out.mkdir(parents=True, exist_ok=True)
    app = open_for_gui(f"sqlite:///{tmp / 'demo.sqlite3'}", demo=True)
    ctx = make_context(app, demo=True)
    ctx.runner.fast_ms = 10_000
    return qapp, app, ctx


def _render(tmp: Path, out: Path) -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QWidget

    from chairlog.services import accounts, charting, views
    from chairlog.ui.app import build_main_window
    from chairlog.ui.login import LoginDialog

    qapp, app, ctx = open_demo(tmp, out)

    def save(widget: QWidget, name: str) -> None:
        for _ in range(5):
            qapp.processEvents()
        path = out / name
        if not widget.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        print(f"wrote {path}")

    login = LoginDialog(ctx, title="Sign in")
    login.fill("ana", "demo-nurse-1")
    login.show()
    login.adjustSize()
    save(login, "login-demo.png")
    login.close()

    nurse = accounts.login(app, "ana", "demo-nurse-1")
    paused = [v for v in views.board(app) if v.state.value == "paused"]
    if paused:
        charting.record_vitals(app, nurse, paused[0].id,
                               {"hr": 128, "sbp": 138, "dbp": 86, "spo2": 96, "rr": 18})
    ctx.set_user(nurse)
    win = build_main_window(ctx)
    win.resize(1600, 1000)
    win.show()
    win.board.reload()
    save(win, "board.png")

    def wait(ready: Callable[[], bool], seconds: float = 60.0) -> None:
        deadline = time.monotonic() + seconds
        while not ready():
            if time.monotonic() > deadline:
                raise SystemExit("a background build did not finish")
            qapp.processEvents()
            time.sleep(0.02)

    infusing = [v for v in views.board(app) if v.state.value == "infusing"]
    page = win.open_session(infusing[0].id) if infusing else None
    if page is not None:
        save(win, "session.png")
        tabs = getattr(page, "record_tabs", None)
        if tabs is not None:  # the flowsheet beside the timeline
            tabs.setCurrentIndex(page.flowsheet_tab)
            qapp.processEvents()
            page.flowsheet.show_newest()
            save(win, "flowsheet.png")
            tabs.setCurrentIndex(page.timeline_tab)
        win.show_board()
    handover = win.board.show_handover()
    handover.resize(1400, 900)
    wait(lambda: handover.preview.page_count > 0)
    save(handover, "handover.png")
    handover.close()

    from chairlog.ui.signoff import SignoffDialog

    ctx.set_user(accounts.login(app, "okafor", "demo-doctor-1"))
    signing = SignoffDialog(ctx, win)
    signing.resize(1400, 900)
    signing.show()
    wait(lambda: signing.preview.page_count > 0 or signing.queue_list.count() == 0)
    settle_until = time.monotonic() + 3  # a second preview build (the queue refreshed)
    wait(lambda: time.monotonic() > settle_until)
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    save(signing, "sign-queue.png")
    signing.close()
    ctx.set_user(nurse)
    win.lock()
    save(win, "lock.png")
    win.close()
    ctx.shutdown()
    app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
