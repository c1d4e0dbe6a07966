"""Signing a record's PDF and verifying it, with pyHanko and independently with poppler."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from chairlog import pki
from chairlog.errors import SignatureError
from chairlog.reports.signing import sign_pdf
from chairlog.reports.verify import verify_pdf

CLINIC = "Lakeside Pain Clinic"
CA_PASS = b"ca passphrase"
PASSWORD = "physician password"
MEANING = "Reviewed and approved"
SIGNED_AT = dt.datetime(2025, 3, 4, 15, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
ISSUED_AT = SIGNED_AT - dt.timedelta(days=30)
PAGE_TEXT = "Ketamine infusion record - chair 3"

needs_pdfsig = pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler pdfsig missing")
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler pdftotext missing"
)
needs_certutil = pytest.mark.skipif(
    shutil.which("certutil") is None, reason="NSS certutil (libnss3-tools) missing"
)


@pytest.fixture(scope="module")
def record_pdf() -> bytes:
    """A small, uncompressed, reproducible record."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=letter, invariant=True, pageCompression=0)
    page.setFont("Helvetica", 12)
    page.drawString(72, 720, PAGE_TEXT)
    page.drawString(72, 700, "Cumulative dose 70.0 mg (1.00 mg/kg)")
    page.showPage()
    page.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def ca() -> pki.CAMaterial:
    return pki.create_clinic_ca(CLINIC, CA_PASS, now=ISSUED_AT)


@pytest.fixture(scope="module")
def material(ca: pki.CAMaterial) -> pki.SignerMaterial:
    return pki.issue_signer(
        ca,
        CA_PASS,
        full_name="Ada Lovelace",
        username="alovelace",
        credentials="MD",
        user_password=PASSWORD,
        now=ISSUED_AT,
    )


@pytest.fixture(scope="module")
def unlocked(material: pki.SignerMaterial) -> pki.UnlockedSigner:
    return pki.unlock_signer(material, PASSWORD)


@pytest.fixture(scope="module")
def signed(record_pdf: bytes, unlocked: pki.UnlockedSigner, ca: pki.CAMaterial) -> bytes:
    return sign_pdf(
        record_pdf,
        unlocked,
        ca_cert_pem=ca.cert_pem,
        reason=MEANING,
        location=CLINIC,
        signing_time=SIGNED_AT,
    )


def _pdfsig(pdf: bytes, tmp_path: Path, *flags: str) -> str:
    """Run poppler's pdfsig with a private HOME, so the user's NSS database is never used."""
    path = tmp_path / "record.pdf"
    path.write_bytes(pdf)
    env = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run(
        ["pdfsig", *flags, str(path)], capture_output=True, text=True, env=env, timeout=60
    )
    return done.stdout


def _flip(data: bytes, position: int) -> bytes:
    changed = bytearray(data)
    changed[position] ^= 0x01
    return bytes(changed)


# ---------------------------------------------------------------- sign and verify


def test_sign_then_verify(signed: bytes, ca: pki.CAMaterial, record_pdf: bytes) -> None:
    assert signed.startswith(record_pdf)  # an incremental update of the record
    result = verify_pdf(signed, trusted_ca_pem=ca.cert_pem)
    assert result.ok, result.reason
    assert result.reason == "valid"
    assert result.signer_name == "Ada Lovelace, MD"
    assert result.signing_time == SIGNED_AT
    assert result.meaning == MEANING
    assert result.field_name == "PhysicianSignature"
    assert result.covers_whole_file and result.intact and result.trusted
    assert result.certified
    assert result.signature_count == 1


def test_signature_is_pades_certification_with_no_changes(signed: bytes) -> None:
    reader = PdfFileReader(io.BytesIO(signed))
    (embedded,) = reader.embedded_regular_signatures
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert embedded.sig_object["/Location"] == CLINIC
    assert embedded.docmdp_level is not None
    assert embedded.docmdp_level.value == 1  # MDPPerm.NO_CHANGES
    subjects = {
        cert.subject.native["common_name"]
        for cert in embedded.signed_data["certificates"]
        for cert in [cert.chosen]
    }
    assert subjects == {"Ada Lovelace, MD", f"{CLINIC} Signing Authority"}


