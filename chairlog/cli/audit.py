"""Commands: ``chairlog audit verify`` and ``chairlog audit export``.

``chairlog audit verify [--journal FILE]... [--backups DIR]... [--pdf FILE]... [--full]``
                           check the chain, its workstation signatures, every clinical row
                           against its audit record, and every anchor it can reach (the
                           journal, backups' sidecars, signed PDFs): exit 0 and "intact: N
                           records, head …", or exit 1 and "broken at record N: what is
                           wrong"; then one line saying what was checked. A progress line
                           goes to stderr on a terminal.
``chairlog audit export [--from YYYY-MM-DD] [--to YYYY-MM-DD] -o FILE.csv``
                           the audit trail as CSV; the dates are days in the clinic's time
                           zone, both included. The export itself is recorded in the trail.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from chairlog.errors import ValidationError
from chairlog.services import audit_log, open_app


def register(sub: Any) -> None:
    a = sub.add_parser("audit", help="verify or export the audit trail")
    asub = a.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    v = asub.add_parser("verify", help="check the audit trail and its anchors (exit 1 if broken)")
    v.add_argument("--journal", action="append", default=[], metavar="FILE",
                   help="an anchor journal to check against too (e.g. the clinic's, on a copy)")
    v.add_argument("--backups", action="append", default=[], metavar="DIR",
                   help="a folder of backups whose sidecars to check against too")
    v.add_argument("--pdf", action="append", default=[], metavar="FILE",
                   help="a signed record PDF kept elsewhere whose audit head to check against")
    v.add_argument("--full", action="store_true",
                   help="verify every record's signature and every signed PDF (slower)")
    v.add_argument("--progress", action="store_true",
                   help="show progress on stderr even when it is not a terminal")
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


def _progress(done: int, total: int) -> None:
    pct = min(100, done * 100 // max(total, 1))
    end = "\n" if done >= total else ""
    print(f"\rchecking the audit trail: {done}/{total} records and rows ({pct} %)", end=end,
          file=sys.stderr, flush=True)


def cmd_verify(args: argparse.Namespace) -> int:
    for j in args.journal:
        if not Path(j).is_file():
            raise ValidationError("--journal", j, "an existing anchor journal file", "journal")
    for f in args.pdf:
        if not Path(f).is_file():
            raise ValidationError("--pdf", f, "an existing signed record PDF", "pdf")
    for d in args.backups:
        if not Path(d).is_dir():
            raise ValidationError("--backups", d, "an existing folder of backups", "backups")
    show = args.progress or sys.stderr.isatty()
    app = open_app(args.db)
    try:
        report = audit_log.verify_audit(app, journals=args.journal, backup_dirs=args.backups,
                                        pdfs=args.pdf, full=args.full,
                                        progress=_progress if show else None)
    finally:
        app.close()
    print(report.summary)
    print(report.checked)
    for note in report.notes:
        print("note: " + note)
    for extra in report.problems[1:6]:
        print("also: " + extra)
    if len(report.problems) > 6:
        print(f"also: {len(report.problems) - 6} more problems")
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
