"""Interoperable exports from the command line (each one signed in and audited).

``chairlog export-fhir SESSION_ID -o FILE.json [--version N] --as USERNAME --password-stdin``
    the session as one FHIR R4 Bundle (type collection).
``chairlog export-csv --from YYYY-MM-DD --to YYYY-MM-DD -o DIR --as USERNAME --password-stdin``
    sessions.csv, vitals.csv, doses.csv, side_effects.csv, medications.csv, assessments.csv
    for the sessions checked in on those days (clinic time zone, both included).
``chairlog export-series MRN -o FILE.pdf --as USERNAME --password-stdin``
    the patient's series as a PDF report for the referring physician.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from chairlog.cli.core import read_password
from chairlog.cli.records import write_file
from chairlog.domain import UserInfo
from chairlog.errors import ValidationError
from chairlog.services import accounts, csvset, exports, open_app, series
from chairlog.services.context import Chairlog


def _auth(p: argparse.ArgumentParser) -> None:
    p.add_argument("--as", dest="as_user", required=True, metavar="USERNAME",
                   help="the account that exports (recorded in the audit trail)")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input")


def register(sub: Any) -> None:
    f = sub.add_parser("export-fhir", help="write a session as a FHIR R4 Bundle (JSON)")
    f.add_argument("session_id", type=int, metavar="SESSION_ID")
    f.add_argument("-o", "--output", required=True, metavar="FILE.json")
    f.add_argument("--version", type=int, metavar="N",
                   help="describe signed version N of the record PDF (default: what "
                        "`chairlog export` writes)")
    _auth(f)
    f.set_defaults(func=cmd_export_fhir)

    c = sub.add_parser("export-csv", help="write the clinic's sessions as a set of CSV files")
    c.add_argument("--from", dest="first", required=True, metavar="YYYY-MM-DD")
    c.add_argument("--to", dest="last", required=True, metavar="YYYY-MM-DD")
    c.add_argument("-o", "--output", required=True, metavar="DIR")
    _auth(c)
    c.set_defaults(func=cmd_export_csv)

    s = sub.add_parser("export-series", help="write a patient's series as a PDF report")
    s.add_argument("mrn", metavar="MRN")
    s.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    _auth(s)
    s.set_defaults(func=cmd_export_series)


def _login(args: argparse.Namespace, app: Chairlog) -> UserInfo:
    password = read_password(args)
    if not password:
        raise ValidationError("password", "", "the password on the first line of standard input")
    return accounts.login(app, args.as_user, password)


def _check_output(path: str) -> None:
    """Refuse a file in a missing folder before anything is exported (and audited)."""
    folder = Path(path).expanduser().parent
    if not folder.is_dir():
        raise ValidationError("output", path, "a file in an existing folder", "output file")


def cmd_export_fhir(args: argparse.Namespace) -> int:
    _check_output(args.output)
    app = open_app(args.db)
    try:
        actor = _login(args, app)
        t0 = time.perf_counter()
        result = exports.export_fhir(app, actor, args.session_id, version=args.version)
        took = time.perf_counter() - t0
    finally:
        app.close()
    write_file(args.output, result.data)
    doc = ("no record PDF" if result.document_version is None else
           f"record PDF version {result.document_version} "
           f"({'signed' if result.document_signed else 'UNSIGNED DRAFT'})")
    print(f"Wrote FHIR R4 Bundle of session {result.session_id} ({result.record_id}): "
          f"{result.resources} resources, {len(result.data)} bytes, {doc}, to {args.output} "
          f"in {took:.2f} s.")
    return 0


def cmd_export_csv(args: argparse.Namespace) -> int:
    app = open_app(args.db)
    try:
        actor = _login(args, app)
        result = csvset.export_csv(app, actor, args.first, args.last, args.output)
    finally:
        app.close()
    rows = ", ".join(f"{name}.csv {n}" for name, n in result.rows.items())
    print(f"Wrote {result.sessions} sessions ({args.first} to {args.last}) to {result.folder}: "
          f"{rows} rows.")
    return 0


def cmd_export_series(args: argparse.Namespace) -> int:
    _check_output(args.output)
    app = open_app(args.db)
    try:
        actor = _login(args, app)
        pdf = series.export_series_pdf(app, actor, args.mrn)
        report = series.patient_series(app, actor, args.mrn)
    finally:
        app.close()
    write_file(args.output, pdf)
    print(f"Wrote the series of {report.patient.mrn} ({len(report.sessions)} sessions, "
          f"ketamine {report.ketamine_total_mg:.1f} mg) to {args.output} ({len(pdf)} bytes).")
    return 0
