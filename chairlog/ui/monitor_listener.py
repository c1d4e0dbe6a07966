"""The MLLP listener for the window, when the clinic enables it (``chairlog monitor settings
--in-window on``): ``chairlog monitor listen --window`` as a child process (``QProcess``).

Decisions:
- A child process, not a thread: parsing, mapping and committing ten messages a second in the
  window's interpreter competed with the UI thread for the GIL (stalls up to 161 ms against the
  200 ms target, issue 16). In its own process the listener shares nothing with the UI but the
  database file (SQLite WAL: the window's reads never wait for its writes; a nurse's save
  waits at most one message's transaction for the write lock).
- The child prints ``listening on HOST:PORT`` when bound and ``monitor ID`` for each stored
  pending set; the lines arrive on the UI thread through QProcess's signals and become the
  usual change-feed event (``app.notify("monitor", ID)``), so the board and the session page
  refresh as they did, reading off the UI thread (no polling).
- The database URL goes to the child in ``CHAIRLOG_DB`` (never on its command line, where a
  PostgreSQL password would be visible to every user of the computer); the child imports this
  same copy of chairlog (its folder first on ``PYTHONPATH``); in a bundle it is the bundle's
  ``chairlog`` console program.
- Stopping closes the child's standard input: it stops as on SIGTERM (the message being
  stored finishes; a message stored but not yet acknowledged is resent by the monitor and
  de-duplicated). A window that dies closes that pipe too, so no orphan keeps the port.
- A child that dies after it was listening is started again after ``restart_s``; one that
  could not start (port taken, bad address) is reported in the status bar and left stopped.
- The setting is read off the UI thread; starting the process does not wait for it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer

from chairlog.ui.context import UiContext
from chairlog.ui.i18n import error_text, translate

STOP_WAIT_MS = 5000
MAX_ERROR_CHARS = 300


def listener_command() -> tuple[str, list[str]]:
    """The program and its first arguments that run ``chairlog`` as this window does."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the console program beside us
        name = "chairlog.exe" if sys.platform == "win32" else "chairlog"
        return str(Path(sys.executable).with_name(name)), []
    return sys.executable, ["-m", "chairlog"]


class WindowListener(QObject):
    def __init__(self, ctx: UiContext, say: Callable[[str], None],
                 parent: QObject | None = None, *, restart_s: float = 5.0) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.say = say
        self.restart_s = restart_s
        self.process: QProcess | None = None
        self.address: tuple[str, int] | None = None
        #: pending sets the child reported stored (for the status and the tests)
        self.stored = 0
        self.restarts = 0
        self._settings: Any = None
        self._out = bytearray()
        self._err = ""
        self._stopping = False

    # --- start -----------------------------------------------------------------------------
    def start(self) -> None:
        from chairlog.services import monitor

        # owned by the runner: the listener lives as long as the window
        self.ctx.runner.interactive(self.ctx.runner, monitor.listener_settings,
                                    self.ctx.app).success(self._got_settings).failure(
            self._failed)

    def _got_settings(self, st: Any) -> None:
        if not st.listen_in_window or self._stopping:
            return
        self._settings = st
        self._spawn()

    def _spawn(self) -> None:
        st = self._settings
        program, first = listener_command()
        p = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        env.insert("CHAIRLOG_DB", self.ctx.app.db.url)
        here = str(Path(__file__).resolve().parents[2])
        old = env.value("PYTHONPATH", "")
        env.insert("PYTHONPATH", here + (os.pathsep + old if old else ""))
        p.setProcessEnvironment(env)
        p.setProgram(program)
        p.setArguments([*first, "monitor", "listen", "--port", str(st.port), "--bind", st.bind,
                        "--window"])
        p.readyReadStandardOutput.connect(self._read_out)
        p.readyReadStandardError.connect(self._read_err)
        p.finished.connect(self._finished)
        p.errorOccurred.connect(self._error)
        self.process, self.address, self._out, self._err = p, None, bytearray(), ""
        p.start()

    # --- what the child says -------------------------------------------------------------
    def _read_out(self) -> None:
        p = self.process
        if p is None:
            return
        self._out += bytes(p.readAllStandardOutput().data())
        *lines, rest = bytes(self._out).split(b"\n")
        self._out = bytearray(rest[-4096:])  # a line never grows without bound
        for raw in lines:
            self._line(raw.decode("utf-8", "replace").strip())

    def _line(self, line: str) -> None:
        if line.startswith("listening on "):
            host, _, port = line[len("listening on "):].rpartition(":")
            if port.isdigit():
                self.address = (host, int(port))
                self.say(
                    translate(
                        "WindowListener", "Bedside monitors: listening on {host}:{port}."
                    ).format(host=host, port=port)
                )
        elif line.startswith("monitor "):
            pid = line.split(" ", 1)[1]
            if pid.isdigit():
                self.stored += 1
                self.ctx.app.notify("monitor", int(pid))

    def _read_err(self) -> None:
        p = self.process
        if p is None:
            return
        text = bytes(p.readAllStandardError().data()).decode("utf-8", "replace")
        lines = [x.strip() for x in text.splitlines() if x.strip()]
        if lines:
            self._err = lines[-1][:MAX_ERROR_CHARS]

    # --- the child's end -----------------------------------------------------------------
    def _error(self, err: QProcess.ProcessError) -> None:
        if err == QProcess.ProcessError.FailedToStart and not self._stopping:
            self.process = None
            self.say(
                translate(
                    "WindowListener",
                    "Bedside monitors: the listener could not start (the chairlog program "
                    "was not found).",
                )
            )

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        self._read_err()
        was_listening = self.address is not None
        self.process, self.address = None, None
        if self._stopping:
            return
        why = self._err.removeprefix("chairlog: ") or translate(
            "WindowListener", "exit code {code}"
        ).format(code=code)
        if not was_listening:
            self.say(
                translate(
                    "WindowListener", "Bedside monitors: the listener could not start ({why})."
                ).format(why=why)
            )
            return
        self.restarts += 1
        self.say(
            translate(
                "WindowListener",
                "Bedside monitors: the listener stopped ({why}); starting it again.",
            ).format(why=why)
        )
        QTimer.singleShot(int(self.restart_s * 1000), self, self._restart)

    def _restart(self) -> None:
        if not self._stopping and self.process is None and self._settings is not None:
            self._spawn()

    def _failed(self, exc: BaseException) -> None:
        self.say(
            translate(
                "WindowListener", "Bedside monitors: the listener could not start ({exc})."
            ).format(exc=error_text(exc))
        )

    # --- stop ------------------------------------------------------------------------------
    def stop(self) -> None:
        """Close the child's input (it stops as on SIGTERM) and wait for it (at quit)."""
        self._stopping = True
        p, self.process = self.process, None
        if p is None or p.state() == QProcess.ProcessState.NotRunning:
            return
        p.closeWriteChannel()
        if not p.waitForFinished(STOP_WAIT_MS):
            p.kill()  # nothing acknowledged is lost: every AA followed its commit
            p.waitForFinished(1000)
