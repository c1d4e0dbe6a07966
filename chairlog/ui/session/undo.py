"""The undo bar beside the saved-banner: "Undo (Ctrl+Z) 10 s", counting down.

Any entry the signed-in nurse has just charted can be taken back for 10 seconds — a stray tap
on a score, a vitals set typed into the wrong chair. Undo does not erase: it marks the entry
"entered in error" with the reason "undone at once" through the same service as the
timeline's *Entered in error…* (``corrections.mark_entered_in_error``), as the same nurse, so
the record and the audit trail show what happened.

Decisions:
- The bar listens to the change feed (``ctx.feed.changed``: the committed session after
  every save) rather than to each form: the newest entry of this session (highest id) is the
  one just saved when it is active, was charted by the signed-in user a moment ago and is not
  a correction. A save from any panel or dialog is covered without touching it.
- Entries that changed the session's state (start, pause, resume, stop, discharge) cannot be
  marked entered in error (README "Entries are never erased"): no undo is offered for them.
- The 10 s are measured on a monotonic clock (``time.monotonic``), not the wall clock; a
  change of signed-in user (the lock screen's handover) takes the offer away.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QWidget

from chairlog.domain import EntryView, SessionView
from chairlog.services import corrections
from chairlog.ui.i18n import entry_text, translate

from .style import TOUCH_PX
from .timeline import can_mark_in_error

if TYPE_CHECKING:
    from .page import SessionPage

UNDO_SECONDS = 10
UNDO_REASON = "undone at once"


def undoable(entry: EntryView) -> bool:
    """An entry that ``mark_entered_in_error`` accepts: active, not a correction, and one that
    did not change the session's state."""
    return entry.active and entry.supersedes_id is None and can_mark_in_error(entry)


class UndoButton(QPushButton):
    """The button with its countdown; hidden while nothing can be undone."""

    def __init__(self, page: SessionPage, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.page = page
        self.clock = clock
        self.setObjectName("undo")
        self.setMinimumHeight(TOUCH_PX)
        self.setAccessibleName(translate("UndoButton", "Undo the entry just saved"))
        self.setAccessibleDescription(
            translate(
                "UndoButton",
                "Marks the entry just saved as entered in error ('{UNDO_REASON}'); offered for "
                "{UNDO_SECONDS} seconds",
            ).format(UNDO_REASON=UNDO_REASON, UNDO_SECONDS=UNDO_SECONDS)
        )
        self.entry: EntryView | None = None
        self._until = 0.0
        self._user_id: int | None = None
        self.ticker = QTimer(self)
        self.ticker.setInterval(250)
        self.ticker.timeout.connect(self.tick)
        self.clicked.connect(self.undo)
        self.undo_key = QShortcut(QKeySequence("Ctrl+Z"), page)
        self.undo_key.setContext(Qt.ShortcutContext.WindowShortcut)
        self.undo_key.activated.connect(self.undo)
        page.ctx.feed.changed.connect(self._on_change)
        page.ctx.events.user_changed.connect(lambda _u: self.withdraw())
        self.hide()

    def _on_change(self, change: Any, initiator: Any) -> None:
        """A save made on this page (by it or a dialog it opened), as committed."""
        if change.view is None or initiator is None:
            return
        if initiator is self.page or (isinstance(initiator, QWidget)
                                      and self.page.isAncestorOf(initiator)):
            self.saved(change.view)

    def saved(self, view: Any) -> None:
        if not isinstance(view, SessionView) or view.id != self.page.session_id:
            return
        user = self.page.ctx.user
        newest = max(view.entries, key=lambda e: e.id, default=None)
        if newest is None or user is None or newest.user_id != user.id or not undoable(newest):
            if self.entry is not None and newest is not None and newest.id == self.entry.id:
                self.withdraw()  # the entry offered was itself undone or changed
            return
        if self.entry is not None and newest.id == self.entry.id:
            self.entry = newest  # same entry (e.g. another save of the page): keep the clock
            return
        self.entry = newest
        self._user_id = user.id
        self._until = self.clock() + UNDO_SECONDS
        self.ticker.start()
        self.tick()
        self.show()

    def remaining_s(self) -> int:
        return max(0, int(self._until - self.clock() + 0.999))

    def tick(self) -> None:
        left = self.remaining_s()
        if self.entry is None or left <= 0:
            self.withdraw()
            return
        self.setText(translate("UndoButton", "Undo  (Ctrl+Z)  {left} s").format(left=left))
        self.setToolTip(
            translate(
                "UndoButton", "Undo: {summary} — marked entered in error, reason '{UNDO_REASON}'"
            ).format(summary=entry_text(self.entry, self.page.units), UNDO_REASON=UNDO_REASON)
        )

    def withdraw(self) -> None:
        self.entry = None
        self.ticker.stop()
        self.hide()

    def undo(self) -> None:
        entry = self.entry
        user = self.page.ctx.user
        if entry is None or self.remaining_s() <= 0 or user is None or user.id != self._user_id:
            self.withdraw()
            return
        self.withdraw()
        self.page.submit(
            corrections.mark_entered_in_error,
            entry.id,
            UNDO_REASON,
            version=entry.version,
            on_success=lambda _r: self.page.say(
                translate(
                    "UndoButton",
                    "Undone: {summary} — kept struck through as entered in error ({UNDO_REASON})",
                ).format(summary=entry_text(entry, self.page.units), UNDO_REASON=UNDO_REASON),
                "info",
            ),
        )
