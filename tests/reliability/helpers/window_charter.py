"""The real application window, charting vitals with the keyboard until killed:
``python window_charter.py DBURL ACKFILE`` (Qt's offscreen platform).

Run by ``test_kill.py``. Signs in as the nurse, builds the main window as ``chairlog gui``
does, opens the running session from the board and types vitals sets into the vitals form
(values, then Enter), as fast as the window allows. When a set is shown as saved in the page
(its latest vitals are the new entry, with the typed heart rate), it appends
``<entry id> vitals <hr>`` to ACKFILE, flushed and fsynced: what the nurse saw saved.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))


def main(url: str, ack_path: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from chairlog.services import accounts, open_app, views
    from chairlog.ui.app import apply_style, build_main_window
    from chairlog.ui.context import make_context
    from tests.reliability.helpers.dbs import PASSWORD

    qapp = QApplication(sys.argv[:1])
    apply_style(qapp)
    app = open_app(url)
    ctx = make_context(app)
    ctx.runner.fast_ms = 10_000  # a scripted window: every answer shown in the same event
    ctx.set_user(accounts.login(app, "nina", PASSWORD))
    window = build_main_window(ctx)
    window.show()
    page = window.open_session(views.board(app)[0].id)
    assert page is not None
    ack = open(ack_path, "a", encoding="utf-8")  # noqa: SIM115 (open until killed)
    counter = [os.getpid() % 50]

    def one_set() -> None:
        counter[0] += 1
        hr = 60 + counter[0] % 50
        before = page.view.latest_vitals
        for name, value in (("hr", hr), ("sbp", 122), ("dbp", 78), ("spo2", 97), ("rr", 15)):
            page.vitals.edits[name].setText(str(value))
        QTest.keyClick(page.vitals.edits["rr"], Qt.Key.Key_Return)
        last = page.view.latest_vitals
        if last is not None and last is not before and last.data["hr"] == hr:
            ack.write(f"{last.id} vitals {hr}\n")
            ack.flush()
            os.fsync(ack.fileno())

    timer = QTimer()
    timer.timeout.connect(one_set)
    timer.start(0)
    qapp.exec()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
