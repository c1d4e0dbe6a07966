"""The log file clinic IT reads, and what happens to an error nobody caught.

Decisions:
- One rotating file, ``chairlog.log`` in ``paths.log_dir()`` (the platform's user log folder,
  ``~/.local/state/chairlog/log`` on Linux, ``%LOCALAPPDATA%\\chairlog\\Logs`` on Windows,
  ``~/Library/Logs/chairlog`` on macOS), 1 MB per file, five old files kept. Both the window
  and the command line write to it, each line with the process id.
- What is logged: start (version, command, Python, platform), the database opened (path or
  host, never a password), backups, signing, lock and unlock, and every error nobody handled,
  with its traceback. Never patient names or chart values: log lines name records by their id
  and staff by their user id. Refusals the user was shown (``ChairlogError``) are not errors
  and are not logged.
- A log folder that cannot be written is reported once on stderr and chairlog carries on: a
  clinic must still be able to chart with a full or read-only profile folder.
- ``install_excepthook`` routes uncaught exceptions (main thread and other threads) to the log
  with their traceback, then to a callback (the window shows a dialog saying what to do).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from chairlog import __version__, paths

LOG_NAME = "chairlog.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(process)d] %(message)s"

log = logging.getLogger("chairlog")
_handler: logging.handlers.RotatingFileHandler | None = None
_lock = threading.Lock()

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def system_name() -> str:
    """'Linux 6.1.0 x86_64' from uname: ``platform.platform()`` reads the interpreter's
    binary to find the C library (~80 ms at every start)."""
    uname = getattr(os, "uname", None)
    if uname is not None:
        u = uname()
        return f"{u.sysname} {u.release} {u.machine}"
    import platform  # Windows

    return f"{platform.system()} {platform.release()} {platform.machine()}"


def log_file() -> Path:
    return paths.log_dir() / LOG_NAME


def configure(command: str) -> Path | None:
    """Send chairlog's log records to the rotating log file and note the start.

    Idempotent; a changed log folder (tests, ``CHAIRLOG_HOME``) moves the handler. Returns the
    log file, or None if it cannot be written."""
    global _handler
    target = log_file()
    with _lock:
        if _handler is not None and Path(_handler.baseFilename) != target.resolve():
            log.removeHandler(_handler)
            _handler.close()
            _handler = None
        if _handler is None:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                handler = logging.handlers.RotatingFileHandler(
                    target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
                )
            except OSError as exc:
                print(f"chairlog: no log file ({target.parent}: {exc.strerror or exc})",
                      file=sys.stderr)
                return None
            handler.setFormatter(logging.Formatter(FORMAT))
            log.addHandler(handler)
            _handler = handler
        if log.level == logging.NOTSET or log.level > logging.INFO:
            log.setLevel(logging.INFO)
    log.info(
        "chairlog %s start: %s (Python %s, %s)",
        __version__, command, sys.version.split()[0], system_name(),
    )
    return target


def log_uncaught(exc_info: ExcInfo, where: str = "") -> None:
    log.critical("uncaught error%s", f" in {where}" if where else "", exc_info=exc_info)


Hooks = tuple[Callable[..., object], Callable[..., object]]


def install_excepthook(show: Callable[[ExcInfo], None] | None = None) -> Hooks:
    """Uncaught exceptions: logged with their traceback, then ``show`` (if given) is called
    (main thread only). KeyboardInterrupt keeps Python's default. Returns the hooks replaced,
    for ``restore_excepthook``."""
    previous: Hooks = (sys.excepthook, threading.excepthook)

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log_uncaught((kind, exc, tb))
        sys.__excepthook__(kind, exc, tb)
        if show is not None:
            show((kind, exc, tb))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a thread"
        log_uncaught((args.exc_type, args.exc_value, args.exc_traceback), name)
        sys.__excepthook__(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
    return previous


def restore_excepthook(previous: Hooks) -> None:
    sys.excepthook, threading.excepthook = previous  # type: ignore[assignment]
