"""Render the bedside at the screen sizes clinics have, off screen, for docs/screenshots.

    python tools/screenshots_screens.py [--out docs/screenshots]

For 1366×768 (100 %) and 1280×720 (1920×1080 at 150 %) it writes board-WxH.png,
session-WxH.png (the infusing chair, keyboard focus on the heart-rate field: the focus ring)
and checkin-WxH.png (the check-in dialog with the new-patient form open, Start in view). The window
fills the screen less a 40 px task bar and a 32 px title bar.

Each size runs in its own process: the offscreen platform's screen size is fixed when the
application starts (``offscreen:configfile=…`` with that screen). Everything happens in a
temporary CHAIRLOG_HOME on the demo clinic, so real data is never touched.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREENS = ((1366, 768), (1280, 720))
TASKBAR_PX = 40
TITLE_BAR_PX = 32


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--one", metavar="WxH", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        width, height = (int(n) for n in args.one.split("x"))
        with tempfile.TemporaryDirectory(prefix="chairlog-shots-") as tmp:
            os.environ["CHAIRLOG_HOME"] = tmp
            return _render(Path(tmp), args.out, width, height)
    for width, height in SCREENS:
        with tempfile.TemporaryDirectory(prefix="chairlog-screen-") as tmp:
            conf = Path(tmp) / "screen.json"
            conf.write_text(json.dumps({"screens": [{
                "name": f"clinic-{width}x{height}", "x": 0, "y": 0, "width": width,
                "height": height, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
            env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={conf}")
            code = subprocess.call([sys.executable, __file__, "--out", str(args.out),
                                    "--one", f"{width}x{height}"], env=env)
            if code:
                return code
    return 0


def _render(tmp: Path, out: Path, width: int, height: int) -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QWidget
    from screenshots import open_demo  # tools/ is this script's folder

    from chairlog.services import accounts, views
    from chairlog.ui.app import build_main_window
    from chairlog.ui.start_session import StartSessionDialog

    qapp, app, ctx = open_demo(tmp, out)
    suffix = f"{width}x{height}"

    def save(widget: QWidget, name: str) -> None:
        for _ in range(8):
            qapp.processEvents()
        path = out / f"{name}-{suffix}.png"
        if not widget.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        print(f"wrote {path}")

    nurse = accounts.login(app, "ana", "demo-nurse-1")
    ctx.set_user(nurse)
    win = build_main_window(ctx)
    win.move(0, 0)
    win.resize(width, height - TASKBAR_PX - TITLE_BAR_PX)
    win.show()
    win.activateWindow()
    win.board.reload()
    save(win, "board")

    board = views.board(app)
    infusing = [v for v in board if v.state.value == "infusing"]
    if infusing and (page := win.open_session(infusing[0].id)) is not None:
        page.vitals.focus_first()  # type: ignore[attr-defined]
        save(win, "session")
    dlg = StartSessionDialog(ctx, win)
    dlg.new_patient_button.setChecked(True)
    dlg.show()
    dlg.activateWindow()
    save(dlg, "checkin")
    dlg.reject()
    win.quit_now()
    ctx.shutdown()
    app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
