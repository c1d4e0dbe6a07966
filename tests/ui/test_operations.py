"""The operation runner: two lanes (a slow backup never delays a signature), owned callbacks
(nothing reaches a dialog closed meanwhile), one place sorting failures, and a deadline that
keeps a hung server from wedging the interactive lane."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QDialog

from chairlog.errors import ConflictError, LimitExceeded, StateError, StorageError, ValidationError
from chairlog.ui.operations import Lane, OperationRunner, ServerUnreachable, current_operation


@pytest.fixture
def runner(qtbot: Any) -> Iterator[OperationRunner]:
    r = OperationRunner()
    r.fast_ms = 5
    yield r
    r.shutdown(timeout_s=5)


def test_a_slow_maintenance_job_does_not_delay_an_interactive_one(
        runner: OperationRunner, qtbot: Any) -> None:
    release = threading.Event()
    backup_done: list[str] = []
    runner.maintenance(runner, release.wait, 30).success(lambda _r: backup_done.append("b"))
    time.sleep(0.05)  # the backup is running on its lane
    signed: list[float] = []
    started = time.monotonic()
    runner.interactive(runner, lambda: "signed").success(
        lambda _r: signed.append(time.monotonic() - started))
    qtbot.waitUntil(lambda: bool(signed), timeout=5_000)
    assert signed[0] < 1.0 and not backup_done  # answered while the backup still runs
    release.set()
    qtbot.waitUntil(lambda: bool(backup_done), timeout=5_000)
    assert runner.idle()


def test_work_runs_on_its_lane_thread_and_answers_on_the_ui_thread(
        runner: OperationRunner, qtbot: Any) -> None:
    seen: list[tuple[str, str]] = []

    def where() -> str:
        op = current_operation()
        assert op is not None and op.lane is Lane.MAINTENANCE
        return threading.current_thread().name

    runner.maintenance(runner, where).success(
        lambda name: seen.append((name, threading.current_thread().name)))
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    assert seen == [("chairlog-maintenance", threading.main_thread().name)]


def test_callbacks_to_a_dialog_closed_before_the_work_finished_are_dropped(
        runner: OperationRunner, qtbot: Any) -> None:
    dialog = QDialog()
    dialog.open()
    release = threading.Event()
    called: list[object] = []
    ended: list[bool] = []
    op = runner.interactive(dialog, release.wait, 30).success(called.append).failure(
        called.append).always(lambda: ended.append(True))
    dialog.reject()
    shiboken6.delete(dialog)  # closed and destroyed while the work still runs
    release.set()
    qtbot.waitUntil(lambda: bool(ended), timeout=5_000)
    assert called == [] and op.future.result() is True and runner.idle()
    # the same call for a live owner does answer
    alive = QDialog()
    runner.interactive(alive, lambda: 7).success(called.append)
    qtbot.waitUntil(lambda: called == [7], timeout=5_000)
    shiboken6.delete(alive)


@pytest.mark.parametrize(("exc", "route"), [
    (ConflictError(), "conflict"),
    (LimitExceeded("rate", 3.0, "rate above the protocol maximum"), "limit"),
    (ValidationError("hr", 400, "20–250"), "invalid"),
    (StateError("signed"), "failure"),
])
def test_each_refusal_goes_to_its_one_handler(runner: OperationRunner, qtbot: Any,
                                              exc: Exception, route: str) -> None:
    got: list[tuple[str, BaseException]] = []

    def boom() -> None:
        raise exc

    runner.interactive(runner, boom).on_conflict(lambda e: got.append(("conflict", e))) \
        .on_limit(lambda e: got.append(("limit", e))) \
        .on_invalid(lambda e: got.append(("invalid", e))) \
        .failure(lambda e: got.append(("failure", e)))
    qtbot.waitUntil(lambda: bool(got), timeout=5_000)
    assert got == [(route, exc)]


def test_unreachable_failures_pass_through_the_one_hook(runner: OperationRunner,
                                                        qtbot: Any) -> None:
    hooked: list[str] = []
    failed: list[BaseException] = []
    runner.on_unreachable.append(lambda op, e: hooked.append(op.label) or False)

    def save_vitals() -> None:
        raise StorageError("The clinic database server cannot be reached. Entries cannot be "
                           "saved right now.")

    op = runner.interactive(runner, save_vitals).failure(failed.append)
    assert op.call == (save_vitals, (), {})  # what a hook keeps to replay it
    qtbot.waitUntil(lambda: bool(failed), timeout=5_000)
    assert hooked == ["save_vitals"] and isinstance(failed[0], StorageError)
    # a hook that takes the save over (the outbox) answers instead of the failure handler
    runner.on_unreachable.insert(0, lambda op, e: True)
    runner.interactive(runner, save_vitals).failure(failed.append)
    qtbot.waitUntil(runner.idle, timeout=5_000)
    assert len(failed) == 1


def test_an_operation_past_its_deadline_fails_as_unreachable_and_frees_the_lane(
        runner: OperationRunner, qtbot: Any) -> None:
    runner.deadline_s = 0.3
    hung = threading.Event()
    failed: list[BaseException] = []
    late: list[object] = []
    finished: list[object] = []
    runner.op_finished.connect(finished.append)
    stuck = runner.interactive(runner, hung.wait, 30).failure(failed.append).success(late.append)
    qtbot.waitUntil(lambda: bool(failed), timeout=5_000)
    assert isinstance(failed[0], ServerUnreachable) and "NOT saved" in str(failed[0])
    # the lane is served by a fresh thread: the next call answers although the first hangs
    answers: list[int] = []
    runner.interactive(runner, lambda: 1).success(answers.append)
    qtbot.waitUntil(lambda: answers == [1], timeout=5_000)
    # the hung call answering late is published (its change may be real) but not delivered
    hung.set()
    qtbot.waitUntil(lambda: stuck in finished, timeout=5_000)
    assert late == []
