"""Key backends, chosen by SIGNING_KEY_BACKEND: a PKCS#12 file per signer, or a PKCS#11 token/HSM.

The database holds no key. `signer_for(key_label)` is a context manager yielding a pyHanko
`Signer`; a PKCS#11 session is closed when the block ends. Errors are `SigningFailed` with a
Vietnamese message an operator can act on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from pyhanko.sign import signers

from thidua.signing.pades import SigningFailed, load_certificate

log = logging.getLogger(__name__)
BACKENDS = ("pkcs12", "pkcs11")


def backend_name() -> str:
    name = str(settings.SIGNING_KEY_BACKEND).strip().lower()
    if name not in BACKENDS:
        raise SigningFailed(f"Cấu hình SIGNING_KEY_BACKEND “{name}” không hợp lệ: chọn pkcs12 hoặc "
                            "pkcs11.")
    return name


def _passphrase() -> bytes | None:
    value = settings.SIGNING_KEY_PASSPHRASE
    return value.encode() if value else None


@contextmanager
def _pkcs12(key_label: str) -> Iterator[signers.Signer]:
    path = Path(settings.SIGNING_KEY_DIR) / f"{key_label}.p12"
    if not path.is_file():
        raise SigningFailed(f"Chưa có khóa ký số của “{key_label}” (tệp {path.name} trong thư mục "
                            "khóa). Hãy liên hệ quản trị hệ thống.")
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(path.read_bytes(), other_certs=[],
                                                       passphrase=_passphrase())
    except ValueError as exc:
        raise SigningFailed(f"Không mở được tệp khóa {path.name}: sai mật khẩu hoặc tệp hỏng.") \
            from exc
    yield signer


@contextmanager
def _pkcs11(key_label: str) -> Iterator[signers.Signer]:
    module = settings.SIGNING_PKCS11_MODULE
    if not module or not Path(module).is_file():
        raise SigningFailed("Chưa cấu hình thiết bị ký số: SIGNING_PKCS11_MODULE phải là đường "
                            "dẫn tới thư viện PKCS#11 của thiết bị (tệp .so).")
    try:
        from pkcs11.exceptions import PKCS11Error
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign import pkcs11
        from pyhanko.sign.general import SigningError
    except ImportError as exc:
        raise SigningFailed("Máy chủ chưa cài gói python-pkcs11 (pip install "
                            "'pyhanko[pkcs11]').") from exc
    criteria = TokenCriteria(label=settings.SIGNING_PKCS11_TOKEN or None)
    try:
        session = pkcs11.open_pkcs11_session(module, token_criteria=criteria,
                                             user_pin=settings.SIGNING_PKCS11_PIN or None)
    except (PKCS11Error, SigningError, OSError, RuntimeError) as exc:
        log.warning("PKCS#11 session failed: %s", exc)
        raise SigningFailed("Không mở được thiết bị ký số: kiểm tra thiết bị đã được cắm, nhãn "
                            "SIGNING_PKCS11_TOKEN và mã PIN.") from exc
    try:
        yield pkcs11.PKCS11Signer(session, key_label=key_label, cert_label=key_label)
    finally:
        session.close()


@contextmanager
def signer_for(key_label: str) -> Iterator[signers.Signer]:
    """The signer holding `key_label`'s key, from the configured backend."""
    opener = _pkcs12 if backend_name() == "pkcs12" else _pkcs11
    with opener(key_label) as signer:
        yield signer


def trust_roots() -> list:
    """The operator's trust roots: every .pem/.crt/.cer/.der file in SIGNING_TRUST_ROOTS."""
    directory = Path(settings.SIGNING_TRUST_ROOTS)
    if not directory.is_dir():
        return []
    roots = []
    for path in sorted(directory.iterdir()):
        if path.suffix.lower() in {".pem", ".crt", ".cer", ".der"}:
            try:
                roots.append(load_certificate(path.read_bytes()))
            except ValueError as exc:
                raise SigningFailed(f"Tệp chứng thư gốc {path.name} không đọc được.") from exc
    return roots
