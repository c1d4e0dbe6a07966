"""The Qt binding itself: emitting signals must not corrupt Python's reference counts.

PySide6 6.12.0 releases a reference to ``True`` on every ``Signal.emit()``; on Python 3.11
(where True is not immortal) the window then aborts with "bool_dealloc" after a few hundred
signals — the board's clock alone emits one a second. pyproject keeps PySide6 below 6.12;
this test fails on any binding with the fault. It runs in a child process because the fault
aborts the interpreter."""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal

app = QCoreApplication([])

class Source(QObject):
    as_int = Signal(int)
    as_text_int = Signal(str, int)
    as_object = Signal(object)

class Sink(QObject):
    def __init__(self):
        super().__init__()
        self.calls = 0

    def slot(self, *args):
        self.calls += 1

src, sink = Source(), Sink()
for sig in (src.as_int, src.as_text_int, src.as_object):
    sig.connect(sink.slot)
before = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
payload = object()
for _ in range(2000):
    src.as_int.emit(1)
    src.as_text_int.emit("session", 7)
    src.as_object.emit(payload)
after = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
print(sink.calls, *(a - b for a, b in zip(after, before)))
"""


def test_six_thousand_signals_leave_reference_counts_alone() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    calls, d_true, d_false, d_none = (int(x) for x in done.stdout.split())
    assert calls == 6000
    assert abs(d_true) < 50 and abs(d_false) < 50 and abs(d_none) < 50, done.stdout