@needs_pdfsig
def test_poppler_agrees_signature_is_valid_and_covers_the_document(
    signed: bytes, tmp_path: Path
) -> None:
    out = _pdfsig(signed, tmp_path, "-nocert")
    assert "Signature Validation: Signature is Valid." in out
    assert "Total document signed" in out
    assert "Not total document signed" not in out
    assert "Signer Certificate Common Name: Ada Lovelace, MD" in out
    assert "Signature Type: ETSI.CAdES.detached" in out
    assert "Signature Field Name: PhysicianSignature" in out
    # Without the clinic authority in an NSS database, poppler cannot trust the issuer.
    out = _pdfsig(signed, tmp_path)
    assert "Signature Validation: Signature is Valid." in out
    assert "Certificate Validation: Certificate issuer isn't Trusted." in out


@needs_pdfsig
@needs_certutil
def test_poppler_trusts_the_chain_once_the_clinic_authority_is_trusted(
    signed: bytes, ca: pki.CAMaterial, tmp_path: Path
) -> None:
    nssdb = tmp_path / "nssdb"
    nssdb.mkdir()
    ca_file = tmp_path / "clinic-ca.pem"
    ca_file.write_bytes(ca.cert_pem)
    env = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run(
        ["certutil", "-N", "-d", f"sql:{nssdb}", "--empty-password"], check=True, env=env
    )
    subprocess.run(
        ["certutil", "-A", "-d", f"sql:{nssdb}", "-n", "clinic", "-t", "C,C,C", "-i", str(ca_file)],
        check=True,
        env=env,
    )
    out = _pdfsig(signed, tmp_path, "-nssdir", f"sql:{nssdb}")
    assert "Signature Validation: Signature is Valid." in out
    assert "Certificate Validation: Certificate is Trusted." in out
    assert "Total document signed" in out


@needs_pdftotext
def test_signed_file_still_shows_the_page_text(signed: bytes, tmp_path: Path) -> None:
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert PAGE_TEXT in text
    assert "Cumulative dose 70.0 mg" in text


def test_visible_stamp(record_pdf: bytes, unlocked: pki.UnlockedSigner, ca: pki.CAMaterial) -> None:
    pdf = sign_pdf(
        record_pdf,
        unlocked,
        ca_cert_pem=ca.cert_pem,
        reason=MEANING,
        location=CLINIC,
        signing_time=SIGNED_AT,
        visible_box=(0, (360, 60, 560, 120)),
        stamp_text="Electronically signed by José Müller, MD — 100% reviewed",
    )
    assert verify_pdf(pdf, trusted_ca_pem=ca.cert_pem).ok
    reader = PdfFileReader(io.BytesIO(pdf))
    (embedded,) = reader.embedded_regular_signatures
    widget = embedded.sig_field
    assert [float(v) for v in widget["/Rect"]] == [360, 60, 560, 120]
    appearance = widget["/AP"]["/N"].data
    assert b"Jos\\351 M\\374ller" in appearance or "José".encode("latin-1") in appearance


# ---------------------------------------------------------------- tampering


def test_flipped_content_byte_fails_both_verifiers(
    signed: bytes, ca: pki.CAMaterial, tmp_path: Path
) -> None:
    position = signed.index(b"chair 3") + len("chair ")
    tampered = _flip(signed, position)  # "chair 3" -> "chair 2"
    result = verify_pdf(tampered, trusted_ca_pem=ca.cert_pem)
    assert not result.ok
    assert result.reason == "document modified after signing"
    assert not result.intact
    if shutil.which("pdfsig"):
        out = _pdfsig(tampered, tmp_path, "-nocert")
        assert "Signature is Valid." not in out
        assert "Digest Mismatch." in out


def test_any_flipped_signed_byte_fails(signed: bytes, ca: pki.CAMaterial) -> None:
    """Sample positions all over the signed byte ranges, the signed attributes, the
    signature value, the embedded certificates and the zero padding after the CMS."""
    reader = PdfFileReader(io.BytesIO(signed))
    (embedded,) = reader.embedded_regular_signatures
    start1, length1, start2, _ = embedded.byte_range
    info = embedded.signer_info

    def hex_span(der: bytes) -> range:
        at = signed.index(der.hex().upper().encode(), start1 + length1)
        return range(at, at + 2 * len(der))

    positions = {*range(0, start1 + length1, 23), *range(start2, len(signed), 23)}
    positions.update(hex_span(info["signed_attrs"].dump())[1::97])
    positions.update(hex_span(info["signature"].native)[::37])
    for choice in embedded.signed_data["certificates"]:
        positions.update(hex_span(choice.chosen.dump())[::131])
    padding = signed.index(b"0000>", start1 + length1)
    positions.update({padding, padding + 3})
    for position in sorted(positions):
        result = verify_pdf(_flip(signed, position), trusted_ca_pem=ca.cert_pem)
        assert not result.ok, f"flipping byte {position} went unnoticed"


