"""The running window's housekeeping: the daily backup on the first write, made in the
background and announced in the status bar; a clock jump announced."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from chairlog.services import backups, charting, clockwatch
from chairlog.ui.housekeeping import Housekeeping
from tests.conftest import ready_to_infuse
from tests.ui.leaks import UiContexts


def test_first_write_of_the_day_makes_a_backup_in_the_background(
        clinic: Any, ui_context: UiContexts, qtbot: Any) -> None:
    keeper = Housekeeping(ui_context())
    assert keeper.backups_on
    s = ready_to_infuse(clinic)
    with qtbot.waitSignal(keeper.message, timeout=20_000) as said:
        charting.add_note(clinic.app, clinic.nurse, s.id, "Calm")
    made = list(backups.backups_dir().glob("chairlog-*-daily.sqlite3"))
    assert len(made) == 1 and made[0].name in said.args[0]
    assert backups.read_sidecar(made[0])["kind"] == "daily"
    # in the clinic's time zone (Europe/Berlin here), as the board's clock, whatever the
    # workstation's own zone is
    created = backups.last_backup_at(clinic.app)
    assert created is not None
    local = created.astimezone(ZoneInfo("Europe/Berlin")).strftime("%H:%M")
    assert said.args[0].startswith(f"Backup made at {local}: ")


def test_clock_jump_is_announced(clinic: Any, ui_context: UiContexts, qtbot: Any,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    keeper = Housekeeping(ui_context())
    assert keeper.clock_timer.isActive() and keeper.clock_timer.interval() == 60_000
    monkeypatch.setattr(clockwatch, "check_clock",
                        lambda app, actor: timedelta(minutes=-7))
    with qtbot.waitSignal(keeper.message) as said:
        keeper.check_clock()
    assert "backwards by 0:07:00" in said.args[0]
