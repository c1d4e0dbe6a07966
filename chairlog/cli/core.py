"""Commands: gui, init, demo, sessions (accounts and settings: ``admin``; the signing
authority: ``authority``).

``chairlog init --clinic NAME --admin USERNAME --admin-name NAME [--ca-holder NAME]
--password-stdin``  stdin line 1: the admin's password; line 2 (optional): the signing
authority's passphrase, else one is generated and printed once (stored nowhere). Only on an
empty database."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from chairlog.cli.credentials import read_secrets
from chairlog.errors import ValidationError
from chairlog.services import Chairlog, accounts, open_app, protocols
from chairlog.services import demo as demo_data
from chairlog.services.views import list_sessions


def read_password(args: argparse.Namespace, field: str = "password") -> str:
    """The one password of a command (stdin line 1, or a hidden prompt on a terminal)."""
    return read_secrets(args, field)[0]


def app_from(args: argparse.Namespace) -> Chairlog:
    return open_app(args.db)


def register(sub: Any) -> None:
    g = sub.add_parser("gui", help="open the bedside window (the default)")
    g.add_argument(
        "--demo", action="store_true", help="use a separate demo database filled with demo data"
    )
    g.add_argument(
        "--smoke",
        action="store_true",
        help="check the installation: open the window (signed in as the demo nurse with "
        "--demo), keep it shown for --smoke-seconds, exit 0, or 1 on any error",
    )
    g.add_argument("--smoke-seconds", type=float, default=10.0, metavar="SECONDS",
                   help=argparse.SUPPRESS)
    g.add_argument("--screenshot", metavar="FILE.png", default=None,
                   help="with --smoke: save a picture of the window before exiting")
    g.set_defaults(func=cmd_gui)

    i = sub.add_parser("init", help="create the database, the clinic and the first admin")
    i.add_argument("--clinic", required=True)
    i.add_argument("--timezone", default=None, help="IANA zone (default: this computer's)")
    i.add_argument("--address", default="")
    i.add_argument("--admin", required=True, metavar="USERNAME")
    i.add_argument("--admin-name", required=True, metavar="FULL_NAME")
    i.add_argument("--ca-holder", default="", metavar="NAME",
                   help="who holds the signing authority's passphrase (default: the admin)")
    i.add_argument("--password-stdin", action="store_true",
                   help="line 1: the admin's password; line 2 (optional): the signing "
                   "authority's passphrase (generated and shown once if absent)")
    i.add_argument(
        "--no-protocols", action="store_true", help="do not load the shipped protocol templates"
    )
    i.add_argument("--chairs", type=int, default=4, help="number of chairs to create (default 4)")
    i.add_argument("--encrypt", action="store_true",
                   help="encrypt the database and its backups at rest (SQLCipher)")
    i.set_defaults(func=cmd_init)

    d = sub.add_parser("demo", help="fill an empty database with demo data")
    d.set_defaults(func=cmd_demo)

    s = sub.add_parser("sessions", help="list sessions")
    s.add_argument("--patient", metavar="MRN")
    s.add_argument("--state")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_sessions)


def cmd_gui(args: argparse.Namespace) -> int:
    from chairlog.ui.app import run_gui  # Qt is imported only for the window

    demo = bool(getattr(args, "demo", False))
    if getattr(args, "smoke", False):
        from chairlog.ui.smoke import run_smoke

        return run_smoke(db_url=args.db, demo=demo, seconds=args.smoke_seconds,
                         screenshot=args.screenshot)
    return run_gui(db_url=args.db, demo=demo)


def show_start_error(message: str) -> None:
    """The window could not start: say why in a message box too (no console on a desktop)."""
    from chairlog.ui.app import show_start_error as show

    show("chairlog cannot start", message)


def _local_timezone() -> str:
    try:
        import tzlocal

        return str(tzlocal.get_localzone_name() or "UTC")
    except Exception:
        return "UTC"


def _init_secrets(args: argparse.Namespace) -> tuple[str, str, bool]:
    """(admin password, authority passphrase, generated?)."""
    import secrets as _secrets

    if getattr(args, "password_stdin", False):
        password = read_secrets(args, "the admin's password")[0]
        line = sys.stdin.readline().rstrip("\r\n")
        if line:
            return password, line, False
    elif sys.stdin is not None and sys.stdin.isatty():
        password, passphrase = read_secrets(
            args, "the admin's password", "the signing authority's passphrase (empty: generate)"
        )
        if passphrase:
            return password, passphrase, False
    else:
        password = read_secrets(args, "the admin's password")[0]
    return password, _secrets.token_urlsafe(18), True


def cmd_init(args: argparse.Namespace) -> int:
    password, passphrase, generated = _init_secrets(args)
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
            ca_passphrase=passphrase,
            ca_holder=args.ca_holder,
            address=args.address,
        )
        if not args.no_protocols:
            protocols.install_default_protocols(app, admin)
        for n in range(1, max(0, min(args.chairs, 40)) + 1):
            protocols.add_chair(app, admin, f"Chair {n}")
        holder = accounts.get_clinic(app).ca_holder
        print(f"Clinic '{args.clinic}' created with admin '{admin.username}'.")
        print(f"Signing authority held by {holder}; its certificate is pinned on this "
              "workstation.")
        if generated:
            print(f"Signing authority passphrase (shown once, stored nowhere; give it to "
                  f"{holder}): {passphrase}")
        accounts.sign_out(admin)
        if key is not None:
            from chairlog.cli.encryption import announce

            announce(key)
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
        print(f"  signing authority passphrase: {demo_data.DEMO_CA_PASSPHRASE} "
              f"(held by {demo_data.DEMO_CA_HOLDER})")
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
