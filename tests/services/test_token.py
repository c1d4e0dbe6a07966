"""Keys on a smart card or USB token through PKCS#11 (issue 14, point 7), against SoftHSM2,
which the test sets up itself in a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chairlog.errors import AuthenticationError, PermissionDenied
from chairlog.services import accounts, authority, keys, records, signoff
from tests.conftest import CA_PASSPHRASE, PASSWORDS, Clinic
from tests.record_helpers import discharged_session

MODULE = next((p for p in ("/usr/lib/softhsm/libsofthsm2.so",
                           "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
               if os.path.exists(p)), "/usr/lib/softhsm/libsofthsm2.so")
PIN = "246810"
TOKENS = 4


@pytest.fixture(scope="module")
def softhsm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """SoftHSM2 with its own config and token folder (the library reads the config once per
    process, so one per test module)."""
    root = tmp_path_factory.mktemp("softhsm")
    (root / "tokens").mkdir()
    conf = root / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {root / 'tokens'}\nobjectstore.backend = file\n"
                    "log.level = ERROR\n")
    old = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    util = shutil.which("softhsm2-util") or "/usr/bin/softhsm2-util"
    for n in range(TOKENS):  # all before the library is loaded: it sees them only then
        subprocess.run([util, "--init-token", "--free", "--label", f"card-{n}", "--pin", PIN,
                        "--so-pin", "13579135"], check=True, capture_output=True)
    yield conf
    if old is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = old


_handed_out: list[str] = []


@pytest.fixture
def token(softhsm: Path) -> str:
    """A fresh token of its own for each test."""
    label = f"card-{len(_handed_out)}"
    assert len(_handed_out) < TOKENS, "raise TOKENS"
    _handed_out.append(label)
    return label


def test_sign_with_a_key_that_never_leaves_the_token(clinic: Clinic, token: str) -> None:
    c = clinic
    with pytest.raises(AuthenticationError, match="refused the PIN"):
        authority.issue_token_certificate(c.app, "drlee", CA_PASSPHRASE, "000000",
                                          module=MODULE, token_label=token)
    with pytest.raises(AuthenticationError, match="passphrase is wrong"):
        authority.issue_token_certificate(c.app, "drlee", "not-it", PIN, module=MODULE,
                                          token_label=token)
    info = authority.issue_token_certificate(c.app, "drlee", CA_PASSPHRASE, PIN,
                                             module=MODULE, token_label=token)
    assert keys.uses_token(c.app, c.physician)
    # the private key is on the token, not extractable, and not in the database
    import pkcs11
    from pkcs11 import Attribute, ObjectClass

    lib = pkcs11.lib(MODULE)
    with lib.get_token(token_label=token).open(user_pin=PIN) as s:
        (priv,) = list(s.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY}))
        assert priv[Attribute.SENSITIVE] and not priv[Attribute.EXTRACTABLE]
    with c.app.db.read() as s:
        from sqlalchemy import select

        from chairlog.db.models import SigningKey

        k = s.scalars(select(SigningKey).where(SigningKey.serial == info.serial)).one()
        assert k.encrypted_key_pem == b"" and k.source == "pkcs11"
    sid = discharged_session(c, extras=False)
    # the password no longer signs: the token's PIN does
    with pytest.raises(AuthenticationError, match="Wrong token PIN"):
        signoff.sign_session(c.app, c.physician, sid, PASSWORDS["drlee"])
    signoff.sign_session(c.app, c.physician, sid, PIN)
    result = records.verify_record_pdf(c.app, records.get_signed_pdf(c.app, sid))
    assert result.ok, result.reason
    assert result.cert_serial == int(info.serial) and result.signer_username == "drlee"
    # revoked like any other certificate
    authority.revoke_certificate(c.app, "drlee", CA_PASSPHRASE, "key_compromise")
    with pytest.raises(PermissionDenied, match="no valid signing certificate"):
        keys.unlock_signing_key(c.app, c.physician, PIN)


def test_signing_dialog_asks_for_the_pin(clinic: Clinic, token: str, ui_context: Any,
                                         qtbot: Any) -> None:
    from chairlog.ui.signoff import SignoffDialog

    c = clinic
    authority.issue_token_certificate(c.app, "drlee", CA_PASSPHRASE, PIN, module=MODULE,
                                      token_label=token)
    dlg = SignoffDialog(ui_context(user=accounts.login(c.app, "drlee", PASSWORDS["drlee"])))
    qtbot.addWidget(dlg)
    assert dlg.password_label.text() == "Token PIN"


def test_ca_issue_on_a_token_from_the_command_line(
    clinic: Clinic, token: str, monkeypatch: Any, capsys: Any
) -> None:
    import io

    from chairlog.cli import main

    db = clinic.app.db.url
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{CA_PASSPHRASE}\n{PIN}\n"))
    code = main(["--db", db, "ca", "issue", "drlee", "--token-module", MODULE,
                 "--token-label", token, "--password-stdin"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "Certificate issued for 'drlee'" in out.out
    assert keys.uses_token(clinic.app, clinic.physician)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{CA_PASSPHRASE}\n{PIN}\n"))
    code = main(["--db", db, "ca", "issue", "drlee", "--token-module", MODULE,
                 "--password-stdin"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "--token-label" in err
