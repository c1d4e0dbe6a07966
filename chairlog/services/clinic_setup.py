"""Clinic set-up and settings: ``init_clinic`` (only on an empty database) and
``update_clinic`` (an admin). Re-exported by ``accounts``."""

from __future__ import annotations

from sqlalchemy import func, select

from chairlog.db.models import Clinic, User
from chairlog.domain import ClinicInfo, Role, UserInfo
from chairlog.errors import NotFound, ValidationError
from chairlog.services import signin
from chairlog.services.account_fields import (
    _passphrase,
    _password,
    _timezone,
    _username,
)
from chairlog.services.context import (
    MAX_NAME,
    Chairlog,
    clinic_row,
    record,
    require_user,
    signed_in,
    text_field,
)
from chairlog.words import words


def clinic_info(c: Clinic) -> ClinicInfo:
    return ClinicInfo(
        c.id,
        c.name,
        c.address,
        c.timezone,
        c.paper_size,
        c.idle_lock_minutes,
        c.late_entry_minutes,
        c.ca_cert_pem is not None,
        ca_holder=c.ca_holder or "",
        lockout_attempts=c.lockout_attempts,
        tsa_url=c.tsa_url or "",
        language=c.language or "en",
        weight_unit=c.weight_unit or "kg",
        temperature_unit=c.temperature_unit or "C",
        version=c.version,
    )


def is_initialised(app: Chairlog) -> bool:
    with app.db.read() as s:
        return s.scalar(select(func.count()).select_from(Clinic)) != 0


def get_clinic(app: Chairlog) -> ClinicInfo:
    with app.db.read() as s:
        return clinic_info(clinic_row(s))


# ---- set-up --------------------------------------------------------------------------------


def init_clinic(
    app: Chairlog,
    *,
    clinic_name: str,
    timezone: str,
    admin_username: str,
    admin_full_name: str,
    admin_password: str,
    ca_passphrase: str | None = None,
    ca_holder: str = "",
    address: str = "",
    admin_credentials: str = "",
    replace_pin: bool = False,
) -> UserInfo:
    """Create the clinic, its signing authority and the first admin, only on an empty database.

    ``ca_holder`` names who holds the authority's passphrase (default: the admin). Without
    ``ca_passphrase`` one is generated and left, in memory only, in
    ``app.generated_ca_passphrase`` for the caller to hand to the holder (``chairlog init``
    prints it once). Returns the first admin, signed in. The authority certificate is pinned
    in this workstation's data folder for this database (``trust.pin_authority``); a
    different authority already pinned for this database location is refused, unless
    ``replace_pin`` (demo and benchmark data only, which are no evidence)."""
    from chairlog import pki
    from chairlog.services import authority, trust

    name = text_field(
        "clinic_name", clinic_name, required=True, max_chars=MAX_NAME, label=words("clinic name")
    )
    tz = _timezone(timezone)
    uname = _username(admin_username)
    full = text_field(
        "full_name", admin_full_name, required=True, max_chars=MAX_NAME, label=words("full name")
    )
    pw = _password(admin_password)
    generated = ca_passphrase is None
    if ca_passphrase is None:
        import secrets

        ca_passphrase = secrets.token_urlsafe(18)
    passphrase = _passphrase(ca_passphrase)
    holder = text_field("ca_holder", ca_holder, max_chars=MAX_NAME, label=words("authority holder"))
    holder = holder or full
    addr = text_field("address", address, max_chars=500)
    creds = text_field("credentials", admin_credentials, max_chars=40)
    if is_initialised(app):
        raise ValidationError("clinic_name", name, words("an empty database (already set up)"))
    if trust.pinned_authority(app.db.url) is not None and not replace_pin:
        raise trust.TrustProblem(
            words("this workstation already trusts a signing authority for this database "
                  "location ({trust}); remove that file deliberately to set up a new clinic "
                  "here. Nothing was created.", trust=trust.pin_path(app.db.url))
        )
    ca = pki.create_clinic_ca(name, pki.passphrase_bytes(passphrase), now=app.now())
    with app.db.write() as s:
        if s.scalar(select(func.count()).select_from(Clinic)):
            raise ValidationError("clinic_name", name, words("an empty database (already set up)"))
        now = app.now()
        clinic = Clinic(
            name=name,
            address=addr,
            timezone=tz,
            created_at=now,
            ca_cert_pem=ca.cert_pem,
            ca_key_encrypted=ca.encrypted_key_pem,
            ca_holder=holder,
        )
        s.add(clinic)
        admin = User(
            username=uname,
            full_name=full,
            credentials=creds,
            role=Role.ADMIN.value,
            password_hash=signin.HASHER.hash(pw),
            created_at=now,
        )
        s.add(admin)
        s.flush()
        record(
            app,
            s,
            admin,
            "clinic.init",
            "clinic",
            clinic.id,
            after={"name": name, "timezone": tz, "address": addr, "ca_holder": holder,
                   "ca_fingerprint": pki.cert_fingerprint(ca.cert_pem)},
        )
        record(
            app,
            s,
            admin,
            "user.create",
            "user",
            admin.id,
            after={"username": uname, "full_name": full, "role": "admin"},
        )
        authority.publish_crl(app, s, clinic, passphrase)
        info = signed_in(admin)
    if replace_pin:
        trust.unpin_authority(app.db.url)
    trust.pin_authority(app.db.url, ca.cert_pem)
    if generated:
        app.generated_ca_passphrase = passphrase
    app.notify("clinic")
    return info


