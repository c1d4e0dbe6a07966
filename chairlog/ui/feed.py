"""One change feed for the window: what changed, who changed it, and whether the server answers.

``ctx.feed.changed(change, initiator)`` fires on the UI thread once per change: ``change`` is a
:class:`Change` (what, id, and the session as committed when the service returned it);
``initiator`` is the QObject that ran the operation (a session page, a dialog) or None (another
workstation, a background listener such as the monitor receiver).

Decisions:
- Services announce each committed write through ``app.notify(entity, id)``. The feed is the
  one listener the window installs. A notification made while an operation of the runner runs
  is held on that operation and published when its result reaches the UI thread, carrying the
  ``SessionView`` the service returned: a view that shows that session uses it and reads
  nothing (this replaces the page's ``session_saved`` signal and the page's and board's
  "changed meanwhile" flags). A notification from another thread outside an operation is
  delivered by a queued signal; one made on the UI thread is published at once.
- **Other workstations** (``watch``): one timer (``ctx.settings.refresh_s``, 15 s) reads the
  audit chain's head off the UI thread (one read at a time, on its own short-lived thread, so
  neither lane waits for it); when it moved past what this workstation wrote, the feed
  publishes ``Change(REMOTE)``: the board and each open page re-read once. This replaces the
  board's and every page's own 15 s poller. A remote change immediately followed by one of
  ours (the head then ends on our record) is seen at the next change, or at once for the
  session we saved (its committed view includes it).
- **Reachability**: a head read not answered within ``UNANSWERED_S`` (3 s), a failed read, or
  an operation the runner failed as unreachable marks the server unreachable since that
  moment (``reachability(since)``); while so, the head is read every second, and the first
  answer clears it (``reachability(None)``) and publishes ``Change(REMOTE)`` so every view
  re-reads. The board keeps its clock, countdowns, alerts and chime from the last data read.
  Only for a database server (PostgreSQL): a SQLite file that cannot be read says so in the
  board's own banner, and a slow read on a loaded machine is no outage.
- ``ctx.events.data_changed(entity, id)`` is emitted from the same publication for screens
  that only need the entity name (admin, sign-off): one source, no second signal per commit.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from chairlog.domain import SessionView
from chairlog.services import Chairlog
from chairlog.services.audit_log import head_seq
from chairlog.ui.operations import Operation, OperationRunner, current_operation

log = logging.getLogger(__name__)

#: what a change names when another workstation changed something (anything may have changed)
REMOTE = "remote"
#: a head read not answered within this long marks the server unreachable
UNANSWERED_S = 3.0
#: how often the head is read while the server is unreachable
RETRY_MS = 1000


@dataclass(frozen=True)
class Change:
    """One committed change: ``what`` (session, patient, user, clinic, monitor, backup, audit,
    discharged, or ``REMOTE``), its id (0: not one record), and the session as committed when
    the service returned it."""

    what: str
    id: int = 0
    view: SessionView | None = None

    def names_session(self, session_id: int) -> bool:
        return self.what == REMOTE or (self.what == "session" and self.id in (0, session_id))


def _committed_view(op: Operation[Any], session_id: int) -> SessionView | None:
    """The session as committed, if the operation's result carries it."""
    if not op.future.done() or op.future.exception() is not None:
        return None
    result = op.future.result()
    view = result if isinstance(result, SessionView) else getattr(result, "session", None)
    return view if isinstance(view, SessionView) and view.id == session_id else None


