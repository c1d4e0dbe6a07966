"""The window's side of the outbox: the charting call the session page makes, and the banner
that shows how many entries wait on this workstation and which were refused on replay.

Decisions:
- One ``Outbox`` per open database, made on first use (``outbox_for``); the session page's
  ``submit`` calls ``charting_call`` instead of the service, which returns the service's result
  or, when the entry was kept here, a ``Provisional`` one (the form clears and says so).
- The banner reads the counts from the local outbox file (a local SQLite read, well under a
  millisecond) and replays every ``REPLAY_S`` seconds while entries wait, as the signed-in
  nurse, on the window's interactive lane (``ctx.runner``, in order with the saves): the UI
  thread never waits for the server. Entries of another nurse wait until she signs in here
  (``outbox.gateway``).
- Shown only while something waits or was refused: amber "N entries saved on this
  workstation — not yet on the server", red "K refused on replay — resolve…" (opens the list).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from chairlog.outbox import QUEUED_WORDS, Outbox, ReplayReport, waiting_words
from chairlog.outbox.provisional import Provisional, provisional
from chairlog.outbox.usecases import by_function
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import translate

log = logging.getLogger(__name__)
REPLAY_S = 15
_OUTBOXES: dict[int, tuple[Any, Outbox]] = {}


def outbox_for(ctx: UiContext) -> Outbox:
    """The outbox of the window's open database (one per ``Chairlog``)."""
    held = _OUTBOXES.get(id(ctx.app))
    if held is None or held[0] is not ctx.app:
        held = (ctx.app, Outbox(ctx.app))
        _OUTBOXES[id(ctx.app)] = held
    return held[1]


def charting_call(ctx: UiContext, fn: Callable[..., Any], user: Any, *args: Any,
                  session_id: int, **kwargs: Any) -> Any:
    """``fn(app, user, *args, **kwargs)`` through the outbox: the service's result, or a
    ``Provisional`` result when the server could not be reached and the entry was kept."""
    box = outbox_for(ctx)
    outcome = box.call(fn, user, *args, session_id=session_id, **kwargs)
    if not outcome.queued:
        return outcome.result
    uc = by_function(fn)
    name = uc.name if uc is not None else "add_note"
    charted = datetime.fromisoformat(outcome.charted_at) if outcome.charted_at else ctx.app.now()
    return provisional(outcome, name, user, session_id, charted, ctx.app.now())


class OutboxBanner(QWidget):
    """The count of entries waiting here, and the entries refused on replay."""

    replayed = Signal(object)  # ReplayReport
    #: the outbox changed (emitted from whichever thread changed it; delivered on the UI's)
    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.box = outbox_for(ctx)
        self.setObjectName("outboxBanner")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        self.label = QLabel()
        self.label.setObjectName("outboxWaiting")
        self.conflicts_button = QPushButton()
        self.conflicts_button.setObjectName("outboxConflicts")
        self.conflicts_button.clicked.connect(lambda: self.show_conflicts(None))
        row.addWidget(self.label)
        row.addWidget(self.conflicts_button)
        row.addStretch(1)
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(REPLAY_S * 1000)
        self.timer.timeout.connect(self.try_replay)
        self.timer.start()
        self.box.listeners.append(self.changed.emit)
        self.changed.connect(self.refresh)
        self.replayed.connect(lambda _r: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        waiting = self.box.waiting()
        refused = len(self.box.conflicts())
        self.label.setText(f"{waiting_words(waiting)}: {QUEUED_WORDS}" if waiting else "")
        self.label.setVisible(bool(waiting))
        self.conflicts_button.setText(
            translate(
                "OutboxBanner", "{refused} refused by the server on replay — resolve…"
            ).format(refused=refused)
        )
        self.conflicts_button.setVisible(bool(refused))
        self.setVisible(bool(waiting or refused))

    def try_replay(self) -> None:
        user = self.ctx.user
        if self._busy or user is None or self.box.waiting() == 0:
            return
        self._busy = True

        def done(report: ReplayReport) -> None:
            self._busy = False
            log.info("outbox replay: %s", report.line())
            self.replayed.emit(report)

        def failed(exc: BaseException) -> None:
            self._busy = False
            log.warning("outbox replay failed: %s", exc)
            self.refresh()

        self.ctx.runner.interactive(self, self.box.replay, [user]).success(done).failure(failed)

    def show_conflicts(self, session_id: int | None) -> None:
        from chairlog.ui.outbox_conflicts import ConflictsDialog

        dlg = ConflictsDialog(self.ctx, self.box, session_id, self)
        dlg.finished.connect(lambda _r: self.refresh())
        dlg.open()


__all__ = ["OutboxBanner", "Provisional", "charting_call", "outbox_for"]
