"""What the record PDF is built from: plain, frozen data (no reportlab, no database).

The services assemble a :class:`RecordData` from their read models; the layout code only
reads it. Everything the PDF prints is in here, so the same data always gives the same
bytes (reportlab's invariant mode does the rest).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from chairlog.domain import ClinicInfo, Deviation, SessionView
from chairlog.present.catalog import Catalog, catalog_of
from chairlog.present.numbers import fmt
from chairlog.present.times import duration_text, local_time
from chairlog.present.units import Units

PAPER_SIZES = ("A4", "Letter")


def record_id(session_id: int) -> str:
    """The record number printed on every page: S-000123."""
    return f"S-{session_id:06d}"


@dataclass(frozen=True)
class AddendumInfo:
    """An addendum opened on a signed record: version ``version`` supersedes ``supersedes``."""

    version: int
    supersedes_version: int
    reason: str
    opened_by: str
    opened_at: datetime


@dataclass(frozen=True)
class Vocabulary:
    """Display labels for coded values (the services own the vocabularies)."""

    side_effects: Mapping[str, str] = field(default_factory=dict)
    actions: Mapping[str, str] = field(default_factory=dict)
    discharge_criteria: Mapping[str, str] = field(default_factory=dict)

    def side_effect(self, code: str) -> str:
        return self.side_effects.get(code, code.replace("_", " "))

    def action(self, code: str | None) -> str:
        return "—" if not code else self.actions.get(code, code.replace("_", " "))

    def criterion(self, code: str) -> str:
        return self.discharge_criteria.get(code, code.replace("_", " ").capitalize())


@dataclass(frozen=True)
class RecordData:
    """One version of a session record, as the PDF shows it."""

    clinic: ClinicInfo
    session: SessionView
    #: user id → printed name (with credentials), for names the session view holds as ids
    user_names: Mapping[int, str] = field(default_factory=dict)
    #: every addendum opened on this session, oldest first
    addenda: tuple[AddendumInfo, ...] = ()
    vocab: Vocabulary = field(default_factory=Vocabulary)
    #: what departs from the protocol or from charting at the time, for the physician's eye
    deviations: tuple[Deviation, ...] = ()

    @property
    def record_id(self) -> str:
        return record_id(self.session.id)

    @property
    def version(self) -> int:
        return self.session.record_version

    @property
    def words(self) -> Catalog:
        """The record's words in the clinic's language as it is now (``present.catalog``).

        Decision: a record is drawn in the clinic's language at the time it is rendered. A
        signed record's bytes are stored and never re-rendered, so a signed version keeps the
        language it was signed in even if the clinic's language changes later; a draft is
        drawn in the current language each time it is exported."""
        return catalog_of(self.clinic.language)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.clinic.timezone)

    @property
    def units(self) -> Units:
        """The clinic's units as the record is printed (``present.units``). Decisions: the PDF
        follows the clinic's choice, and a weight in lb carries the stored dosing kg beside it
        ("154 lb (69.85 kg)") so a record read years later is unambiguous; temperatures are
        printed in the chosen unit, and the vitals table says which (and that °C is stored)."""
        return Units.of(self.clinic)

    @property
    def current_addendum(self) -> AddendumInfo | None:
        """The addendum this version is (None for version 1)."""
        return next((a for a in reversed(self.addenda) if a.version == self.version), None)


@dataclass(frozen=True)
class SignatureBlock:
    """The signature printed on a signed version (21 CFR Part 11 §11.50: printed name,
    date and time, meaning), bound to the record version and the audit chain head."""

    signer_name: str
    credentials: str
    signed_at: datetime
    meaning: str
    comment: str
    audit_head_seq: int
    audit_head_hash: str
    certificate_fingerprint: str = ""
    #: who signed, beyond the printed name (issue 14, points 3 and 4)
    username: str = ""
    qualifier: str = ""
    certificate_serial: str = ""
    certificate_issued_at: datetime | None = None
    certificate_issued_by: str = ""

    @property
    def printed_name(self) -> str:
        name = f"{self.signer_name}, {self.credentials}" if self.credentials else self.signer_name
        return f"{name} ({self.qualifier})" if self.qualifier else name

    @property
    def signer_identity(self) -> str:
        """The printed name and the account's username: a printed name is not an identity."""
        return self.identity_in(catalog_of(None))

    def identity_in(self, w: Catalog) -> str:
        """``signer_identity`` in ``w``'s language ("[usuario drlee]")."""
        if not self.username:
            return self.printed_name
        user = w.translate("record", "[user {username}]").format(username=self.username)
        return f"{self.printed_name} {user}"

    def stamp_text(self, w: Catalog, when: str) -> str:
        """The visible signature stamp's lines: who, when, and the meaning as signed."""
        signed_by = w.translate("record", "Digitally signed by {signer}").format(
            signer=self.identity_in(w))
        return f"{signed_by}\n{when}\n{self.meaning}"


# ---- formatting shared by the layout modules ----------------------------------------------
# (the rules live in chairlog.present, shared with the window and the command line)

def local_date(at: datetime, tz: ZoneInfo) -> str:
    return at.astimezone(tz).strftime("%Y-%m-%d")


def record_time(rec: RecordData, at: datetime) -> str:
    """A time in the record: local time with offset; with the date when it is not the
    session's (check-in) day."""
    same_day = local_date(at, rec.tz) == local_date(rec.session.checked_in_at, rec.tz)
    return local_time(at, rec.tz, with_date=not same_day)


def since_start(at: datetime, start: datetime | None) -> str:
    """Time from infusion start as ``+H:MM`` (``−H:MM`` before it; empty with no infusion)."""
    if start is None:
        return ""
    delta = at - start
    sign = "−" if delta < timedelta(0) else "+"
    minutes = int(abs(delta).total_seconds() // 60)
    return f"{sign}{minutes // 60}:{minutes % 60:02d}"


def duration(td: timedelta) -> str:
    return duration_text(td)


def num(value: float | None, digits: int | None = None) -> str:
    """A dose number as the chart writes it everywhere (``present.numbers.fmt``); ``digits``
    fixes the decimal places."""
    return fmt(value, digits)
