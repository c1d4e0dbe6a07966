"""Commands: backup, restore, check (the "nothing lost" tools).

``chairlog backup [DEST]``   a verified online backup (safe while the program runs) with its
                            sidecar JSON; DEST a new file or a folder (default: the automatic
                            backups folder, rotated).
``chairlog restore [SRC]``   replace the database by a verified backup (default: the newest
                            backup of this database that passes every check); the current file
                            is kept aside. A bad backup is refused: exit 2, with the reason.
``chairlog check``           integrity and the whole audit trail (``audit verify``): exit 0 when
                            sound, 1 with one line per problem (a database that cannot be
                            opened is such a problem) and a verdict line telling apart a
                            damaged file, a full disk and tampering.
"""

from __future__ import annotations

import argparse
from typing import Any

from chairlog.errors import ValidationError
from chairlog.services import open_app
from chairlog.services.backups import backup_now, check_url
from chairlog.services.restore import latest_verified_backup, restore


def register(sub: Any) -> None:
    b = sub.add_parser("backup", help="make a verified backup now")
    b.add_argument("dest", nargs="?", help="a new file or a folder (default: backups folder)")
    b.set_defaults(func=cmd_backup)

    r = sub.add_parser("restore", help="restore a verified backup (keeps the current file)")
    r.add_argument("src", nargs="?", help="the backup file (default: the newest verified one)")
    r.set_defaults(func=cmd_restore)

    c = sub.add_parser("check", help="check the database and its audit trail")
    c.set_defaults(func=cmd_check)


def cmd_backup(args: argparse.Namespace) -> int:
    app = open_app(args.db)
    try:
        info = backup_now(app, dest=args.dest, kind="manual")
    finally:
        app.close()
    print(
        f"Backup written: {info.path} ({info.size_bytes} bytes, audit record "
        f"{info.audit_head_seq}, sha256 {info.sha256[:16]}…)"
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    src = args.src or latest_verified_backup(args.db)
    if src is None:
        raise ValidationError(
            "src",
            None,
            "a backup file (no verified backup of this database was found in the backups folder)",
            "backup",
        )
    info = restore(args.db, src)
    print(
        f"Restored {info.database} from {info.restored_from} (audit record {info.backup_head_seq})."
    )
    for moved in info.moved_aside:
        print(f"The previous ({info.previous}) file was kept as {moved}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    report = check_url(args.db)
    for line in report.problems:
        print("problem: " + " ".join(line.split()))
    if not report.ok:
        print(report.verdict_line)
        return 1
    last = report.last_backup_at.isoformat(timespec="minutes") if report.last_backup_at else "none"
    print(
        f"ok: integrity {report.integrity}; audit trail verified ({report.audit_rows} records); "
        f"last backup {last}"
    )
    return 0
