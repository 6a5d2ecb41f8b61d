"""Where other apps plug into the awards workflow (the registry pattern): checks run on every
file uploaded into a dossier. The signing app registers the verification of signed PDFs here in
its AppConfig.ready(); a check that fails raises (ValidationError), nothing is caught."""

from __future__ import annotations

from collections.abc import Callable

# (subject "awards.file:<id>", kind sniffed by thidua.core.uploads — "pdf", "zip"…, the bytes)
UploadCheck = Callable[[str, str, bytes], object]

_UPLOAD_CHECKS: list[UploadCheck] = []


def register_upload_check(check: UploadCheck) -> None:
    if check not in _UPLOAD_CHECKS:
        _UPLOAD_CHECKS.append(check)


def upload_checks() -> list[UploadCheck]:
    return list(_UPLOAD_CHECKS)
