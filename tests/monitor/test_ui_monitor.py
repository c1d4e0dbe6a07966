"""The window: the newest monitor set beside the vitals form (grey, "not charted"), one key to
accept, editable before accepting, reject with a reason; the board tile's badge."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from chairlog.services import accounts, doses, views
from chairlog.services import monitor as mon
from chairlog.services.monitor_ingest import receive
from chairlog.ui import tokens
from chairlog.ui.context import UiContext
from chairlog.ui.session.page import SessionPage
from tests.conftest import PASSWORDS, ready_to_infuse
from tests.monitor import samples as S
from tests.monitor.conftest import hl7_time
from tests.ui.leaks import UiContexts

pytestmark = pytest.mark.gui
DEV = "080019FFFE0B4020"


@pytest.fixture
def ui(clinic: Any, ui_context: UiContexts) -> UiContext:
    return ui_context(user=accounts.login(clinic.app, "nina", PASSWORDS["nina"]))


def running_with_pending(clinic: Any, hr: str = "80") -> tuple[int, int]:
    s = ready_to_infuse(clinic)
    clinic.clock.advance(minutes=2)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=10)
    receive(clinic.app, S.ge_b40(control="PROBE", when=hl7_time(clinic.clock.now())))
    mon.bind_device(clinic.app, clinic.nurse, DEV, clinic.chairs[0].id)
    out = receive(clinic.app, S.ge_b40(control="UI1", hr=hr, when=hl7_time(clinic.clock.now())))
    assert out.code == "AA" and out.pending_id is not None
    return s.id, out.pending_id


def open_page(ui: UiContext, qtbot: Any, sid: int) -> SessionPage:
    page = SessionPage(ui, sid)
    qtbot.addWidget(page)
    page.resize(1600, 1000)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    qtbot.waitUntil(lambda: page.monitor.loads > 0)
    return page


def test_pending_shown_grey_and_accepted_with_one_key(clinic: Any, ui: UiContext,
                                                      qtbot: Any) -> None:
    sid, pid = running_with_pending(clinic, hr="190")
    page = open_page(ui, qtbot, sid)
    assert page.monitor.isVisible()
    assert page.monitor.title.text() == "FROM MONITOR, NOT CHARTED"
    assert page.monitor.edits["hr"].text() == "190"
    assert f"color: {tokens.MUTED}" in page.monitor.edits["hr"].styleSheet()  # grey: not charted
    assert views.get_session(clinic.app, sid).alerts == ()  # never an alarm while pending
    qtbot.keyClick(page, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
    v = views.get_session(clinic.app, sid)
    last = v.latest_vitals
    assert last is not None and last.data["hr"] == 190
    assert "source: monitor 080019FFFE0B4020, control id UI1" in last.summary
    assert [a.code for a in v.alerts] == ["hr_high"]  # raised by charting, as for typed vitals
    assert {p.id: p.state for p in mon.list_pending(clinic.app)} == {pid: "validated"}
    qtbot.waitUntil(lambda: not page.monitor.isVisible())
    page.close_session()


def test_edit_before_accepting_and_reject_with_reason(clinic: Any, ui: UiContext,
                                                      qtbot: Any) -> None:
    sid, _ = running_with_pending(clinic)
    page = open_page(ui, qtbot, sid)
    hr = page.monitor.edits["hr"]
    hr.clear()
    qtbot.keyClicks(hr, "76")
    assert hr.styleSheet() == ""  # typed by the nurse: no longer grey
    qtbot.mouseClick(page.monitor.accept_button, Qt.MouseButton.LeftButton)
    last = views.get_session(clinic.app, sid).latest_vitals
    assert last is not None and last.data["hr"] == 76
    assert "nurse-entered: hr 76 (monitor: 80)" in last.summary
    out = receive(clinic.app, S.ge_b40(control="UI2", when=hl7_time(clinic.clock.now())))
    qtbot.waitUntil(lambda: page.monitor.pending is not None
                    and page.monitor.pending.id == out.pending_id)
    qtbot.mouseClick(page.monitor.reject_button, Qt.MouseButton.LeftButton)
    assert "reason" in page.message.text()  # refused: a reason is required
    qtbot.keyClicks(page.monitor.reason, "artefact: cuff moved")
    qtbot.mouseClick(page.monitor.reject_button, Qt.MouseButton.LeftButton)
    states = {p.id: (p.state, p.reason) for p in mon.list_pending(clinic.app)}
    assert states[out.pending_id] == ("rejected", "artefact: cuff moved")
    page.close_session()


def test_board_tile_badge(clinic: Any, ui: UiContext, qtbot: Any) -> None:
    from chairlog.ui.app import build_main_window

    running_with_pending(clinic)
    w = build_main_window(ui)
    qtbot.addWidget(w)
    w.show()
    tile = w.board.tiles[clinic.chairs[0].id]
    qtbot.waitUntil(lambda: tile.monitor_label.text() != "")
    assert tile.monitor_label.text().startswith("From monitor, not charted: HR 80  BP 122/85")
    assert tile.monitor_label.isVisible()
    other = w.board.tiles[clinic.chairs[1].id]
    assert other.monitor_label.text() == ""
    assert not other.monitor_accept.isVisible()
    # one click on the tile charts it, without opening the chair
    assert tile.monitor_accept.isVisible()
    tile.monitor_accept.click()
    qtbot.waitUntil(lambda: tile.monitor_label.text() == "", timeout=10000)
    assert not tile.monitor_accept.isVisible()
    latest = views.get_session(clinic.app, w.board.views[clinic.chairs[0].id].id).latest_vitals
    assert latest is not None and latest.data["hr"] == 80
    assert latest.user_name == "Nina Nurse, RN" and "monitor" in (latest.data["text"] or "")
    w.quit_now()


def test_clear_older_from_the_panel(clinic: Any, ui: UiContext, qtbot: Any) -> None:
    sid, first = running_with_pending(clinic)
    clinic.clock.advance(seconds=30)
    newest = receive(clinic.app, S.ge_b40(control="UI3", when=hl7_time(clinic.clock.now())))
    page = open_page(ui, qtbot, sid)
    assert page.monitor.pending is not None and page.monitor.pending.id == newest.pending_id
    assert page.monitor.clear_button.isEnabled() and "2 waiting" in page.monitor.info.text()
    qtbot.mouseClick(page.monitor.clear_button, Qt.MouseButton.LeftButton)
    states = {p.id: p.state for p in mon.list_pending(clinic.app)}
    assert states == {first: "rejected", newest.pending_id: "pending"}
    qtbot.waitUntil(lambda: "1 waiting" in page.monitor.info.text())
    page.close_session()


def test_window_runs_the_listener_when_the_clinic_enables_it(
    clinic: Any, ui: UiContext, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's listener is a child process (``monitor listen --window``): a stored set
    reaches the board through its "monitor ID" line, a second one on the same port says why it
    could not start, and stopping it ends the child (exit 0, the port free again)."""
    import socket

    from chairlog.monitor.mllp import wrap
    from chairlog.ui.app import build_main_window
    from chairlog.ui.monitor_listener import WindowListener
    from tests.monitor.conftest import allow_loopback_port, client, msa, read_acks

    said: list[str] = []
    off = WindowListener(ui, said.append)
    off.start()
    qtbot.waitUntil(lambda: ui.runner.idle())
    assert off.process is None and said == []  # not enabled: nothing listens
    s = ready_to_infuse(clinic)
    receive(clinic.app, S.ge_b40(control="PROBE", when=hl7_time(clinic.clock.now())))
    mon.bind_device(clinic.app, clinic.nurse, DEV, clinic.chairs[0].id)
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    admin = accounts.login(clinic.app, "admin", PASSWORDS["admin"])
    mon.set_listener_settings(clinic.app, admin, listen_in_window=True, port=port)
    allow_loopback_port(monkeypatch, port)
    w = build_main_window(ui)
    qtbot.addWidget(w)
    w.show()
    tile = w.board.tiles[clinic.chairs[0].id]
    on = WindowListener(ui, said.append)
    on.start()
    qtbot.waitUntil(lambda: on.address is not None, timeout=30000)
    assert said == [f"Bedside monitors: listening on 127.0.0.1:{port}."]
    child = on.process
    assert child is not None
    try:
        with client(port) as c:
            c.sendall(wrap(S.mindray_keepalive()))
            c.sendall(wrap(S.ge_b40(control="CHILD1", when=hl7_time(clinic.clock.now()))))
            assert [msa(a) for a in read_acks(c, 2)] == [("AA", "106"), ("AA", "CHILD1")]
        qtbot.waitUntil(lambda: on.stored == 1, timeout=10000)
        qtbot.waitUntil(lambda: tile.monitor_label.text() != "", timeout=10000)
        [p] = mon.list_pending(clinic.app, session_id=s.id)
        assert p.control_id == "CHILD1" and p.state == "pending"
        taken = WindowListener(ui, said.append)  # a second one: the port is taken
        taken.start()
        qtbot.waitUntil(lambda: len(said) == 2, timeout=30000)
        assert said[1].startswith("Bedside monitors: the listener could not start (")
        assert "already in use" in said[1] and taken.process is None
    finally:
        on.stop()
        w.quit_now()
    assert child.exitCode() == 0 and on.process is None
    with socket.socket() as again:
        again.bind(("127.0.0.1", port))  # the child has let the port go


def test_window_listener_restarts_a_child_that_died(
    clinic: Any, ui: UiContext, qtbot: Any
) -> None:
    import socket

    from chairlog.ui.monitor_listener import WindowListener

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    admin = accounts.login(clinic.app, "admin", PASSWORDS["admin"])
    mon.set_listener_settings(clinic.app, admin, listen_in_window=True, port=port)
    said: list[str] = []
    wl = WindowListener(ui, said.append, restart_s=0.1)
    wl.start()
    qtbot.waitUntil(lambda: wl.address is not None, timeout=30000)
    try:
        first = wl.process
        assert first is not None
        first.kill()  # as a crash would
        qtbot.waitUntil(lambda: wl.restarts == 1 and wl.address is not None, timeout=30000)
        assert wl.process is not None and wl.process is not first
        assert any("stopped" in x and "starting it again" in x for x in said)
        assert said[-1] == f"Bedside monitors: listening on 127.0.0.1:{port}."
    finally:
        wl.stop()
