"""A small certificate authority for the demo and the tests (never for production keys).

`make_ca` writes a root certificate; `make_signer` a PKCS#12 file (key + certificate + chain) for
one signer, valid from `not_before` to `not_after` so the tests can make expired and
not-yet-valid certificates. Files are written with mode 0600. No Django here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

ROOT_CERT = "goc-tin-cay.pem"
ROOT_KEY = "goc-tin-cay.key"


@dataclass(frozen=True)
class Authority:
    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def _name(common_name: str, organisation: str = "") -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(attrs)


def _write(path: Path, data: bytes) -> None:
    """Write a secret file readable by its owner only (0600 from the start, not chmod after)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(path, 0o600)


def make_ca(common_name: str = "CA thử nghiệm thidua", *, years: int = 10) -> Authority:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(tz=UTC)
    name = _name(common_name, "thidua (thử nghiệm)")
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=365 * years))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(key, hashes.SHA256()))
    return Authority(cert, key)


def issue(ca: Authority, common_name: str, *, organisation: str = "",
          not_before: datetime | None = None, not_after: datetime | None = None
          ) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(tz=UTC)
    cert = (x509.CertificateBuilder().subject_name(_name(common_name, organisation))
            .issuer_name(ca.certificate.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before or now - timedelta(days=1))
            .not_valid_after(not_after or now + timedelta(days=3 * 365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca.key.public_key()), critical=False)
            .sign(ca.key, hashes.SHA256()))
    return cert, key


def pkcs12_bytes(ca: Authority, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey,
                 passphrase: bytes | None, friendly_name: str = "thidua") -> bytes:
    encryption = (serialization.BestAvailableEncryption(passphrase) if passphrase
                  else serialization.NoEncryption())
    return pkcs12.serialize_key_and_certificates(friendly_name.encode(), key, cert,
                                                 [ca.certificate], encryption)


def save_ca(ca: Authority, directory: Path) -> Path:
    """Write the root certificate (public) and its key (0600); returns the certificate's path."""
    _write(directory / ROOT_KEY, ca.key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    _write(directory / ROOT_CERT, ca.pem)
    return directory / ROOT_CERT


def load_ca(directory: Path) -> Authority | None:
    cert_path, key_path = directory / ROOT_CERT, directory / ROOT_KEY
    if not (cert_path.is_file() and key_path.is_file()):
        return None
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError(f"{key_path}: không phải khóa EC")
    return Authority(cert, key)


def save_signer(ca: Authority, path: Path, common_name: str, *, organisation: str = "",
                passphrase: bytes | None = None, not_before: datetime | None = None,
                not_after: datetime | None = None) -> Path:
    cert, key = issue(ca, common_name, organisation=organisation, not_before=not_before,
                      not_after=not_after)
    _write(path, pkcs12_bytes(ca, cert, key, passphrase, common_name))
    return path
