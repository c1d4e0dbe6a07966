"""Commands for the physician's desk and the shift change (issue 13).

``chairlog return SESSION_ID --as USERNAME --password-stdin --reason TEXT``
    a physician returns a record awaiting signature to the nurse.
``chairlog ready SESSION_ID --as USERNAME --password-stdin [--note TEXT]``
    the nurse marks a returned record ready for signature again.
``chairlog handover [--out FILE.pdf] [--paper A4|Letter]``
    the one-page handover of every chair (default file: handover-YYYYMMDD-HHMM.pdf here).
``chairlog sign ID ID … --as USERNAME --password-stdin -o DIR``
    several records in one signing sitting: username and password once, each record signed
    on its own (``services.sitting``); a record that is refused is named and the rest signed.

Decisions: a refused record in a batch does not stop the others; the command exits 2 when
any was refused (one line each on stderr), 0 when all were signed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from chairlog.cli.credentials import add_stdin_option, read_secrets
from chairlog.cli.records import write_file
from chairlog.errors import ChairlogError, ValidationError
from chairlog.services import accounts, handover, open_app, records, returns, sitting
from chairlog.services.records import record_id


def register(sub: Any) -> None:
    r = sub.add_parser("return", help="return a record to the nurse with a reason (physician)")
    r.add_argument("session_id", type=int, metavar="SESSION_ID")
    r.add_argument("--as", dest="as_user", required=True, metavar="USERNAME")
    r.add_argument("--reason", required=True)
    add_stdin_option(r)
    r.set_defaults(func=cmd_return)
    y = sub.add_parser("ready", help="mark a returned record ready for signature again")
    y.add_argument("session_id", type=int, metavar="SESSION_ID")
    y.add_argument("--as", dest="as_user", required=True, metavar="USERNAME")
    y.add_argument("--note", default="")
    add_stdin_option(y)
    y.set_defaults(func=cmd_ready)
    h = sub.add_parser("handover", help="the shift handover of every chair as a PDF")
    h.add_argument("--out", "-o", dest="output", metavar="FILE.pdf")
    h.add_argument("--paper", choices=["A4", "Letter"])
    h.set_defaults(func=cmd_handover)


def cmd_return(args: argparse.Namespace) -> int:
    (password,) = read_secrets(args, "password")
    app = open_app(args.db)
    try:
        actor = accounts.login(app, args.as_user, password)
        try:
            view = returns.return_to_nurse(app, actor, args.session_id, args.reason)
        finally:
            accounts.sign_out(actor)
    finally:
        app.close()
    note = view.returned
    print(f"Returned {record_id(view.id)} to the nurse: {note.text if note else args.reason}")
    return 0


def cmd_ready(args: argparse.Namespace) -> int:
    (password,) = read_secrets(args, "password")
    app = open_app(args.db)
    try:
        actor = accounts.login(app, args.as_user, password)
        try:
            view = returns.mark_ready(app, actor, args.session_id, args.note)
        finally:
            accounts.sign_out(actor)
    finally:
        app.close()
    print(f"{record_id(view.id)} is ready for the physician's signature again.")
    return 0


def cmd_handover(args: argparse.Namespace) -> int:
    app = open_app(args.db)
    try:
        pdf = handover.handover_pdf(app, paper=args.paper)
        tz = ZoneInfo(accounts.get_clinic(app).timezone)
        stamp = app.now().astimezone(tz).strftime("%Y%m%d-%H%M")
    finally:
        app.close()
    target = args.output or f"handover-{stamp}.pdf"
    write_file(target, pdf)
    print(f"Wrote the shift handover to {target} ({len(pdf)} bytes).")
    return 0


def sign_several(args: argparse.Namespace) -> int:
    """``chairlog sign`` with several records (or a folder): one sitting."""
    folder = Path(args.output).expanduser() if args.output else None
    if folder is None or not folder.is_dir():
        raise ValidationError("output", args.output or "", "an existing folder (-o DIR) for "
                              "several signed records", "-o")
    (password,) = read_secrets(args, "password")
    app = open_app(args.db)
    refused = 0
    try:
        actor = accounts.login(app, args.user, password)
        try:
            sit = sitting.open_sitting(app, actor, args.user, password)
            try:
                for sid in args.session_ids:
                    try:
                        info = sitting.sign_in_sitting(app, sit, sid, meaning=args.meaning,
                                                       comment=args.comment)
                    except ChairlogError as exc:
                        refused += 1
                        print(f"chairlog: session {sid} not signed: {exc}", file=sys.stderr)
                        continue
                    pdf = records.get_signed_pdf(app, sid, info.record_version)
                    target = folder / f"{record_id(sid)}-v{info.record_version}.pdf"
                    write_file(str(target), pdf)
                    print(f"Signed session {sid}, record version {info.record_version}, as "
                          f"{info.signer_name} ({info.meaning}); written to {target}.")
            finally:
                sitting.end_sitting(app, sit, "command finished")
        finally:
            accounts.sign_out(actor)
    finally:
        app.close()
    signed = len(args.session_ids) - refused
    print(f"{signed} of {len(args.session_ids)} record(s) signed in one sitting.")
    return 2 if refused else 0
