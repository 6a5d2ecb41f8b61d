"""`manage.py check --deploy` is clean with production settings."""

import os
import subprocess
import sys


def test_check_deploy_is_clean():
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {**base, "PRODUCTION": "1", "DEBUG": "0", "ALLOWED_HOSTS": "thidua.example.gov.vn",
           "SECRET_KEY": "k" * 20 + "-production-secret-with-enough-entropy-9f8e7d6c5b4a"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level",
                             "WARNING"], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
