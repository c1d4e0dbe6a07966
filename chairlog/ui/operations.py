"""One way to run a use case from the window: the typed operation runner and its two lanes.

``ctx.runner.interactive(owner, fn, *args, **kwargs)`` (or ``.maintenance(...)``) runs
``fn(*args, **kwargs)`` off the UI thread and returns an :class:`Operation` whose callbacks
(``.success``, ``.failure``, ``.on_conflict``, ``.on_limit``, ``.on_invalid``) run on the UI
thread. The arguments are checked by mypy against ``fn``'s own signature (``ParamSpec``).

Decisions:
- **Two lanes, one thread each.** *Interactive* (every save and read, sign-in password checks,
  the second clinician's check, signing, preview, a record's or a series' export) and
  *maintenance* (backups, the audit check, the audit trail's CSV export, the clock check): a
  whole-database backup never delays a signature. Only the interactive lane has a deadline
  (its work takes a second at most on a healthy server; maintenance work may take minutes).
  One thread per lane keeps each lane's writes in order; the database orders the two lanes'
  writes as it orders two workstations' (SQLite's BEGIN IMMEDIATE, the audit chain's lock).
- **Owned.** Every operation has an owner (a widget or QObject). When the owner is destroyed
  before the work finishes, its callbacks are dropped: nothing reaches a closed dialog.
- **One place for failures** (:meth:`OperationRunner._classify`): a ``ConflictError`` goes to
  ``on_conflict``, a ``LimitExceeded`` to ``on_limit`` (the override question), a
  ``ValidationError`` to ``on_invalid``, each falling back to ``failure``; an unexpected
  exception is logged with its traceback and goes to ``failure`` (or to the crash dialog when
  the caller gave none).
- **Server unreachable** (:meth:`OperationRunner.unreachable`): a storage failure that says the
  server cannot be reached, or an operation not answered within ``deadline_s``, passes through
  this single method before the operation's own ``failure``. Its hook ``on_unreachable``
  (a list of callables taking the operation and the error) is where the outbox takes such a
  save over; with no hook the save fails with :data:`UNREACHABLE_MESSAGE` and the typed values
  stay in the form.
- **A hung server does not wedge a lane.** A PostgreSQL server whose processes are stopped
  answers nothing and trips none of libpq's timeouts. An interactive operation still running
  after ``deadline_s`` (the statement timeout plus a margin) is failed as unreachable, its
  worker thread is retired (left to finish on its own, its result dropped) and a fresh thread
  serves the lane. When the server resumes, the retired call's transaction is rolled back
  before its commit (``may_commit``, installed as the database's commit guard), so "NOT saved"
  stays true; only a server stopped during the COMMIT itself can still commit it, and the
  change feed then shows the entry like any other change.
- **Fast results at once** (:meth:`Operation.wait_briefly`): a caller that wants the old
  synchronous feel (a charting save, a few ms on SQLite) may wait up to ``FAST_MS`` (40 ms) on
  the UI thread; a result ready by then is delivered in the same event, otherwise it arrives
  later by the queued signal. The UI thread never waits longer than that.
- **Busy.** ``.busy(widgets, label, text)`` disables the widgets, shows the label and a busy
  cursor until the answer (or the owner's destruction).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Generic, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from shiboken6 import isValid

from chairlog.errors import (
    ChairlogError,
    ConflictError,
    LimitExceeded,
    StorageError,
    ValidationError,
)
from chairlog.ui import gc_guard
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

#: how long a caller may wait on the UI thread for a fast result (see ``wait_briefly``)
FAST_MS = 40
UNREACHABLE_MESSAGE = QT_TRANSLATE_NOOP(
    "words",
    "The clinic database server is not answering: this was NOT saved. "
    "What you typed is kept — save again when the server is back.",
)


class Lane(Enum):
    INTERACTIVE = "interactive"
    MAINTENANCE = "maintenance"


class ServerUnreachable(StorageError):
    """The database did not answer within the operation's deadline."""


def is_unreachable(exc: BaseException) -> bool:
    """A failure meaning the server cannot be reached (not a refusal of the data)."""
    if isinstance(exc, ServerUnreachable):
        return True
    text = str(exc).lower()
    return isinstance(exc, StorageError) and ("cannot be reached" in text
                                              or "not answering" in text)


#: the operation being run on this worker thread (the change feed reads it: ``initiator``)
_current = threading.local()


def current_operation() -> Operation[Any] | None:
    return getattr(_current, "op", None)


def may_commit() -> bool:
    """The database's commit guard (``Database.commit_guard``): False for an operation already
    failed as unreachable, so that the server answering late cannot commit a save the nurse
    was told was not saved."""
    op = current_operation()
    return op is None or not op.timed_out


