"""A window started while the server cannot be reached: the board from the last snapshot this
workstation kept (``chairlog.outbox.snapshot``), clearly marked, with every running infusion's
timer, next-vitals countdown and stored alerts computed from it each second.

Decisions:
- The snapshot is written by the board after each successful read (``remember_board``).
- Read-only. Charting needs a signed-in nurse, and signing in needs the server: the password
  is checked there and nowhere else, and a name typed on a workstation that cannot check it is
  no proof of who charts (TRUST.md: no write without an actor who proved who they are). The
  banner says to chart on paper until the server is back; a window that was running when the
  server went away keeps charting into the outbox (its nurse signed in before).
- The window probes the server every ``PROBE_S`` seconds on a worker thread; when it answers,
  the banner says so and *Continue* opens chairlog normally (sign-in, then the live board).
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from chairlog.clinical.clock import SteadyClock
from chairlog.domain import SessionView
from chairlog.outbox import database_label, snapshot
from chairlog.paths import data_dir, resolve_db_url
from chairlog.services import replay
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import translate
from chairlog.ui.tile import ChairTile

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
        "countdowns run from it; nothing charted since then is shown. Chart on paper until the "
        "server is back (signing in needs it).",
    ).format(local=local)


class OfflineBoard(QWidget):
    """The last snapshot's chairs, ticking; ``resumed`` when the server answers again and the
    nurse presses *Continue*."""

    server_back = Signal()

    def __init__(self, snap: snapshot.Snapshot, url: str) -> None:
        super().__init__()
        self.snap, self.url = snap, url
        self.clock = SteadyClock()
        self.resume = False
        self.setWindowTitle(
            translate("OfflineBoard", "chairlog — server unreachable (last snapshot)")
        )
        lay = QVBoxLayout(self)
        self.banner = QLabel(snapshot_words(snap))
        self.banner.setObjectName("offlineBanner")
        self.banner.setWordWrap(True)
        lay.addWidget(self.banner)
        self.continue_button = QPushButton(
            translate("OfflineBoard", "The server answers again — Continue")
        )
        self.continue_button.hide()
        self.continue_button.clicked.connect(self._continue)
        lay.addWidget(self.continue_button)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        self.tiles: list[ChairTile] = []
        for i, view in enumerate(sorted(snap.sessions, key=lambda v: v.chair.position)):
            tile = ChairTile(view.chair)
            tile.can_start = False
            tile.set_view(view)
            grid.addWidget(tile, i // 3, i % 3)
            self.tiles.append(tile)
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
        self.tick()

    def now(self) -> datetime:
        return self.clock.now()

    def tick(self) -> None:
        now = self.now()
        for tile in self.tiles:
            tile.refresh(now)

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
    qapp.exec()
    return "resume" if window.resume else "closed"
