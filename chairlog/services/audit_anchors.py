"""Every anchor of the audit chain that this workstation can reach, outside the database.

- The anchor journal of this database in the data folder (``chairlog.db.anchors``), plus any
  journal files given (an auditor checking a copy passes the clinic's journal).
- The sidecars of this database's backups: those in the automatic folder and those named by
  the ``backups`` table whose ``source`` is this database, and every one in a folder given.
- The head inside every signed PDF, read only once its signature verifies against the clinic's
  signing authority: those stored in the database, and any PDF files given (``--pdf``).
  Decision: PDF signatures cost about 50 ms each, so by default the newest
  :data:`PDF_DEFAULT` signed records are checked (the newest carry the heads that catch a
  truncation); ``full`` checks all of them.

A ``restore`` line in a journal means the database was replaced by a backup at that time:
earlier journal lines and older sidecars at or beyond the restored chain's seq describe the
replaced file, so they are counted as superseded instead of being held against this one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from chairlog.db import anchors
from chairlog.db.audit_verify import Anchor
from chairlog.db.migrate import sqlite_path
from chairlog.db.models import BackupRecord, SignedRecord
from chairlog.services.context import Chairlog, clinic_row

PDF_DEFAULT = 200


@dataclass
class Reached:
    anchors: list[Anchor] = field(default_factory=list)
    pinned_keys: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    superseded: int = 0
    pdfs_skipped: int = 0


def _stamp(text: str) -> str:
    try:
        return datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return text


def _journals(app: Chairlog, r: Reached, extra: Iterable[Path]) -> datetime | None:
    """Journal lines → anchors; returns the time of the newest restore line."""
    restored_at: datetime | None = None
    for path in dict.fromkeys([app.db.journal, *extra]):
        j = anchors.read(path)
        r.problems += j.problems
        lines = list(j.lines)
        restores = [i for i, line in enumerate(lines) if line.why == "restore"]
        cut = restores[-1] if restores else -1
        if restores:
            stamp = datetime.fromisoformat(lines[cut].at)
            restored_at = stamp if restored_at is None else max(restored_at, stamp)
        for i, line in enumerate(lines):
            r.pinned_keys.add(line.key_id)
            if i < cut and line.seq >= lines[cut].seq:
                r.superseded += 1
                continue
            r.anchors.append(Anchor("journal lines",
                                    f"the journal at {_stamp(line.at)} ({line.why})",
                                    line.seq, line.hash))
    return restored_at


def _sidecars(app: Chairlog, r: Reached, folders: Iterable[Path],
              restored: tuple[datetime, int] | None) -> None:
    from chairlog.services.backups import backups_dir, sidecar_of

    source = sqlite_path(app.db.url)
    if source is None:
        return  # PostgreSQL is backed up with pg_dump on the server: no sidecars
    mine = str(source.resolve())
    # the backups the database names and those in the automatic folder count when their
    # sidecar names this database as their source; every backup in a folder given explicitly
    # counts (an auditor checking a copy names the clinic's backups folder)
    files: dict[Path, bool] = {}
    with app.db.read() as s:
        for (p,) in s.execute(select(BackupRecord.path)):
            files[Path(p)] = False
    auto = backups_dir()
    if auto.is_dir():
        for f in sorted(auto.glob("*.sqlite3")):
            files.setdefault(f, False)
    for folder in folders:
        for f in sorted(folder.glob("*.sqlite3")):
            files[f] = True
    for f, given in files.items():
        side = sidecar_of(f)
        try:
            meta = json.loads(side.read_text(encoding="utf-8"))
            if not given and meta.get("source") != mine:
                continue
            head = meta["audit_head"]
            seq, h = int(head["seq"]), str(head["hash"])
            made = datetime.fromisoformat(str(meta["created_at"]))
        except FileNotFoundError:
            continue
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            r.problems.append(f"the backup sidecar {side.name} is unreadable")
            continue
        if restored is not None and made < restored[0] and seq >= restored[1]:
            r.superseded += 1
            continue
        r.anchors.append(Anchor("backup sidecars", f"the sidecar of backup {f.name}", seq, h))


def _pdfs(app: Chairlog, r: Reached, full: bool) -> None:
    from chairlog.reports.pdfinfo import read_audit_head
    from chairlog.services.records import verify_record_pdf_with_ca

    with app.db.read() as s:
        ca = clinic_row(s).ca_cert_pem
        total = len(list(s.scalars(select(SignedRecord.id))))
        q = select(SignedRecord.id).order_by(SignedRecord.id.desc())
        ids = list(s.scalars(q if full else q.limit(PDF_DEFAULT)))
    r.pdfs_skipped = total - len(ids)
    for rid in ids:
        with app.db.read() as s:
            sr = s.get(SignedRecord, rid)
            assert sr is not None
            pdf, label = bytes(sr.pdf_bytes), f"signed record {sr.session_id} v{sr.record_version}"
        if ca is None:
            r.problems.append(f"{label} cannot be checked: the clinic has no signing authority")
            continue
        result = verify_record_pdf_with_ca(pdf, ca)
        if not (result.ok and result.covers_whole_file):
            r.problems.append(f"the PDF of {label} does not verify: {result.reason}")
            continue
        head = read_audit_head(pdf)
        if head is not None:
            r.anchors.append(Anchor("signed PDFs", f"the PDF of {label}", head[0], head[1]))


def _pdf_files(app: Chairlog, r: Reached, files: Iterable[Path]) -> None:
    """Signed PDFs given out (kept by the patient, the payer, the auditor): their heads are
    anchors beyond the reach of anyone who holds this workstation."""
    from chairlog.reports.pdfinfo import read_audit_head
    from chairlog.services.records import verify_record_pdf_with_ca

    files = list(files)
    if not files:  # (the usual case: no read of the authority for nothing)
        return
    with app.db.read() as s:
        ca = clinic_row(s).ca_cert_pem
    for f in files:
        try:
            pdf = f.read_bytes()
        except OSError as exc:
            r.problems.append(f"the signed PDF {f.name} cannot be read: {exc.strerror}")
            continue
        result = verify_record_pdf_with_ca(pdf, ca) if ca is not None and pdf else None
        if result is None or not (result.ok and result.covers_whole_file):
            reason = result.reason if result is not None else "no signing authority"
            r.problems.append(f"the signed PDF {f.name} does not verify: {reason}")
            continue
        head = read_audit_head(pdf)
        if head is None:
            r.problems.append(f"the signed PDF {f.name} carries no audit chain head")
            continue
        r.anchors.append(Anchor("signed PDFs", f"the signed PDF {f.name}", head[0], head[1]))


def reach(app: Chairlog, *, journals: Iterable[Path] = (), backup_dirs: Iterable[Path] = (),
          pdfs: Iterable[Path] = (), full: bool = False) -> Reached:
    r = Reached()
    restored_at = _journals(app, r, journals)
    restored = None
    if restored_at is not None:
        seqs = [a.seq for a in r.anchors if "(restore)" in a.label]
        restored = (restored_at, max(seqs)) if seqs else None
    _sidecars(app, r, backup_dirs, restored)
    _pdfs(app, r, full)
    _pdf_files(app, r, pdfs)
    return r
