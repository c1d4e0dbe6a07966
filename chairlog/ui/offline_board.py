"""A window started while the server cannot be reached: the board from the last snapshot this
workstation kept (``chairlog.outbox.snapshot``), clearly marked OFFLINE, with every running
infusion's timer, next-vitals countdown and stored alerts computed from it each second, and
charting into the outbox for a nurse who signs in offline.

Decisions:
- The snapshot is written by the board after each successful read (``remember_board``).
- Charting needs a nurse who proved who she is. Offline, that proof is her password checked
  against the verifier this workstation kept at her last online sign-in here, within 14
  days (``outbox.credentials``, ``outbox.offline``; the dialog: ``ui.offline_signin``). It
  makes no service actor: what she charts (``ui.offline_charting``: vitals, a note, a side
  effect; Enter or a click on a tile opens it) is kept in the outbox, stamped with her user id,
  the time of saving and her verifier's fingerprint, and reaches the server only when she
  signs in there and the fingerprint is still her verifier's (``outbox.gateway``). Without an
  offline sign-in the board is read-only, as before: chart on paper.
- The count of entries waiting here is always on screen, with each one listed as "saved on
  this workstation — not yet on the server" (read from the outbox file: a local read, so an
  entry kept by a window that was killed is shown after a restart too). A kept vitals set
  restarts its tile's next-vitals countdown (the snapshot's clock inputs plus that set).
- The idle lock still applies: after the clinic's idle-lock minutes (as last read at an
  online sign-in here, else 5) without input, the offline nurse is signed out and an open
  charting dialog closes.
- The window probes the server every ``PROBE_S`` seconds on a worker thread; when it answers,
  the banner says so and *Continue* opens chairlog normally (sign-in, then the live board,
  whose outbox banner replays the kept entries as the nurse who signs in).
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from chairlog.clinical.clock import SteadyClock
from chairlog.domain import SessionView
from chairlog.outbox import QUEUED_WORDS, OutboxStore, database_label, offline, snapshot
from chairlog.outbox import waiting_words as _waiting
from chairlog.outbox.credentials import DEFAULT_IDLE_MINUTES, CredentialCache
from chairlog.outbox.store import FILE_NAME
from chairlog.paths import data_dir, resolve_db_url
from chairlog.services import replay
from chairlog.services.context import Clock
from chairlog.ui import tokens
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import translate
from chairlog.ui.idle_lock import IdleMonitor
from chairlog.ui.offline_charting import OfflineChartDialog, kept_line
from chairlog.ui.offline_signin import OfflineSignInDialog
from chairlog.ui.operations import OperationRunner
from chairlog.ui.tile import ChairTile
from chairlog.ui.widgets import BigButton, big_font

log = logging.getLogger(__name__)
PROBE_S = 10


def remember_board(ctx: UiContext, sessions: list[SessionView], timezone: str = "") -> None:
    """Keep the board just read as this workstation's last snapshot (rate-limited; written
    on the background worker: encoding and fsync stay off the UI thread)."""
    folder, label, at = data_dir(), database_label(ctx.app.db.url), ctx.app.now()
    # the maintenance lane: a snapshot never delays a save; while the window closes the
    # runner starts nothing more, and the last snapshot written stays
    ctx.runner.maintenance(ctx.runner, snapshot.remember, folder, label, list(sessions), at,
                           timezone=timezone).failure(
        lambda exc: log.warning("board snapshot not written: %s", exc))


def snapshot_words(snap: snapshot.Snapshot) -> str:
    tz = ZoneInfo(snap.timezone) if snap.timezone else None
    local = snap.at.astimezone(tz)
    return translate(
        "offline_board",
        "Server unreachable — last snapshot from {local:%H:%M} ({local:%Y-%m-%d}). Timers and "
        "countdowns run from it; what was charted on the server since is not shown. Sign in to "
        "chart offline (a nurse who signed in on this workstation within 14 days), or chart on "
        "paper.",
    ).format(local=local)


class OfflineBoard(QWidget):
    """The last snapshot's chairs, ticking, with offline sign-in and charting into the
    outbox; ``resume`` when the server answers again and the nurse presses *Continue*."""

    server_back = Signal()

    def __init__(self, snap: snapshot.Snapshot, url: str, *, clock: Clock | None = None) -> None:
        super().__init__()
        self.snap, self.url = snap, url
        self.clock: Clock = clock or SteadyClock()
        self.resume = False
        self.database = database_label(url)
        self.tz = ZoneInfo(snap.timezone) if snap.timezone else ZoneInfo("UTC")
        # the outbox and the credential cache; None (with ``problem``) when this workstation
        # cannot open them: the board is then read-only and says why
        self.store: OutboxStore | None = None
        self.cache: CredentialCache | None = None
        self.problem = ""
        try:
            self.store = OutboxStore(data_dir() / FILE_NAME)
            self.cache = CredentialCache.here()
        except Exception as exc:  # a full or read-only disk, a damaged file
            log.error("offline charting unavailable: %s", exc)
            self.problem = translate(
                "OfflineBoard", "This workstation cannot keep entries ({exc}): chart on paper."
            ).format(exc=exc)
        self.runner = OperationRunner()
        self.user: offline.OfflineUser | None = None
        self.chart_dialog: OfflineChartDialog | None = None
        self.setObjectName("offlineBoard")
        self.setWindowTitle(
            translate("OfflineBoard", "chairlog — OFFLINE: server unreachable (last snapshot)")
        )
        lay = QVBoxLayout(self)
        self.headline = QLabel(translate("OfflineBoard", "OFFLINE — the server cannot be reached"))
        self.headline.setObjectName("offlineBanner")
        self.headline.setFont(big_font(tokens.PT_5XL, bold=True))
        lay.addWidget(self.headline)
        self.banner = QLabel(snapshot_words(snap))
        self.banner.setObjectName("offlineBanner")
        self.banner.setWordWrap(True)
        self.banner.setFont(big_font(tokens.PT_M, bold=True))
        lay.addWidget(self.banner)
        lay.setSpacing(6)
        lay.addLayout(self._sign_in_row())
        self.waiting_label = QLabel()
        self.waiting_label.setObjectName("outboxWaiting")
        self.waiting_label.setFont(big_font(tokens.PT_4XL, bold=True))
        self.waiting_label.setWordWrap(True)
        lay.addWidget(self.waiting_label)
        self.continue_button = QPushButton(
            translate("OfflineBoard", "The server answers again — Continue")
        )
        self.continue_button.hide()
        self.continue_button.clicked.connect(self._continue)
        lay.addWidget(self.continue_button)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        self.tiles: list[ChairTile] = []
        #: the snapshot's sessions, and each one's tile, by session id
        self.views: dict[int, SessionView] = {}
        self.tile_of: dict[int, ChairTile] = {}
        for i, view in enumerate(sorted(snap.sessions, key=lambda v: v.chair.position)):
            tile = ChairTile(view.chair)
            tile.can_start = False
            tile.activated.connect(lambda sid=view.id: self.chart(sid))
            grid.addWidget(tile, i // 3, i % 3)
            self.tiles.append(tile)
            self.views[view.id] = view
            self.tile_of[view.id] = tile
        if not self.tiles:
            grid.addWidget(
                QLabel(translate("OfflineBoard", "No infusion was running at the last snapshot.")),
                0,
                0,
            )
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        lay.addWidget(scroll, 1)
        self.kept_title = QLabel(translate(
            "OfflineBoard", "Kept on this workstation, newest first (sent to the server as each "
            "nurse once it is back and she signs in there):"))
        self.kept_title.setFont(big_font(tokens.PT_M, bold=True))
        self.kept_title.setWordWrap(True)
        lay.addWidget(self.kept_title)
        self.kept_list = QListWidget()
        self.kept_list.setObjectName("offlineKept")
        self.kept_list.setFont(big_font(tokens.PT_L))
        self.kept_list.setMaximumHeight(tokens.TOUCH_PX * 2 + 8)
        self.kept_list.setWordWrap(True)
        lay.addWidget(self.kept_list)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(PROBE_S * 1000)
        self.probe_timer.timeout.connect(self.probe)
        self.probe_timer.start()
        self.server_back.connect(self._server_back)
        self._probing = False
        minutes = self.cache.idle_minutes(self.database) if self.cache else DEFAULT_IDLE_MINUTES
        self.idle = IdleMonitor(minutes * 60_000, self)
        self.idle.idle.connect(self.sign_out_idle)
        self._closed = False
        self.refresh_kept()
        self.tick()

    def _sign_in_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.sign_in_button = BigButton(
            translate("OfflineBoard", "Sign in to chart offline  (Ctrl+I)"), primary=True,
            point_size=tokens.PT_2XL)
        self.sign_in_button.setObjectName("offlineSignInButton")
        self.sign_in_button.clicked.connect(lambda: self.ask_sign_in())
        QShortcut(QKeySequence("Ctrl+I"), self, lambda: self.ask_sign_in())
        self.who = QLabel()
        self.who.setObjectName("offlineWho")
        self.who.setFont(big_font(tokens.PT_2XL, bold=True))
        self.who.setWordWrap(True)
        self.sign_out_button = BigButton(translate("OfflineBoard", "Sign out"))
        self.sign_out_button.clicked.connect(lambda: self.sign_out(""))
        row.addWidget(self.sign_in_button)
        row.addWidget(self.who, 1)
        row.addWidget(self.sign_out_button)
        self._show_user("")
        return row

    def now(self) -> datetime:
        return self.clock.now()

    def tick(self) -> None:
        now = self.now()
        for tile in self.tiles:
            tile.refresh(now)

    # ---- the offline nurse ---------------------------------------------------------------
    def _show_user(self, note: str) -> None:
        user = self.user
        if user is None:
            text = translate("OfflineBoard", "Nobody signed in: the board is read-only. Chart "
                             "on paper, or sign in to chart offline.")
        else:
            text = translate("OfflineBoard", "Charting OFFLINE as {name}: click a chair (or Tab "
                             "to it and press Enter) to chart.").format(name=user.display_name)
        self.who.setText(self.problem or f"{note} {text}".strip())
        self.sign_in_button.setEnabled(not self.problem)
        self.sign_in_button.setVisible(user is None)
        self.sign_out_button.setVisible(user is not None)

    def ask_sign_in(self, then: int | None = None) -> OfflineSignInDialog | None:
        """The sign-in dialog (opened, not blocking); ``then``: a session to chart after.
        None when this workstation cannot keep entries (``problem`` says why)."""
        if self.cache is None:
            self._show_user("")
            return None
        dlg = OfflineSignInDialog(self.runner, self.cache, self.database, self.now, self)
        self.sign_in_dialog = dlg

        def accepted() -> None:
            if dlg.user is not None:
                self.signed_in(dlg.user)
                if then is not None:
                    self.chart(then)

        dlg.accepted.connect(accepted)
        dlg.open()
        return dlg

    def signed_in(self, user: offline.OfflineUser) -> None:
        self.user = user
        self.idle.resume()
        self._show_user("")

    def sign_out(self, note: str) -> None:
        if self.chart_dialog is not None:
            self.chart_dialog.close()
            self.chart_dialog = None
        self.user = None
        self._show_user(note)

    def sign_out_idle(self) -> None:
        if self.user is not None:
            minutes = self.idle.limit_ms // 60_000
            self.sign_out(translate("OfflineBoard", "Signed out after {n} minutes without "
                                    "input.").format(n=minutes))
        self.idle.resume()

    # ---- charting ------------------------------------------------------------------------
    def chart(self, session_id: int) -> OfflineChartDialog | None:
        """Open the charting dialog for a session (the sign-in first, if nobody is)."""
        if self.user is None or self.store is None:
            self.ask_sign_in(session_id)
            return None
        view = self.views[session_id]
        if self.chart_dialog is not None:
            self.chart_dialog.close()
        dlg = OfflineChartDialog(self.runner, self.store, self.user, view, self.tz, self.now,
                                 self)
        dlg.entry_kept.connect(lambda _o: self.refresh_kept())
        dlg.finished.connect(lambda _r: self._chart_closed(dlg))
        self.chart_dialog = dlg
        dlg.open()
        return dlg

    def _chart_closed(self, dlg: OfflineChartDialog) -> None:
        if self.chart_dialog is dlg:
            self.chart_dialog = None

    def refresh_kept(self) -> None:
        """The count, the list and the tiles from the outbox file (a local read)."""
        pending = self.store.entries(self.database, ("pending",)) if self.store else []
        n = len(pending)
        self.waiting_label.setText(
            translate("OfflineBoard", "{waiting}: {queued}").format(waiting=_waiting(n),
                                                                   queued=QUEUED_WORDS)
            if n else translate("OfflineBoard", "Nothing waiting on this workstation."))
        chairs = {v.id: v.chair.name for v in self.views.values()}
        self.kept_list.clear()
        for e in reversed(pending):
            where = chairs.get(e.session_id or -1, f"session {e.session_id}")
            self.kept_list.addItem(f"{where} · {kept_line(e, self.tz)}")
        self.kept_list.setVisible(bool(n))
        self.kept_title.setVisible(bool(n))
        for sid, tile in self.tile_of.items():
            tile.set_view(offline.with_kept_vitals(self.views[sid], pending))
        self.tick()

    # ---- the server ----------------------------------------------------------------------
    def probe(self) -> None:
        """Is the server there again? Asked on a worker thread (a connect can take seconds)."""
        if self._probing:
            return
        self._probing = True

        def ask() -> None:  # touches no Qt object: the signal carries the answer over
            try:
                if replay.server_answers(self.url):
                    self.server_back.emit()
            finally:
                self._probing = False

        threading.Thread(target=ask, name="chairlog-probe", daemon=True).start()

    def _server_back(self) -> None:
        self.probe_timer.stop()
        self.continue_button.show()

    def _continue(self) -> None:
        self.resume = True
        self.close()

    def shutdown(self) -> None:
        """Stop the timers, the idle watch and the worker; close the files (once)."""
        if self._closed:
            return
        self._closed = True
        self.timer.stop()
        self.probe_timer.stop()
        self.idle.stop()
        self.runner.shutdown()
        for held in (self.store, self.cache):
            if held is not None:
                held.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sign_out("")
        self.shutdown()
        super().closeEvent(event)


def run_from_snapshot(qapp: QApplication, db_url: str | None, exc: BaseException) -> str | None:
    """When ``exc`` (opening the database) means the server cannot be reached and a snapshot
    exists: show it until closed, then ``"closed"``, or ``"resume"`` when the server answered
    and the nurse pressed Continue (start normally). None when there is nothing to show (no
    snapshot, or another failure): the caller reports ``exc`` as before."""
    if not replay.server_unreachable(exc):
        return None
    url = resolve_db_url(db_url)
    snap = snapshot.last(data_dir(), database_label(url))
    if snap is None:
        return None
    window = OfflineBoard(snap, url)
    window.resize(1600, 1000)
    window.show()
    try:
        qapp.exec()
    finally:
        window.shutdown()
    return "resume" if window.resume else "closed"
