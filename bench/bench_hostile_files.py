"""Time and peak memory of refusing hostile workbooks against reading a normal one (issue 12).

Each case runs in its own child process, so its peak RSS (VmHWM) is its own: the Django
start-up alone, a normal 20,000-row unit import read through `parse_table`, the 310 KB zip bomb
of the issue (one cell of 300 MB), a bomb kept under the size limits (one cell of 50 MB, caught
by the streaming cell scan) and, for reference, openpyxl reading a 20 MB cell the way the import
did before the checks (capped at 3 GB of address space).

    .venv/bin/python bench/bench_hostile_files.py
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The unit import's columns; the reading is what is measured, so no database (and no Django
# start-up, whose 150+ MiB would hide the figures) is involved.
HEADERS = ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Khối", "Mã đơn vị cấp trên",
           "Hoạt động từ", "Hoạt động đến"]
CASES = {
    "baseline": "interpreter with the readers imported",
    "normal": "normal import, 20,000 rows (parse_table)",
    "bomb300": "zip bomb of the issue: 310 KB, one 300 MB cell",
    "bomb50": "bomb under the size limits: one 50 MB cell",
    "unguarded20": "before: openpyxl read_only on a 20 MB cell",
}


def build(folder: Path) -> None:
    from tests.hostile import workbook, zip_bomb_xlsx

    header = HEADERS
    rows = [[f"X-{i:05d}", f"Thôn số {i}", "commune", "xa", "P1-X1", "01/01/2020", ""]
            for i in range(20_000)]
    (folder / "normal.xlsx").write_bytes(workbook([header, *rows]))
    (folder / "bomb300.xlsx").write_bytes(zip_bomb_xlsx(header, 300 * 1024 * 1024))
    (folder / "bomb50.xlsx").write_bytes(zip_bomb_xlsx(header, 50 * 1024 * 1024))
    (folder / "unguarded20.xlsx").write_bytes(zip_bomb_xlsx(header, 20 * 1024 * 1024))


def _peak_rss_kib() -> int:
    """This process's RSS high-water mark. Not ru_maxrss: Linux keeps that across exec, so a
    child would report the parent's peak; VmHWM belongs to the child's own address space."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(case: str, folder: Path) -> dict[str, object]:
    from thidua.core.spreadsheet import Column, ImportRejected, parse_table, text

    columns = [Column(f"c{i}", header, text, required=False) for i, header in enumerate(HEADERS)]

    outcome = ""
    start = time.perf_counter()
    if case == "unguarded20":
        import io

        from openpyxl import load_workbook

        resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))
        book = load_workbook(io.BytesIO((folder / f"{case}.xlsx").read_bytes()), read_only=True)
        longest = max(len(v) for row in book.worksheets[0].iter_rows(values_only=True)
                      for v in row if isinstance(v, str))
        outcome = f"read; longest cell {longest:,} characters"
    elif case != "baseline":
        path = folder / f"{case}.xlsx"
        try:
            table = parse_table(path.read_bytes(), path.name, columns)
            outcome = f"read {len(table.rows):,} rows"
        except ImportRejected as refused:
            outcome = "refused: " + str(refused.problems[0])
    seconds = time.perf_counter() - start
    peak_kib = _peak_rss_kib()
    return {"seconds": seconds, "peak_mib": peak_kib / 1024, "outcome": outcome,
            "size_kib": (folder / f"{case}.xlsx").stat().st_size / 1024
            if case != "baseline" else 0}


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], Path(sys.argv[3]))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build(folder)
        results = {}
        for case in CASES:
            done = subprocess.run([sys.executable, __file__, "--child", case, str(folder)],
                                  capture_output=True, text=True, cwd=ROOT, check=False)
            if done.returncode != 0:
                results[case] = {"seconds": float("nan"), "peak_mib": float("nan"),
                                 "outcome": "failed: " + done.stderr.strip().splitlines()[-1],
                                 "size_kib": 0}
            else:
                results[case] = json.loads(done.stdout.strip().splitlines()[-1])
    print("| case | file | time | peak RSS | outcome |\n| --- | ---: | ---: | ---: | --- |")
    for case, label in CASES.items():
        r = results[case]
        size = f"{r['size_kib']:,.0f} KiB" if r["size_kib"] else "–"
        print(f"| {label} | {size} | {r['seconds']:.3f} s | {r['peak_mib']:.0f} MiB "
              f"| {r['outcome']} |")
    base, normal = results["baseline"]["peak_mib"], results["normal"]["peak_mib"]
    for case in ("bomb300", "bomb50"):
        r = results[case]
        print(f"\n{case}: peak {r['peak_mib']:.0f} MiB = {r['peak_mib'] / normal:.2f}× the normal "
              f"import's peak ({r['peak_mib'] - base:.0f} MiB above start-up against "
              f"{normal - base:.0f} MiB); {r['seconds']:.3f} s against {results['normal']['seconds']:.2f} s")
    print(f"\nload average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
