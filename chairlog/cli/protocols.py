"""Protocols as files, for the medical director's review and for what the editor does not show
(the checklist, the discharge criteria, the rescue medications).

``chairlog protocol list``                      the active protocols: key, version, name
``chairlog protocol show KEY``                  one protocol as JSON (key, version, values)
``chairlog protocol save FILE --reason TEXT --as ADMIN --password-stdin``
    FILE is what ``show`` printed, edited: its ``values`` become the next version of ``key``,
    saved only if ``version`` is still the current one (someone else's newer save is a
    conflict, nothing is written). A file without ``key`` creates a new protocol.

Decisions: the file carries the version it was exported at, so an edit made on an old export
can never silently undo a newer change; every value is checked as the editor's would be
(``services.protocols.save_protocol``); a bad file is one line naming the field, exit 2.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from chairlog.cli.credentials import add_admin_options
from chairlog.domain import ProtocolInfo
from chairlog.errors import NotFound, ValidationError
from chairlog.services import Chairlog, accounts, open_app, protocols

#: the largest protocol file read (a real one is a few kB)
MAX_BYTES = 1_000_000


def register(sub: Any) -> None:
    p = sub.add_parser("protocol", help="protocols as JSON files (list, show, save)")
    psub = p.add_subparsers(dest="protocol_command", required=True, metavar="ACTION")
    ls = psub.add_parser("list", help="the active protocols")
    ls.set_defaults(func=cmd_list)
    sh = psub.add_parser("show", help="one protocol as JSON, to edit and save")
    sh.add_argument("key")
    sh.set_defaults(func=cmd_show)
    sv = psub.add_parser("save", help="save an edited protocol file as the next version")
    sv.add_argument("file", type=Path)
    sv.add_argument("--reason", default="", help="why (required for a new version)")
    add_admin_options(sv)
    sv.set_defaults(func=cmd_save)


def _current(app: Chairlog, key: str) -> ProtocolInfo:
    found = [p for p in protocols.list_protocols(app) if p.key == key]
    if not found:
        known = ", ".join(sorted({p.key for p in protocols.list_protocols(app)}))
        raise NotFound(f"No active protocol '{key}' (known: {known}).")
    return max(found, key=lambda p: p.version)


def cmd_list(args: argparse.Namespace) -> int:
    app = open_app(args.db)
    try:
        for p in protocols.list_protocols(app):
            print(f"{p.key}  v{p.version}  {p.name}")
    finally:
        app.close()
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    app = open_app(args.db)
    try:
        p = _current(app, args.key)
    finally:
        app.close()
    print(json.dumps({"key": p.key, "version": p.version, "values": p.values.to_dict()},
                     indent=2, ensure_ascii=False))
    return 0


def read_protocol_file(path: Path) -> tuple[str | None, int | None, dict[str, Any]]:
    """(key, version, values) from a file as ``show`` writes it; a bad file is refused naming
    what is wrong."""
    shape = 'a JSON object {"key": …, "version": …, "values": {…}} as `protocol show` writes'
    try:
        raw = path.read_bytes()[: MAX_BYTES + 1]
    except OSError as exc:
        raise ValidationError("file", str(path), f"a readable file ({exc.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise ValidationError("file", str(path), f"a file of at most {MAX_BYTES} bytes")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError("file", str(path), f"{shape} ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("values"), dict):
        raise ValidationError("file", str(path), shape)
    key, version = data.get("key"), data.get("version")
    if key is not None and not isinstance(key, str):
        raise ValidationError("key", key, "the protocol's key as `protocol show` wrote it")
    if key is not None and (isinstance(version, bool) or not isinstance(version, int)):
        raise ValidationError("version", version,
                              "the version the file was exported at (a whole number)")
    return key, version, data["values"]


def cmd_save(args: argparse.Namespace) -> int:
    from chairlog.cli.admin import _admin

    key, version, values = read_protocol_file(args.file)
    app, admin, _ = _admin(args)
    try:
        if key is not None:
            _current(app, key)  # the key must name an active protocol
        saved = protocols.save_protocol(app, admin, values, key=key, reason=args.reason,
                                        expected_version=version if key is not None else None)
        print(f"Protocol '{saved.name}' saved as {saved.key} v{saved.version}.")
    finally:
        accounts.sign_out(admin)
        app.close()
    return 0
