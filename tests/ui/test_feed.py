"""The change feed: one event per change on the UI thread, carrying the committed session and
who made it; other threads' notifications queued to the UI thread; the server's reachability
from the audit head; backups subscribing to "session discharged"."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from chairlog.services import backups, charting
from chairlog.services.results import SESSION_DISCHARGED
from chairlog.ui import feed as feed_module
from chairlog.ui.context import UiContext
from chairlog.ui.feed import REMOTE, Change
from tests.conftest import ready_to_infuse

VITALS = {"hr": 80, "sbp": 120, "dbp": 80, "spo2": 98, "rr": 14}


def test_a_save_publishes_one_change_with_the_committed_session_and_its_initiator(
        clinic: Any, ctx: UiContext, qtbot: Any) -> None:
    s = ready_to_infuse(clinic)
    page = QWidget()
    qtbot.addWidget(page)
    seen: list[tuple[Change, object, str]] = []
    legacy: list[tuple[str, int]] = []
    ctx.feed.changed.connect(lambda c, who: seen.append(
        (c, who, threading.current_thread().name)))
    ctx.events.data_changed.connect(lambda what, eid: legacy.append((what, eid)))
    result: list[Any] = []
    ctx.runner.interactive(page, charting.record_vitals, clinic.app, clinic.nurse, s.id,
                           VITALS).success(result.append)
    qtbot.waitUntil(lambda: bool(result), timeout=10_000)
    [(change, who, thread)] = seen
    assert change.what == "session" and change.id == s.id and who is page
    assert change.view == result[0].session  # the session as committed: nothing to re-read
    assert thread == threading.main_thread().name
    assert legacy == [("session", s.id)]


def test_a_notification_from_another_thread_arrives_on_the_ui_thread(
        clinic: Any, ctx: UiContext, qtbot: Any) -> None:
    seen: list[tuple[Change, object, str]] = []
    ctx.feed.changed.connect(lambda c, who: seen.append(
        (c, who, threading.current_thread().name)))
    t = threading.Thread(target=lambda: clinic.app.notify("monitor", 5), name="monitor-rx")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    assert seen == [(Change("monitor", 5), None, threading.main_thread().name)]


def test_an_unanswered_head_read_marks_the_server_unreachable_until_it_answers(
        clinic: Any, ctx: UiContext, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx.feed.networked = True  # as on PostgreSQL (the suite's database may be SQLite)
    ctx.feed.start()
    qtbot.waitUntil(lambda: ctx.feed.reads >= 1, timeout=10_000)
    answer = threading.Event()
    real = feed_module.head_seq

    def hung(app: Any) -> int:
        answer.wait(30)
        return real(app)

    monkeypatch.setattr(feed_module, "head_seq", hung)
    states: list[object] = []
    changes: list[Change] = []
    ctx.feed.reachability.connect(states.append)
    ctx.feed.changed.connect(lambda c, _who: changes.append(c))
    ctx.feed.watch()
    qtbot.waitUntil(lambda: bool(states), timeout=10_000)
    assert states[0] == ctx.feed.unreachable_since is not None
    answer.set()
    qtbot.waitUntil(lambda: len(states) == 2, timeout=10_000)
    assert states[1] is None and ctx.feed.unreachable_since is None
    assert Change(REMOTE) in changes  # every view re-reads once the server is back


def test_backups_subscribe_to_session_discharged(clinic: Any) -> None:
    jobs: list[object] = []
    backups.install(clinic.app, run=jobs.append)
    clinic.app.notify(SESSION_DISCHARGED, 1)
    assert len(jobs) == 1
