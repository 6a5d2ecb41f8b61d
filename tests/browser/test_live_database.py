"""The live server's database on SQLite is a file with WAL and a busy timeout (conftest.py
django_db_modify_db_settings): concurrent requests wait for a lock instead of failing."""

import pytest
from django.db import connection

pytestmark = pytest.mark.browser


def test_the_live_server_runs_on_a_file_database_that_waits_for_locks(page):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL waits for locks by itself")
    assert not connection.is_in_memory_db()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000
