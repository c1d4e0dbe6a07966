"""The chair board: one tile per active chair, in a grid that fits the window.

Decisions:
- Two clocks: every second ``tick`` recomputes every figure from the cached ``SessionView``s
  and ``app.now()`` — no database query per tick. The database is read only through the
  operation runner, off the UI thread (``read_board``: one read at a time), after each change
  the change feed publishes (``ctx.feed.changed``: this workstation's writes, coalesced so a
  burst costs one read, and other workstations' changes seen on the audit head). A change
  that carries the session as committed and keeps it on its chair is shown without a read; a
  change to sessions already on the board re-reads only those; anything else (a session
  starting or leaving its chair, chairs, clinic, protocols) reads everything.
- A database that cannot be read keeps the last figures on screen under a red banner (the
  timers, countdowns, alerts and chime keep running from the stored timestamps) rather than
  blanking the board. While the feed finds the server unreachable the banner says "Server
  unreachable since HH:MM — showing the last data read"; it clears at the first answer.
- Tiles raise signals; the main window decides what "open a session" and "start a session"
  mean. Acknowledging an alert happens here (a dialog, then a reload).
- The grid fits the window: full tiles (2×2 for up to four chairs, up to four across for
  more) while the viewport shows at least four chairs' tiles whole (or every chair, when
  fewer); on a shorter screen (1366×768, 1920×1080 at 150 %) the tiles turn compact and stand
  four across, so four chairs are in view at once; more chairs scroll.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from chairlog.clinical.readouts import Due
from chairlog.clinical.states import ACTIVE_STATES
from chairlog.domain import AlertView, ChairInfo, SessionView
from chairlog.errors import ChairlogError
from chairlog.services import Chairlog, accounts, protocols, views
from chairlog.services.results import SESSION_DISCHARGED
from chairlog.ui import tokens
from chairlog.ui.board_monitor import BoardMonitor
from chairlog.ui.context import UiContext
from chairlog.ui.feed import Change
from chairlog.ui.i18n import clock_date, error_text, translate
from chairlog.ui.offline_board import remember_board
from chairlog.ui.reminders import ReminderBell
from chairlog.ui.tile import FULL_MIN_SIZE, ChairTile
from chairlog.ui.tile_figures import TileFigures
from chairlog.ui.widgets import AlertAckDialog, ErrorBanner, big_font

TILE_MIN_WIDTH = 470
#: a compact tile's least width (four across at 1280 logical px)
COMPACT_TILE_WIDTH = 280
GRID_SPACING = 14
COMPACT_SPACING = 8
#: the chairs the board keeps in view at once, when it has that many
IN_VIEW = 4

#: what one board read returns: chairs, running sessions, the clinic's time zone and the
#: newest monitor set per session (None when that read failed: badges stay as they were)
BoardData = tuple[list[ChairInfo], list[SessionView], str, dict[int, Any] | None]

log = logging.getLogger(__name__)


def read_board(app: Chairlog) -> BoardData:
    """Everything the board shows, read in one operation off the UI thread."""
    from chairlog.services import monitor

    chairs = protocols.list_chairs(app)
    running = views.board(app)
    zone = accounts.get_clinic(app).timezone
    try:
        newest: dict[int, Any] | None = monitor.newest_by_session(app)
    except ChairlogError:
        newest = None
    return chairs, running, zone, newest


class ChairBoard(QWidget):
    open_session = Signal(int)  # session id
    start_session = Signal(int)  # chair id
    ticked = Signal()
    reloaded = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None,
                 bell: ReminderBell | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bell = bell or ReminderBell(ctx, self)
        self.chairs: list[ChairInfo] = []
        self.views: dict[int, SessionView] = {}  # chair id → running session
        self.tiles: dict[int, ChairTile] = {}
        self.tz = ZoneInfo("UTC")
        self.can_start = True
        self.load_count = 0
        self.ack_dialog: AlertAckDialog | None = None
        self.monitor = BoardMonitor(self)  # the tiles' monitor badges and review dialog
        self._columns = 0
        self._compact = False
        self._flash = False
        self.setObjectName("board")

        self._outer = outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        header = QHBoxLayout()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("boardSummary")
        self.summary_label.setFont(big_font(tokens.PT_XL, bold=True))
        self.clock_label = QLabel()
        self.clock_label.setObjectName("boardClock")
        self.clock_label.setFont(big_font(tokens.PT_3XL, bold=True))
        header.addWidget(self.summary_label, 1)
        self.handover_button = QPushButton(
            translate("ChairBoard", "Shift handover…  (Ctrl+Shift+H)")
        )
        self.handover_button.setObjectName("handoverButton")
        self.handover_button.setToolTip(
            translate(
                "ChairBoard",
                "Every chair on one page for the shift change: "
                "preview, print or save (Ctrl+Shift+H)",
            )
        )
        self.handover_button.clicked.connect(self.show_handover)
        self.handover_dialog: QWidget | None = None
        handover_key = QShortcut(QKeySequence("Ctrl+Shift+H"), self)
        handover_key.setContext(Qt.ShortcutContext.WindowShortcut)
        handover_key.activated.connect(self.show_handover)
        header.addWidget(self.handover_button)
        header.addSpacing(12)
        header.addWidget(self.clock_label)
        outer.addLayout(header)
        self.banner = ErrorBanner()
        outer.addWidget(self.banner)
        #: for admins: accounts locked after wrong passwords (``ui.account_notices``)
        self.accounts_banner = ErrorBanner()
        self.accounts_banner.setObjectName("lockedAccounts")
        outer.addWidget(self.accounts_banner)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.grid_host = QWidget()
        self.grid_host.setObjectName("boardGrid")
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(GRID_SPACING)
        self._grid_margin = self.grid.contentsMargins().left()
        self.scroll_area.setWidget(self.grid_host)
        self.scroll_area.viewport().installEventFilter(self)
        outer.addWidget(self.scroll_area, 1)

        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self.tick)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self._refresh_changed)
        self._changed_sessions: set[int] = set()
        self._changed_other = False
        self._loading = self._load_again = False
        self._unreachable_since: datetime | None = None
        ctx.feed.changed.connect(self._on_change)
        ctx.feed.reachability.connect(self._on_reachability)
        self._connected = True
        self.reload()
        self.tick_timer.start()
        ctx.feed.start()

    # ---- data -----------------------------------------------------------------------------
    def _on_change(self, change: Change, _initiator: object) -> None:
        if change.what in ("user", "backup", "audit", SESSION_DISCHARGED):
            return
        if change.what == "monitor":
            self.monitor.changed()
            return
        if change.view is not None and self._stays(change.view):
            self._show([change.view])  # the session as committed: no read at all
            return
        if change.what == "session" and change.id:
            self._changed_sessions.add(change.id)
        else:
            self._changed_other = True
        self._pending.start()

    def _on_reachability(self, since: datetime | None) -> None:
        self._unreachable_since = since
        if since is None:
            self.banner.clear_message()
        else:
            self._say_unreachable()

    def _say_unreachable(self) -> None:
        since = self._unreachable_since
        if since is not None:
            self.banner.show_message(
                translate(
                    "ChairBoard", "Server unreachable since {value} — showing the last data read."
                ).format(value=since.astimezone(self.tz).strftime("%H:%M"))
            )

    def _stays(self, v: SessionView) -> bool:
        old = self.views.get(v.chair.id)
        return old is not None and old.id == v.id and v.state in ACTIVE_STATES

    def _refresh_changed(self) -> None:
        """After local writes: re-read the changed sessions only, when they all stay on their
        chairs; otherwise the whole board."""
        ids, self._changed_sessions = self._changed_sessions, set()
        if not ids and not self._changed_other:
            return
        on_board = {v.id for v in self.views.values()}
        if self._changed_other or not ids <= on_board:
            self.reload()
            return
        app = self.ctx.app

        def read() -> list[SessionView]:
            return [views.get_session(app, sid) for sid in sorted(ids)]

        def fresh(found: list[SessionView]) -> None:
            if all(self._stays(v) for v in found):
                self._show(found)
            else:
                self.reload()

        self.ctx.runner.interactive(self, read).success(fresh).failure(
            lambda _e: self.reload()).wait_briefly()

    def _show(self, fresh: list[SessionView]) -> None:
        if self._unreachable_since is None:
            self.banner.clear_message()
        for v in fresh:
            self.views[v.chair.id] = v
            self.tiles[v.chair.id].set_view(v)
        self.tick()
        self.reloaded.emit()

    def reload(self) -> None:
        """Read chairs, running sessions and monitor badges off the UI thread, then tick; one
        read at a time (a request meanwhile gives one more read). A result ready within 40 ms
        is shown at once."""
        self._pending.stop()
        self._changed_sessions, self._changed_other = set(), False
        if self._loading:
            self._load_again = True
            return
        self._loading, self._load_again = True, False
        self.ctx.runner.interactive(self, read_board, self.ctx.app).success(
            self._loaded).failure(self._load_failed).wait_briefly()

    def _load_failed(self, exc: BaseException) -> None:
        self._loading = False
        if self._unreachable_since is not None:
            self._say_unreachable()
        else:
            self.banner.show_message(
                translate(
                    "ChairBoard",
                    "The board could not be refreshed: {exc} Timers continue from the last data "
                    "read.",
                ).format(exc=error_text(exc))
            )
        self.tick()
        if self._load_again:
            self.reload()

    def _loaded(self, data: BoardData) -> None:
        self._loading = False
        chairs, running, zone, newest = data
        self.tz = ZoneInfo(zone)
        if self._unreachable_since is None:
            self.banner.clear_message()
        self.load_count += 1
        changed = [c.id for c in chairs] != [c.id for c in self.chairs]
        self.chairs = chairs
        if changed:
            self._rebuild()
        self.views = {v.chair.id: v for v in running}
        remember_board(self.ctx, running, str(self.tz))  # for a start while the server is down
        for chair in chairs:
            tile = self.tiles[chair.id]
            tile.chair = chair
            tile.can_start = self.can_start
            tile.units = self.ctx.units
            tile.set_view(self.views.get(chair.id))
        self.bell.forget_except({v.id for v in running})
        self._show_returned()
        self.tick()
        self.reloaded.emit()
        if newest is not None:
            self.monitor.show(newest)
        if self._load_again:
            self.reload()

    def _show_returned(self) -> None:
        """Records returned to the nurse, on their chair's tile (``ui.returned``)."""
        from chairlog.services import returns

        self.ctx.runner.interactive(self, returns.open_returns, self.ctx.app).success(
            self._returned_loaded).failure(
            lambda exc: log.warning("returned records not read: %s", exc)).wait_briefly()

    def _returned_loaded(self, found: list[Any]) -> None:
        for chair_id, tile in self.tiles.items():
            tile.returned.set_items([r for r in found if r.chair_id == chair_id])

    def show_handover(self) -> QWidget:
        """The shift handover of every chair (``ui.handover_dialog``)."""
        from chairlog.ui.handover_dialog import HandoverDialog

        if self.handover_dialog is not None and self.handover_dialog.isVisible():
            self.handover_dialog.raise_()
            return self.handover_dialog
        dlg = HandoverDialog(self.ctx, self.window())
        dlg.finished.connect(lambda _r: setattr(self, "handover_dialog", None))
        self.handover_dialog = dlg
        dlg.open()
        return dlg

    @property
    def monitor_dialog(self) -> Any:
        """The monitor review dialog, while open (``ui.monitor_review.MonitorReviewDialog``)."""
        return self.monitor.dialog

    def _rebuild(self) -> None:
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = {}
        for chair in self.chairs:
            tile = ChairTile(chair, self.grid_host)
            tile.activated.connect(lambda c=chair.id: self._activate(c))
            tile.acknowledge_requested.connect(
                lambda alert, c=chair.name: self.acknowledge(alert, c))
            tile.monitor_accept_requested.connect(self.monitor.accept)
            tile.monitor_review_requested.connect(lambda c=chair.id: self.monitor.review(c))
            tile.returned.open_requested.connect(self.open_session.emit)
            self.tiles[chair.id] = tile
        self._columns = 0
        self._layout_tiles()

    def _layout_tiles(self) -> None:
        port = self.scroll_area.viewport()
        width = port.width() or self.width()
        height = port.height() or self.height()
        cols = max(1, min(4, width // TILE_MIN_WIDTH))
        if len(self.tiles) <= 4 and cols > 2:
            cols = 2  # 2×2 keeps four tiles big
        rows = max(1, (height + GRID_SPACING) // (FULL_MIN_SIZE[1] + GRID_SPACING))
        # compact only on a board shown too short (a hidden one has no real size yet)
        compact = self.isVisible() and cols * rows < min(IN_VIEW, len(self.tiles))
        if compact:
            cols = max(1, min(IN_VIEW, len(self.tiles),
                              (width + COMPACT_SPACING) // (COMPACT_TILE_WIDTH + COMPACT_SPACING)))
        if cols == self._columns and compact == self._compact:
            return
        self._columns, self._compact = cols, compact
        self.grid.setSpacing(COMPACT_SPACING if compact else GRID_SPACING)
        # compact: the tiles take the room the board's margins had
        self._outer.setContentsMargins(*((8, 4, 8, 4) if compact else (12, 8, 12, 8)))
        m = 2 if compact else self._grid_margin
        self.grid.setContentsMargins(m, m, m, m)
        for tile in self.tiles.values():
            tile.set_compact(compact)
            self.grid.removeWidget(tile)
        for i, chair in enumerate(self.chairs):
            self.grid.addWidget(self.tiles[chair.id], i // cols, i % cols)
        for c in range(4):
            self.grid.setColumnStretch(c, 1 if c < cols else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_tiles()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the viewport's own size, once the layouts have placed it (the board's resize comes
        # before its scroll area has its new size)
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._layout_tiles()
        return super().eventFilter(watched, event)

    # ---- every second ---------------------------------------------------------------------
    def tick(self) -> None:
        """Recompute all figures from the cache at ``app.now()`` (no database access)."""
        now = self.ctx.app.now()
        self._flash = not self._flash
        alerts = 0
        for tile in self.tiles.values():
            f = tile.refresh(now)
            if f is None:
                tile.set_flash(False)
                continue
            alerts += len(f.alerts)
            overdue = f.due is Due.OVERDUE
            tile.set_flash(overdue and self._flash)
            # attention while vitals are overdue or an alert waits for acknowledgement
            waiting = tuple(a.id for a in f.stored_alerts)
            self.bell.observe(f.session_id, overdue or bool(waiting),
                              (f.due_at if overdue else None, waiting))
        self._show_summary(now, alerts)
        self.ticked.emit()

    def _show_summary(self, now: datetime, alerts: int) -> None:
        used = len(self.views)
        text = translate("ChairBoard", "{used} of {value} chairs in use").format(
            used=used, value=len(self.chairs)
        )
        if alerts:
            text += translate("ChairBoard", "   ·   ⚠ {alerts} alert{value}").format(
                alerts=alerts, value="s" if alerts != 1 else ""
            )
        self.summary_label.setText(text)
        local = now.astimezone(self.tz)
        self.clock_label.setText(f"{clock_date(local)}   {local:%H:%M:%S}")

    def snapshot(self) -> list[tuple[ChairInfo, TileFigures | None]]:
        """Each chair with its current figures (for the lock screen)."""
        return [(c, self.tiles[c.id].figures if c.id in self.views else None)
                for c in self.chairs]

    # ---- actions --------------------------------------------------------------------------
    def set_can_start(self, allowed: bool) -> None:
        self.can_start = allowed
        for chair in self.chairs:
            tile = self.tiles[chair.id]
            tile.can_start = allowed
            if chair.id not in self.views:
                tile.set_view(None)

    def tile_for_position(self, n: int) -> ChairTile | None:
        """The n-th chair's tile (1-based, board order)."""
        return self.tiles[self.chairs[n - 1].id] if 1 <= n <= len(self.chairs) else None

    def activate_position(self, n: int) -> bool:
        if not 1 <= n <= len(self.chairs):
            return False
        self._activate(self.chairs[n - 1].id)
        return True

    def _activate(self, chair_id: int) -> None:
        view = self.views.get(chair_id)
        if view is not None:
            self.open_session.emit(view.id)
        elif self.can_start:
            self.start_session.emit(chair_id)

    def acknowledge(self, alert: AlertView, chair_name: str = "") -> AlertAckDialog:
        dlg = AlertAckDialog(self.ctx, alert, self.window(), chair_name=chair_name)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(self.reload)
        dlg.finished.connect(lambda _r: setattr(self, "ack_dialog", None))
        self.ack_dialog = dlg
        dlg.open()
        return dlg

    def stop(self) -> None:
        """Stop ticking and refreshing (window closing, test teardown)."""
        for t in (self.tick_timer, self._pending):
            t.stop()
        if self._connected:
            self._connected = False
            with contextlib.suppress(RuntimeError, TypeError):
                self.ctx.feed.changed.disconnect(self._on_change)
                self.ctx.feed.reachability.disconnect(self._on_reachability)

    def focus_first_tile(self) -> None:
        if self.chairs:
            self.tiles[self.chairs[0].id].setFocus()
