"""Patients: registration, search by name or MRN, history."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, bindparam, or_, select
from sqlalchemy.exc import IntegrityError

from chairlog.db.models import InfusionSession, Patient
from chairlog.domain import PatientInfo, Role, UserInfo
from chairlog.errors import NotFound, ValidationError
from chairlog.services import conflicts
from chairlog.services.context import CHART_ROLES, Chairlog, record, require_user, text_field
from chairlog.words import words

SEXES = ("female", "male", "other", "unknown")


_NO_DECOMPOSITION = str.maketrans(
    {"ø": "o", "æ": "ae", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "œ": "oe", "ı": "i", "ħ": "h"}
)


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for searching names (Ødegård → odegard)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_NO_DECOMPOSITION))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def patient_info(p: Patient) -> PatientInfo:
    return PatientInfo(
        p.id,
        p.mrn,
        p.family_name,
        p.given_name,
        p.date_of_birth,
        p.sex,
        p.allergies,
        p.notes,
        p.version,
    )


def _dob(value: Any, today: date) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(
                "date_of_birth", value, words("a date as YYYY-MM-DD"), words("date of birth")
            ) from None
    if (not isinstance(value, date) or isinstance(value, datetime)  # a date, not a moment
            or not date(1900, 1, 1) <= value <= today):
        raise ValidationError(
            "date_of_birth", value, words("a date from 1900-01-01 to {today}",
                                          today=today), words("date of birth")
        )
    return value


def _mrn(value: Any) -> str:
    mrn = text_field("mrn", value, required=True, max_chars=40, label=words("MRN"))
    if any(ch.isspace() for ch in mrn):
        raise ValidationError("mrn", mrn, words("letters, digits and dashes without spaces"),
                              words("MRN"))
    return mrn


def create_patient(
    app: Chairlog,
    actor: UserInfo,
    *,
    mrn: str,
    family_name: str,
    given_name: str,
    date_of_birth: date | str | None = None,
    sex: str = "unknown",
    allergies: str = "",
    notes: str = "",
) -> PatientInfo:
    m = _mrn(mrn)
    fam = text_field("family_name", family_name, required=True, max_chars=120, label=words("family "
                                                                                           "name"))
    giv = text_field("given_name", given_name, required=True, max_chars=120, label=words("given "
                                                                                         "name"))
    dob = _dob(date_of_birth, app.now().date())
    if sex not in SEXES:
        raise ValidationError("sex", sex, words("one of {choices}", choices=", ".join(SEXES)))
    alg = text_field("allergies", allergies, max_chars=2000)
    nts = text_field("notes", notes, max_chars=4000)
    try:
        with app.db.write() as s:
            user = require_user(s, actor, CHART_ROLES | {Role.ADMIN}, words("register patients"))
            if s.scalar(select(Patient.id).where(Patient.mrn == m)) is not None:
                raise ValidationError("mrn", m, words("an MRN not already registered"),
                                      words("MRN"))
            p = Patient(
                mrn=m,
                family_name=fam,
                given_name=giv,
                search_name=fold(f"{fam} {giv}"),
                date_of_birth=dob,
                sex=sex,
                allergies=alg,
                notes=nts,
                created_at=app.now(),
            )
            s.add(p)
            s.flush()
            record(
                app,
                s,
                user,
                "patient.create",
                "patient",
                p.id,
                patient_id=p.id,
                after={
                    "mrn": m,
                    "family_name": fam,
                    "given_name": giv,
                    "date_of_birth": dob,
                    "sex": sex,
                    "allergies": alg,
                },
            )
            info = patient_info(p)
    except IntegrityError:
        raise ValidationError("mrn", m, words("an MRN not already registered"),
                              words("MRN")) from None
    app.notify("patient", info.id)
    return info


def update_patient(
    app: Chairlog,
    actor: UserInfo,
    patient_id: int,
    expected_version: int,
    reason: str,
    **changes: Any,
) -> PatientInfo:
    """Change a patient's details. ``expected_version`` (required): the version shown
    (``PatientInfo.version``); a change saved meanwhile on another workstation is refused with a
    ``ConflictError`` naming who changed what."""
    why = text_field("reason", reason, required=True, max_chars=500)
    conflicts.require_version(expected_version)

    def label() -> str:
        with app.db.read() as r:
            mrn = r.scalar(select(Patient.mrn).where(Patient.id == patient_id))
        return words("Patient {mrn}", mrn=mrn) if mrn else words("This patient")

    with conflicts.worded(app, "patient", [patient_id], label), app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES | {Role.ADMIN}, words("edit patients"))
        p = s.get(Patient, patient_id, with_for_update=True)
        if p is None:
            raise NotFound(words("No patient {patient_id}.", patient_id=patient_id))
        if p.version != expected_version:
            raise conflicts.stale()
        fields = ("family_name", "given_name", "date_of_birth", "sex", "allergies", "notes")
        before = {k: getattr(p, k) for k in fields}
        for k, v in changes.items():
            if k in ("family_name", "given_name"):
                v = text_field(k, v, required=True, max_chars=120)
            elif k == "date_of_birth":
                v = _dob(v, app.now().date())
            elif k == "sex":
                if v not in SEXES:
                    raise ValidationError("sex", v, words("one of {choices}",
                                                          choices=", ".join(SEXES)))
            elif k in ("allergies", "notes"):
                v = text_field(k, v, max_chars=4000)
            else:
                raise ValidationError(k, v, words("one of {choices}", choices=", ".join(fields)))
            setattr(p, k, v)
        p.search_name = fold(f"{p.family_name} {p.given_name}")
        record(
            app,
            s,
            user,
            "patient.update",
            "patient",
            p.id,
            patient_id=p.id,
            before=before,
            after={k: getattr(p, k) for k in fields},
            reason=why,
        )
        info = patient_info(p)
    app.notify("patient", patient_id)
    return info


def _search_statement(words: int) -> Select[Any]:
    """The search for ``words`` name words (0–6), built once: the name words are matched on
    the ``search_name`` index alone and each MRN prefix is an index range, so the table is
    read only for the patients found."""
    by_mrn = [and_(Patient.mrn >= bindparam(f"mrn{i}"), Patient.mrn < bindparam(f"end{i}"))
              for i in (0, 1)]
    found = select(Patient.id).where(or_(*by_mrn))
    if words:
        by_name = [Patient.search_name.like(bindparam(f"w{i}"), escape="\\")
                   for i in range(words)]
        found = found.union(select(Patient.id).where(and_(*by_name)))  # type: ignore[assignment]
    return (select(Patient).where(Patient.id.in_(found))
            .order_by(Patient.family_name, Patient.given_name).limit(200))


_SEARCHES = [_search_statement(n) for n in range(7)]


def search_patients(app: Chairlog, query: str, limit: int = 20) -> list[PatientInfo]:
    """Patients whose MRN starts with the query (as typed or in capitals), or whose name
    contains every word of it (accent- and case-insensitive), exact MRN first."""
    q = (query or "").strip()
    if not q:
        return []
    terms = [t for t in fold(q).split() if t]
    prefixes = (q, q.upper())
    params: dict[str, str] = {f"w{i}": f"%{_escape(t)}%" for i, t in enumerate(terms[:6])}
    for i, x in enumerate(prefixes):
        params[f"mrn{i}"], params[f"end{i}"] = x, x + _AFTER_ALL
    with app.db.read() as s:  # the words beyond six are checked below
        rows: list[Patient] = list(s.scalars(_SEARCHES[min(len(terms), 6)], params))

    def mrn_match(p: Patient) -> bool:
        return any(p.mrn.startswith(x) for x in prefixes)

    matched = [p for p in rows if mrn_match(p) or all(t in p.search_name for t in terms)]
    matched.sort(key=lambda p: (p.mrn != q, not mrn_match(p), p.search_name))
    return [patient_info(p) for p in matched[:limit]]


#: sorts after every string an MRN prefix can start (the prefix range's upper bound)
_AFTER_ALL = "\U0010ffff"


def _escape(t: str) -> str:
    return t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_prefix(t: str) -> str:
    return _escape(t) + "%"


def get_patient(app: Chairlog, patient_id: int) -> PatientInfo:
    with app.db.read() as s:
        p = s.get(Patient, patient_id)
        if p is None:
            raise NotFound(words("No patient {patient_id}.", patient_id=patient_id))
        return patient_info(p)


def get_patient_by_mrn(app: Chairlog, mrn: str) -> PatientInfo:
    with app.db.read() as s:
        p = s.scalars(select(Patient).where(Patient.mrn == mrn)).first()
        if p is None:
            raise NotFound(words("No patient with MRN {mrn}.", mrn=mrn))
        return patient_info(p)


def last_weight_kg(app: Chairlog, patient_id: int) -> tuple[float, date] | None:
    """The weight used at the patient's most recent session (shown for comparison)."""
    with app.db.read() as s:
        row = s.execute(
            select(InfusionSession.weight_kg, InfusionSession.checked_in_at)
            .where(InfusionSession.patient_id == patient_id)
            .order_by(InfusionSession.checked_in_at.desc())
            .limit(1)
        ).first()
        return (row.weight_kg, row.checked_in_at.date()) if row else None
