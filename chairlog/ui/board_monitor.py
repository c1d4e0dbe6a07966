"""The board's bedside-monitor part: each tile's badge of its chair's newest monitor set, the
tile's Accept (chart the set as is) and Review (the dialog to edit, complete or reject it).

Decisions:
- Monitor messages can arrive several a second: the first change starts a 300 ms timer, and
  one read at a time runs off the UI thread; a burst while a read runs gives one more read,
  not a queue.
- A set the service refuses as it stands (a value missing, an implausible one) opens the
  review dialog for that chair, so the nurse completes it there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from chairlog.errors import ValidationError
from chairlog.ui.i18n import error_text, translate

if TYPE_CHECKING:
    from chairlog.ui.board import ChairBoard

#: the wait after the first monitor change before the board reads the newest sets
THROTTLE_MS = 300


class BoardMonitor(QObject):
    """Owned by the board; reads and shows the newest monitor sets on its tiles."""

    def __init__(self, board: ChairBoard) -> None:
        super().__init__(board)
        self.board = board
        #: the review dialog, while open (``ui.monitor_review.MonitorReviewDialog``)
        self.dialog: Any = None
        self._busy = False
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(THROTTLE_MS)
        self._timer.timeout.connect(self.load)

    def changed(self) -> None:
        """A monitor set arrived: read at most a few times a second however many send."""
        if not self._timer.isActive():
            self._timer.start()

    def load(self) -> None:
        """Read the newest set per session off the UI thread, one read at a time."""
        from chairlog.services import monitor

        if self._busy:
            self._dirty = True
            return
        self._busy, self._dirty = True, False
        ctx = self.board.ctx
        ctx.runner.interactive(self.board, monitor.newest_by_session, ctx.app).success(
            self._loaded).failure(self._failed)

    def _failed(self, _exc: BaseException) -> None:
        self._busy = False  # the badges stay as they were; the next change reads again

    def _loaded(self, newest: dict[int, Any]) -> None:
        self._busy = False
        self.show(newest)
        if self._dirty:
            self.load()

    def show(self, newest: dict[int, Any]) -> None:
        from chairlog.ui.session.monitor_panel import badge_text

        for chair_id, tile in self.board.tiles.items():
            v = self.board.views.get(chair_id)
            found = newest.get(v.id) if v is not None else None
            tile.set_monitor(badge_text(*found) if found else "",
                             found[0].id if found else 0)

    def accept(self, pending_id: int) -> None:
        """Chart the newest monitor set from the tile, as is, as the signed-in nurse's vitals
        (the same service as the session page's Accept); a set that needs the nurse (a value
        missing, an implausible one) says so and opens the review dialog to complete it."""
        from chairlog.services import monitor

        board = self.board
        app, user = board.ctx.app, board.ctx.user
        if user is None:
            return

        def done(_result: object) -> None:
            board.banner.clear_message()
            board.reload()
            self.load()

        chair = next((c for c, t in board.tiles.items() if t.monitor_pending_id == pending_id),
                     None)

        def failed(exc: BaseException) -> None:
            board.banner.show_message(
                translate("ChairBoard", "Monitor set not charted: {exc}").format(
                    exc=error_text(exc))
            )
            if isinstance(exc, ValidationError) and chair is not None:
                self.review(chair)  # complete or correct it there

        board.ctx.runner.interactive(board, monitor.validate_pending, app, user,
                                     pending_id).success(done).failure(failed)

    def review(self, chair_id: int) -> None:
        """The chair's newest monitor set in a dialog: edit, complete, reject, clear older."""
        from chairlog.ui.monitor_review import MonitorReviewDialog

        board = self.board
        v = board.views.get(chair_id)
        if v is None or board.ctx.user is None:
            return
        if self.dialog is not None:
            self.dialog.reject()
        dlg = MonitorReviewDialog(board.ctx, v, board.tz, board.window(),
                                  on_alerts=lambda a: board.acknowledge(a[0], v.chair.name))
        dlg.finished.connect(lambda _r, d=dlg: self._dialog_done(d))
        self.dialog = dlg
        dlg.open()

    def _dialog_done(self, dlg: Any) -> None:
        if self.dialog is dlg:
            self.dialog = None
        dlg.deleteLater()
