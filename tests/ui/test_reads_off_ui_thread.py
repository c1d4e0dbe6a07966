"""Issue 11.1: the screens' reads run on the operation runner. With the read hung (a service
that does not answer, as behind a stopped server) the screen opens at once, the UI thread
keeps ticking, and the answer fills the screen when it finally comes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from itertools import pairwise
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from chairlog.errors import AuthenticationError
from chairlog.services import accounts, authority, keys, patients, protocols, views
from chairlog.ui.app import build_main_window
from chairlog.ui.context import UiContext
from chairlog.ui.history import PatientHistoryDialog
from chairlog.ui.main_window import MainWindow
from chairlog.ui.operations import FAST_MS, OperationRunner
from tests.conftest import CA_PASSPHRASE, PASSWORDS
from tests.ui.leaks import UiContexts

#: the probe timer's interval and how long the read stays hung
PROBE_MS = 10
HOLD_MS = 400


_made: list[Hang] = []


@pytest.fixture(autouse=True)
def _release_all() -> Iterator[None]:
    """A test failing while a read is hung still frees the runner's thread."""
    yield
    while _made:
        _made.pop().release()


class Hang:
    """Replace ``module.name`` by the same function waiting for ``release()`` first."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: ModuleType, name: str) -> None:
        # the window's own fast wait (the suite waits longer: tests/conftest.py)
        monkeypatch.setattr(OperationRunner, "fast_ms", FAST_MS)
        self.gate = threading.Event()
        self.entered = threading.Event()
        real: Callable[..., Any] = getattr(module, name)

        def hung(*args: Any, **kwargs: Any) -> Any:
            self.entered.set()
            assert self.gate.wait(30), "the test never released the read"
            return real(*args, **kwargs)
        monkeypatch.setattr(module, name, hung)
        _made.append(self)

    def release(self) -> None:
        self.gate.set()


def ticks_while_hung(qtbot: Any, hang: Hang) -> tuple[int, float]:
    """(ticks of a 10 ms timer, longest gap in ms) while the read stays hung."""
    assert hang.entered.wait(5), "the read did not start on the runner"
    stamps: list[float] = []
    probe = QTimer()
    probe.setInterval(PROBE_MS)
    probe.timeout.connect(lambda: stamps.append(time.monotonic()))
    probe.start()
    qtbot.wait(HOLD_MS)
    probe.stop()
    assert not hang.gate.is_set()  # still hung all along
    gaps = [b - a for a, b in pairwise(stamps)]
    return len(stamps), max(gaps, default=HOLD_MS / 1000) * 1000


def assert_kept_ticking(qtbot: Any, hang: Hang) -> None:
    n, longest = ticks_while_hung(qtbot, hang)
    assert n >= HOLD_MS // PROBE_MS // 3, f"only {n} ticks in {HOLD_MS} ms"
    # a blocked UI thread shows no tick at all for the whole hold; the margin over the issue's
    # 200 ms is for a loaded test machine (bench/bench_hang.py measures the real figure)
    assert longest < 300, f"the UI thread stalled {longest:.0f} ms"


@pytest.fixture
def admin_ctx(clinic: Any, ui_context: UiContexts) -> UiContext:
    return ui_context(user=clinic.admin)


def test_start_session_dialog_opens_while_its_chairs_are_read(
        window: MainWindow, clinic: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    hang = Hang(monkeypatch, protocols, "list_chairs")
    started = time.monotonic()
    dlg = window.new_session()
    assert dlg is not None and time.monotonic() - started < 1.0
    assert dlg.chair.count() == 0  # not read yet
    assert_kept_ticking(qtbot, hang)
    hang.release()
    qtbot.waitUntil(lambda: dlg.chair.count() > 0, timeout=5_000)
    assert dlg.protocol.count() > 0
    dlg.reject()


def test_start_session_search_and_last_weight_do_not_block(
        window: MainWindow, clinic: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    dlg = window.new_session()
    assert dlg is not None
    hang = Hang(monkeypatch, patients, "search_patients")
    dlg.search.setText("M00")
    dlg.run_search()
    assert_kept_ticking(qtbot, hang)
    hang.release()
    qtbot.waitUntil(lambda: dlg.results.count() > 0, timeout=5_000)
    first = dlg.results.count()
    weight = Hang(monkeypatch, patients, "last_weight_kg")
    dlg.results.setCurrentRow(0)
    assert dlg.patient is not None
    assert_kept_ticking(qtbot, weight)
    weight.release()
    qtbot.waitUntil(lambda: dlg.last_weight_label.text() != "", timeout=5_000)
    assert "weight" in dlg.last_weight_label.text().lower()
    assert dlg.results.count() == first
    dlg.reject()


def test_history_search_and_sessions_do_not_block(
        window: MainWindow, clinic: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    search = Hang(monkeypatch, patients, "search_patients")
    dlg = window.find_patient()
    assert isinstance(dlg, PatientHistoryDialog)
    dlg.search.setText("M00")
    dlg._search_now()
    assert_kept_ticking(qtbot, search)
    history = Hang(monkeypatch, views, "patient_history")
    search.release()
    qtbot.waitUntil(lambda: dlg.results.count() > 0, timeout=5_000)
    assert_kept_ticking(qtbot, history)  # the first patient's sessions are being read
    history.release()
    qtbot.waitUntil(lambda: "session(s)" in dlg.patient_label.text(), timeout=5_000)
    dlg.reject()


def test_clinic_reread_does_not_block(window: MainWindow, clinic: Any, qtbot: Any,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    version = accounts.get_clinic(clinic.app).version
    hang = Hang(monkeypatch, accounts, "get_clinic")
    accounts.update_clinic(clinic.app, clinic.admin, name="Renamed Clinic",
                           expected_version=version)
    window.ctx.events.data_changed.emit("clinic", 1)
    assert_kept_ticking(qtbot, hang)
    assert window.clinic_label.text() != "Renamed Clinic"
    hang.release()
    qtbot.waitUntil(lambda: window.clinic_label.text() == "Renamed Clinic", timeout=5_000)
    assert "Renamed Clinic" in window.windowTitle()


def test_locked_accounts_notice_does_not_block(
        admin_ctx: UiContext, clinic: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            accounts.login(clinic.app, "omar", "wrong-wrong")
    hang = Hang(monkeypatch, accounts, "locked_accounts")
    started = time.monotonic()
    w = build_main_window(admin_ctx)
    qtbot.addWidget(w)
    assert time.monotonic() - started < 5.0
    assert_kept_ticking(qtbot, hang)
    assert w.board.accounts_banner.text() == ""
    hang.release()
    qtbot.waitUntil(lambda: "Locked accounts: omar" in w.board.accounts_banner.text(),
                    timeout=5_000)
    w.close()


def test_certificate_notice_does_not_block(clinic: Any, ui_context: UiContexts, qtbot: Any,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    info = authority.issue_certificate(clinic.app, "drlee", CA_PASSPHRASE, PASSWORDS["drlee"])
    ctx = ui_context(user=accounts.login(clinic.app, "drlee", PASSWORDS["drlee"]))
    hang = Hang(monkeypatch, keys, "notices")
    w = build_main_window(ctx)
    qtbot.addWidget(w)
    assert w.cert_notice is None
    assert_kept_ticking(qtbot, hang)
    hang.release()
    qtbot.waitUntil(lambda: w.cert_notice is not None, timeout=5_000)
    assert info.serial in w.cert_notice.details.text()  # type: ignore[union-attr]
    w.close()
