"""Shared pytest fixtures: the test world with its personas, and per-persona clients."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop


@pytest.fixture
def world(db):  # noqa: ANN001, ANN201
    from thidua.core.testing import build_world

    return build_world()


@pytest.fixture
def login(client):  # noqa: ANN001, ANN201
    """login(user) -> the Django test client logged in as that user."""

    def as_user(user):  # noqa: ANN001, ANN202
        client.force_login(user)
        return client

    return as_user


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):  # noqa: ANN001, ANN202
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HUEY = {**settings.HUEY, "immediate": True}
