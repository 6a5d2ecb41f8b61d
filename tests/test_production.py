"""Production settings and the production command: the process refuses to start without a
SECRET_KEY, `check --deploy` is clean only for a proper production environment, a failed CSRF
check shows a Vietnamese page, contest rate limits are shared between worker processes through
Redis, and `make serve` (gunicorn + job worker on PostgreSQL) answers a page."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv/bin/python").exists() else sys.executable
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/thidua")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"PRODUCTION", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL",
                        "CSP_REPORT_ONLY", "DJANGO_SETTINGS_MODULE",
                        "DJANGO_ALLOW_ASYNC_UNSAFE"}}  # set by the browser tests, never in production
    return {**env, "DATA_DIR": str(tmp_path), **extra}


def _production(tmp_path: Path, **extra: str) -> dict[str, str]:
    return _env(tmp_path, **{"PRODUCTION": "1", "SECRET_KEY": secrets.token_urlsafe(50),
                             "ALLOWED_HOSTS": "thidua.example.vn", **extra})


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=180)


def test_production_without_secret_key_refuses_to_start(tmp_path):
    for key in ("", "dev-only-insecure-key-change-me-" + "x" * 32):
        env = _env(tmp_path, PRODUCTION="1", SECRET_KEY=key, ALLOWED_HOSTS="thidua.example.vn")
        result = _manage(env, "check")
        assert result.returncode != 0
        assert "PRODUCTION=1 nhưng chưa đặt SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_for_a_proper_production_environment(tmp_path):
    result = _manage(_production(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(("extra", "expected"), [
    ({"PRODUCTION": "0"}, ["security.W004", "security.W008", "security.W012", "security.W016"]),
    ({"DEBUG": "1"}, ["security.W018"]),
    ({"SECRET_KEY": "short-key"}, ["security.W009"]),
    ({"SECURE_HSTS_SECONDS": "0"}, ["security.W004"]),
])
def test_check_deploy_warns_when_it_should(tmp_path, extra, expected):
    result = _manage(_production(tmp_path, **extra), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    for code in expected:
        assert code in result.stderr


@pytest.mark.django_db
def test_a_failed_csrf_check_shows_a_vietnamese_page(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "olga_officer", "password": "x"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "Không gửi được biểu mẫu" in text and "tải lại trang" in text
    assert "CSRF verification failed" not in text and "Forbidden" not in text
    assert "script-src 'self'" in response["Content-Security-Policy"]


def _redis_reachable() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except OSError:
        return False
    except redis.exceptions.ConnectionError:
        return False


def test_contest_rate_limit_is_shared_between_processes_through_redis(tmp_path):
    if not _redis_reachable():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis không truy cập được tại {REDIS_URL} (CI=true).")
        pytest.skip(f"Redis không truy cập được tại {REDIS_URL}")
    key = f"contests:submit:test-{secrets.token_hex(6)}"
    # Two processes, as two gunicorn workers: the second sees the first one's count.
    code = ("import django; django.setup(); from thidua.contests.lean import _within_rate; "
            f"print(*[_within_rate({key!r}, 3) for _ in range(2)])")
    env = _env(tmp_path, REDIS_URL=REDIS_URL, DJANGO_SETTINGS_MODULE="config.settings")
    runs = [subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=120, check=True).stdout.split() for _ in range(2)]
    assert runs == [["True", "True"], ["True", "False"]]


def _pg_admin():
    psycopg = pytest.importorskip("psycopg")
    base = PG_URL.rsplit("/", 1)[0]
    try:
        return psycopg.connect(base + "/postgres", connect_timeout=3, autocommit=True), base
    except psycopg.OperationalError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL không truy cập được tại {PG_URL} (CI=true).")
        pytest.skip(f"PostgreSQL không truy cập được tại {PG_URL}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _group_commands(pgid: int) -> list[str]:
    """Command lines of the processes in one process group (the served stack)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:
                out.append((stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we looked
    return out


@pytest.mark.slow
def test_make_serve_runs_gunicorn_and_the_worker_on_postgresql(tmp_path):
    admin, base = _pg_admin()
    database = f"thidua_serve_{os.getpid()}"
    admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
    admin.execute(f'CREATE DATABASE "{database}"')
    port = _free_port()
    env = _production(tmp_path, DATABASE_URL=f"{base}/{database}", ALLOWED_HOSTS="127.0.0.1",
                      FAST_PASSWORD_HASHER="1")
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(["make", "--no-print-directory", "serve", f"SERVE_BIND=127.0.0.1:{port}",
                               "WEB_WORKERS=1", "JOB_WORKERS=1"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        page = None
        deadline = time.monotonic() + 240  # migrations on an empty database, then start-up
        while page is None and time.monotonic() < deadline and server.poll() is None:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/tai-khoan/dang-nhap/",
                                             headers={"X-Forwarded-Proto": "https"})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    page = (response.status, response.headers, response.read().decode())
            except OSError:
                time.sleep(1)
        assert page is not None, (tmp_path / "serve.log").read_text()[-3000:]
        status, headers, body = page
        assert status == 200 and "Đăng nhập" in body
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "max-age=31536000" in headers["Strict-Transport-Security"]
        commands = _group_commands(server.pid)
        assert any("gunicorn config.wsgi:application" in c for c in commands), commands
        assert any("run_huey" in c for c in commands), commands
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        log.close()
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.close()
    assert _group_commands(server.pid) == []  # nothing left running