class ChangeFeed(QObject):
    changed = Signal(object, object)  # Change, initiator (QObject | None)
    #: the time the server stopped answering, or None when it answers again
    reachability = Signal(object)
    _incoming = Signal(str, int)
    _head_read = Signal(object)  # int | None

    def __init__(self, app: Chairlog, runner: OperationRunner, *, refresh_s: int = 15,
                 legacy: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.runner = runner
        self.legacy = legacy  # UiEvents: its data_changed is emitted from each publication
        self.unreachable_since: datetime | None = None
        #: reachability is a server's: a SQLite file's failures show as the board's own banner
        self.networked = app.db.dialect != "sqlite"
        self.reads = 0
        self._held: dict[int, list[tuple[str, int]]] = {}
        self._seen: int | None = None
        self._reading_since: float | None = None
        self._lock = threading.Lock()
        self._incoming.connect(self._publish_plain, Qt.ConnectionType.QueuedConnection)
        self._head_read.connect(self._on_head, Qt.ConnectionType.QueuedConnection)
        runner.op_finished.connect(self._op_finished)
        runner.on_unreachable.append(self._op_unreachable)
        app.listeners.append(self._from_service)
        self.timer = QTimer(self)
        self.refresh_ms = max(1, refresh_s) * 1000
        self.timer.setInterval(self.refresh_ms)
        self.timer.timeout.connect(self.watch)
        self._answer = QTimer(self)
        self._answer.setInterval(250)
        self._answer.timeout.connect(self._check_unanswered)

    def start(self) -> None:
        """Start watching the audit head (the window calls this once)."""
        self.timer.start()
        self._answer.start()
        self.watch()

    def stop(self) -> None:
        self.timer.stop()
        self._answer.stop()
        if self._from_service in self.app.listeners:
            self.app.listeners.remove(self._from_service)

    # --- this workstation's changes ------------------------------------------------------------
    def _from_service(self, entity: str, entity_id: int | None) -> None:
        op = current_operation()
        if op is not None:
            with self._lock:
                self._held.setdefault(id(op), []).append((entity, entity_id or 0))
        elif threading.current_thread() is threading.main_thread():
            self.publish(Change(entity, entity_id or 0), None)
        else:
            self._incoming.emit(entity, entity_id or 0)

    def _publish_plain(self, entity: str, entity_id: int) -> None:
        self.publish(Change(entity, entity_id), None)

    def _op_finished(self, op: Operation[Any]) -> None:
        with self._lock:
            held = self._held.pop(id(op), [])
        if op.future.done() and op.future.exception() is None:
            # what the service's result says it changed (``ChartResult.changes``)
            held += [(c.what, c.id) for c in getattr(op.future.result(), "changes", ())]
        initiator = op.owner if op.owner_alive else None
        for entity, eid in dict.fromkeys(held):
            view = _committed_view(op, eid) if entity == "session" else None
            self.publish(Change(entity, eid, view), initiator)

    def publish(self, change: Change, initiator: QObject | None) -> None:
        self.changed.emit(change, initiator)
        if self.legacy is not None and change.what != REMOTE:
            self.legacy.data_changed.emit(change.what, change.id)

    # --- other workstations, and whether the server answers ------------------------------------
    def watch(self) -> None:
        """Read the audit head off the UI thread (one read at a time)."""
        if self._reading_since is not None:
            return
        self._reading_since = time.monotonic()
        threading.Thread(target=self._read_head, daemon=True, name="chairlog-feed").start()

    def _read_head(self) -> None:
        try:
            seq: int | None = head_seq(self.app)
        except Exception as exc:
            log.info("audit head read failed: %s", exc)
            seq = None
        self._head_read.emit(seq)

    def _on_head(self, seq: int | None) -> None:
        self._reading_since = None
        if seq is None:
            self._mark_unreachable()
            return
        self.reads += 1
        was_down = self.unreachable_since is not None
        if was_down:
            self.unreachable_since = None
            self.timer.setInterval(self.refresh_ms)
            self.reachability.emit(None)
        own = self.app.db.last_written[0] if self.app.db.last_written else None
        moved = self._seen is not None and seq != self._seen and seq != own
        self._seen = seq
        if moved or was_down:
            self.publish(Change(REMOTE), None)

    def _check_unanswered(self) -> None:
        started = self._reading_since
        if started is not None and time.monotonic() - started > UNANSWERED_S:
            self._mark_unreachable()

    def _op_unreachable(self, _op: Operation[Any], _exc: BaseException) -> bool:
        self._mark_unreachable()
        return False  # the feed only notes it; the operation's own handler still runs

    def _mark_unreachable(self) -> None:
        if self.networked and self.unreachable_since is None:
            self.unreachable_since = self.app.now()
            self.timer.setInterval(RETRY_MS)
            self.reachability.emit(self.unreachable_since)
