"""A local RFC 3161 timestamp service for tests: pyHanko's DummyTimeStamper behind a tiny
HTTP server on 127.0.0.1, with its own root and TSA certificates (cryptography)."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass
class LocalTSA:
    url: str
    root_pem: bytes
    requests: list[bytes]
    #: the time the TSA stamps (None: the real time)
    fixed_time: dt.datetime | None = None


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _certs(now: dt.datetime) -> tuple[x509.Certificate, x509.Certificate, Any]:
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    start, end = now - dt.timedelta(days=1), now + dt.timedelta(days=365 * 30)
    root = (
        x509.CertificateBuilder().subject_name(_name("Test TSA Root"))
        .issuer_name(_name("Test TSA Root")).public_key(root_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    leaf = (
        x509.CertificateBuilder().subject_name(_name("Test TSA"))
        .issuer_name(root.subject).public_key(tsa_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
                       critical=True)
        .sign(root_key, hashes.SHA256())
    )
    return root, leaf, tsa_key


@contextmanager
def local_tsa(now: dt.datetime | None = None) -> Iterator[LocalTSA]:
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    root, leaf, key = _certs(now or dt.datetime.now(dt.UTC))
    der = serialization.Encoding.DER
    stamper_kwargs = {
        "tsa_cert": asn1_x509.Certificate.load(leaf.public_bytes(der)),
        "tsa_key": asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        "certs_to_embed": [asn1_x509.Certificate.load(root.public_bytes(der))],
    }
    state = LocalTSA("", root.public_bytes(serialization.Encoding.PEM), [])

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            state.requests.append(body)
            stamper = DummyTimeStamper(fixed_dt=state.fixed_time, **stamper_kwargs)
            reply = asyncio.run(stamper.async_request_tsa_response(tsp.TimeStampReq.load(body)))
            data = reply.dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/tsa"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
