"""Python's cyclic garbage collector runs on the UI thread only, while the window's background
threads exist.

Why: the collector runs in whichever thread happens to allocate when a generation's threshold
is crossed. When it frees a cycle holding a Qt object (a widget, a signal connection) in a
background thread (the change feed's head read, an operation lane, the monitor listener), Qt
disconnects that object's signals from that thread: it takes Qt's connection mutex there and
then waits for the GIL, while the UI thread, holding the GIL, waits for the same mutex inside
a widget call. Both wait for ever. Seen once as a hung test run (py-spy --native: the feed
thread in ``QObject::disconnect`` → ``Shiboken::GilState::acquire``, the UI thread in
``QBasicMutex::lockInternal`` under ``QStackedLayout::insertWidget``).

Decisions:
- The usual remedy of PyQt/PySide applications: automatic collection off while any
  :class:`~chairlog.ui.operations.OperationRunner` lives (they own the background threads and
  are made and shut down on the UI thread), and a UI-thread timer that every
  :data:`INTERVAL_MS` runs the collection the collector would have run, by its own thresholds
  (``gc.get_count()`` against ``gc.get_threshold()``). Garbage without cycles is freed at once
  by reference counting, as before; cycles wait at most one interval.
- Held by count (:func:`hold` / :func:`release`): the window's runner and the offline board's
  may overlap. When the last is released, what is due is collected (on the UI thread) and
  automatic collection resumes, so code without an event loop (the command line, tests after
  a window test) is not left without a collector.
- Without a Qt application there is no UI thread to collect on and no widget to disconnect:
  nothing is changed. Holding and releasing happen on the UI thread only (the runners are
  made and shut down there), so the count needs no lock.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QThread, QTimer

INTERVAL_MS = 200

_holders = 0
_timer: QTimer | None = None
_was_enabled = True


def collect_due() -> int:
    """Run the collection CPython would run now (youngest generation past its threshold and
    each older one past its own); returns the generation collected, or -1 for none."""
    c0, c1, c2 = gc.get_count()
    t0, t1, t2 = gc.get_threshold()
    if t0 == 0 or c0 <= t0:
        return -1
    generation = 2 if c1 > t1 and c2 > t2 else 1 if c1 > t1 else 0
    gc.collect(generation)
    return generation


def _on_ui_thread(app: QCoreApplication) -> bool:
    return QThread.currentThread() is app.thread()


def hold() -> bool:
    """Automatic collection off, the UI-thread collector on (first holder). ``False`` (nothing
    held) without a Qt application or off the UI thread."""
    global _holders, _timer, _was_enabled
    app = QCoreApplication.instance()
    if app is None or not _on_ui_thread(app):
        return False
    _holders += 1
    if _holders == 1:
        _was_enabled = gc.isenabled()
        gc.disable()
        _timer = QTimer()
        _timer.setInterval(INTERVAL_MS)
        _timer.timeout.connect(collect_due)
        _timer.start()
    return True


def release() -> None:
    """The last holder gone: collect what is due here, and give collection back to Python."""
    global _holders, _timer
    if _holders == 0:
        return
    _holders -= 1
    if _holders:
        return
    timer, _timer = _timer, None
    if timer is not None:
        timer.stop()
        timer.deleteLater()
    collect_due()
    if _was_enabled:
        gc.enable()


def holders() -> int:
    return _holders
