"""The whole start while the clinic's PostgreSQL server is down (nothing listens on its port):
``run_gui`` opens the board from the last snapshot, marked OFFLINE; a nurse who signed in on
this workstation signs in offline and charts a vitals set, which lands in the outbox file for
that database, stamped with her id and her verifier's fingerprint."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from chairlog.outbox import OutboxStore, database_label, snapshot
from chairlog.outbox.credentials import CredentialCache
from chairlog.outbox.store import FILE_NAME
from chairlog.paths import data_dir
from chairlog.services import doses, views
from chairlog.services.offline_credentials import own_credential
from chairlog.ui import app as ui_app
from chairlog.ui.offline_board import OfflineBoard
from tests.conftest import PASSWORDS, ready_to_infuse
from tests.reliability.helpers.pg_server import free_port


def test_a_window_started_while_the_server_is_down_charts_into_the_outbox(
        clinic: Any, qtbot: Any, monkeypatch: Any) -> None:
    url = f"postgresql://chairlog@127.0.0.1:{free_port()}/chairlog"
    label = database_label(url)
    s = doses.start_infusion(clinic.app, clinic.nurse, ready_to_infuse(clinic).id, 0.5).session
    snapshot.remember(data_dir(), label, [views.get_session(clinic.app, s.id)],
                      clinic.clock.now(), timezone="Europe/Berlin", monotonic=0.0)
    cred = own_credential(clinic.app, clinic.nurse)
    cache = CredentialCache.here()
    cache.keep(label, cred, datetime.now(UTC))  # her last online sign-in here: just now
    cache.close()
    shown: list[Any] = []
    monkeypatch.setattr(ui_app, "report_error", lambda *a: shown.append(a))
    seen: dict[str, Any] = {}

    def drive() -> None:  # inside the offline board's event loop, once it is shown
        board = next((w for w in QApplication.topLevelWidgets()
                      if isinstance(w, OfflineBoard) and w.isVisible()), None)
        if board is None:  # still opening the database (its wait note runs the events)
            seen["tries"] = seen.get("tries", 0) + 1
            if seen["tries"] < 400:
                QTimer.singleShot(50, drive)
            return
        try:
            seen["headline"] = board.headline.text()
            qtbot.mouseClick(board.sign_in_button, Qt.MouseButton.LeftButton)
            dlg = board.sign_in_dialog
            dlg.username.setText("nina")
            dlg.password.setText(PASSWORDS["nina"])
            dlg.submit()
            qtbot.waitUntil(lambda: board.user is not None, timeout=10_000)
            chart = board.chart(s.id)
            assert chart is not None
            for name, value in zip(("hr", "sbp", "dbp", "spo2", "rr"),
                                   ("74", "118", "76", "97", "13"), strict=True):
                chart.vitals.edits[name].setText(value)
            chart.vitals.save()
            qtbot.waitUntil(lambda: "1 entry waiting" in board.waiting_label.text())
            seen["waiting"] = board.waiting_label.text()
        finally:
            board.close()

    QTimer.singleShot(0, drive)
    assert ui_app.run_gui(url, demo=False) == 0  # closed from the snapshot board
    assert shown == []  # no "cannot be opened" message: the snapshot was shown instead
    assert seen["headline"].startswith("OFFLINE")
    assert seen["waiting"] == "1 entry waiting: saved on this workstation — not yet on the server"
    store = OutboxStore(data_dir() / FILE_NAME)
    try:
        (e,) = store.entries(label, ("pending",))
    finally:
        store.close()
    assert (e.use_case, e.session_id, e.user_id, e.username) == (
        "record_vitals", s.id, clinic.nurse.id, "nina")
    assert e.offline_fingerprint == cred.fingerprint and e.arguments["values"]["hr"] == "74"
