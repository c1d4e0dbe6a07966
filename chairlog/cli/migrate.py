"""``chairlog migrate-db --to postgresql://…``: move this SQLite clinic to a PostgreSQL server
and print what the copy was proved to hold (``services.move_db``).

Exit 0 when every proof holds, 1 when one fails (named), 2 for bad input or a server that
cannot be reached or is not empty (one line).
"""

from __future__ import annotations

import argparse
from typing import Any

from chairlog.cli.credentials import add_admin_options, read_secrets, require_as
from chairlog.services import accounts, move_db, open_app


def register(sub: Any) -> None:
    m = sub.add_parser("migrate-db", help="copy this SQLite clinic to an empty PostgreSQL "
                       "database and prove the copy")
    m.add_argument("--to", required=True, metavar="URL",
                   help="the empty PostgreSQL database, e.g. postgresql:///?service=chairlog "
                   "(its password in PGPASSFILE or the service file, never here)")
    add_admin_options(m)
    m.set_defaults(func=cmd_migrate)


def cmd_migrate(args: argparse.Namespace) -> int:
    move_db.check_addresses(args.db, args.to)
    who = require_as(args)
    (password,) = read_secrets(args, "the acting admin's password")
    app = open_app(args.db)
    try:
        admin = accounts.login(app, who, password)
        try:
            report = move_db.migrate_to_postgresql(
                app, admin, args.to, progress=lambda table, n: print(f"copied {table}: {n}"))
        finally:
            accounts.sign_out(admin)
    finally:
        app.close()
    width = max(len(name) for name, _, _ in report.counts)
    print(f"proved on {report.target}:")
    for name, src, dst in report.counts:
        mark = "ok" if src == dst else "DIFFERS"
        print(f"  rows {name:<{width}} {src:>8} → {dst:>8} {mark}")
    print(f"  rows in all: {report.rows}; sequences advanced past the copied ids: "
          f"{report.sequences}")
    print(f"  audit chain on the server: {report.audit.summary}")
    print(f"  {report.audit.checked}")
    print(f"  signed records byte-identical (SHA-256 of each PDF = the file's = the one "
          f"recorded at signing): {report.signed_identical} of {report.signed_total}")
    if not report.ok:
        for problem in report.problems:
            print(f"NOT PROVED: {problem}")
        return 1
    print("The copy is complete. Point every workstation at it (CHAIRLOG_DB or --db); the "
          "SQLite file stays as it was.")
    return 0
