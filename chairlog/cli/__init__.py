"""The command line. Calls services, never the database.

Exit codes: 0 success, 1 a check or verification failed, 2 bad usage or bad input (one line on
stderr, no traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from chairlog.errors import ChairlogError

from . import core


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="chairlog", description="Charting for IV ketamine clinics.")
    p.add_argument(
        "--db",
        metavar="URL",
        help="database file or URL (default: CHAIRLOG_DB, "
        "else the user data folder). e.g. postgresql://user@host/chairlog",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    core.register(sub)
    for name in ("records", "audit", "safety", "encryption"):
        try:
            module = __import__(f"chairlog.cli.{name}", fromlist=["register"])
        except ModuleNotFoundError:
            continue
        module.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.command = "gui"
        args.func = core.cmd_gui
        args.demo = False
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
