"""The MLLP listener inside the window, when the clinic enables it (``chairlog monitor settings
--in-window on``).

Never on the UI thread: the setting is read and the socket bound on the task thread; the
listener then runs on its own thread (``chairlog.monitor.listener.BackgroundListener``: asyncio,
one worker thread for the database writes). What it stores reaches the views through the
service context's change feed (``app.notify("monitor", …)``), which the UI receives as a queued
Qt signal (``UiEvents.data_changed``), so no widget is touched from another thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chairlog.ui.context import UiContext


class WindowListener:
    def __init__(self, ctx: UiContext, say: Callable[[str], None]) -> None:
        self.ctx = ctx
        self.say = say
        self.background: Any = None
        self.address: tuple[str, int] | None = None

    def start(self) -> None:
        # owned by the runner: the listener lives as long as the window
        self.ctx.runner.interactive(self.ctx.runner, self._start).success(
            self._started).failure(self._failed)

    def _start(self) -> tuple[Any, tuple[str, int]] | None:
        from chairlog.monitor.listener import BackgroundListener
        from chairlog.services import monitor
        from chairlog.services.monitor_ingest import answer

        st = monitor.listener_settings(self.ctx.app)
        if not st.listen_in_window:
            return None
        app = self.ctx.app
        bg = BackgroundListener(lambda raw, peer: answer(app, raw, peer), host=st.bind,
                                port=st.port)
        return bg, bg.start()

    def _started(self, result: tuple[Any, tuple[str, int]] | None) -> None:
        if result is None:
            return
        self.background, self.address = result
        host, port = self.address
        self.say(f"Bedside monitors: listening on {host}:{port}.")

    def _failed(self, exc: BaseException) -> None:
        self.say(f"Bedside monitors: the listener could not start ({exc}).")

    def stop(self) -> None:
        if self.background is not None:
            self.background.stop()
            self.background = None