SETTINGS = {
    "name",
    "address",
    "timezone",
    "paper_size",
    "idle_lock_minutes",
    "late_entry_minutes",
    "lockout_attempts",
    "tsa_url",
    "tsa_cert_pem",
    "language",
    "weight_unit",
    "temperature_unit",
}

#: the choices of the words-and-units settings (value → what the settings screen shows)
LANGUAGES = {"en": "English", "es": "Español"}
WEIGHT_UNITS = {"kg": "kg", "lb": "lb"}
TEMPERATURE_UNITS = {"C": "°C", "F": "°F"}
_CHOICES = {"language": (LANGUAGES, words("language")),
            "weight_unit": (WEIGHT_UNITS, words("weight unit")),
            "temperature_unit": (TEMPERATURE_UNITS, words("temperature unit"))}


def _setting(key: str, value: object) -> object:
    if key not in SETTINGS:
        raise ValidationError(key, value, words("one of {choices}",
                                                choices=", ".join(sorted(SETTINGS))))
    if key == "name":
        return text_field("name", value, required=True, max_chars=MAX_NAME)
    if key == "address":
        return text_field("address", value, max_chars=500)
    if key == "timezone":
        return _timezone(value)
    if key in _CHOICES:
        choices, label = _CHOICES[key]
        if not isinstance(value, str) or value not in choices:
            raise ValidationError(key, value, words("{choices}", choices=" or ".join(choices)),
                                  label)
        return value
    if key == "paper_size" and value not in ("A4", "Letter"):
        raise ValidationError("paper_size", value, words("A4 or Letter"), words("paper size"))
    if key in ("idle_lock_minutes", "late_entry_minutes") and (
        isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 120
    ):
        raise ValidationError(key, value, words("a whole number of minutes, 1–120"))
    if key == "lockout_attempts" and (
        isinstance(value, bool) or not isinstance(value, int) or not 3 <= value <= 20
    ):
        raise ValidationError(key, value, words("a whole number of wrong passwords, 3–20"),
                              words("lockout after"))
    if key == "tsa_cert_pem":
        if value in (None, b""):
            return None
        from chairlog.services import trust

        return trust.one_certificate(value if isinstance(value, bytes) else b"", ca=False)
    if key == "tsa_url":
        url = text_field("tsa_url", value, max_chars=500, label=words("timestamp service"))
        if url and not url.startswith(("http://", "https://")):
            raise ValidationError("tsa_url", url, words("an http:// or https:// address, or empty"),
                                  words("timestamp service"))
        return url
    return value


def _shown(value: object) -> object:
    """Audit-friendly: a certificate as its fingerprint."""
    if isinstance(value, bytes):
        from chairlog.services import trust

        return "sha256:" + trust.fingerprint(value)
    return value


def update_clinic(app: Chairlog, actor: UserInfo, *, expected_version: int | None = None,
                  **changes: object) -> ClinicInfo:
    """Admin: clinic details and settings (name, address, timezone, paper size, idle lock,
    lockout after N wrong passwords, the RFC 3161 timestamp service's address).
    ``expected_version``: the settings' version as read (``get_clinic().version``); a change
    saved meanwhile on another workstation is refused with a ``ConflictError`` naming it."""
    from chairlog.services import conflicts

    conflicts.require_version(expected_version)
    with app.db.read() as r:
        label = words("Clinic '{name}'", name=clinic_row(r).name)
    with conflicts.worded(app, "clinic", _clinic_ids(app), label), app.db.write() as s:
        user = require_user(s, actor, {Role.ADMIN}, words("change clinic settings"))
        c = s.scalars(select(Clinic).limit(1).with_for_update()).first()
        if c is None:
            raise NotFound(words("No clinic is set up yet: run chairlog init or the first-start "
                                 "screen."))
        if c.version != expected_version:
            raise conflicts.stale()
        before = {k: _shown(getattr(c, k)) for k in sorted(SETTINGS)}
        for key, value in changes.items():
            setattr(c, key, _setting(key, value))
        after = {k: _shown(getattr(c, k)) for k in sorted(SETTINGS)}
        record(app, s, user, "settings.change", "clinic", c.id, before=before, after=after)
        s.flush()
        info = clinic_info(c)
    app.notify("clinic")
    return info


def _clinic_ids(app: Chairlog) -> list[int]:
    with app.db.read() as s:
        return list(s.scalars(select(Clinic.id)))
