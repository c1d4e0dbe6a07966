"""Commands that administer accounts and settings; each needs the acting admin.

``chairlog user add USERNAME --role nurse|physician|admin --name "Full Name" [--credentials RN]
[--qualifier TEXT] --as ADMIN --password-stdin``
    stdin line 1: the admin's password; line 2: the new account's initial password.
``chairlog user deactivate|activate USERNAME --reason TEXT --as ADMIN --password-stdin``
``chairlog user reset-password USERNAME --as ADMIN --password-stdin``
    line 1: the admin's password; line 2: the temporary password. Revokes a physician's
    certificate.
``chairlog user role USERNAME ROLE --as ADMIN --password-stdin``
``chairlog user unlock USERNAME --as ADMIN --password-stdin``
``chairlog user passwd USERNAME --password-stdin``   line 1: current, line 2: new password
    (the user's own; not an admin command).
``chairlog user locked --as ADMIN --password-stdin``  accounts locked now.
``chairlog clinic set [--lockout-attempts N] [--tsa-url URL] [--idle-lock-minutes N]
[--paper-size A4|Letter] ... --as ADMIN --password-stdin``
"""

from __future__ import annotations

import argparse
from typing import Any

from chairlog.cli.credentials import add_admin_options, add_stdin_option, read_secrets, require_as
from chairlog.domain import UserInfo
from chairlog.errors import ValidationError
from chairlog.services import Chairlog, accounts, open_app


def register(sub: Any) -> None:
    u = sub.add_parser("user", help="manage accounts (as an admin)")
    usub = u.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    ua = usub.add_parser("add", help="add an account")
    ua.add_argument("username")
    ua.add_argument("--role", required=True, choices=["nurse", "physician", "admin"])
    ua.add_argument("--name", required=True, metavar="FULL_NAME")
    ua.add_argument("--credentials", default="", help="e.g. RN, MD")
    ua.add_argument("--qualifier", default="",
                    help="tells apart two people with the same printed name")
    add_admin_options(ua)
    ua.set_defaults(func=cmd_user_add)
    for name, active in (("deactivate", False), ("activate", True)):
        p = usub.add_parser(name, help=f"{name} an account")
        p.add_argument("username")
        p.add_argument("--reason", required=True)
        add_admin_options(p)
        p.set_defaults(func=cmd_user_active, active=active)
    r = usub.add_parser("reset-password", help="set a temporary password (revokes certificates)")
    r.add_argument("username")
    add_admin_options(r)
    r.set_defaults(func=cmd_user_reset)
    ro = usub.add_parser("role", help="change an account's role")
    ro.add_argument("username")
    ro.add_argument("role", choices=["nurse", "physician", "admin"])
    add_admin_options(ro)
    ro.set_defaults(func=cmd_user_role)
    un = usub.add_parser("unlock", help="lift a lockout after wrong passwords")
    un.add_argument("username")
    add_admin_options(un)
    un.set_defaults(func=cmd_user_unlock)
    lk = usub.add_parser("locked", help="list accounts locked now")
    add_admin_options(lk)
    lk.set_defaults(func=cmd_user_locked)
    pw = usub.add_parser("passwd", help="change your own password")
    pw.add_argument("username")
    add_stdin_option(pw)
    pw.set_defaults(func=cmd_user_passwd)

    c = sub.add_parser("clinic", help="clinic settings (as an admin)")
    csub = c.add_subparsers(dest="clinic_command", required=True, metavar="ACTION")
    cs = csub.add_parser("set", help="change settings")
    cs.add_argument("--name")
    cs.add_argument("--address")
    cs.add_argument("--timezone")
    cs.add_argument("--paper-size", choices=["A4", "Letter"])
    cs.add_argument("--idle-lock-minutes", type=int)
    cs.add_argument("--late-entry-minutes", type=int)
    cs.add_argument("--lockout-attempts", type=int,
                    help="wrong passwords before an account locks for 15 minutes")
    cs.add_argument("--tsa-url", help="an RFC 3161 timestamp service ('' for none)")
    cs.add_argument("--tsa-ca", metavar="TSA.pem",
                    help="the timestamp service's root certificate (also pinned here)")
    cs.add_argument("--weight-unit", choices=["kg", "lb"],
                    help="the unit the window takes weights in (stored in kg)")
    cs.add_argument("--temperature-unit", choices=["C", "F"],
                    help="the unit the window shows temperatures in (stored in °C)")
    add_admin_options(cs)
    cs.set_defaults(func=cmd_clinic_set)


def _admin(args: argparse.Namespace, *labels: str) -> tuple[Chairlog, UserInfo, list[str]]:
    """Read the admin's password (+ further secrets), open the database, sign the admin in."""
    who = require_as(args)
    secrets = read_secrets(args, "the acting admin's password", *labels)
    app = open_app(args.db)
    try:
        actor = accounts.login(app, who, secrets[0])
    except BaseException:
        app.close()
        raise
    return app, actor, secrets[1:]


