"""Shared pytest fixtures: the test world with its personas, and per-persona clients."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
# Background jobs run inline in tests; read by settings when the huey instance is built.
os.environ.setdefault("HUEY_IMMEDIATE", "1")


@pytest.fixture
def world(db):  # noqa: ANN001, ANN201
    from thidua.core.testing import build_world

    return build_world()


@pytest.fixture
def client():  # noqa: ANN201
    """pytest-django's client, except that force_login also passes the two-step login
    (thidua.accounts.testing.VerifiedClient). Login tests use django.test.Client instead."""
    from thidua.accounts.testing import VerifiedClient

    return VerifiedClient()


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


# --- browser tests: Playwright driving Debian's chromium (no browser download) -------------


def _uses_live_server(item: pytest.Item) -> bool:
    return bool({"live_server", "page"} & set(getattr(item, "fixturenames", ())))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_modify_db_settings_parallel_suffix):  # noqa: ANN001, ANN201, ARG001
    """On SQLite, a session with live-server tests gets a file test database on tmpfs instead of
    Django's in-memory one. The live server answers each request in its own thread with its own
    connection; to an in-memory database with shared cache those connections take table locks,
    and a lock held by another connection fails at once ("database table is locked": the busy
    timeout does not apply to shared-cache locks) — the header counts (/viec-can-lam/dem/, loaded
    by htmx after each page) failed so while the next page or the test itself wrote. A file
    database locks as production does: WAL readers never wait, a writer waits up to the busy
    timeout (config/settings.py). On /dev/shm it costs no disk I/O; sessions without a live
    server keep the in-memory database."""
    import shutil
    import tempfile
    from pathlib import Path

    from django.conf import settings

    database = settings.DATABASES["default"]
    if (not database["ENGINE"].endswith("sqlite3") or database.get("TEST", {}).get("NAME")
            or not any(_uses_live_server(item) for item in request.session.items)):
        return
    memory = "/dev/shm"  # noqa: S108 - a private directory made in it below (mkdtemp)
    folder = tempfile.mkdtemp(prefix="thidua-test-",
                              dir=memory if os.access(memory, os.W_OK) else None)
    worker = getattr(request.config, "workerinput", {}).get("workerid", "main")
    database.setdefault("TEST", {})["NAME"] = str(Path(folder) / f"test-{worker}.sqlite3")

    def remove_leftovers() -> None:  # Django deletes the database; its WAL files may remain
        shutil.rmtree(folder, ignore_errors=True)

    request.addfinalizer(remove_leftovers)


CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():  # noqa: ANN201
    import shutil

    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server, transactional_db):  # noqa: ANN001, ANN201
    # A live server needs real commits, so tables are emptied after each transactional test,
    # data-migration rows included; put the reference data back (award forms, base salaries).
    from thidua.core.testing import restore_migration_data

    restore_migration_data()
    context = browser.new_context(base_url=live_server.url, locale="vi-VN",
                                  viewport={"width": 1366, "height": 768},
                                  accept_downloads=True)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def browser_login():  # noqa: ANN201
    """browser_login(page, user): sign in through the real login form (and the second step
    for a role that requires it: thidua.accounts.testing.browser_sign_in)."""
    from thidua.accounts.testing import browser_sign_in
    from thidua.core.testing import PASSWORD

    def sign_in(tab, user):  # noqa: ANN001, ANN202
        return browser_sign_in(tab, user.username, PASSWORD)

    return sign_in
