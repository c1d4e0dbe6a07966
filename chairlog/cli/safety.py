"""Commands: backup, restore, check (the "nothing lost" tools).

``chairlog backup [DEST]``   a verified online backup (safe while the program runs) with its
                            sidecar JSON; DEST a new file or a folder (default: the automatic
                            backups folder, rotated).
``chairlog restore [SRC] --as ADMIN --password-stdin``
                            replace the database by a verified backup (default: the newest
                            backup of this database that passes every check); the current file
                            is kept aside. A bad backup is refused: exit 2, with the reason.
``chairlog check``           integrity and the whole audit trail (``audit verify``): exit 0 when
                            sound, 1 with one line per problem (a database that cannot be
                            opened is such a problem) and a verdict line telling apart a
                            damaged file, a full disk and tampering.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from chairlog.cli.credentials import add_admin_options, read_secrets, require_as
from chairlog.errors import ValidationError
from chairlog.services import open_app
from chairlog.services.backups import backup_now, check_url
from chairlog.services.context import Chairlog
from chairlog.services.restore import latest_verified_backup, restore


def register(sub: Any) -> None:
    b = sub.add_parser("backup", help="make a verified backup now")
    b.add_argument("dest", nargs="?", help="a new file or a folder (default: backups folder)")
    b.set_defaults(func=cmd_backup)

    r = sub.add_parser("restore", help="restore a verified backup (keeps the current file)")
    r.add_argument("src", nargs="?", help="the backup file (default: the newest verified one)")
    add_admin_options(r)
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


def _restoring_admin(args: argparse.Namespace, src: str) -> None:
    """A restore replaces everything: the acting admin signs in to the current database, or,
    when it cannot be opened or is empty, to the backup being restored."""
    from chairlog.services import accounts

    who = require_as(args)
    (password,) = read_secrets(args, "the acting admin's password")
    from chairlog.services.restore import verify_backup

    if not verify_backup(Path(src)).ok:
        return  # restore() refuses it with the reason; signing in would write to the live file
    opened: Chairlog | None = None
    try:
        opened = open_app(args.db)
        usable = accounts.is_initialised(opened)
    except Exception:
        usable = False
    if usable and opened is not None:
        app = opened
    else:
        if opened is not None:
            opened.close()
        import shutil
        import tempfile

        tmpdir = tempfile.mkdtemp(prefix="chairlog-restore-auth-")
        copy = Path(tmpdir) / "backup.sqlite3"
        shutil.copyfile(src, copy)  # signing in writes an audit row: never into the backup
        app = open_app(str(copy))
    try:
        admin = accounts.login(app, who, password)
        try:
            accounts.require_admin(app, admin, "restore a backup")
        finally:
            accounts.sign_out(admin)
    finally:
        app.close()


def cmd_restore(args: argparse.Namespace) -> int:
    src = args.src or latest_verified_backup(args.db)
    if src is None:
        raise ValidationError(
            "src",
            None,
            "a backup file (no verified backup of this database was found in the backups folder)",
            "backup",
        )
    _restoring_admin(args, str(src))
    info = restore(args.db, src)
    print(
        f"Restored {info.database} from {info.restored_from} (audit record {info.backup_head_seq})."
    )
    for moved in info.moved_aside:
        print(f"The previous ({info.previous}) file was kept as {moved}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    report = check_url(args.db)
    problems = [*report.problems, *_trust_problems(args.db)]
    for line in problems:
        print("problem: " + " ".join(line.split()))
    if problems:
        print(report.verdict_line if not report.ok else
              "verdict: the database's signing authority is not the one pinned here "
              "(tampering, or another clinic's database)")
        return 1
    last = report.last_backup_at.isoformat(timespec="minutes") if report.last_backup_at else "none"
    print(
        f"ok: integrity {report.integrity}; audit trail verified ({report.audit_rows} records); "
        f"last backup {last}"
    )
    return 0


def _trust_problems(db: str | None) -> list[str]:
    """The pinned signing authority against the database's (``trust.mismatch``)."""
    from chairlog.services import keys, trust

    try:
        app = open_app(db)
    except Exception:
        return []  # check_url already reported why the database cannot be opened
    try:
        try:
            pem: bytes | None = keys.clinic_ca_pem(app)
        except Exception:
            return []  # not set up: nothing to trust yet
        problem = trust.mismatch(app.db.url, pem)
    finally:
        app.close()
    return [f"signing authority: {problem}"] if problem else []
