"""Commands: ``chairlog outbox list [--all] [--json]``, ``chairlog outbox replay --as NURSE``,
``chairlog outbox discard ENTRY --reason TEXT --as NURSE``.

``list`` reads this workstation's outbox file only, so it works while the server is down.
``replay`` and ``discard`` need the server and the nurse's own password (a replay charts in
her name; entries of other nurses wait for them).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from chairlog.cli.core import read_password
from chairlog.errors import StorageError
from chairlog.outbox import Outbox, OutboxStore, database_label
from chairlog.outbox.store import FILE_NAME
from chairlog.paths import data_dir, resolve_db_url
from chairlog.services import Chairlog, accounts, open_app, replay


def register(sub: Any) -> None:
    o = sub.add_parser("outbox", help="entries kept on this workstation while the server was "
                       "unreachable")
    os_ = o.add_subparsers(dest="outbox_command", required=True, metavar="ACTION")
    ls = os_.add_parser("list", help="entries waiting for the server, and conflicts")
    ls.add_argument("--all", action="store_true", help="also those done or resolved")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list)
    rp = os_.add_parser("replay", help="send the waiting entries of a nurse to the server")
    _auth(rp)
    rp.set_defaults(func=cmd_replay)
    d = os_.add_parser("discard", help="give up an entry the server refused (audited)")
    d.add_argument("entry", metavar="ENTRY", help="the entry's id (from outbox list)")
    d.add_argument("--reason", required=True)
    _auth(d)
    d.set_defaults(func=cmd_discard)


def _auth(p: argparse.ArgumentParser) -> None:
    p.add_argument("--as", dest="as_user", required=True, metavar="USERNAME",
                   help="the nurse whose entries these are")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input")


def cmd_list(args: argparse.Namespace) -> int:
    store = OutboxStore(data_dir() / FILE_NAME)
    try:
        states = ("pending", "done", "conflict", "discarded", "recharted") if args.all else (
            "pending", "conflict")
        rows = store.entries(database_label(resolve_db_url(args.db)), states)
    finally:
        store.close()
    if args.json:
        print(json.dumps([r.to_json() for r in rows], indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("The outbox is empty: every entry charted here is on the server.")
        return 0
    for r in rows:
        line = (f"{r.seq:>5}  {r.state:<9} session {r.session_id}  {r.use_case:<22} "
                f"by {r.username}  charted {r.charted_at}  [{r.entry_key}]")
        print(line)
        if r.problem and r.state != "done":
            print(f"       refused: {r.problem}")
    return 0


def _open(args: argparse.Namespace) -> Chairlog:
    try:
        return open_app(args.db)
    except Exception as exc:
        if replay.server_unreachable(exc):
            raise StorageError("The clinic database server cannot be reached: the entries "
                               "stay in the outbox; try again when it is back.") from exc
        raise


def cmd_replay(args: argparse.Namespace) -> int:
    password = read_password(args)
    app = _open(args)
    box = Outbox(app)
    try:
        nurse = accounts.login(app, args.as_user, password)
        report = box.replay([nurse])
    finally:
        box.close()
        app.close()
    print(report.line())
    return 1 if report.unreachable else 0


def cmd_discard(args: argparse.Namespace) -> int:
    password = read_password(args)
    app = _open(args)
    box = Outbox(app)
    try:
        nurse = accounts.login(app, args.as_user, password)
        box.discard(args.entry, nurse, args.reason)
    finally:
        box.close()
        app.close()
    print(f"Entry {args.entry} discarded (audited).")
    return 0
