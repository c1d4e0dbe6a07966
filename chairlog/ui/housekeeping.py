"""What the running app does on its own: automatic backups and watching the clock.

Decisions:
- Automatic backups (``services.backups.install``): on the first write of each clinic day and
  after each discharge, made on the runner's maintenance lane so neither charting nor a
  signature waits for one. The outcome shows in the status bar; a failure is also audited by
  the service and never undoes the charting that triggered it. A PostgreSQL database is
  backed up on the server, so nothing is installed for it.
- The clock (``services.clockwatch.check_clock``, on the maintenance lane) is compared with
  chairlog's steady clock every minute; the comparison costs nothing unless the wall clock
  jumped, and a jump is audited and shown in the status bar.
- Started by ``run_gui`` for the real window only; tests start it explicitly.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from chairlog.errors import ChairlogError
from chairlog.present.times import timer_text
from chairlog.services import accounts, backups, clockwatch
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import error_text

CLOCK_CHECK_MS = 60_000


class Housekeeping(QObject):
    """Automatic backups and the clock watch for one running window."""

    #: a line for the status bar
    message = Signal(str)
    _job = Signal(object)

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._job.connect(self._start_job, Qt.ConnectionType.QueuedConnection)
        self.backups_on = ctx.app.db.dialect == "sqlite"
        if self.backups_on:
            backups.install(ctx.app, run=self._in_background)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(CLOCK_CHECK_MS)
        self.clock_timer.timeout.connect(self.check_clock)
        self.clock_timer.start()

    def _in_background(self, job: Any) -> None:
        # called by the backup listener in whichever thread committed (an interactive
        # operation's worker): the maintenance operation is started on the UI thread
        self._job.emit(job)

    def _start_job(self, job: Any) -> None:
        app = self.ctx.app

        def backup_then_zone() -> tuple[Any, str]:
            # the clinic's time zone read on the same lane: the note is in clinic time, as the
            # board's clock is (not the workstation's own zone, which may differ)
            return job(), accounts.get_clinic(app).timezone

        self.ctx.runner.maintenance(self, backup_then_zone).success(self._backup_done).failure(
            self._backup_failed)

    def _backup_done(self, done: tuple[Any, str]) -> None:
        info, zone = done
        if info is not None:
            when = info.created_at.astimezone(ZoneInfo(zone)).strftime("%H:%M")
            self.message.emit(self.tr("Backup made at {when}: {name}").format(
                when=when, name=info.path.name))

    def _backup_failed(self, exc: BaseException) -> None:
        self.message.emit(self.tr("Automatic backup failed: {exc}").format(exc=error_text(exc)))

    def check_clock(self) -> None:
        """Compare the clocks on the maintenance lane (a jump is audited: a write)."""
        self.ctx.runner.maintenance(self, clockwatch.check_clock, self.ctx.app,
                                    self.ctx.user).success(self._clock_checked).failure(
            self._clock_failed)

    def _clock_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ChairlogError):
            raise exc
        self.message.emit(self.tr("Clock check failed: {exc}").format(exc=error_text(exc)))

    def _clock_checked(self, jump: timedelta | None) -> None:
        if jump is not None:
            text = (self.tr("The computer's clock jumped forwards by {duration} — noted in the "
                            "audit trail; session timers are unaffected.")
                    if jump.total_seconds() > 0 else
                    self.tr("The computer's clock jumped backwards by {duration} — noted in the "
                            "audit trail; session timers are unaffected."))
            self.message.emit(text.format(duration=timer_text(abs(jump))))
