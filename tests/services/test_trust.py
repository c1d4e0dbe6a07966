"""The trust anchor lives outside the database; signatures outlive their certificates
(issue 14, points 4, 5, 6, 10)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from chairlog import pki
from chairlog.cli import main
from chairlog.db.models import Clinic as ClinicRow
from chairlog.errors import ValidationError
from chairlog.services import accounts, keys, records, signoff, trust
from tests import template_steps
from tests.conftest import PASSWORDS, Clinic
from tests.record_helpers import discharged_session, flat, pdf_text


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str,
        stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _sign_one(clinic: Clinic) -> tuple[int, bytes]:
    sid = discharged_session(clinic, extras=False)
    signoff.sign_session(clinic.app, clinic.physician, sid, PASSWORDS["drlee"])
    return sid, records.get_signed_pdf(clinic.app, sid)


#: the clinic after ``_sign_one``, copied from a template made once per process
signed_one = template_steps.fixture("signed_one", _sign_one)


@pytest.fixture
def signed(clinic: Clinic, signed_one: tuple[int, bytes]) -> tuple[Clinic, int, bytes]:
    return clinic, *signed_one


def _look_alike(c: Clinic, pdf_source: bytes | None = None) -> tuple[pki.CAMaterial, bytes]:
    """An attacker's authority with the same name, a certificate in the physician's name,
    and a record signed with it."""
    from chairlog.reports.signing import sign_pdf

    fake = pki.create_clinic_ca("Test Clinic", b"attacker-pass", now=c.clock.now())
    mat = pki.issue_signer(fake, b"attacker-pass", full_name="Lee Žukauskas", username="drlee",
                           credentials="MD", user_password="x-pass-1", now=c.clock.now())
    sid = discharged_session(c, extras=False, patient=c.patient2, chair=1)
    draft = pdf_source or records.export_draft(c.app, sid)
    with pki.unlock_signer(mat, "x-pass-1") as signer:
        pdf = sign_pdf(draft, signer, ca_cert_pem=fake.cert_pem, reason="Reviewed and approved",
                       location="Test Clinic", signing_time=c.clock.now())
    return fake, pdf


def test_init_pins_the_authority_outside_the_database(clinic: Clinic) -> None:
    pinned = trust.pinned_authority(clinic.app.db.url)
    assert pinned is not None and trust.pin_path(clinic.app.db.url).is_file()
    assert trust.fingerprint(pinned) == trust.fingerprint(keys.clinic_ca_pem(clinic.app))


def test_look_alike_authority_is_not_trusted(signed: tuple[Clinic, int, bytes]) -> None:
    c, _sid, _pdf = signed
    _fake, forged = _look_alike(c)
    result = records.verify_record_pdf(c.app, forged)
    assert not result.ok and "not issued by the clinic's signing authority" in result.reason


def test_swapped_authority_row_fails_verify_and_check(
    signed: tuple[Clinic, int, bytes], monkeypatch: Any, capsys: Any, tmp_path: Path
) -> None:
    c, _sid, good = signed
    fake, forged = _look_alike(c)
    with c.app.db.write() as s:
        s.execute(update(ClinicRow).values(ca_cert_pem=fake.cert_pem))
    for pdf in (forged, good):
        result = records.verify_record_pdf(c.app, pdf)
        assert not result.ok and "differs from the one pinned" in result.reason
    f = tmp_path / "forged.pdf"
    f.write_bytes(forged)
    db = c.app.db.url
    code, out, _ = run(monkeypatch, capsys, "--db", db, "verify", str(f))
    assert code == 1 and "differs from the one pinned" in out
    code, out, _ = run(monkeypatch, capsys, "--db", db, "check")
    assert code == 1 and "differs from the one pinned" in out
    code, _, err = run(monkeypatch, capsys, "--db", db, "ca", "export", "-o",
                       str(tmp_path / "x.pem"))
    assert code == 2 and "nothing was exported" in err and not (tmp_path / "x.pem").exists()


def test_another_workstation_pins_the_exported_certificate(
    signed: tuple[Clinic, int, bytes], monkeypatch: Any, capsys: Any, tmp_path: Path
) -> None:
    c, _sid, pdf = signed
    db = c.app.db.url
    ca_file = tmp_path / "clinic-ca.pem"
    assert run(monkeypatch, capsys, "--db", db, "ca", "export", "-o", str(ca_file))[0] == 0
    f = tmp_path / "r.pdf"
    f.write_bytes(pdf)
    monkeypatch.setenv("CHAIRLOG_HOME", str(tmp_path / "workstation-2"))
    code, out, _ = run(monkeypatch, capsys, "--db", db, "verify", str(f))
    assert code == 1 and "no signing authority is pinned" in out
    code, out, _ = run(monkeypatch, capsys, "--db", db, "check")
    assert code == 1 and "no signing authority is pinned" in out
    code, _, err = run(monkeypatch, capsys, "--db", db, "ca", "pin", str(ca_file), "--as",
                       "admin", "--password-stdin", stdin="wrong-password\n")
    assert code == 2 and err.count("\n") == 1
    fake_file = tmp_path / "fake.pem"
    fake_file.write_bytes(pki.create_clinic_ca("Test Clinic", b"other-pass").cert_pem)
    code, _, err = run(monkeypatch, capsys, "--db", db, "ca", "pin", str(fake_file), "--as",
                       "admin", "--password-stdin", stdin=PASSWORDS["admin"] + "\n")
    assert code == 2 and "not the authority of this database" in err
    code, out, err = run(monkeypatch, capsys, "--db", db, "ca", "pin", str(ca_file), "--as",
                         "admin", "--password-stdin", stdin=PASSWORDS["admin"] + "\n")
    assert code == 0, err
    assert run(monkeypatch, capsys, "--db", db, "verify", str(f))[0] == 0


def test_verify_prints_certificate_username_and_time_basis(
    signed: tuple[Clinic, int, bytes], monkeypatch: Any, capsys: Any, tmp_path: Path
) -> None:
    c, _sid, pdf = signed
    f = tmp_path / "r.pdf"
    f.write_bytes(pdf)
    code, out, _ = run(monkeypatch, capsys, "--db", c.app.db.url, "verify", str(f))
    with keys.unlock_signing_key(c.app, c.physician, PASSWORDS["drlee"]) as signer:
        serial = signer.cert.serial_number
    assert code == 0, out
    assert "signed by:    Lee Žukauskas, MD (username drlee)" in out
    assert f"certificate:  serial {serial}, issued 2026-03-02" in out
    assert "authority unlocked by Dr Medical Director" in out
    assert "checked at:" in out and ": now" in out
    assert "PAdES level:  B-LT" in out


def test_username_and_certificate_are_on_the_page(
    signed: tuple[Clinic, int, bytes], tmp_path: Path
) -> None:
    _c, _sid, pdf = signed
    text = flat(pdf_text(pdf, tmp_path))
    assert "username drlee" in text and "[user drlee]" in text
    assert "authority unlocked by Dr Medical Director" in text


def test_expiry_in_2040_validates_at_the_signing_time(
    signed: tuple[Clinic, int, bytes], monkeypatch: Any, capsys: Any, tmp_path: Path
) -> None:
    c, _sid, pdf = signed
    c.clock.set(dt.datetime(2040, 6, 1, 9, 0, tzinfo=dt.UTC))
    result = records.verify_record_pdf(c.app, pdf)
    assert result.ok, result.reason
    assert result.validated_at is not None and result.validated_at.year == 2026
    assert "confirmed by this database" in result.time_basis
    # away from the database: the claimed time, said as such
    away = records.verify_record_pdf_with_ca(pdf, keys.clinic_ca_pem(c.app),
                                             now=dt.datetime(2040, 6, 1, tzinfo=dt.UTC))
    assert away.ok and "no timestamp" in away.time_basis
    # --at checks at exactly that time: expired then
    at_2040 = records.verify_record_pdf(c.app, pdf, at=dt.datetime(2040, 1, 1, tzinfo=dt.UTC))
    assert not at_2040.ok and "expired" in at_2040.reason
    f = tmp_path / "r.pdf"
    f.write_bytes(pdf)
    code, out, _ = run(monkeypatch, capsys, "--db", c.app.db.url, "verify", str(f), "--at",
                       "2040-01-01")
    assert code == 1 and "expired" in out
    code, out, _ = run(monkeypatch, capsys, "--db", c.app.db.url, "verify", str(f), "--at",
                       "2026-03-03")
    assert code == 0 and "the time asked for" in out
    code, _, err = run(monkeypatch, capsys, "--db", c.app.db.url, "verify", str(f), "--at",
                       "soon")
    assert code == 2 and err.count("\n") == 1 and "--at" in err


def test_a_revocation_before_signing_invalidates_only_later_signatures(
    signed: tuple[Clinic, int, bytes],
) -> None:
    c, _sid, before = signed
    from chairlog.db.models import SigningKey

    c.clock.advance(minutes=5)
    # revoked (e.g. the physician flagged it) after the first signature
    with c.app.db.write() as s:
        s.execute(update(SigningKey).values(revoked_at=c.clock.now(),
                                            revocation_reason="key_compromise"))
    assert records.verify_record_pdf(c.app, before).ok


@pytest.mark.parametrize(
    "damage",
    ["empty", "truncated", "not a pdf", "half", "appended update", "two signatures", "draft"],
)
def test_bad_input_to_verify_is_one_line_and_exit_1(
    signed: tuple[Clinic, int, bytes], monkeypatch: Any, capsys: Any, tmp_path: Path,
    damage: str,
) -> None:
    c, sid, pdf = signed
    if damage == "empty":
        data = b""
    elif damage == "truncated":
        data = pdf[:-300]
    elif damage == "not a pdf":
        data = b"%PDF-1.7\n garbage \x00\xff" * 20
    elif damage == "half":
        data = pdf[: len(pdf) // 2]
    elif damage == "appended update":
        from pyhanko.pdf_utils import generic
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

        w = IncrementalPdfFileWriter(io.BytesIO(pdf))
        w.root["/Extra"] = generic.pdf_string("changed after signing")
        w.update_root()
        out = io.BytesIO()
        w.write(out)
        data = out.getvalue()
    elif damage == "two signatures":
        from chairlog.reports.signing import sign_pdf

        other = discharged_session(c, patient=c.patient2, chair=1, extras=False)
        draft = records.export_draft(c.app, other)
        with keys.unlock_signing_key(c.app, c.physician, PASSWORDS["drlee"]) as signer:
            first = sign_pdf(draft, signer, ca_cert_pem=keys.clinic_ca_pem(c.app),
                             reason="x", location="y", signing_time=c.clock.now(),
                             certify=False, field_name="One")
            data = sign_pdf(first, signer, ca_cert_pem=keys.clinic_ca_pem(c.app),
                            reason="x", location="y", signing_time=c.clock.now(),
                            certify=False, field_name="Two")
    else:
        data = records.export_draft(c.app, sid)
    f = tmp_path / "x.pdf"
    f.write_bytes(data)
    code, out, err = run(monkeypatch, capsys, "--db", c.app.db.url, "verify", str(f))
    assert code == 1, (out, err)
    assert out.startswith("NOT VALID: ") and err == "", err
    if damage == "two signatures":
        assert "several signatures" in out
    if damage == "appended update":
        assert "modified after signing" in out


def test_printed_names_are_unique_among_active_accounts(clinic: Clinic) -> None:
    c = clinic
    with pytest.raises(ValidationError, match="qualifier"):
        accounts.add_user(c.app, c.admin, username="lee2", full_name="lee  žukauskas",
                          role="physician", password="lee2-pass-1", credentials="MD")
    u = accounts.add_user(c.app, c.admin, username="lee2", full_name="Lee Žukauskas",
                          role="physician", password="lee2-pass-1", credentials="MD",
                          qualifier="Cardiology")
    assert u.display_name == "Lee Žukauskas, MD (Cardiology)"
    # deactivated accounts free the name; reactivating one that collides is refused
    accounts.set_active(c.app, c.admin, u.id, False, "left",
                        expected_version=accounts.get_user(c.app, u.id).version)
    accounts.add_user(c.app, c.admin, username="lee3", full_name="Lee Žukauskas",
                      role="physician", password="lee3-pass-1", credentials="MD",
                      qualifier="Cardiology")
    with pytest.raises(ValidationError, match="qualifier"):
        accounts.set_active(c.app, c.admin, u.id, True, "back",
                            expected_version=accounts.get_user(c.app, u.id).version)


def _pyhanko_validate(pdf: bytes, ca_pem: bytes, tmp_path: Path, *flags: str) -> str:
    import shutil
    import subprocess
    import sys

    exe = shutil.which("pyhanko") or str(Path(sys.executable).parent / "pyhanko")
    f, ca = tmp_path / "rec.pdf", tmp_path / "ca.pem"
    f.write_bytes(pdf)
    ca.write_bytes(ca_pem)
    done = subprocess.run([exe, "sign", "validate", "--trust", str(ca), "--trust-replace",
                           "--executive-summary", *flags, str(f)],
                          capture_output=True, text=True, timeout=120)
    return done.stdout


def test_pyhanko_and_pdfsig_agree(signed: tuple[Clinic, int, bytes], tmp_path: Path) -> None:
    """The signed record checked with pyHanko's own validator and with poppler's pdfsig."""
    from tests.record_helpers import nss_db, poppler

    c, _sid, pdf = signed
    ca = keys.clinic_ca_pem(c.app)
    assert ":VALID" in _pyhanko_validate(pdf, ca, tmp_path)
    # twenty years on: at the signing time it is valid; "now" the certificate has expired
    assert ":VALID" in _pyhanko_validate(pdf, ca, tmp_path, "--validation-time", "claimed")
    assert ":INVALID" in _pyhanko_validate(pdf, ca, tmp_path, "--validation-time",
                                           "2046-06-01T00:00:00+00:00")
    other = pki.create_clinic_ca("Test Clinic", b"other-pass").cert_pem
    assert ":INVALID" in _pyhanko_validate(pdf, other, tmp_path)
    out = poppler("pdfsig", pdf, tmp_path, "-nssdir", f"sql:{nss_db(tmp_path, ca)}")
    assert "Signature is Valid" in out and "Certificate is Trusted" in out
    assert "Total document signed" in out
    assert "UID=drlee" in out


@pytest.mark.sqlite_only
def test_init_again_at_the_same_place_does_not_replace_the_pin(tmp_path: Path) -> None:
    from chairlog.services import open_app

    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    app = open_app(url)
    accounts.init_clinic(app, clinic_name="C", timezone="UTC", admin_username="boss",
                         admin_full_name="Bea Boss", admin_password="boss-pass-1",
                         ca_passphrase="first-passphrase")
    pinned = trust.pinned_authority(url)
    app.close()
    (tmp_path / "c.sqlite3").unlink()
    app = open_app(url)
    try:
        with pytest.raises(trust.TrustProblem, match="already trusts"):
            accounts.init_clinic(app, clinic_name="Evil", timezone="UTC", admin_username="mal",
                                 admin_full_name="Mal", admin_password="mal-pass-12",
                                 ca_passphrase="second-passphrase")
        assert not accounts.is_initialised(app)
        assert trust.pinned_authority(url) == pinned
    finally:
        app.close()


@pytest.mark.sqlite_only
def test_demo_data_recreated_at_the_same_place_is_repinned(tmp_path: Path) -> None:
    from chairlog.services import demo, open_app

    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    pins = []
    for _ in range(2):
        app = open_app(url)
        demo.fill_demo(app)
        pins.append(trust.pinned_authority(url))
        app.close()
        (tmp_path / "demo.sqlite3").unlink()
    assert pins[0] is not None and pins[1] is not None and pins[0] != pins[1]
