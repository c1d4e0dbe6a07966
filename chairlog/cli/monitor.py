"""Commands: ``chairlog monitor listen | devices | bind | unbind | key-rule | pending |
validate | reject | clear | settings``.

Only ``listen`` opens a socket (its own, on the address given; loopback by default). Every
other command works on the database alone.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import json
import signal
import sys
import threading
from typing import Any

from chairlog.cli.core import read_password
from chairlog.errors import ValidationError
from chairlog.services import accounts, open_app
from chairlog.services import monitor as mon
from chairlog.services.monitor_ingest import answer


def _auth(p: argparse.ArgumentParser) -> None:
    p.add_argument("--as", dest="as_user", required=True, metavar="USERNAME")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input")


def register(sub: Any) -> None:
    m = sub.add_parser("monitor", help="bedside monitors (HL7 v2 over MLLP)")
    ms = m.add_subparsers(dest="monitor_command", required=True, metavar="ACTION")

    li = ms.add_parser("listen", help="receive monitor messages until stopped (SIGTERM/SIGINT)")
    li.add_argument("--port", type=int, default=2575,
                    help="TCP port (default 2575; 0 = any free port, printed when ready)")
    li.add_argument("--bind", default="127.0.0.1", metavar="ADDRESS",
                    help="address to listen on (default loopback; 0.0.0.0 for the network)")
    li.add_argument("--window", action="store_true",
                    help="run for the window: print 'monitor PENDING_ID' for each stored set "
                    "and stop when standard input closes (the window quit or died)")
    li.set_defaults(func=cmd_listen)

    d = ms.add_parser("devices", help="every device the listener has heard from")
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=cmd_devices)

    b = ms.add_parser("bind", help="tie a device to a chair (audited)")
    b.add_argument("device", metavar="DEVICE")
    b.add_argument("--chair", type=int, required=True, metavar="N")
    _auth(b)
    b.set_defaults(func=cmd_bind)

    u = ms.add_parser("unbind", help="untie a device from its chair (audited)")
    u.add_argument("device", metavar="DEVICE")
    _auth(u)
    u.set_defaults(func=cmd_unbind)

    k = ms.add_parser("key-rule", help="admin: key a device per sender address (peer) or "
                      "by the serial in MSH-10 (serial)")
    k.add_argument("device", metavar="DEVICE")
    k.add_argument("rule", choices=list(mon.KEY_RULES))
    _auth(k)
    k.set_defaults(func=cmd_key_rule)

    p = ms.add_parser("pending", help="monitor sets waiting for a nurse (and decided ones)")
    p.add_argument("--chair", type=int, metavar="N")
    p.add_argument("--session", type=int, metavar="ID")
    p.add_argument("--state", choices=list(mon.STATES))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_pending)

    v = ms.add_parser("validate", help="chart a pending set as your vitals entry")
    v.add_argument("pending_id", type=int, metavar="PENDING_ID")
    v.add_argument("--value", action="append", default=[], metavar="FIELD=VALUE",
                   help="edit or add a value (hr, sbp, dbp, spo2, rr, etco2, temp_c, rhythm)")
    _auth(v)
    v.set_defaults(func=cmd_validate)

    r = ms.add_parser("reject", help="refuse a pending set, with a reason")
    r.add_argument("pending_id", type=int, metavar="PENDING_ID")
    r.add_argument("--reason", required=True)
    _auth(r)
    r.set_defaults(func=cmd_reject)

    c = ms.add_parser("clear", help="reject every pending set of a chair but the newest")
    c.add_argument("--chair", type=int, required=True, metavar="N")
    _auth(c)
    c.set_defaults(func=cmd_clear)

    s = ms.add_parser("settings", help="admin: run the listener inside the window or not")
    s.add_argument("--in-window", choices=["on", "off"], required=True)
    s.add_argument("--port", type=int, default=2575)
    s.add_argument("--bind", default="127.0.0.1", metavar="ADDRESS")
    _auth(s)
    s.set_defaults(func=cmd_settings)


def _actor(args: argparse.Namespace, app: Any) -> Any:
    password = read_password(args)
    return accounts.login(app, args.as_user, password)


def cmd_listen(args: argparse.Namespace) -> int:
    port = mon.check_port(args.port, allow_any=True)
    host = mon.check_bind(args.bind)
    app = open_app(args.db)
    try:
        return asyncio.run(_listen(app, host, port, window=args.window))
    finally:
        app.close()


async def _listen(app: Any, host: str, port: int, *, window: bool = False) -> int:
    """Decisions: with ``window`` (the window's own listener, a child process so that parsing
    and committing never compete with the window's UI thread for the interpreter), each stored
    pending set is one stdout line ``monitor ID`` (the window refreshes that chair, no polling),
    and the end of standard input stops the listener as SIGTERM does: a window that quits, or
    dies, never leaves an orphan holding the port (and Windows has no SIGTERM)."""
    from chairlog.monitor.listener import Listener

    if window:
        app.listeners.append(_print_event)

    lst = Listener(lambda raw, peer: answer(app, raw, peer), host=host, port=port)
    try:
        await lst.start()
    except OSError as exc:
        if exc.errno in (errno.EADDRINUSE, errno.EACCES):
            why = "already in use" if exc.errno == errno.EADDRINUSE else "not permitted"
            raise ValidationError("port", port, f"a free port ({port} on {host} is {why})") \
                from None
        raise ValidationError("bind", host, f"an address of this computer ({exc.strerror})") \
            from None
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):  # Windows: stdin's end stops it
            loop.add_signal_handler(sig, lst.stop)
    if window:
        threading.Thread(target=_stop_at_end_of_input, args=(loop, lst.stop),
                         name="chairlog-stdin", daemon=True).start()
    h, p = lst.address
    print(f"listening on {h}:{p}", flush=True)
    await lst.serve_until_stopped()
    print(f"stopped ({lst.frames} messages)", flush=True)
    return 0


def _print_event(entity: str, entity_id: int | None) -> None:
    if entity == "monitor" and entity_id:
        with contextlib.suppress(OSError, ValueError):  # the window has gone: stdin ends too
            print(f"monitor {entity_id}", flush=True)


def _stop_at_end_of_input(loop: asyncio.AbstractEventLoop, stop: Any) -> None:
    with contextlib.suppress(OSError, ValueError):
        while sys.stdin.buffer.read(4096):
            pass  # whatever the window writes is ignored: only its end matters
    with contextlib.suppress(RuntimeError):  # the loop has already closed
        loop.call_soon_threadsafe(stop)


def cmd_devices(args: argparse.Namespace) -> int:
    app = open_app(args.db)
    try:
        rows = mon.list_devices(app)
    finally:
        app.close()
    if args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("No monitor has sent anything yet.")
        return 0
    print(f"{'device':<28} {'application':<16} {'last seen':<20} {'msgs':>6} {'refused':>7} chair")
    for r in rows:
        print(f"{r.device[:28]:<28} {r.sending_application[:16]:<16} "
              f"{r.last_seen.isoformat(timespec='seconds')[:19]:<20} {r.messages:>6} "
              f"{r.refused:>7} {r.bound_chair_name or '-'}")
    return 0


def _with_actor(args: argparse.Namespace, fn: Any) -> Any:
    app = open_app(args.db)
    try:
        actor = _actor(args, app)
        return fn(app, actor)
    finally:
        app.close()


def cmd_bind(args: argparse.Namespace) -> int:
    info = _with_actor(args, lambda app, a: mon.bind_device(app, a, args.device, args.chair))
    print(f"Device {info.device} bound to {info.bound_chair_name} (chair {info.bound_chair}).")
    return 0


def cmd_unbind(args: argparse.Namespace) -> int:
    info = _with_actor(args, lambda app, a: mon.unbind_device(app, a, args.device))
    print(f"Device {info.device} unbound: its messages are refused until bound again.")
    return 0


def cmd_key_rule(args: argparse.Namespace) -> int:
    rule = _with_actor(args, lambda app, a: mon.set_key_rule(app, a, args.device, args.rule))
    print(f"Key rule for {args.device}: {rule}.")
    return 0


def cmd_pending(args: argparse.Namespace) -> int:
    app = open_app(args.db)
    try:
        rows = mon.list_pending(app, chair_id=args.chair, session_id=args.session,
                                state=args.state)
    finally:
        app.close()
    if args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("No monitor sets.")
        return 0
    for r in rows:
        vals = ", ".join(f"{k} {v}" for k, v in r.values.items() if v is not None)
        refused = f"; refused {len(r.refused)}" if r.refused else ""
        print(f"{r.id:>6} {r.state:<9} session {r.session_id} {r.chair_name} {r.device} "
              f"{r.observed_at.isoformat(timespec='seconds')}: {vals}{refused}")
    return 0


def parse_values(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ValidationError("value", item, "FIELD=VALUE, e.g. hr=70")
        out[name.strip()] = value.strip()
    return out


def cmd_validate(args: argparse.Namespace) -> int:
    values = parse_values(args.value)
    res = _with_actor(args, lambda app, a: mon.validate_pending(app, a, args.pending_id,
                                                                values or None))
    alerts = f"; {len(res.alerts)} alert(s) to acknowledge" if res.alerts else ""
    print(f"Pending set {args.pending_id} charted as entry {res.entry.id}{alerts}.")
    return 0


def cmd_reject(args: argparse.Namespace) -> int:
    _with_actor(args, lambda app, a: mon.reject_pending(app, a, args.pending_id, args.reason))
    print(f"Pending set {args.pending_id} rejected.")
    return 0


def cmd_clear(args: argparse.Namespace) -> int:
    n = _with_actor(args, lambda app, a: mon.clear_older_pending(app, a, args.chair))
    print(f"{n} older pending set(s) of chair {args.chair} cleared.")
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    st = _with_actor(args, lambda app, a: mon.set_listener_settings(
        app, a, listen_in_window=args.in_window == "on", port=args.port, bind=args.bind))
    state = f"on ({st.bind}:{st.port})" if st.listen_in_window else "off"
    print(f"Listener in the window: {state}.", file=sys.stdout)
    return 0
