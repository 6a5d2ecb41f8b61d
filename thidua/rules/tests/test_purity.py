"""thidua.rules stays pure Python: importing every module loads neither Django nor an app."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import thidua.rules

ROOT = Path(thidua.rules.__file__).resolve().parents[2]


def test_it_imports_no_django_and_no_app_module() -> None:
    modules = [m.name for m in pkgutil.walk_packages(thidua.rules.__path__, "thidua.rules.")
               if ".tests" not in m.name]
    assert "thidua.rules.engine" in modules and "thidua.rules.catalogue" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')\n"
        "             or (m.startswith('thidua.') and not m.startswith('thidua.rules')))\n"
        "print(','.join(bad))\n"
    )
    env_path = str(ROOT)
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True,
        cwd=env_path, env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.strip() == "", f"rules imported: {out.stdout}"
