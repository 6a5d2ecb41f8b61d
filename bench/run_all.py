"""Run every benchmark in bench/ in turn (each prints its own ratio to a reference run)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failures = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.name} ===", flush=True)
        failures += subprocess.run([sys.executable, str(script), *sys.argv[1:]],  # noqa: S603
                                   check=False).returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
