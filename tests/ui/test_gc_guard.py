"""While the window's background threads exist, Python's cycle collector runs on the UI thread
only (``chairlog.ui.gc_guard``): a collection in a background thread that frees a Qt object
can deadlock with the UI thread inside Qt (seen as a hung test run)."""

from __future__ import annotations

import gc
import threading
import weakref
from typing import Any

from chairlog.ui import gc_guard
from chairlog.ui.operations import OperationRunner


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def _collections(into: list[str]) -> Any:
    def note(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            into.append(threading.current_thread().name)
    return note


def test_cycles_made_in_a_lane_are_collected_on_the_ui_thread(qtbot: Any) -> None:
    runner = OperationRunner()
    where: list[str] = []
    note = _collections(where)
    gc.callbacks.append(note)
    try:
        assert not gc.isenabled() and gc_guard.holders() == 1

        def garbage() -> weakref.ref[_Node]:
            probe = _Node()
            ref = weakref.ref(probe)
            del probe
            for _ in range(5 * gc.get_threshold()[0]):  # far past the youngest threshold
                _Node()
            return ref

        done: list[weakref.ref[_Node]] = []
        runner.interactive(runner, garbage).success(done.append)
        qtbot.waitUntil(lambda: bool(done), timeout=5_000)
        assert done[0]() is not None  # nothing collected it in the lane's thread
        qtbot.waitUntil(lambda: done[0]() is None, timeout=5_000)  # the UI-thread timer did
        assert where and set(where) == {threading.main_thread().name}
    finally:
        gc.callbacks.remove(note)
        runner.shutdown(timeout_s=5)
    assert gc.isenabled() and gc_guard.holders() == 0


def test_held_by_count_and_given_back_when_the_last_runner_ends(qtbot: Any) -> None:
    a, b = OperationRunner(), OperationRunner()
    assert gc_guard.holders() == 2 and not gc.isenabled()
    a.shutdown(timeout_s=5)
    a.shutdown(timeout_s=5)  # a second shutdown releases nothing more
    assert gc_guard.holders() == 1 and not gc.isenabled()
    b.shutdown(timeout_s=5)
    assert gc_guard.holders() == 0 and gc.isenabled()


def test_collect_due_follows_the_collectors_thresholds() -> None:
    gc.collect()
    assert gc_guard.collect_due() == -1  # nothing due right after a collection
    was = gc.isenabled()
    gc.disable()
    try:
        for _ in range(2 * gc.get_threshold()[0]):
            _Node()
        assert gc_guard.collect_due() >= 0
    finally:
        if was:
            gc.enable()