class _Worker:
    """One lane's thread: takes jobs from the lane's queue until retired."""

    def __init__(self, lane: _LaneQueue) -> None:
        self.lane = lane
        self.retired = False
        #: (the operation running, since when): one attribute, replaced whole, so the UI
        #: thread's deadline check never pairs one job's start with another job
        self.current: tuple[Operation[Any], float] | None = None
        self.thread = threading.Thread(target=self._loop, daemon=True,
                                       name=f"chairlog-{lane.lane.value}")
        self.thread.start()

    def _loop(self) -> None:
        while not self.retired:
            item = self.lane.jobs.get()
            if item is None:
                return
            op, job = item
            self.current = (op, time.monotonic())
            _current.op = op
            try:
                op.future.set_result(job())
            except BaseException as exc:
                op.future.set_exception(exc)
            finally:
                _current.op = None
                self.current = None


@dataclass
class _LaneQueue:
    lane: Lane
    jobs: queue.SimpleQueue[tuple[Operation[Any], Callable[[], Any]] | None] = field(
        default_factory=queue.SimpleQueue)
    worker: _Worker | None = None

    def start(self) -> None:
        self.worker = _Worker(self)

    def replace_worker(self) -> None:
        """Retire a worker stuck on a hung server; a fresh one serves the queue."""
        if self.worker is not None:
            self.worker.retired = True
        self.start()


class Operation(Generic[R]):
    """One call, its owner and its callbacks. Built by :class:`OperationRunner`."""

    def __init__(self, runner: OperationRunner, owner: QObject, lane: Lane, label: str) -> None:
        self.runner = runner
        self.lane = lane
        self.label = label
        self.future: Future[R] = Future()
        self.owner_alive = True
        self.done = False
        self.timed_out = False
        self.published = False
        #: the failure delivered when the deadline passed (``ServerUnreachable``)
        self.error: BaseException | None = None
        #: (fn, args, kwargs) as started
        self.call: tuple[Callable[..., R], tuple[Any, ...], dict[str, Any]] | None = None
        self.owner = owner
        self._ok: Callable[[R], None] | None = None
        self._fail: Callable[[BaseException], None] | None = None
        self._conflict: Callable[[ConflictError], None] | None = None
        self._limit: Callable[[LimitExceeded], None] | None = None
        self._invalid: Callable[[ValidationError], None] | None = None
        self._busy_end: Callable[[], None] | None = None
        self._always: list[Callable[[], None]] = []
        owner.destroyed.connect(self._owner_gone)

    # --- callbacks (chained) ---------------------------------------------------------------
    def success(self, fn: Callable[[R], None]) -> Operation[R]:
        self._ok = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> Operation[R]:
        self._fail = fn
        return self

    def on_conflict(self, fn: Callable[[ConflictError], None]) -> Operation[R]:
        self._conflict = fn
        return self

    def on_limit(self, fn: Callable[[LimitExceeded], None]) -> Operation[R]:
        self._limit = fn
        return self

    def on_invalid(self, fn: Callable[[ValidationError], None]) -> Operation[R]:
        self._invalid = fn
        return self

    def always(self, fn: Callable[[], None]) -> Operation[R]:
        """``fn()`` once the answer is delivered (or the deadline passed), before the other
        callbacks, even when the owner is gone."""
        self._always.append(fn)
        return self

    def busy(self, widgets: Iterable[QWidget], label: QLabel | None = None,
             text: str = "") -> Operation[R]:
        """Disable ``widgets`` and show ``text`` (and a busy cursor) until the answer."""
        text = text or translate("Operation", "Working…")
        if self.done:
            return self
        ws = list(widgets)
        for w in ws:
            w.setEnabled(False)
        if label is not None:
            label.setText(text)
            label.show()
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

        def end() -> None:
            QApplication.restoreOverrideCursor()
            for w in ws:
                if isValid(w):
                    w.setEnabled(True)
            if label is not None and isValid(label):
                label.hide()
        self._busy_end = end
        return self

    def wait_briefly(self, ms: int | None = None) -> bool:
        """Deliver now if the result is ready within ``ms`` (default: the runner's
        ``fast_ms``); True when delivered."""
        wait = self.runner.fast_ms if ms is None else ms
        try:
            self.future.exception(timeout=wait / 1000)
        except TimeoutError:
            return False
        self.runner._deliver(self)
        return True

    def succeeded(self) -> bool:
        """Answered, in time, without an exception."""
        return (self.future.done() and not self.timed_out
                and self.future.exception() is None)

    def _owner_gone(self, *_args: object) -> None:
        self.owner_alive = False


