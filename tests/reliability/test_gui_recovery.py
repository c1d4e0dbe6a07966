"""The window's start-up on a damaged database: the newest verified backup is offered; restoring
keeps the damaged file aside and opens the restored database; quitting changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chairlog.errors import CorruptDatabase
from chairlog.services import views
from chairlog.ui import app as gui_app
from chairlog.ui import recovery
from tests.reliability.helpers.dbs import sha256
from tests.reliability.test_open_failures import damaged_database

pytestmark = pytest.mark.gui


def test_offer_names_the_backup_and_defaults_to_quit(qtbot: Any, tmp_path: Path) -> None:
    backup = tmp_path / "chairlog-x.sqlite3"
    offer = recovery.RestoreOffer("page 12 is damaged", backup, "Sat 21 Nov 2026 at 07:00 (UTC)")
    qtbot.addWidget(offer)
    text = offer.informativeText()
    assert "page 12 is damaged" in text and str(backup) in text and "07:00" in text
    assert "kept aside" in text
    assert offer.defaultButton() is offer.quit_button
    assert offer.restore_button.minimumHeight() >= 44


def test_restore_chosen_at_start_opens_the_restored_database(
        qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    told: list[str] = []

    def choose_restore(offer: recovery.RestoreOffer) -> bool:
        asked.append(offer.informativeText())
        return True

    monkeypatch.setattr(recovery, "ask", choose_restore)
    monkeypatch.setattr(recovery, "tell", lambda title, msg: told.append(title + ": " + msg))
    with damaged_database(tmp_path) as (url, path, session_id, backup):
        digest = sha256(path)
        app = gui_app.open_or_recover(url, demo=False)
        try:
            notes = [e for e in views.get_session(app, session_id).entries
                     if e.kind.value == "note"]
            assert len(notes) == 60
        finally:
            app.close()
        assert len(asked) == 1 and str(backup) in asked[0]
        assert told and told[0].startswith("Backup restored")
        aside = [f for f in tmp_path.glob("chairlog.sqlite3.damaged-*")
                 if not f.name.endswith(("-wal", "-shm"))]
        assert len(aside) == 1 and sha256(aside[0]) == digest


def test_quit_changes_nothing(qtbot: Any, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recovery, "ask", lambda offer: False)
    with damaged_database(tmp_path) as (url, path, _sid, _backup):
        digest = sha256(path)
        with pytest.raises(CorruptDatabase):
            gui_app.open_or_recover(url, demo=False)
        assert sha256(path) == digest
        assert not list(tmp_path.glob("chairlog.sqlite3.damaged-*"))


def test_run_gui_reports_damage_when_there_is_no_backup(
        qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reported: list[tuple[str, str]] = []
    monkeypatch.setattr(gui_app, "report_error", lambda t, m: reported.append((t, m)))
    monkeypatch.setattr(recovery, "ask", lambda offer: pytest.fail("nothing to offer"))
    with damaged_database(tmp_path) as (url, path, _sid, backup):
        backup.unlink()
        digest = sha256(path)
        assert gui_app.run_gui(url, demo=False) == 1
        assert sha256(path) == digest
    assert reported and reported[0][0] == "The database is damaged"