def _user(app: Chairlog, username: str) -> UserInfo:
    """The account as it is now. Decision: a command names exactly what it changes and
    acts at once, so it passes the version it has just read (``expected_version``); a change
    committed in the milliseconds between is still refused as a conflict."""
    return accounts.find_user(app, username)


def cmd_user_add(args: argparse.Namespace) -> int:
    app, admin, (password,) = _admin(args, "the new account's initial password")
    try:
        u = accounts.add_user(
            app,
            admin,
            username=args.username,
            full_name=args.name,
            role=args.role,
            password=password,
            credentials=args.credentials,
            qualifier=args.qualifier,
        )
        print(f"User '{u.username}' ({u.role.value}) added.")
        if u.must_change_password:
            print(f"'{u.username}' must choose their own password at first sign-in.")
        if u.key_note:
            print(u.key_note)
    finally:
        accounts.sign_out(admin)
        app.close()
    return 0


def cmd_user_active(args: argparse.Namespace) -> int:
    app, admin, _ = _admin(args)
    try:
        target = _user(app, args.username)
        u = accounts.set_active(app, admin, target.id, args.active, args.reason,
                                expected_version=target.version)
        print(f"User '{u.username}' {'activated' if u.active else 'deactivated'}.")
    finally:
        accounts.sign_out(admin)
        app.close()
    return 0


def cmd_user_reset(args: argparse.Namespace) -> int:
    app, admin, (temporary,) = _admin(args, "the temporary password")
    try:
        target = _user(app, args.username)
        accounts.reset_password(app, admin, target.id, temporary,
                                expected_version=target.version)
        print(f"Password of '{target.username}' reset; they must change it at next sign-in.")
        if target.role.value == "physician":
            print("Their signing certificate is revoked; a new one needs the signing "
                  "authority's passphrase and the physician's own new password.")
    finally:
        accounts.sign_out(admin)
        app.close()
    return 0


def cmd_user_role(args: argparse.Namespace) -> int:
    app, admin, _ = _admin(args)
    try:
        target = _user(app, args.username)
        u = accounts.set_role(app, admin, target.id, args.role, expected_version=target.version)
        print(f"User '{u.username}' is now {u.role.value}.")
    finally:
        accounts.sign_out(admin)
        app.close()
    return 0


def cmd_user_unlock(args: argparse.Namespace) -> int:
    app, admin, _ = _admin(args)
    try:
        u = accounts.unlock_user(app, admin, _user(app, args.username).id)
        print(f"User '{u.username}' unlocked.")
    finally:
        accounts.sign_out(admin)
        app.close()
    return 0


def cmd_user_locked(args: argparse.Namespace) -> int:
    app, admin, _ = _admin(args)
    try:
        rows = accounts.locked_accounts(app, admin)
    finally:
        accounts.sign_out(admin)
        app.close()
    if not rows:
        print("No account is locked.")
    for r in rows:
        print(f"{r.user.username}: locked until {r.locked_until:%Y-%m-%d %H:%M} UTC after "
              f"{r.failed_attempts} wrong passwords")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    current, new = read_secrets(args, "the current password", "the new password")
    app = open_app(args.db)
    try:
        me = accounts.login(app, args.username, current)
        accounts.change_password(app, me, current, new)
        accounts.sign_out(me)
        print(f"Password of '{me.username}' changed.")
    finally:
        app.close()
    return 0


def cmd_clinic_set(args: argparse.Namespace) -> int:
    changes = {
        key: getattr(args, key)
        for key in ("name", "address", "timezone", "paper_size", "idle_lock_minutes",
                    "late_entry_minutes", "lockout_attempts", "tsa_url", "weight_unit",
                    "temperature_unit")
        if getattr(args, key) is not None
    }
    if args.tsa_ca:
        from chairlog.cli.records import read_file

        changes["tsa_cert_pem"] = read_file(args.tsa_ca)
    if not changes:
        raise ValidationError("settings", None, "at least one setting, e.g. --lockout-attempts 5")
    app, admin, _ = _admin(args)
    try:
        info = accounts.update_clinic(app, admin,
                                      expected_version=accounts.get_clinic(app).version,
                                      **changes)
        if "tsa_cert_pem" in changes:
            from chairlog.services import trust

            trust.pin_tsa(app.db.url, changes["tsa_cert_pem"])
            changes["tsa_cert_pem"] = "(pinned)"
        print("Clinic settings changed: " + ", ".join(
            f"{k}={getattr(info, k, changes[k])!r}" for k in sorted(changes)))
    finally:
        accounts.sign_out(admin)
        app.close()
    return 0