@pytest.mark.parametrize("suffix", [b"\n", b"x", b"%%EOF\n"])
def test_trailing_bytes_fail(signed: bytes, ca: pki.CAMaterial, suffix: bytes) -> None:
    result = verify_pdf(signed + suffix, trusted_ca_pem=ca.cert_pem)
    assert not result.ok
    assert not result.covers_whole_file
    assert result.reason in {
        "document modified after signing",
        "signature does not cover the whole file",
        "not a readable PDF file",
    }


def _add_annotation(pdf: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    annotation = writer.add_object(
        generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Annot"),
                generic.NameObject("/Subtype"): generic.NameObject("/Text"),
                generic.NameObject("/Rect"): generic.ArrayObject(
                    [generic.NumberObject(v) for v in (10, 10, 30, 30)]
                ),
                generic.NameObject("/Contents"): generic.TextStringObject("dose was 200 mg"),
            }
        )
    )
    page["/Annots"] = generic.ArrayObject([annotation])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_appended_incremental_update_fails(
    signed: bytes, ca: pki.CAMaterial, tmp_path: Path
) -> None:
    tampered = _add_annotation(signed)
    assert tampered.startswith(signed)
    result = verify_pdf(tampered, trusted_ca_pem=ca.cert_pem)
    assert not result.ok
    assert result.reason == "document modified after signing"
    assert result.intact  # the signed revision itself is untouched ...
    assert not result.covers_whole_file  # ... but something was added after it
    if shutil.which("pdfsig"):
        out = _pdfsig(tampered, tmp_path, "-nocert")
        assert "Not total document signed" in out


def test_certified_record_refuses_a_second_signature(
    signed: bytes, unlocked: pki.UnlockedSigner, ca: pki.CAMaterial
) -> None:
    with pytest.raises(SignatureError, match="forbids all changes"):
        sign_pdf(
            signed,
            unlocked,
            ca_cert_pem=ca.cert_pem,
            field_name="Second",
            reason="Addendum",
            location=CLINIC,
            signing_time=SIGNED_AT,
            certify=False,
        )


# ---------------------------------------------------------------- trust


def test_certificate_from_another_authority_is_untrusted(
    record_pdf: bytes, ca: pki.CAMaterial
) -> None:
    other_ca = pki.create_clinic_ca("Elsewhere Clinic", b"other", now=ISSUED_AT)
    stranger = pki.issue_signer(
        other_ca,
        b"other",
        full_name="Mallory Mallet",
        username="mallory",
        credentials="MD",
        user_password="pw",
        now=ISSUED_AT,
    )
    with pki.unlock_signer(stranger, "pw") as key:
        pdf = sign_pdf(
            record_pdf,
            key,
            ca_cert_pem=other_ca.cert_pem,
            reason=MEANING,
            location="Elsewhere Clinic",
            signing_time=SIGNED_AT,
        )
    assert verify_pdf(pdf, trusted_ca_pem=other_ca.cert_pem).ok
    result = verify_pdf(pdf, trusted_ca_pem=ca.cert_pem)
    assert not result.ok
    assert result.reason == "certificate not issued by the clinic's signing authority"
    assert result.intact and not result.trusted
    assert result.signer_name == "Mallory Mallet, MD"
    # Trusting both authorities (e.g. after a CA change) accepts it again.
    assert verify_pdf(pdf, trusted_ca_pem=ca.cert_pem + other_ca.cert_pem).ok


def test_expired_certificate_is_reported(signed: bytes, ca: pki.CAMaterial) -> None:
    later = ISSUED_AT + dt.timedelta(days=365 * 11)
    result = verify_pdf(signed, trusted_ca_pem=ca.cert_pem, validation_time=later)
    assert not result.ok
    assert result.reason == "signer's certificate was expired or not yet valid"
    # Checked at the time the record says it was signed, the certificate was fine.
    assert verify_pdf(signed, trusted_ca_pem=ca.cert_pem, validation_time=SIGNED_AT).ok


