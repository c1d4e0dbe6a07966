"""Commands: ``chairlog key restore --stdin`` (encryption at rest).

``chairlog init --encrypt …``     creates the database encrypted (SQLCipher); the key goes to
                                 the OS keyring (a 0600 file where there is none, said so) and
                                 is shown once as the recovery key.
``chairlog encrypt``              converts this plaintext database in place (close chairlog
                                 first); the plaintext file is kept aside, said plainly.
``chairlog key restore --stdin``  puts a recovery key back on this workstation (a new one, or
                                 an auditor's machine checking a copy).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from chairlog.errors import ValidationError
from chairlog.services import encryption


def register(sub: Any) -> None:
    k = sub.add_parser("key", help="the database encryption key (encryption at rest)")
    ksub = k.add_subparsers(dest="key_command", required=True, metavar="ACTION")
    r = ksub.add_parser("restore", help="put a recovery key back on this workstation")
    r.add_argument("--stdin", action="store_true", help="read the recovery key from stdin")
    r.set_defaults(func=cmd_restore)
    e = sub.add_parser("encrypt", help="encrypt this plaintext database at rest (SQLCipher)")
    e.set_defaults(func=cmd_encrypt)


def cmd_encrypt(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    done = encryption.encrypt_existing(args.db,
                                       stamp=datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"))
    print(f"{done.database} is now encrypted at rest.")
    if done.key is not None:
        announce(done.key)
    for f in done.plaintext_kept:
        print(f"The plaintext file was kept as {f}: it and the backups made before now still "
              "hold patient data in clear; destroy them once you no longer need them.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    if not args.stdin:
        raise ValidationError("key", None, "--stdin (the recovery key on standard input)")
    where = encryption.restore_key(sys.stdin.readline().strip())
    print(f"The database key is kept in {where}.")
    return 0


def announce(key: encryption.NewKey) -> None:
    """What ``init --encrypt`` prints, once."""
    print("This database is encrypted at rest. Its RECOVERY KEY (shown only now; write it "
          "down and keep it away from this computer):")
    print(f"    {key.recovery_key}")
    print(f"The key is kept in {key.kept_in}.")
