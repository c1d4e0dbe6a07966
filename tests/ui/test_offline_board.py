"""A window started while the server is down: the board from the last snapshot the live board
kept, marked as such, ticking; Continue appears once the server answers again."""

from __future__ import annotations

from typing import Any

from chairlog.errors import ValidationError
from chairlog.outbox import database_label, snapshot
from chairlog.paths import data_dir
from chairlog.services import doses
from chairlog.ui import offline_board, operations
from chairlog.ui.board import ChairBoard
from chairlog.ui.context import UiContext
from tests.conftest import ready_to_infuse
from tests.outbox.helpers import refused


def test_board_keeps_a_snapshot_and_the_offline_window_shows_it(
        clinic: Any, ctx: UiContext, qtbot: Any, monkeypatch: Any) -> None:
    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    board = ChairBoard(ctx)
    qtbot.addWidget(board)
    board.reload()
    label = database_label(clinic.app.db.url)
    qtbot.waitUntil(lambda: snapshot.last(data_dir(), label) is not None)
    board.close()
    ctx.shutdown()
    # the runner's production wait: nothing answers a stopped worker, so the test-wide 10 s
    # wait (conftest's _patient_runner) would only be waited out in full
    ctx.runner.fast_ms = operations.FAST_MS
    board.reload()  # a board still reading after the worker stopped: no snapshot, no error
    snap = snapshot.last(data_dir(), label)
    assert snap is not None and [v.id for v in snap.sessions] == [s.id]
    win = offline_board.OfflineBoard(snap, clinic.app.db.url)
    qtbot.addWidget(win)
    assert "Server unreachable — last snapshot from 15:00" in win.banner.text()  # Berlin
    assert len(win.tiles) == 1 and win.tiles[0].view is not None
    assert win.tiles[0].figures is not None  # the timers are computed from the snapshot
    monkeypatch.setattr(offline_board.replay, "server_answers", lambda _url: True)
    win.probe()
    qtbot.waitUntil(lambda: not win.continue_button.isHidden())


def test_only_an_unreachable_server_opens_the_snapshot(qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication

    qapp = QApplication.instance()
    assert offline_board.run_from_snapshot(qapp, None, ValidationError("x", 1, "y")) is None
    # unreachable, but this workstation never kept a snapshot: nothing to show
    assert offline_board.run_from_snapshot(qapp, None, refused()) is None
