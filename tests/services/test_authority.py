"""The signing authority (issue 14, points 2 and 3): the passphrase is stored nowhere and
typed by its holder; issuing needs the physician's own password; every issuance, renewal and
revocation is audited with who unlocked; physicians are told."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cryptography import x509

from chairlog import paths, pki
from chairlog.errors import AuthenticationError, PermissionDenied
from chairlog.services import accounts, audit_log, authority, keys, signoff
from tests.conftest import CA_PASSPHRASE, PASSWORDS, Clinic
from tests.record_helpers import discharged_session


def _rows(c: Clinic, n: int = 5) -> list[Any]:
    return audit_log.list_audit(c.app, c.admin, limit=n)


def test_passphrase_is_stored_nowhere(clinic: Clinic) -> None:
    c = clinic
    needle = CA_PASSPHRASE.encode()
    for f in Path(paths.data_dir()).rglob("*"):
        if f.is_file():
            assert needle not in f.read_bytes(), f
    db_file = Path(c.app.db.url.removeprefix("sqlite:///"))
    if db_file.exists():
        assert needle not in db_file.read_bytes()
    assert not list(Path(paths.data_dir()).rglob("*.secret"))
    info = accounts.get_clinic(c.app)
    assert info.ca_holder == "Dr Medical Director"


def test_issuing_needs_the_passphrase_and_the_physicians_own_password(clinic: Clinic) -> None:
    c = clinic
    accounts.add_user(c.app, c.admin, username="drkim", full_name="Kim Park", role="physician",
                      password="admin-chose-1", credentials="MD")
    # the admin chose that password: refused until the physician chooses their own
    with pytest.raises(PermissionDenied, match="must sign in and choose their own"):
        authority.issue_certificate(c.app, "drkim", CA_PASSPHRASE, "admin-chose-1")
    kim = accounts.login(c.app, "drkim", "admin-chose-1")
    kim = accounts.change_password(c.app, kim, "admin-chose-1", "kim-own-pass-1")
    with pytest.raises(AuthenticationError, match="passphrase is wrong"):
        authority.issue_certificate(c.app, "drkim", "wrong-passphrase", "kim-own-pass-1")
    assert _rows(c, 1)[0].action == "ca.unlock_failed"
    with pytest.raises(AuthenticationError, match="password of 'drkim' is wrong"):
        authority.issue_certificate(c.app, "drkim", CA_PASSPHRASE, "admin-chose-1")
    with pytest.raises(PermissionDenied, match="not a physician"):
        authority.issue_certificate(c.app, "nina", CA_PASSPHRASE, PASSWORDS["nina"])
    info = authority.issue_certificate(c.app, "drkim", CA_PASSPHRASE, "kim-own-pass-1")
    assert info.issued_by == "Dr Medical Director"
    row = next(r for r in _rows(c, 5) if r.action == "signing_key.issue")
    assert row.username == "authority" and row.after is not None
    assert row.after["unlocked_by"] == "Dr Medical Director"
    assert row.after["serial"] == info.serial and row.after["username"] == "drkim"
    with keys.unlock_signing_key(c.app, kim, "kim-own-pass-1") as signer:
        assert signer.cert.serial_number == int(info.serial)
        uid = signer.cert.subject.get_attributes_for_oid(x509.NameOID.USER_ID)[0].value
        assert uid == "drkim"


def test_physician_is_told_of_certificates_issued_in_their_name(clinic: Clinic) -> None:
    c = clinic
    accounts.add_user(c.app, c.admin, username="drkim", full_name="Kim Park", role="physician",
                      password="kim-own-pass-1", must_change_password=False)
    authority.issue_certificate(c.app, "drkim", CA_PASSPHRASE, "kim-own-pass-1")
    kim = accounts.login(c.app, "drkim", "kim-own-pass-1")
    shown = keys.notices(c.app, kim)
    assert [n.issued_by for n in shown] == ["Dr Medical Director"]
    keys.acknowledge(c.app, kim, [n.key_id for n in shown])
    assert keys.notices(c.app, kim) == []
    doc = accounts.login(c.app, "drlee", PASSWORDS["drlee"])
    assert keys.notices(c.app, doc) == []  # the fixture's issuance was acknowledged
    # an issuance the physician did not ask for (holder + known password): shown, flagged
    info = authority.issue_certificate(c.app, "drlee", CA_PASSPHRASE, PASSWORDS["drlee"])
    doc = accounts.login(c.app, "drlee", PASSWORDS["drlee"])
    shown = keys.notices(c.app, doc)
    assert [(n.serial, n.issued_by) for n in shown] == [(info.serial, "Dr Medical Director")]
    keys.acknowledge(c.app, doc, [shown[0].key_id], flag=True)
    assert _rows(c, 1)[0].action == "signing_key.flagged"
    with pytest.raises(PermissionDenied, match="no valid signing certificate"):
        keys.unlock_signing_key(c.app, doc, PASSWORDS["drlee"])
    with pytest.raises(PermissionDenied):  # nobody acknowledges someone else's
        keys.acknowledge(c.app, c.nurse, [shown[0].key_id])


def test_revocation_publishes_a_crl_listing_it(clinic: Clinic) -> None:
    c = clinic
    first = authority.current_crl(c.app)
    assert first is not None
    n0 = x509.load_der_x509_crl(first).extensions.get_extension_for_class(x509.CRLNumber)
    doc = c.physician
    with keys.unlock_signing_key(c.app, doc, PASSWORDS["drlee"]) as signer:
        serial = signer.cert.serial_number
    info = authority.revoke_certificate(c.app, "drlee", CA_PASSPHRASE, "key_compromise")
    assert info.serial == str(serial)
    crl = x509.load_der_x509_crl(authority.current_crl(c.app) or b"")
    entry = crl.get_revoked_certificate_by_serial_number(serial)
    assert entry is not None
    reason = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason
    assert reason is x509.ReasonFlags.key_compromise
    ca = pki.load_certificate(accounts_ca(c))
    assert crl.is_signature_valid(ca.public_key())  # type: ignore[arg-type]
    n1 = crl.extensions.get_extension_for_class(x509.CRLNumber)
    assert n1.value.crl_number > n0.value.crl_number
    row = _rows(c, 1)[0]
    assert row.action == "signing_key.revoke" and row.after is not None
    assert row.after["unlocked_by"] == "Dr Medical Director"
    with pytest.raises(PermissionDenied, match="no valid signing certificate"):
        keys.unlock_signing_key(c.app, doc, PASSWORDS["drlee"])


def accounts_ca(c: Clinic) -> bytes:
    return keys.clinic_ca_pem(c.app)


def test_reset_revocation_reaches_the_next_crl(clinic: Clinic) -> None:
    c = clinic
    with keys.unlock_signing_key(c.app, c.physician, PASSWORDS["drlee"]) as signer:
        serial = signer.cert.serial_number
    accounts.reset_password(c.app, c.admin, c.physician.id, "temporary-pw-1",
                            expected_version=accounts.get_user(c.app, c.physician.id).version)
    authority.refresh_crl(c.app, CA_PASSPHRASE)
    crl = x509.load_der_x509_crl(authority.current_crl(c.app) or b"")
    assert crl.get_revoked_certificate_by_serial_number(serial) is not None


def test_renewal_keeps_the_key_and_signs(clinic: Clinic) -> None:
    c = clinic
    with keys.unlock_signing_key(c.app, c.physician, PASSWORDS["drlee"]) as signer:
        old_serial, old_pub = signer.cert.serial_number, signer.cert.public_key()
    c.clock.advance(days=400)
    info = authority.renew_certificate(c.app, "drlee", CA_PASSPHRASE)
    assert int(info.serial) != old_serial
    with keys.unlock_signing_key(c.app, c.physician, PASSWORDS["drlee"]) as signer:
        assert signer.cert.serial_number == int(info.serial)
        assert signer.cert.public_key() == old_pub
    assert any(r.action == "signing_key.renew" for r in _rows(c, 3))
    sid = discharged_session(c, extras=False)
    signoff.sign_session(c.app, c.physician, sid, PASSWORDS["drlee"])


def test_an_admin_alone_cannot_get_a_physician_signature(clinic: Clinic) -> None:
    """The admin creates a physician account in another's name and knows its password: without
    the authority's passphrase there is no certificate, so nothing can be signed."""
    c = clinic
    accounts.add_user(c.app, c.admin, username="mallory", full_name="Chiamaka Okafor",
                      role="physician", password="mallory-pass-1", credentials="MD",
                      must_change_password=False)
    mallory = accounts.login(c.app, "mallory", "mallory-pass-1")
    sid = discharged_session(c, extras=False)
    with pytest.raises(PermissionDenied, match="no valid signing certificate"):
        signoff.sign_session(c.app, mallory, sid, "mallory-pass-1")
    with pytest.raises(AuthenticationError):
        authority.issue_certificate(c.app, "mallory", PASSWORDS["admin"], "mallory-pass-1")


def test_init_without_a_passphrase_generates_one_kept_only_in_memory(app: Any) -> None:
    admin = accounts.init_clinic(app, clinic_name="C", timezone="UTC", admin_username="boss",
                                 admin_full_name="Bea Boss", admin_password="boss-pass-1")
    generated = app.generated_ca_passphrase
    assert isinstance(generated, str) and len(generated) >= 12
    for f in Path(paths.data_dir()).rglob("*"):
        if f.is_file():
            assert generated.encode() not in f.read_bytes()
    accounts.add_user(app, admin, username="drk", full_name="Kim Doc", role="physician",
                      password="kim-pass-12", must_change_password=False)
    info = authority.issue_certificate(app, "drk", generated, "kim-pass-12")
    assert info.issued_by == "Bea Boss"  # the holder defaults to the admin
