"""The command line. Calls services, never the database.

Exit codes: 0 success, 1 a check or verification failed, 2 bad usage or bad input (one line on
stderr, no traceback).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from chairlog import __version__, applog, paths
from chairlog.errors import ChairlogError

from . import core

log = logging.getLogger(__name__)


class OneLineParser(argparse.ArgumentParser):
    """Bad usage is one line on stderr and exit 2, like every other bad input (argparse's own
    ``error`` prints the whole usage first); the subcommands' parsers inherit the class."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"chairlog: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    p = OneLineParser(prog="chairlog", description="Charting for IV ketamine clinics.")
    p.add_argument("--version", action="version", version=f"chairlog {__version__}")
    p.add_argument(
        "--db",
        metavar="URL",
        help="database file or URL (default: CHAIRLOG_DB, "
        "else the user data folder). e.g. postgresql://user@host/chairlog",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    core.register(sub)
    # every command group is part of chairlog: one that fails to import is a broken
    # installation, reported as such, never a command silently missing from the list
    for name in ("admin", "records", "authority", "audit", "safety", "monitor", "export",
                 "encryption", "migrate", "desk", "outbox", "protocols"):
        importlib.import_module(f"chairlog.cli.{name}").register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.command = "gui"
        args.func = core.cmd_gui
        args.demo = False
    applog.configure(args.command)
    try:
        paths.check_resources()  # before anything is written: never half a clinic
    except paths.MissingResource as exc:
        log.error("%s", exc)
        print(f"chairlog: {exc}", file=sys.stderr)
        if args.command == "gui" and not getattr(args, "smoke", False):
            core.show_start_error(str(exc))  # a desktop launch has no console to read
        return 1
    try:
        return int(args.func(args) or 0)
    except ChairlogError as exc:
        print(f"chairlog: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("chairlog: interrupted", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception:
        log.exception("chairlog %s failed", args.command)
        raise


def gui_main() -> int:
    """The ``chairlog-gui`` launcher (a gui-script: no console window on Windows). Without a
    console ``sys.stdout``/``sys.stderr`` are None; they go to the null device, and the log
    file and the dialogs carry the messages."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    return main(sys.argv[1:])
