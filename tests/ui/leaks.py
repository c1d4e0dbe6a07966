"""What a window test leaves behind: top-level widgets still alive and threads still running.

:func:`baseline` notes what exists before a test; :func:`check` is called after it (by the
``ui_context`` fixture's teardown, ``tests/ui/conftest.py``, once every context it made is shut
down) and raises :class:`Leaked` naming each widget class and thread that the test left.

Decisions:
- **Widgets.** A top-level widget (``QApplication.topLevelWidgets()``: every window, also a
  hidden dialog) that did not exist before the test and is still alive once the deferred
  deletions are done (``sendPostedEvents(None, DeferredDelete)``: a closed widget handed to
  ``qtbot`` is deleted that way) is a leak, visible or not. Only when one is found is the
  garbage collector run and the check repeated, so a widget kept by a reference cycle that
  Python frees anyway is not reported and a clean test pays nothing for it. Identity is the
  C++ address, read when the baseline is taken (a Python wrapper may be a fresh object each
  time Qt hands the widget out).
- **Threads.** A Python thread started during the test (``threading.enumerate()``) that is
  still running after a bounded wait (``wait_s``: the change feed's last audit-head read, a
  lane's last job) is a leak, and so is a Qt thread-pool thread still busy
  (``QThreadPool.globalInstance().activeThreadCount()`` above its level before). Dummy thread
  objects (threads Python did not start, seen once they called into Python) are left out:
  Python never removes them, and the thread-pool count covers Qt's own workers.
- **After a failure the leaked widgets are closed and deleted**, so that the next test starts
  from a clean application; a thread cannot be stopped from outside, so it is only named.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import getCppPointer, isValid

from chairlog.domain import UserInfo
from chairlog.services import Chairlog
from chairlog.ui.context import UiContext, UiSettings, make_context

#: how long the threads a test started may take to end once its contexts are shut down
THREAD_WAIT_S = 5.0


class Leaked(AssertionError):
    """A test left top-level widgets alive or threads running."""


@dataclass(frozen=True)
class Baseline:
    widgets: frozenset[int]
    threads: frozenset[threading.Thread]
    pool_active: int


def _address(w: QWidget) -> int:
    return int(getCppPointer(w)[0])


def baseline() -> Baseline:
    """What exists now: top-level widgets, running threads, busy thread-pool threads."""
    settle_deletions()
    return Baseline(
        widgets=frozenset(_address(w) for w in QApplication.topLevelWidgets()),
        threads=frozenset(threading.enumerate()),
        pool_active=QThreadPool.globalInstance().activeThreadCount(),
    )


def settle_deletions() -> None:
    """Run the deferred deletions (``deleteLater``) and the events they post."""
    if QCoreApplication.instance() is None:
        return
    for _ in range(3):  # a deletion may post further deletions (a window's children)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def new_widgets(before: Baseline) -> list[QWidget]:
    """Top-level widgets alive now that were not there at ``before``."""
    settle_deletions()
    found = [w for w in QApplication.topLevelWidgets()
             if isValid(w) and _address(w) not in before.widgets]
    if found:  # a reference cycle may hold them: collect, then look again
        del found
        gc.collect()
        settle_deletions()
        found = [w for w in QApplication.topLevelWidgets()
                 if isValid(w) and _address(w) not in before.widgets]
    return found


def new_threads(before: Baseline,
                wait_s: float = THREAD_WAIT_S) -> tuple[list[threading.Thread], int]:
    """Threads started since ``before`` still running after waiting up to ``wait_s``, and how
    many Qt thread-pool threads are busy beyond the count at ``before``."""
    pool = QThreadPool.globalInstance()
    deadline = time.monotonic() + wait_s
    while True:
        running = [t for t in threading.enumerate()
                   if t not in before.threads and t.is_alive()
                   and not isinstance(t, threading._DummyThread)]
        extra = max(0, pool.activeThreadCount() - before.pool_active)
        if (not running and not extra) or time.monotonic() >= deadline:
            return running, extra
        QCoreApplication.processEvents()  # a thread may wait for the UI thread's answer
        time.sleep(0.01)


def describe(w: QWidget) -> str:
    """'MainWindow (visible, "chairlog — Test Clinic")': the class Qt knows it by (a Python
    subclass's own name), whether it shows, and its title, object name or text when it has
    one."""
    name = w.metaObject().className()
    words = [("visible" if w.isVisible() else "hidden")]
    text = getattr(w, "text", None)
    label = w.windowTitle() or w.objectName() or (text() if callable(text) else "")
    if len(label) > 40:
        label = label[:39] + "…"
    if label:
        words.append(repr(label))
    return f"{name} ({', '.join(words)})"


def check(before: Baseline, *, wait_s: float = THREAD_WAIT_S,
          known_threads: Iterable[tuple[str, threading.Thread]] = ()) -> None:
    """Raise :class:`Leaked` if widgets or threads made since ``before`` are still there.
    ``known_threads`` are (owner, thread) pairs named with their owner in the message (a UI
    context's lane workers)."""
    threads, pool_extra = new_threads(before, wait_s)
    widgets = new_widgets(before)
    if not (threads or pool_extra or widgets):
        return
    owners = {t: owner for owner, t in known_threads}
    lines = []
    if widgets:
        lines.append("top-level widgets left alive: " + ", ".join(describe(w) for w in widgets))
    if threads:
        lines.append(f"threads still running after {wait_s:g} s: " + ", ".join(
            f"{t.name}" + (f" ({owners[t]})" if t in owners else "") for t in threads))
    if pool_extra:
        lines.append(f"Qt thread-pool threads still busy after {wait_s:g} s: {pool_extra}")
    for w in widgets:  # the next test starts clean
        w.close()
        w.deleteLater()
    del widgets
    settle_deletions()
    raise Leaked("; ".join(lines))


class UiContexts:
    """The ``ui_context`` fixture's factory: ``ui_context(app=None, *, user=None, demo=False,
    settings=None)`` makes a UI context (``chairlog.ui.context.make_context``) on ``app`` (by
    default the test's ``clinic``), signed in as ``user`` when one is given. :meth:`finish`
    shuts every context down, last made first, then runs :func:`check`."""

    def __init__(self, default_app: Chairlog | None = None) -> None:
        self.default_app = default_app
        self.made: list[UiContext] = []
        self.before = baseline()

    def __call__(self, app: Chairlog | None = None, *, user: UserInfo | None = None,
                 demo: bool = False, settings: UiSettings | None = None) -> UiContext:
        target = app if app is not None else self.default_app
        if target is None:
            raise RuntimeError("ui_context: pass the app, or ask for the clinic fixture")
        ctx = make_context(target, demo=demo, settings=settings)
        self.made.append(ctx)
        if user is not None:
            ctx.set_user(user)
        return ctx

    def lane_threads(self) -> list[tuple[str, threading.Thread]]:
        """(owner, thread) for every lane worker of the contexts made (the current ones; a
        worker retired on a hung server is seen by :func:`check` as any other thread)."""
        out = []
        for i, ctx in enumerate(self.made, 1):
            for lane, q in ctx.runner._lanes.items():
                if q.worker is not None:
                    out.append((f"UI context {i}'s {lane.value} lane", q.worker.thread))
        return out

    def finish(self, *, wait_s: float = THREAD_WAIT_S) -> None:
        """Shut the contexts down (last made first; a context the test shut down itself is
        shut down again, which does nothing), then check for leaks."""
        errors: list[BaseException] = []
        for ctx in reversed(self.made):
            try:
                ctx.shutdown()
            except Exception as exc:  # the others are still shut down
                errors.append(exc)
        known = self.lane_threads()
        self.made.clear()
        try:
            check(self.before, wait_s=wait_s, known_threads=known)
        finally:
            if errors:  # the cause of any leak found: raised last, the leak as its context
                raise errors[0]