class OperationRunner(QObject):
    """The window's background work: two lanes, results delivered on the UI thread."""

    #: how long ``Operation.wait_briefly`` waits on the UI thread (tests that drive forms
    #: keystroke by keystroke raise it, so that they stay deterministic on a loaded machine)
    fast_ms = FAST_MS
    _finished = Signal(object)
    #: every operation whose work ended, on the UI thread, before its callbacks (the change
    #: feed publishes what it changed); also for a dropped owner or a late answer
    op_finished = Signal(object)

    def __init__(self, parent: QObject | None = None, *, deadline_s: float = 20.0) -> None:
        super().__init__(parent)
        #: an interactive operation not answered after this long is failed as unreachable
        self.deadline_s = deadline_s
        #: hooks for a "server unreachable" failure: fn(operation, error) → True if taken over
        self.on_unreachable: list[Callable[[Operation[Any], BaseException], bool]] = []
        self.pending = 0
        self._lanes = {lane: _LaneQueue(lane) for lane in Lane}
        for q in self._lanes.values():
            q.start()
        self._live: set[Operation[Any]] = set()
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(500)
        self._watchdog.timeout.connect(self._check_deadlines)
        self._watchdog.start()
        self._closed = False
        #: Python's cycle collector runs on the UI thread while these lanes' threads exist
        #: (``chairlog.ui.gc_guard``: a collection in a lane's thread can deadlock with Qt)
        self._gc_held = gc_guard.hold()

    # --- starting --------------------------------------------------------------------------
    def interactive(self, owner: QObject, fn: Callable[P, R], *args: P.args,
                    **kwargs: P.kwargs) -> Operation[R]:
        """Run ``fn(*args, **kwargs)`` on the interactive lane for ``owner``."""
        return self._start(Lane.INTERACTIVE, owner, fn, args, kwargs)

    def maintenance(self, owner: QObject, fn: Callable[P, R], *args: P.args,
                    **kwargs: P.kwargs) -> Operation[R]:
        """Run ``fn(*args, **kwargs)`` on the maintenance lane (backups, checks)."""
        return self._start(Lane.MAINTENANCE, owner, fn, args, kwargs)

    def _start(self, lane: Lane, owner: QObject, fn: Callable[..., R], args: tuple[Any, ...],
               kwargs: dict[str, Any]) -> Operation[R]:
        op: Operation[R] = Operation(self, owner, lane, getattr(fn, "__name__", "call"))
        #: the call itself, for an ``on_unreachable`` hook that keeps it to replay (the outbox)
        op.call = (fn, args, kwargs)
        if self._closed:
            # the window is closing (a late timer or queued change asked for a read): the
            # operation never runs and never calls back
            log.debug("%s not started: the window is closing", op.label)
            op.done = True
            return op
        self.pending += 1
        self._live.add(op)
        op.future.add_done_callback(lambda _f: self._finished.emit(op))
        self._lanes[lane].jobs.put((op, lambda: fn(*args, **kwargs)))
        return op

    # --- delivering ------------------------------------------------------------------------
    def _deliver(self, op: Operation[Any]) -> None:
        if op.future.done() and not op.published:
            op.published = True
            if op.timed_out and op.future.exception() is None:
                log.warning("%s answered after its deadline (the server was slow); its "
                            "change is shown by the change feed", op.label)
            self.op_finished.emit(op)
        if op.done:
            return
        op.done = True
        self.pending -= 1
        self._live.discard(op)
        if op._busy_end is not None:
            op._busy_end()
        for fn in op._always:
            fn()
        if not op.owner_alive or not isValid(op.owner):
            return  # the dialog or page that asked is gone: nothing to show
        exc = op.error if op.timed_out else op.future.exception()
        if exc is None:
            if op._ok is not None:
                op._ok(op.future.result())
            return
        self._classify(op, exc)

    def _classify(self, op: Operation[Any], exc: BaseException) -> None:
        """The one place a failure is sorted (see the module's decisions)."""
        if is_unreachable(exc) and self.unreachable(op, exc):
            return
        if isinstance(exc, ConflictError) and op._conflict is not None:
            op._conflict(exc)
        elif isinstance(exc, LimitExceeded) and op._limit is not None:
            op._limit(exc)
        elif isinstance(exc, ValidationError) and op._invalid is not None:
            op._invalid(exc)
        elif op._fail is not None:
            if not isinstance(exc, ChairlogError):
                log.error("background operation %s failed", op.label, exc_info=exc)
            op._fail(exc)
        else:
            raise exc

    def unreachable(self, op: Operation[Any], exc: BaseException) -> bool:
        """A "server unreachable" failure: offered to each ``on_unreachable`` hook (the outbox
        queues a charting save there and returns True); False lets the operation's own failure
        handler say :data:`UNREACHABLE_MESSAGE`."""
        log.warning("%s: database server unreachable: %s", op.label, exc)
        return any(hook(op, exc) for hook in list(self.on_unreachable))

    def _check_deadlines(self) -> None:
        now = time.monotonic()
        for q in self._lanes.values():
            running = q.worker.current if q.worker is not None else None
            if running is None or running[0].done or q.lane is not Lane.INTERACTIVE:
                continue
            op, since = running
            if now - since > self.deadline_s and not op.future.done():
                op.timed_out = True
                op.error = ServerUnreachable(UNREACHABLE_MESSAGE)
                q.replace_worker()
                self._deliver(op)

    # --- ending ----------------------------------------------------------------------------
    def idle(self) -> bool:
        return self.pending == 0

    def shutdown(self, timeout_s: float = 30.0) -> None:
        """No new work; wait (bounded) for what runs, then stop the lanes' threads."""
        self._closed = True
        self._watchdog.stop()
        for q in self._lanes.values():
            q.jobs.put(None)
        deadline = time.monotonic() + timeout_s
        for q in self._lanes.values():
            if q.worker is not None:
                q.worker.thread.join(max(0.0, deadline - time.monotonic()))
        if self._gc_held:
            self._gc_held = False
            gc_guard.release()
