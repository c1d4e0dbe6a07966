"""Commands of the clinic's signing authority (``chairlog ca ...``).

``chairlog ca issue USERNAME --password-stdin``
    line 1: the authority's passphrase (typed by its holder); line 2: the physician's own
    password, which wraps the new key (the physician types it).
``chairlog ca issue USERNAME --token-module LIB.so --token-label LABEL --password-stdin``
    the key is generated on the physician's smart card / USB token (PKCS#11) and never
    leaves it; line 2 is the token's PIN. Signing then asks for the PIN.
``chairlog ca renew USERNAME --password-stdin``     line 1: the authority's passphrase.
``chairlog ca revoke USERNAME [--reason R] --password-stdin``   line 1: the passphrase.
``chairlog ca crl [--refresh --password-stdin] -o FILE.crl``
    write the authority's latest CRL (``--refresh``: sign a new one first).
``chairlog ca export -o clinic-ca.pem``   the authority certificate (the pinned one).
``chairlog ca pin FILE --as ADMIN --password-stdin``
    pin the exported authority certificate on this workstation for this database.
"""

from __future__ import annotations

import argparse
from typing import Any

from chairlog.cli.credentials import add_admin_options, add_stdin_option, read_secrets, require_as
from chairlog.cli.records import read_file, write_file
from chairlog.errors import NotFound, ValidationError
from chairlog.services import accounts, authority, keys, open_app, trust


def register(sub: Any) -> None:
    c = sub.add_parser("ca", help="the clinic's signing authority")
    csub = c.add_subparsers(dest="ca_command", required=True, metavar="ACTION")
    ci = csub.add_parser("issue", help="issue a physician's key and certificate")
    ci.add_argument("username")
    ci.add_argument("--token-module", metavar="LIB.so",
                    help="generate the key on a smart card / USB token through this PKCS#11 "
                    "module (line 2 of stdin is then the token's PIN)")
    ci.add_argument("--token-label", metavar="LABEL", help="the token's label")
    add_stdin_option(ci)
    ci.set_defaults(func=cmd_issue)
    cr = csub.add_parser("renew", help="a new certificate for a physician's current key")
    cr.add_argument("username")
    add_stdin_option(cr)
    cr.set_defaults(func=cmd_renew)
    cv = csub.add_parser("revoke", help="revoke a physician's certificate")
    cv.add_argument("username")
    cv.add_argument("--reason", default="unspecified", choices=authority.REVOCATION_REASONS)
    add_stdin_option(cv)
    cv.set_defaults(func=cmd_revoke)
    cl = csub.add_parser("crl", help="write the authority's revocation list (DER)")
    cl.add_argument("--refresh", action="store_true", help="sign a new CRL first")
    cl.add_argument("-o", "--output", required=True, metavar="FILE.crl")
    add_stdin_option(cl)
    cl.set_defaults(func=cmd_crl)
    ce = csub.add_parser("export", help="write the authority certificate (PEM)")
    ce.add_argument("-o", "--output", required=True, metavar="clinic-ca.pem")
    ce.set_defaults(func=cmd_export)
    cp = csub.add_parser("pin", help="trust this authority certificate on this workstation")
    cp.add_argument("file", metavar="clinic-ca.pem")
    add_admin_options(cp)
    cp.set_defaults(func=cmd_pin)


def _print(info: authority.CertificateInfo) -> None:
    print(f"Certificate {info.action} for '{info.username}': serial {info.serial}, "
          f"valid {info.issued_at:%Y-%m-%d} to {info.not_after:%Y-%m-%d}, "
          f"authority unlocked by {info.issued_by}.")
    print(f"SHA-256 fingerprint {info.fingerprint}")


def cmd_issue(args: argparse.Namespace) -> int:
    if bool(args.token_module) != bool(args.token_label):
        raise ValidationError("--token-label", args.token_label,
                              "both --token-module and --token-label, or neither", "token")
    second = "the token's PIN" if args.token_module else "the physician's password"
    passphrase, password = read_secrets(args, "the signing authority's passphrase", second)
    app = open_app(args.db)
    try:
        if args.token_module:
            _print(authority.issue_token_certificate(
                app, args.username, passphrase, password, module=args.token_module,
                token_label=args.token_label))
        else:
            _print(authority.issue_certificate(app, args.username, passphrase, password))
    finally:
        app.close()
    return 0


def cmd_renew(args: argparse.Namespace) -> int:
    (passphrase,) = read_secrets(args, "the signing authority's passphrase")
    app = open_app(args.db)
    try:
        _print(authority.renew_certificate(app, args.username, passphrase))
    finally:
        app.close()
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    (passphrase,) = read_secrets(args, "the signing authority's passphrase")
    app = open_app(args.db)
    try:
        _print(authority.revoke_certificate(app, args.username, passphrase, args.reason))
    finally:
        app.close()
    return 0


def cmd_crl(args: argparse.Namespace) -> int:
    passphrase = read_secrets(args, "the signing authority's passphrase")[0] if args.refresh \
        else None
    app = open_app(args.db)
    try:
        if passphrase is not None:
            authority.refresh_crl(app, passphrase)
        crl = authority.current_crl(app)
    finally:
        app.close()
    if crl is None:
        raise NotFound("The authority has published no CRL yet: run with --refresh.")
    write_file(args.output, crl)
    print(f"Wrote the signing authority's CRL to {args.output}.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    app = open_app(args.db)
    try:
        pem = keys.clinic_ca_pem(app)
        problem = trust.mismatch(app.db.url, pem)
    finally:
        app.close()
    if problem is not None and "differs" in problem:
        raise trust.TrustProblem(problem + "; nothing was exported")
    write_file(args.output, pem)
    print(f"Wrote the clinic's signing authority certificate to {args.output} "
          f"(SHA-256 {trust.fingerprint(pem)}).")
    return 0


def cmd_pin(args: argparse.Namespace) -> int:
    who = require_as(args)
    (password,) = read_secrets(args, "the acting admin's password")
    pem = trust.one_certificate(read_file(args.file))
    app = open_app(args.db)
    try:
        admin = accounts.login(app, who, password)
        try:
            accounts.require_admin(app, admin, "pin the signing authority")
            db_pem = keys.clinic_ca_pem(app)
            if trust.fingerprint(db_pem) != trust.fingerprint(pem):
                raise trust.TrustProblem(
                    "this file is not the authority of this database: nothing was pinned"
                )
            path = trust.pin_authority(app.db.url, pem)
        finally:
            accounts.sign_out(admin)
    finally:
        app.close()
    print(f"Pinned the signing authority (SHA-256 {trust.fingerprint(pem)}) in {path}.")
    return 0
