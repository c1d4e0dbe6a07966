"""Commands for session records: export, sign, verify, and the clinic authority certificate.

``chairlog export SESSION_ID -o FILE.pdf [--version N] [--paper A4|Letter]``
    the signed PDF (exact stored bytes) if the current version is signed, else an UNSIGNED
    DRAFT; ``--version`` fetches an earlier signed version.
``chairlog sign SESSION_ID... --user USERNAME --password-stdin [--meaning TEXT] [--comment TEXT]
    -o FILE.pdf|DIR``  sign as a physician (password on the first line of standard input);
    several records are signed in one sitting (``chairlog.cli.desk``).
``chairlog verify FILE.pdf [--ca clinic-ca.pem]``
    exit 0 when every signature is intact, the last covers the whole file and the signer's
    certificate chains to the clinic's signing authority (from the database, or ``--ca``
    to check a file away from the clinic); exit 1 with the reason otherwise.
(The authority's own commands, ``chairlog ca ...``: ``cli/authority.py``.)
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from chairlog.cli.core import read_password
from chairlog.errors import ValidationError
from chairlog.services import accounts, keys, open_app, records, signoff
from chairlog.services.records import RecordVerification


def register(sub: Any) -> None:
    e = sub.add_parser("export", help="write a session record as PDF (signed, or a draft)")
    e.add_argument("session_id", type=int, metavar="SESSION_ID")
    e.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    e.add_argument("--version", type=int, metavar="N",
                   help="an earlier signed version instead of the current record")
    e.add_argument("--paper", choices=["A4", "Letter"],
                   help="paper size of a draft (default: the clinic setting)")
    e.set_defaults(func=cmd_export)

    s = sub.add_parser("sign", help="sign session records as a physician (one, or several "
                       "in one sitting)")
    s.add_argument("session_ids", type=int, nargs="+", metavar="SESSION_ID")
    s.add_argument("--user", "--as", dest="user", required=True, metavar="USERNAME")
    s.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input")
    s.add_argument("--meaning", default=signoff.DEFAULT_MEANING,
                   help=f"meaning of the signature (default: {signoff.DEFAULT_MEANING!r})")
    s.add_argument("--comment", default="")
    s.add_argument("-o", "--output", metavar="FILE.pdf|DIR",
                   help="the signed PDF (one record), or an existing folder for several "
                   "(RECORD-ID-vN.pdf each)")
    s.set_defaults(func=cmd_sign)

    v = sub.add_parser("verify", help="verify a signed record PDF (exit 1 if not valid)")
    v.add_argument("file", metavar="FILE.pdf")
    v.add_argument("--ca", metavar="CA.pem",
                   help="trust this authority certificate (default: the one pinned on this "
                   "workstation for the database)")
    v.add_argument("--at", metavar="DATE",
                   help="check the certificates at this date/time (ISO 8601, e.g. 2040-01-01)")
    v.add_argument("--tsa-ca", metavar="TSA.pem",
                   help="trust this timestamp authority's certificate for signature timestamps")
    v.set_defaults(func=cmd_verify)
    register_timestamp(sub)



def register_timestamp(sub: Any) -> None:
    t = sub.add_parser("timestamp", help="add an archive timestamp to a signed record (B-LTA)")
    t.add_argument("file", metavar="FILE.pdf")
    t.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    t.add_argument("--tsa-ca", metavar="TSA.pem", help="the timestamp authority's certificate")
    t.add_argument("--tsa-url", metavar="URL", help="default: the clinic's setting")
    t.set_defaults(func=cmd_timestamp)


def cmd_timestamp(args: argparse.Namespace) -> int:
    data = read_file(args.file)
    tsa = read_file(args.tsa_ca) if args.tsa_ca else b""
    app = open_app(args.db)
    try:
        out = records.add_archive_timestamp(app, data, tsa_roots_pem=tsa, tsa_url=args.tsa_url)
    finally:
        app.close()
    write_file(args.output, out)
    print(f"Added an archive timestamp; written to {args.output} ({len(out)} bytes).")
    return 0


def write_file(path: str, data: bytes) -> None:
    """Write ``data`` atomically (a temporary file renamed into place)."""
    target = Path(path).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ValidationError("output", path, "a file in an existing folder", "output file")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".chairlog-", suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        raise ValidationError("output", path, f"a writable file ({exc.strerror})",
                              "output file") from None


def read_file(path: str) -> bytes:
    try:
        return Path(path).expanduser().read_bytes()
    except OSError as exc:
        raise ValidationError("file", path, f"a readable file ({exc.strerror})", "file") from None


def cmd_export(args: argparse.Namespace) -> int:
    app = open_app(args.db)
    try:
        if args.version is not None:
            pdf = records.get_signed_pdf(app, args.session_id, args.version)
            what = f"signed version {args.version}"
        else:
            pdf = records.export_record(app, args.session_id, paper=args.paper)
            label = records.read_label(pdf)
            what = "signed record" if label and label.signed else "UNSIGNED DRAFT"
    finally:
        app.close()
    write_file(args.output, pdf)
    print(f"Wrote {what} of session {args.session_id} to {args.output} ({len(pdf)} bytes).")
    return 0


def cmd_sign(args: argparse.Namespace) -> int:
    if len(args.session_ids) > 1 or (args.output and Path(args.output).expanduser().is_dir()):
        from chairlog.cli.desk import sign_several

        return sign_several(args)
    if not args.output:
        raise ValidationError("output", "", "-o FILE.pdf for the signed record", "-o")
    args.session_id = args.session_ids[0]
    password = read_password(args)
    app = open_app(args.db)
    try:
        actor = accounts.login(app, args.user, password)
        notices = keys.notices(app, actor)
        info = signoff.sign_session(app, actor, args.session_id, password,
                                    meaning=args.meaning, comment=args.comment)
        pdf = records.get_signed_pdf(app, info.session_id, info.record_version)
        tz = ZoneInfo(accounts.get_clinic(app).timezone)
        accounts.sign_out(actor)
    finally:
        app.close()
    write_file(args.output, pdf)
    for n in notices:  # physicians are told (acknowledged or flagged in the window)
        print(f"Note: certificate serial {n.serial} was issued in your name on "
              f"{_when(n.issued_at, tz)} (authority unlocked by {n.issued_by}); if you did not "
              "ask for it, say so at your next sign-in in the window.")
    print(f"Signed session {info.session_id}, record version {info.record_version}, as "
          f"{info.signer_name} ({info.meaning}) at {_when(info.signed_at, tz)}.")
    print(f"SHA-256 {info.sha256}; written to {args.output}.")
    return 0


def _when(at: datetime | None, tz: ZoneInfo | None) -> str:
    if at is None:
        return "unknown"
    local = at.astimezone(tz) if tz is not None else at
    return local.isoformat(sep=" ", timespec="seconds")


def _at(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError("--at", value, "a date or date and time as ISO 8601, e.g. "
                              "2040-01-01 or 2040-01-01T12:00+00:00", "--at") from None
    return at if at.tzinfo is not None else at.replace(tzinfo=ZoneInfo("UTC"))


def cmd_verify(args: argparse.Namespace) -> int:
    data = read_file(args.file)
    at = _at(args.at)
    tsa = read_file(args.tsa_ca) if args.tsa_ca else b""
    tz: ZoneInfo | None = None
    if args.ca:
        result = records.verify_record_pdf_with_ca(data, read_file(args.ca), at=at,
                                                   tsa_roots_pem=tsa)
    else:
        app = open_app(args.db)
        try:
            result = records.verify_record_pdf(app, data, at=at, tsa_roots_pem=tsa)
            tz = ZoneInfo(accounts.get_clinic(app).timezone)
        finally:
            app.close()
    print_verification(result, tz)
    return 0 if result.ok else 1


def print_verification(r: RecordVerification, tz: ZoneInfo | None) -> None:
    record = (f"{r.record_id}, version {r.record_version}" if r.record_id
              else "not identified (no chairlog record id in the file)")
    print(f"VALID: signed record {record}" if r.ok else f"NOT VALID: {r.reason}")
    if r.signer_name is None:
        return
    who = f" (username {r.signer_username})" if r.signer_username else ""
    print(f"  signed by:    {r.signer_name}{who}")
    print(f"  signed at:    {_when(r.signing_time, tz)}")
    print(f"  meaning:      {r.meaning or '—'}")
    print(f"  record:       {record}")
    print(f"  whole file:   {'yes' if r.covers_whole_file else 'NO'}")
    print(f"  unaltered:    {'yes' if r.intact else 'NO'}")
    if r.cert_serial is not None:
        issued = f", issued {r.cert_issued_at:%Y-%m-%d}" if r.cert_issued_at else ""
        by = (f", authority unlocked by {r.cert_issued_by}" if r.cert_issued_by
              else ", issuer operator unknown (not in this database)")
        print(f"  certificate:  serial {r.cert_serial}{issued}{by}")
    print("  trusted:      " + ("issued by the clinic's signing authority" if r.trusted
                                else "NOT issued by the clinic's signing authority"))
    if r.validated_at is not None:
        print(f"  checked at:   {_when(r.validated_at, tz)}: {r.time_basis}")
    if r.timestamp_time is not None:
        print(f"  timestamp:    {_when(r.timestamp_time, tz)} (RFC 3161)")
    if r.level:
        print(f"  PAdES level:  {r.level}")
    if r.stored_as is not None:
        print(f"  stored:       identical to session {r.stored_as[0]} signed version "
              f"{r.stored_as[1]} in this database")
