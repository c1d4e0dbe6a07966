"""Moving a clinic from its SQLite file to a PostgreSQL server (``chairlog migrate-db``), and
proving the copy.

Steps: the acting admin signs in on the SQLite database; the move is recorded there as one
audited transaction (``database.migrate``: where to, by whom, how many rows), so the copy
carries its own record of why it exists; the PostgreSQL database is brought to chairlog's
schema with Alembic and must hold no chairlog rows; every table is copied row for row in one
transaction (``db.copy``); then the copy is proved:

1. row counts per table, source against target;
2. the audit chain verified on the target — the chain, every signature, every clinical row
   against its audit record (``audit_verify``), with the source's anchor journal held
   against it;
3. every signed record byte-identical: the SHA-256 of each stored PDF on the target equals
   the one on the source and the one recorded at signing.

Decisions:
- The source is left as it is (with its ``database.migrate`` record), never deleted: the
  clinic switches ``CHAIRLOG_DB`` once the proof is printed; keeping the file is the way back.
- This workstation's trust in the signing authority (and the timestamp service) is pinned
  for the new address too, and its anchor journal for the new database starts with the
  copied head (``why: migrate``), so ``chairlog audit verify`` and signing work there at once.
- Any proof that fails is reported (exit 1 on the command line); nothing is undone
  automatically, the target is simply not to be used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chairlog.db import copy
from chairlog.db.migrate import open_database, sqlite_path
from chairlog.domain import AuditReport, Role, UserInfo
from chairlog.errors import ValidationError
from chairlog.paths import describe_db_url, resolve_db_url
from chairlog.services.context import Chairlog, record, require_user
from chairlog.words import words


@dataclass(frozen=True)
class MoveReport:
    target: str
    counts: tuple[tuple[str, int, int], ...]
    sequences: int
    audit: AuditReport
    signed_total: int
    signed_identical: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def rows(self) -> int:
        return sum(src for _, src, _ in self.counts)


def check_addresses(source_url: str | None, target_url: str) -> str:
    """Refuse, before anything is opened: a source that is not a SQLite file, a target that is
    not a PostgreSQL address. Returns the target's resolved address."""
    source = resolve_db_url(source_url)
    if sqlite_path(source) is None:
        raise ValidationError("--db", describe_db_url(source),
                              words("a SQLite clinic (migrate-db moves a file to PostgreSQL)"),
                              words("source database"))
    url = resolve_db_url(target_url)
    if not url.startswith("postgresql"):
        raise ValidationError("--to", target_url, words("a postgresql://… address"), words("target "
                                                                                      "database"))
    return url


def migrate_to_postgresql(app: Chairlog, actor: UserInfo, target_url: str,
                          progress: Callable[[str, int], None] | None = None) -> MoveReport:
    """Admin: copy this SQLite clinic into the empty PostgreSQL database at ``target_url``
    and prove the copy (see the module's docstring). Refused with one line, nothing written
    anywhere: a source that is not SQLite, a target that is not PostgreSQL or not empty."""
    from chairlog.services import audit_log, trust

    url = check_addresses(app.db.url, target_url)
    source_path = sqlite_path(app.db.url)
    where = describe_db_url(url)
    with app.db.read() as s:
        require_user(s, actor, {Role.ADMIN}, words("move the clinic to PostgreSQL"))
    target = open_database(url)  # connection failures: one line; Alembic brings the schema
    try:
        with target.engine.connect() as conn:
            copy.refuse_unless_empty(conn, where)
        with app.db.write() as s:
            user = require_user(s, actor, {Role.ADMIN}, words("move the clinic to PostgreSQL"))
            with app.db.engine.connect() as conn:
                rows = sum(copy.row_counts(conn).values())
            record(app, s, user, "database.migrate", "database", "",
                   after={"to": where, "from": str(source_path), "rows": rows})
        result = copy.copy_all(app.db, target, where, progress)
        with app.db.engine.connect() as conn:
            before = copy.signed_digests(conn)
        with target.engine.connect() as conn:
            after = copy.signed_digests(conn)
        pinned = trust.pinned_authority(app.db.url)
        if pinned is not None:
            trust.pin_authority(url, pinned)
        tsa = trust.pinned_tsa(app.db.url)
        if tsa:
            trust.pin_tsa(url, tsa)
        moved = Chairlog(db=target, clock=app.clock)
        report = audit_log.verify_audit(moved, journals=[app.db.journal])
        if report.ok:
            target.anchor(report.head_seq, report.head_hash, app.now(), "migrate")
    finally:
        target.dispose()
    problems = [f"{name}: {src} rows in the file, {dst} on the server"
                for name, src, dst in result.counts if src != dst]
    if not report.ok:
        problems.append(f"the audit chain on the server: {report.problem}")
    identical = sum(1 for rid, (digest, stored) in before.items()
                    if after.get(rid) == (digest, stored) and digest == stored)
    if identical != len(before) or len(after) != len(before):
        problems.append(f"signed records: {len(before) - identical} of {len(before)} differ")
    return MoveReport(where, result.counts, result.sequences, report, len(before), identical,
                      tuple(problems))
