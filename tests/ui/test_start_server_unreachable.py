"""The window's start-up says why the clinic's PostgreSQL server cannot be reached, in the
same words as the command line (each case against a real server:
tests/reliability/test_pg_connect_errors.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from chairlog.ui import app as ui_app
from tests.reliability.helpers.pg_server import free_port


def test_a_closed_port_is_named_in_the_start_up_message(
        qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    port = free_port()  # nothing listens there: the server "is not running"
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(ui_app, "report_error", lambda title, msg: shown.append((title, msg)))
    assert ui_app.run_gui(f"postgresql://chairlog@127.0.0.1:{port}/chairlog", demo=False) == 1
    assert shown == [(
        "The database cannot be opened",
        f"The database server at 127.0.0.1:{port} refused the connection: is PostgreSQL "
        "running there, and listening on that address and port (listen_addresses, port in "
        "postgresql.conf)?\n\nNothing was changed.")]
