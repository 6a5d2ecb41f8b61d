"""Benchmark: the demo generator at national size (34 provinces, ~40,000 units, 2.5 million people).

Each step runs in a child process of its own, so its peak memory (ru_maxrss) is its own:

  province   the same generator at province size (50,000 people): the scale reference
  national   the generator at national size, everything kept in memory (numpy blocks)
  numpy      the floor: a bare numpy fill of as many people and membership rows
  load       national generation in memory, then loaded into PostgreSQL with COPY
             (a database of its own, dropped and created again: nothing else is touched)
  command    `manage.py demo --size national` as a user runs it, organisation only: generation
             streamed province by province into the loader (optional, --command)

Prints times, peaks and ratios measured in this run; --record rewrites the "## Demo generator"
section of bench/RESULTS.md and nothing else.

    .venv/bin/python bench/bench_demo_generator.py
    .venv/bin/python bench/bench_demo_generator.py --no-load
    .venv/bin/python bench/bench_demo_generator.py --command --record
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/thidua_bench_demo"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def cpu_s() -> float:
    """CPU seconds of this process: unlike wall time, not inflated by other jobs on the machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def backend_cpu_s(pid: int) -> float:
    """CPU seconds of a PostgreSQL backend on this machine (loopback), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- steps, run in a child process ---------------------------------------------------------------


def step_generate(size: str) -> dict[str, Any]:
    from thidua.demo.organisation import generate_organisation
    from thidua.demo.people import iter_people

    started, cpu = time.perf_counter(), cpu_s()
    org = generate_organisation(size)
    org_s = time.perf_counter() - started
    blocks = list(iter_people(org))
    total_s = time.perf_counter() - started
    return {
        "units": len(org.units), "events": len(org.events),
        "people": sum(len(b) for b in blocks),
        "memberships": sum(int(b.m_person.size) for b in blocks),
        "org_s": org_s, "seconds": total_s, "cpu_s": cpu_s() - cpu, "peak_mb": peak_rss_mb(),
    }


def step_numpy(people: int, memberships: int) -> dict[str, Any]:
    """The same columns the generator fills, drawn uniformly: no ranking, no story, no names."""
    import numpy as np

    started, cpu = time.perf_counter(), cpu_s()
    rng = np.random.default_rng(0)
    columns = [
        rng.random(people) < 0.5,
        *(rng.integers(0, 50, people).astype(np.int16) for _ in range(3)),
        rng.integers(-5000, 12000, people).astype("datetime64[D]"),
        rng.integers(0, 40_000, people).astype(np.int32),
        rng.integers(0, 60, people).astype(np.int16),
        rng.integers(0, people, memberships).astype(np.int32),
        rng.integers(0, 40_000, memberships).astype(np.int32),
        rng.integers(0, 60, memberships).astype(np.int16),
        rng.integers(0, 20000, memberships).astype("datetime64[D]"),
        rng.integers(0, 20000, memberships).astype("datetime64[D]"),
    ]
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "cpu_s": cpu_s() - cpu, "peak_mb": peak_rss_mb(),
            "bytes": int(sum(c.nbytes for c in columns))}


def _fresh_database(url: str) -> None:
    """Drop and create the bench database, then migrate it (Django set up on it)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _sql(query: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(query)
        return int(cursor.fetchone()[0])


def step_load(url: str) -> dict[str, Any]:
    _fresh_database(url)
    from thidua.demo.loader import load_organisation
    from thidua.demo.organisation import generate_organisation
    from thidua.demo.people import iter_people

    started = time.perf_counter()
    org = generate_organisation("national")
    blocks = list(iter_people(org))
    generate_s = time.perf_counter() - started
    generate_peak = peak_rss_mb()
    backend = _sql("SELECT pg_backend_pid()")
    started, cpu, server = time.perf_counter(), cpu_s(), backend_cpu_s(backend)
    report = load_organisation(org, blocks)
    load_s = time.perf_counter() - started
    return {"generate_s": generate_s, "generate_peak_mb": generate_peak, "load_s": load_s,
            "cpu_s": cpu_s() - cpu, "server_cpu_s": backend_cpu_s(backend) - server,
            "peak_mb": peak_rss_mb(), "counts": report.counts, "parts_s": report.seconds,
            "database_bytes": _sql("SELECT pg_database_size(current_database())")}


def step_command(url: str) -> dict[str, Any]:
    _fresh_database(url)
    from io import StringIO

    from django.core.management import call_command

    from thidua.demo import registry

    for entry in registry.entries():  # the organisation only: other apps' demos are not timed
        registry.unregister(entry.name)
    started, cpu = time.perf_counter(), cpu_s()
    call_command("demo", "--size", "national", stdout=StringIO())
    return {"seconds": time.perf_counter() - started, "cpu_s": cpu_s() - cpu,
            "peak_mb": peak_rss_mb()}


def run_step(name: str, *args: str) -> dict[str, Any]:
    """Run one step in a child process and return what it printed as JSON on its last line."""
    done = subprocess.run([sys.executable, __file__, "--step", name, *args], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"step {name} failed")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- the report ------------------------------------------------------------------------------------


def record(section: str) -> None:
    results = ROOT / "bench" / "RESULTS.md"
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    start = text.find("## Demo generator")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + (text[end:] if end != -1 else "")
    results.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def mb(value: float) -> str:
    return f"{value:,.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL",
                                                                 DEFAULT_DATABASE),
                        help="PostgreSQL database to drop, create and load (default: %(default)s)")
    parser.add_argument("--no-load", action="store_true", help="skip the PostgreSQL steps")
    parser.add_argument("--command", action="store_true",
                        help="also time `manage.py demo --size national` (streaming)")
    parser.add_argument("--record", action="store_true", help="update bench/RESULTS.md")
    args, rest = parser.parse_known_args()

    if args.step:
        steps = {
            "generate": lambda: step_generate(rest[0]),
            "numpy": lambda: step_numpy(int(rest[0]), int(rest[1])),
            "load": lambda: step_load(args.database_url),
            "command": lambda: step_command(args.database_url),
        }
        print(json.dumps(steps[args.step]()))
        return

    lines: list[str] = []

    def say(line: str = "") -> None:
        print(line, flush=True)
        lines.append(line)

    province = run_step("generate", "province")
    national = run_step("generate", "national")
    rows = national["people"] + national["memberships"]
    floor = run_step("numpy", str(national["people"]), str(national["memberships"]))
    say("| step | rows | wall time (CPU time) | peak memory |")
    say("| --- | ---: | ---: | ---: |")
    say(f"| generator, province size (reference) | {province['people']:,} people + "
        f"{province['memberships']:,} memberships, {province['units']:,} units | "
        f"{province['seconds']:.2f} s ({province['cpu_s']:.2f} s) | "
        f"{mb(province['peak_mb'])} |")
    say(f"| generator, national size, in memory | {national['people']:,} people + "
        f"{national['memberships']:,} memberships, {national['units']:,} units, "
        f"{national['events']:,} lineage events | {national['seconds']:.2f} s "
        f"({national['cpu_s']:.2f} s; units {national['org_s']:.2f} s) | "
        f"{mb(national['peak_mb'])} |")
    say(f"| bare numpy fill of the same {rows:,} rows (floor) | {rows:,} | "
        f"{floor['seconds']:.2f} s ({floor['cpu_s']:.2f} s) | {mb(floor['peak_mb'])} |")
    load: dict[str, Any] | None = None
    command: dict[str, Any] | None = None
    if not args.no_load:
        load = run_step("load", "--database-url", args.database_url)
        parts = ", ".join(f"{k} {v:.1f} s" for k, v in load["parts_s"].items() if v >= 0.05)
        say(f"| national: generate in memory, then load into PostgreSQL (COPY) | "
            f"{sum(v for k, v in load['counts'].items()):,} rows | generate "
            f"{load['generate_s']:.1f} s + load {load['load_s']:.1f} s ({parts}; CPU: "
            f"Python {load['cpu_s']:.1f} s, PostgreSQL backend {load['server_cpu_s']:.1f} s) | "
            f"{mb(load['peak_mb'])} (after generation {mb(load['generate_peak_mb'])}) |")
    if args.command:
        command = run_step("command", "--database-url", args.database_url)
        say(f"| `manage.py demo --size national` (streamed per province) | same | "
            f"{command['seconds']:.1f} s (Python CPU {command['cpu_s']:.1f} s) | "
            f"{mb(command['peak_mb'])} |")
    say()
    scale = national["people"] / province["people"]
    say(f"Ratios in this run: national/province generation time "
        f"{national['seconds'] / province['seconds']:.1f}× (CPU "
        f"{national['cpu_s'] / province['cpu_s']:.1f}×) for {scale:.0f}× the people; "
        f"generator/numpy floor {national['seconds'] / floor['seconds']:.1f}× the time (CPU "
        f"{national['cpu_s'] / floor['cpu_s']:.1f}×), "
        f"{national['peak_mb'] / floor['peak_mb']:.1f}× the peak memory. "
        f"Load average at the end: {os.getloadavg()[0]:.1f}.")
    if load:
        say(f"Loading is {load['load_s'] / load['generate_s']:.0f}× the generation time; "
            f"database size after load {load['database_bytes'] / 2**30:.2f} GiB. The load used "
            f"{load['cpu_s'] + load['server_cpu_s']:.0f} s of CPU (Python and the PostgreSQL "
            f"backend) in {load['load_s']:.0f} s: the rest is waiting for the disk and for the "
            "other jobs on the machine.")

    if args.record:
        pg = "PostgreSQL on loopback, " if load else ""
        header = [
            "## Demo generator",
            "",
            "`bench/bench_demo_generator.py` — `thidua.demo` at national size (34 provinces, "
            "about 40,000 units over 2021–2026, 3,300 communes after 1 July 2025, 2.5 million "
            "people with their memberships). Each step in a child process of its own, so each "
            "peak (ru_maxrss) is its own; the machine is shared and noisy, compare ratios.",
            f"Run {time.strftime('%Y-%m-%d')}, {pg}Python {platform.python_version()}, "
            f"{os.cpu_count()} CPUs.",
            "",
        ]
        record("\n".join(header + lines) + "\n")


if __name__ == "__main__":
    main()
