"""What every window and dialog is handed: the services, the background executor, the signed-in
user and the app-wide signals. Passed in explicitly: there is no global main window.

Database writes run on the UI thread through the services (each is a few milliseconds and
writes stay serialised); slow work (PDF, signing, backups) goes to ``tasks``.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Signal

from chairlog.errors import ChairlogError
from chairlog.services import Chairlog
from chairlog.services.domain import UserInfo

log = logging.getLogger(__name__)


class UiEvents(QObject):
    """App-wide signals. ``data_changed(entity, id)`` fires after every committed write."""

    data_changed = Signal(str, int)
    #: a SessionView just returned by a save (as committed): other views may show it
    #: instead of reading the same rows again
    session_saved = Signal(object)
    user_changed = Signal(object)  # UserInfo | None
    locked = Signal(bool)


class TaskManager(QObject):
    """One background worker thread. ``run(fn, on_success, on_failure)``: fn runs off the UI
    thread; the callbacks run on the UI thread (delivered by a queued signal)."""

    _finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chairlog-task")
        self._finished.connect(self._deliver)
        self.pending = 0

    def run(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None] | None = None) -> Future[Any]:
        self.pending += 1
        fut = self._pool.submit(fn)
        fut.add_done_callback(lambda f: self._finished.emit((f, on_success, on_failure)))
        return fut

    def _deliver(self, payload: tuple[Future[Any], Callable[[Any], None],
                                      Callable[[BaseException], None] | None]) -> None:
        fut, ok, fail = payload
        self.pending -= 1
        exc = fut.exception()
        if exc is not None and not isinstance(exc, ChairlogError):
            log.error("background task failed", exc_info=exc)
        if exc is None:
            ok(fut.result())
        elif fail is not None:
            fail(exc)
        else:
            raise exc

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=False)


@dataclass
class UiSettings:
    sound_muted: bool = False
    #: seconds between board refreshes from the database (other workstations' changes)
    refresh_s: int = 15


@dataclass
class UiContext:
    app: Chairlog
    tasks: TaskManager
    events: UiEvents
    demo: bool = False
    user: UserInfo | None = None
    settings: UiSettings = field(default_factory=UiSettings)
    #: called (in order) when the window locks, e.g. to drop decrypted signing keys
    on_lock: list[Callable[[], None]] = field(default_factory=list)

    def set_user(self, user: UserInfo | None) -> None:
        self.user = user
        self.events.user_changed.emit(user)

    def require_user(self) -> UserInfo:
        if self.user is None:
            raise RuntimeError("no user signed in")
        return self.user


def make_context(app: Chairlog, *, demo: bool = False) -> UiContext:
    events = UiEvents()
    ctx = UiContext(app=app, tasks=TaskManager(), events=events, demo=demo)
    app.listeners.append(lambda entity, eid: events.data_changed.emit(entity, eid or 0))
    return ctx


def describe_database(url: str) -> str:
    """'SQLite: /path/file' or 'PostgreSQL: host/db' (never the password)."""
    if url.startswith("sqlite"):
        return "SQLite: " + (url.split(":///", 1)[1] if ":///" in url else "memory")
    parts = urlsplit(url)
    return f"PostgreSQL: {parts.hostname or 'localhost'}{parts.path}"


def optional_module(name: str) -> Any:
    """Import a screen built separately, or None if it is not installed."""
    try:
        if importlib.util.find_spec(name) is None:
            return None
    except ModuleNotFoundError:
        return None
    return importlib.import_module(name)
