"""Commands: gui, init, user add, demo, sessions."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from chairlog.errors import ValidationError
from chairlog.services import Chairlog, accounts, open_app, protocols
from chairlog.services import demo as demo_data
from chairlog.services.views import list_sessions


def read_password(args: argparse.Namespace, field: str = "password") -> str:
    if not getattr(args, "password_stdin", False):
        raise ValidationError(
            field, None, "--password-stdin (the password on the first line of standard input)"
        )
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def app_from(args: argparse.Namespace) -> Chairlog:
    return open_app(args.db)


def register(sub: Any) -> None:
    g = sub.add_parser("gui", help="open the bedside window (the default)")
    g.add_argument(
        "--demo", action="store_true", help="use a separate demo database filled with demo data"
    )
    g.set_defaults(func=cmd_gui)

    i = sub.add_parser("init", help="create the database, the clinic and the first admin")
    i.add_argument("--clinic", required=True)
    i.add_argument("--timezone", default=None, help="IANA zone (default: this computer's)")
    i.add_argument("--address", default="")
    i.add_argument("--admin", required=True, metavar="USERNAME")
    i.add_argument("--admin-name", required=True, metavar="FULL_NAME")
    i.add_argument("--password-stdin", action="store_true")
    i.add_argument(
        "--no-protocols", action="store_true", help="do not load the shipped protocol templates"
    )
    i.add_argument("--chairs", type=int, default=4, help="number of chairs to create (default 4)")
    i.add_argument("--encrypt", action="store_true",
                   help="encrypt the database and its backups at rest (SQLCipher)")
    i.set_defaults(func=cmd_init)

    u = sub.add_parser("user", help="manage accounts")
    usub = u.add_subparsers(dest="user_command", required=True)
    ua = usub.add_parser("add", help="add an account")
    ua.add_argument("username")
    ua.add_argument("--role", required=True, choices=["nurse", "physician", "admin"])
    ua.add_argument("--name", required=True, metavar="FULL_NAME")
    ua.add_argument("--credentials", default="", help="e.g. RN, MD")
    ua.add_argument("--password-stdin", action="store_true")
    ua.set_defaults(func=cmd_user_add)

    d = sub.add_parser("demo", help="fill an empty database with demo data")
    d.set_defaults(func=cmd_demo)

    s = sub.add_parser("sessions", help="list sessions")
    s.add_argument("--patient", metavar="MRN")
    s.add_argument("--state")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_sessions)


def cmd_gui(args: argparse.Namespace) -> int:
    from chairlog.ui.app import run_gui  # Qt is imported only for the window

    return run_gui(db_url=args.db, demo=bool(getattr(args, "demo", False)))


def _local_timezone() -> str:
    try:
        import tzlocal

        return str(tzlocal.get_localzone_name() or "UTC")
    except Exception:
        return "UTC"


def cmd_init(args: argparse.Namespace) -> int:
    password = read_password(args)
    key = None
    if getattr(args, "encrypt", False):
        from chairlog.services import encryption

        key = encryption.create_key_for(args.db)
    app = app_from(args)
    try:
        admin = accounts.init_clinic(
            app,
            clinic_name=args.clinic,
            timezone=args.timezone or _local_timezone(),
            admin_username=args.admin,
            admin_full_name=args.admin_name,
            admin_password=password,
            address=args.address,
        )
        if not args.no_protocols:
            protocols.install_default_protocols(app, admin)
        for n in range(1, max(0, min(args.chairs, 40)) + 1):
            protocols.add_chair(app, admin, f"Chair {n}")
        print(f"Clinic '{args.clinic}' created with admin '{admin.username}'.")
        if key is not None:
            from chairlog.cli.encryption import announce

            announce(key)
    finally:
        app.close()
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    password = read_password(args)
    app = app_from(args)
    try:
        u = accounts.add_user(
            app,
            None,
            username=args.username,
            full_name=args.name,
            role=args.role,
            password=password,
            credentials=args.credentials,
        )
        print(f"User '{u.username}' ({u.role.value}) added.")
    finally:
        app.close()
    return 0


def demo_signer() -> Any:
    try:
        from chairlog.services.signoff import sign_for_demo
    except ImportError:
        return None
    return sign_for_demo


def cmd_demo(args: argparse.Namespace) -> int:
    app = app_from(args)
    try:
        if accounts.is_initialised(app):
            raise ValidationError("database", app.db.url, "an empty database for demo data")
        summary = demo_data.fill_demo(app, sign=demo_signer())
        print(f"Demo clinic created: {summary.sessions} sessions. Accounts:")
        for user, pw, role in demo_data.demo_accounts():
            print(f"  {user:8} {pw:14} {role}")
    finally:
        app.close()
    return 0


def cmd_sessions(args: argparse.Namespace) -> int:
    app = app_from(args)
    try:
        if args.state:
            from chairlog.clinical.states import SessionState

            try:
                SessionState(args.state)
            except ValueError:
                raise ValidationError(
                    "state", args.state, "one of " + ", ".join(s.value for s in SessionState)
                ) from None
        rows = list_sessions(app, patient_mrn=args.patient, state=args.state)
    finally:
        app.close()
    if args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("No sessions.")
        return 0
    print(f"{'id':>6}  {'patient':<28} {'MRN':<12} {'chair':<9} {'start':<17} state")
    for r in rows:
        start = (r.infusion_started_at or r.checked_in_at).strftime("%Y-%m-%d %H:%M")
        print(
            f"{r.id:>6}  {r.patient_name[:28]:<28} {r.patient_mrn:<12} {r.chair_name[:9]:<9} "
            f"{start:<17} {r.state.value}"
        )
    return 0
