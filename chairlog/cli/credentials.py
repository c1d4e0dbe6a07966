"""Reading passwords and the acting admin for the command line.

Every administering command takes ``--as USERNAME`` and ``--password-stdin`` (the secrets one
per line of standard input, in the order the command's help gives), or, without
``--password-stdin`` on a terminal, asks for them with a hidden prompt. Missing or wrong
credentials: exit 2 with one line, nothing written.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from chairlog.domain import UserInfo
from chairlog.errors import ChairlogError
from chairlog.services import Chairlog, accounts


class CredentialsMissing(ChairlogError):
    """An administering command without the acting admin or the secrets it needs."""


def add_admin_options(p: Any) -> None:
    p.add_argument("--as", dest="as_user", metavar="USERNAME", help="the acting admin")
    add_stdin_option(p)


def add_stdin_option(p: Any) -> None:
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password(s) from standard input, one per line",
    )


def read_secrets(args: argparse.Namespace, *labels: str) -> list[str]:
    """One secret per label: lines of stdin with --password-stdin, else hidden prompts on a
    terminal. A missing line is refused (one line naming it)."""
    out: list[str] = []
    if getattr(args, "password_stdin", False):
        for n, label in enumerate(labels, start=1):
            line = sys.stdin.readline()
            if not line:
                raise CredentialsMissing(
                    f"--password-stdin: {label} is missing (expected on line {n} of standard "
                    "input); nothing was changed"
                )
            out.append(line.rstrip("\r\n"))
        return out
    if sys.stdin is not None and sys.stdin.isatty():
        return [getpass.getpass(f"{label[0].upper()}{label[1:]}: ") for label in labels]
    wanted = "; ".join(f"line {n}: {lab}" for n, lab in enumerate(labels, start=1))
    raise CredentialsMissing(
        f"--password-stdin is required (standard input, {wanted}), or a terminal to type "
        "them; nothing was changed"
    )


def require_as(args: argparse.Namespace) -> str:
    who = getattr(args, "as_user", None)
    if not who:
        raise CredentialsMissing(
            "--as USERNAME is required: the acting admin, whose password --password-stdin "
            "reads; nothing was changed"
        )
    return str(who)


def sign_in_admin(app: Chairlog, username: str, password: str) -> UserInfo:
    """The acting admin, signed in (a wrong password is refused and audited)."""
    return accounts.login(app, username, password)
