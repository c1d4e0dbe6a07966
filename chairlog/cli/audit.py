"""Commands: ``chairlog audit verify`` and ``chairlog audit export``.

``chairlog audit verify``   walk the hash chain: exit 0 and "intact: N records, head …", or
                           exit 1 and "broken at record N: what is wrong".
``chairlog audit export [--from YYYY-MM-DD] [--to YYYY-MM-DD] -o FILE.csv``
                           the audit trail as CSV; the dates are days in the clinic's time
                           zone, both included. The export itself is recorded in the trail.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from chairlog.errors import ValidationError
from chairlog.services import audit_log, open_app


def register(sub: Any) -> None:
    a = sub.add_parser("audit", help="verify or export the audit trail")
    asub = a.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    v = asub.add_parser("verify", help="check the audit trail's hash chain (exit 1 if broken)")
    v.set_defaults(func=cmd_verify)
    e = asub.add_parser("export", help="write the audit trail to a CSV file")
    e.add_argument(
        "--from",
        dest="date_from",
        metavar="YYYY-MM-DD",
        help="first day (clinic time zone), included",
    )
    e.add_argument(
        "--to", dest="date_to", metavar="YYYY-MM-DD", help="last day (clinic time zone), included"
    )
    e.add_argument("-o", "--output", required=True, metavar="FILE.csv", help="the CSV file")
    e.set_defaults(func=cmd_export)


def parse_day(value: str | None, field: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(field, value, "a date as YYYY-MM-DD", field.lstrip("-")) from None


def cmd_verify(args: argparse.Namespace) -> int:
    app = open_app(args.db)
    try:
        report = audit_log.verify_audit(app)
    finally:
        app.close()
    print(report.summary)
    return 0 if report.ok else 1


def cmd_export(args: argparse.Namespace) -> int:
    first = parse_day(args.date_from, "--from")
    last = parse_day(args.date_to, "--to")
    app = open_app(args.db)
    try:
        since, until = audit_log.day_bounds(app, first, last)
        result = audit_log.export_audit_csv(app, None, args.output, since, until)
    finally:
        app.close()
    span = f"records {result.first_seq}–{result.last_seq}" if result.rows else "no records"
    print(f"Exported {result.rows} audit records ({span}) to {result.path}.")
    return 0