def test_signing_outside_the_certificate_validity_is_refused(
    record_pdf: bytes, unlocked: pki.UnlockedSigner, ca: pki.CAMaterial
) -> None:
    for when in (ISSUED_AT - dt.timedelta(days=1), ISSUED_AT + dt.timedelta(days=3700)):
        with pytest.raises(pki.CertificateProblem, match="new certificate"):
            sign_pdf(
                record_pdf,
                unlocked,
                ca_cert_pem=ca.cert_pem,
                reason=MEANING,
                location=CLINIC,
                signing_time=when,
            )


def test_pkcs12_signer_signs_and_verifies(
    record_pdf: bytes, ca: pki.CAMaterial, unlocked: pki.UnlockedSigner
) -> None:
    ca_cert = x509.load_pem_x509_certificate(ca.cert_pem)
    p12 = pkcs12.serialize_key_and_certificates(
        b"ada",
        unlocked.private_key,
        unlocked.cert,
        [ca_cert],
        serialization.BestAvailableEncryption(b"p12-pass"),
    )
    imported = pki.import_pkcs12(p12, b"p12-pass", "new user password")
    with pki.unlock_signer(imported, "new user password") as key:
        pdf = sign_pdf(
            record_pdf,
            key,
            ca_cert_pem=ca.cert_pem,
            reason="Reviewed",
            location=CLINIC,
            signing_time=SIGNED_AT,
        )
    result = verify_pdf(pdf, trusted_ca_pem=ca.cert_pem)
    assert result.ok, result.reason
    assert result.signer_name == "Ada Lovelace, MD"
    assert result.meaning == "Reviewed"


# ---------------------------------------------------------------- several signatures


def test_two_approval_signatures(
    record_pdf: bytes, unlocked: pki.UnlockedSigner, ca: pki.CAMaterial
) -> None:
    second = pki.issue_signer(
        ca,
        CA_PASS,
        full_name="Grace Hopper",
        username="ghopper",
        credentials="DO",
        user_password="pw2",
        now=ISSUED_AT,
    )
    first_pdf = sign_pdf(
        record_pdf,
        unlocked,
        ca_cert_pem=ca.cert_pem,
        field_name="Nurse",
        reason="Charted",
        location=CLINIC,
        signing_time=SIGNED_AT,
        certify=False,
    )
    with pki.unlock_signer(second, "pw2") as key:
        both = sign_pdf(
            first_pdf,
            key,
            ca_cert_pem=ca.cert_pem,
            reason=MEANING,
            location=CLINIC,
            signing_time=SIGNED_AT + dt.timedelta(minutes=5),
            certify=False,
        )
    result = verify_pdf(both, trusted_ca_pem=ca.cert_pem)
    assert result.ok, result.reason
    assert result.signature_count == 2
    assert result.signer_name == "Grace Hopper, DO"
    assert result.field_name == "PhysicianSignature"
    assert not result.certified
    # Anything other than a signature appended afterwards breaks both.
    broken = verify_pdf(_add_annotation(both), trusted_ca_pem=ca.cert_pem)
    assert not broken.ok
    assert broken.reason == "document modified after signing"


# ---------------------------------------------------------------- odd input


def test_unsigned_and_unreadable_files(record_pdf: bytes, ca: pki.CAMaterial) -> None:
    assert verify_pdf(record_pdf, trusted_ca_pem=ca.cert_pem).reason == "no signature"
    result = verify_pdf(b"not a pdf at all", trusted_ca_pem=ca.cert_pem)
    assert not result.ok
    assert result.reason == "not a readable PDF file"


def test_naive_signing_time_and_closed_signer_are_refused(
    record_pdf: bytes, material: pki.SignerMaterial, ca: pki.CAMaterial
) -> None:
    key = pki.unlock_signer(material, PASSWORD)
    with pytest.raises(ValueError):
        sign_pdf(
            record_pdf,
            key,
            ca_cert_pem=ca.cert_pem,
            reason=MEANING,
            location=CLINIC,
            signing_time=dt.datetime(2025, 3, 4, 15, 30),
        )
    key.close()
    with pytest.raises(RuntimeError):
        sign_pdf(
            record_pdf,
            key,
            ca_cert_pem=ca.cert_pem,
            reason=MEANING,
            location=CLINIC,
            signing_time=SIGNED_AT,
        )
