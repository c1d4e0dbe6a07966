"""What every window and dialog is handed: the services, the operation runner, the change feed,
the signed-in user and the app-wide signals. Passed in explicitly: there is no global main window.

Every service call made from the window goes through ``runner`` (``chairlog.ui.operations``):
off the UI thread, on the interactive lane (saves, sign-in, signing, export) or the
maintenance lane (backups, checks). What changed reaches the views through ``feed``
(``chairlog.ui.feed``), on the UI thread.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Signal

from chairlog.domain import UserInfo
from chairlog.present.units import Units
from chairlog.services import Chairlog
from chairlog.ui.feed import ChangeFeed
from chairlog.ui.i18n import translate
from chairlog.ui.operations import OperationRunner, may_commit

log = logging.getLogger(__name__)


class UiEvents(QObject):
    """App-wide signals. ``data_changed(entity, id)`` fires after every committed write (emitted
    by the change feed, for screens that need only the entity's name)."""

    data_changed = Signal(str, int)
    user_changed = Signal(object)  # UserInfo | None
    locked = Signal(bool)


@dataclass
class UiSettings:
    sound_muted: bool = False
    #: seconds between board refreshes from the database (other workstations' changes)
    refresh_s: int = 15


@dataclass
class UiContext:
    app: Chairlog
    runner: OperationRunner
    feed: ChangeFeed
    events: UiEvents
    demo: bool = False
    user: UserInfo | None = None
    settings: UiSettings = field(default_factory=UiSettings)
    #: the clinic's weight-entry and temperature units (set by the main window from the
    #: clinic settings it reads; stored values are always kg and °C)
    units: Units = field(default_factory=Units)
    #: called (in order) when the window locks, e.g. to drop decrypted signing keys
    on_lock: list[Callable[[], None]] = field(default_factory=list)

    def set_user(self, user: UserInfo | None) -> None:
        self.user = user
        self.events.user_changed.emit(user)

    def require_user(self) -> UserInfo:
        if self.user is None:
            raise RuntimeError("no user signed in")
        return self.user


    def shutdown(self) -> None:
        """Stop watching and wait (bounded) for background work: window closing, tests."""
        self.feed.stop()
        self.runner.shutdown()


def make_context(app: Chairlog, *, demo: bool = False,
                 settings: UiSettings | None = None) -> UiContext:
    events = UiEvents()
    settings = settings or UiSettings()
    runner = OperationRunner()
    app.db.commit_guard = may_commit
    feed = ChangeFeed(app, runner, refresh_s=settings.refresh_s, legacy=events)
    return UiContext(app=app, runner=runner, feed=feed, events=events, demo=demo,
                     settings=settings)


def describe_database(url: str, *, short: bool = False) -> str:
    """'SQLite: /path/file' or 'PostgreSQL: host/db' (never the password). ``short``: the
    SQLite file's name only ("SQLite: chairlog.sqlite3"), for the status bar, whose tooltip
    carries the whole path (a long path cut the status bar's other items at 1366 px)."""
    if url.startswith("sqlite"):
        where = url.split(":///", 1)[1] if ":///" in url else "memory"
        return translate("context", "SQLite: ") + (where.replace("\\", "/").rsplit("/", 1)[-1]
                                                   if short else where)
    parts = urlsplit(url)
    return translate("context", "PostgreSQL: {value}{path}").format(
        value=parts.hostname or "localhost", path=parts.path
    )


def optional_module(name: str) -> Any:
    """Import a screen built separately, or None if it is not installed."""
    try:
        if importlib.util.find_spec(name) is None:
            return None
    except ModuleNotFoundError:
        return None
    return importlib.import_module(name)
