"""Fixtures of the signing tests: a CA of the suite's own, in a temporary folder."""

import pytest

from thidua.signing.testing import TestAuthority


@pytest.fixture
def authority(tmp_path, settings):
    ca = TestAuthority(tmp_path / "ky-so")
    ca.configure(settings)
    return ca
