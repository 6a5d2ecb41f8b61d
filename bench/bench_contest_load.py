#!/usr/bin/env python
"""Contest submissions under load: wrk on loopback against gunicorn + PostgreSQL, as in production.

Three timed runs in one go, same server, same database:
  1. floor  — /bench/floor/: a bare view on the same stack doing one INSERT per request;
  2. submit — /cuoc-thi/bai-thi/nop/: the lean submit (signed attempt token, one
              INSERT … ON CONFLICT); every 50th request is a client retry of the previous one;
  3. kill   — the same as 2, and one gunicorn worker is SIGKILLed half-way through.
After each submit run, every submission that was sent but not acknowledged (a connection cut by
the kill) is resent with the same client token, as the browser does, and the table is compared
with what was sent and acknowledged: acknowledged-but-missing rows are "lost", a second row or a
row with another client token for an acknowledged attempt is "duplicated".

Prints a report and rewrites the section "## Contest submissions under load" of bench/RESULTS.md.
Bounded: each run lasts --duration seconds; everything talks to 127.0.0.1 only.

    .venv/bin/python bench/bench_contest_load.py [--duration 30] [--connections 64] [--workers 4]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "bench" / "contest"
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("BENCH_DB", "thidua_bench_contest")
PORT = int(os.environ.get("BENCH_PORT", "8931"))
SECTION = "## Contest submissions under load"
RETRY_EVERY = 50


def log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


# --- database and seed ---------------------------------------------------------------------


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": f"{PG_SERVER}/{DB_NAME}",
        "DB_CONN_MAX_AGE": "600",
        "DEBUG": "0",
        "SECRET_KEY": "bench-contest-secret-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "floor_settings",
        "PYTHONPATH": f"{HERE}{os.pathsep}{ROOT}",
        "LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "INFO"),
    })
    return env


def migrate(env: dict[str, str]) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v0"], env=env,
                   check=True, cwd=ROOT)


def seed(attempts: int) -> dict:
    """A province unit, a 40-question contest, an open round, and `attempts` started attempts
    (one per participant) with their signed tokens."""
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from thidua.contests import services
    from thidua.contests.models import Option
    from thidua.contests.testing import make_contest, make_round
    from thidua.org.models import Unit, UnitCategory

    category = UnitCategory.objects.create(code="tinh", name="Tỉnh", kind="province")
    unit = Unit.objects.create(code="BENCH", name="Tỉnh Thử tải", kind="province", category=category)
    contest = make_contest(unit, code="bench", questions=40, per_attempt=15, time_limit_minutes=240)
    round_ = make_round(contest)
    paper = services._draw(contest)
    right = dict(Option.objects.filter(correct=True).values_list("question_id", "id"))
    answers = {str(qid): [right[qid] if i % 3 else options[0]] for i, (qid, options) in enumerate(paper)}
    deadline = timezone.now() + timedelta(hours=4)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO contests_participant (contest_id, kind, full_name, phone, email, commune, "
            "created_at) SELECT %s, 'public', 'Người thi ' || g, lpad(g::text, 10, '0'), '', "
            "'Xã Thử', now() FROM generate_series(1, %s) g", [contest.pk, attempts])
        cursor.execute(
            "INSERT INTO contests_attempt (round_id, participant_id, number, started_at, deadline, "
            "questions, status, total, all_correct) SELECT %s, p.id, 1, now(), %s, %s::jsonb, 'active', "
            "%s, false FROM contests_participant p WHERE p.contest_id = %s ORDER BY p.id",
            [round_.pk, deadline, json.dumps(paper), len(paper), contest.pk])
        cursor.execute("SELECT id, participant_id FROM contests_attempt WHERE round_id = %s ORDER BY id",
                       [round_.pk])
        rows = cursor.fetchall()
        cursor.execute("CREATE TABLE bench_floor (id bigserial PRIMARY KEY, client_token text NOT NULL, "
                       "created_at timestamptz NOT NULL DEFAULT now())")
    epoch = int(deadline.timestamp())
    tokens = [(a, services.token_for(a, p, 0, epoch)) for a, p in rows]
    return {"tokens": tokens, "answers": json.dumps(answers, separators=(",", ":")),
            "round_id": round_.pk, "questions": len(paper)}


# --- server --------------------------------------------------------------------------------


def start_server(env: dict[str, str], workers: int, worker_class: str, threads: int,
                 logfile: Path) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    cmd = [gunicorn, "config.wsgi:application", "--bind", f"127.0.0.1:{PORT}", "--workers", str(workers),
           "--worker-class", worker_class, "--backlog", "4096", "--timeout", "30",
           "--graceful-timeout", "5", "--log-level", "warning"]
    if worker_class == "gthread":
        cmd += ["--threads", str(threads), "--keep-alive", "5"]
    out = logfile.open("ab")
    server = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=out, stderr=out)
    for _ in range(100):
        time.sleep(0.2)
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            continue
    server.kill()
    raise SystemExit(f"gunicorn did not start; see {logfile}")


def worker_pids(master: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                pids.append(int(entry.name))
    return sorted(pids)


# --- wrk -----------------------------------------------------------------------------------


def to_ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(text: str) -> dict:
    out: dict = {"raw": text}
    for pct in ("50", "75", "90", "99"):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
        if m:
            out[f"p{pct}_ms"] = round(to_ms(m.group(1), m.group(2)), 2)
    m = re.search(r"(\d+) requests in ([\d.]+)(s|m)", text)
    if m:
        out["requests"] = int(m.group(1))
        out["seconds"] = float(m.group(2)) * (60 if m.group(3) == "m" else 1)
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    out["rps"] = float(m.group(1)) if m else 0.0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    out["non_2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    out["socket_errors"] = sum(int(x) for x in m.groups()) if m else 0
    return out


def write_slices(tokens: list[tuple[int, str]], prefix: Path, threads: int) -> None:
    for t in range(threads):
        with open(f"{prefix}.{t + 1}", "w") as f:
            for attempt_id, token in tokens[t::threads]:
                f.write(f"{attempt_id} {token}\n")


def wrk_command(mode: str, slices: Path, out: Path, args: argparse.Namespace, answers: str) -> list[str]:
    path = "/bench/floor/" if mode == "floor" else "/cuoc-thi/bai-thi/nop/"
    return ["wrk", "-t", str(args.wrk_threads), "-c", str(args.connections), "-d", f"{args.duration}s",
            "--timeout", "10s", "--latency", "-s", str(HERE / "submit.lua"), f"http://127.0.0.1:{PORT}{path}",
            "--", str(slices), str(out), mode, str(RETRY_EVERY if mode == "submit" else 0), answers]


def read_pairs(out: Path, kind: str, threads: int) -> tuple[set[tuple[int, str]], int]:
    pairs: set[tuple[int, str]] = set()
    lines = 0
    for t in range(threads):
        path = Path(f"{out}.{kind}.{t + 1}")
        if not path.exists():
            continue
        for line in path.read_text().splitlines():
            parts = line.split()
            if len(parts) >= 2:
                lines += 1
                pairs.add((int(parts[0]), parts[1]))
    return pairs, lines


def resend(missing: set[tuple[int, str]], tokens: dict[int, str], answers: str) -> dict[str, int]:
    """The browser's behaviour: resend an unacknowledged submission with the same client token."""
    counts = {"resent": 0, "accepted": 0, "duplicate": 0, "refused": 0}
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    for attempt_id, client_token in sorted(missing):
        body = f'{{"t":"{client_token}","answers":{answers},"prediction":{attempt_id % 50}}}'
        for _ in range(5):
            try:
                conn.request("POST", "/cuoc-thi/bai-thi/nop/", body=body, headers={
                    "Content-Type": "application/json", "X-Attempt-Token": tokens[attempt_id]})
                response = conn.getresponse()
                data = json.loads(response.read() or b"{}")
                break
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
                time.sleep(0.2)
        else:
            continue
        counts["resent"] += 1
        if response.status == 200:
            counts["duplicate" if data.get("duplicate") else "accepted"] += 1
        else:
            counts["refused"] += 1
    conn.close()
    return counts


def stored_pairs(attempt_ids: set[int]) -> tuple[set[tuple[int, str]], int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT attempt_id, client_token FROM contests_submission WHERE attempt_id = ANY(%s)",
                       [sorted(attempt_ids)])
        rows = cursor.fetchall()
    return {(int(a), t) for a, t in rows}, len(rows)


def verify(sent: set, acked: set, tokens: dict[int, str]) -> dict[str, int]:
    ids = {a for a, _ in sent}
    stored, row_count = stored_pairs(ids)
    stored_token = dict(stored)
    acked_token = dict(acked)
    return {
        "sent": len(sent),
        "acknowledged": len(acked),
        "rows": row_count,
        "lost": len(acked - stored),  # acknowledged, not stored
        # a second row for an attempt, or a row whose client token is not the acknowledged one
        "duplicated": (row_count - len(stored_token)) + sum(
            1 for a, t in acked_token.items() if a in stored_token and stored_token[a] != t),
        "unexpected": len(stored - sent),  # stored, never sent
        "missing_after_resend": len(sent - stored),
    }


def run_wrk(mode: str, label: str, tokens: list[tuple[int, str]], workdir: Path, args: argparse.Namespace,
            answers: str, server: subprocess.Popen | None = None, kill: bool = False) -> dict:
    slices = workdir / f"{label}.slice"
    out = workdir / f"{label}.out"
    write_slices(tokens, slices, args.wrk_threads)
    cmd = wrk_command(mode, slices, out, args, answers)
    log(f"{label}: wrk {args.connections} connections, {args.duration}s, {mode}")
    load_before = os.getloadavg()[0]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    killed = None
    if kill and server is not None:
        time.sleep(args.duration / 2)
        pids = worker_pids(server.pid)
        if pids:
            killed = pids[0]
            os.kill(killed, signal.SIGKILL)
            log(f"{label}: SIGKILL worker {killed} (workers were {pids})")
    text_out, _ = proc.communicate(timeout=args.duration + 60)
    result = parse_wrk(text_out)
    result["killed_worker"] = killed
    result["load"] = round(max(load_before, os.getloadavg()[0]), 1)
    sent, sent_lines = read_pairs(out, "sent", args.wrk_threads)
    acked, acked_lines = read_pairs(out, "acked", args.wrk_threads)
    result["sent_lines"] = sent_lines
    result["acked_lines"] = acked_lines
    result["new_acked"] = len(acked)
    result["attempts_per_s"] = round(len(acked) / result.get("seconds", args.duration), 1)
    if mode == "submit":
        by_id = dict(tokens)
        before = verify(sent, acked, by_id)
        result["before_resend"] = before
        missing = sent - acked
        result["resend"] = resend(missing, by_id, answers) if missing else {"resent": 0}
        acked_after = acked | {p for p in missing}
        result["after_resend"] = verify(sent, acked_after, by_id)
        result["lost"] = before["lost"]
        result["duplicated"] = result["after_resend"]["duplicated"]
    log(f"{label}: {result['rps']:.0f} req/s, p50 {result.get('p50_ms')} ms, p99 {result.get('p99_ms')} ms, "
        f"non-2xx {result['non_2xx']}, socket errors {result['socket_errors']}")
    return result


# --- report --------------------------------------------------------------------------------


def report(results: dict, args: argparse.Namespace) -> str:
    floor, submit, kill = results["floor"], results["submit"], results["kill"]
    ratio = submit["attempts_per_s"] / floor["attempts_per_s"] if floor["attempts_per_s"] else 0
    lines = [
        SECTION,
        "",
        f"Measured {results['when']} by `bench/bench_contest_load.py` on this machine "
        f"({os.cpu_count()} cores), "
        f"wrk {args.wrk_threads} threads × {args.connections} connections, {args.duration} s per run, "
        f"on 127.0.0.1 against gunicorn ({args.workers} {args.worker_class} workers"
        + (f" × {args.threads} threads" if args.worker_class == "gthread" else "")
        + f") serving the product's settings (all middleware, DEBUG off, persistent connections) on "
        f"PostgreSQL {results['pg_version']} (durable commits). Each submission carries "
        f"{results['questions']} answers and a prediction; every {RETRY_EVERY}th request is a retry of the "
        "previous one with the same client token.",
        "",
        "| run | submitted attempts/s | req/s | p50 | p99 | non-2xx | socket errors | lost | duplicated "
        "| load average |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, label in (("floor", "floor: bare view, one INSERT"), ("submit", "lean submit"),
                        ("kill", "lean submit, one worker SIGKILLed mid-run")):
        r = results[name]
        lost = r.get("lost", "–")
        dup = r.get("duplicated", "–")
        lines.append(f"| {label} | {r['attempts_per_s']:,.0f} | {r['rps']:,.0f} | "
                     f"{r.get('p50_ms', '?')} ms | "
                     f"{r.get('p99_ms', '?')} ms | {r['non_2xx']} | {r['socket_errors']} | {lost} | {dup} "
                     f"| {r['load']} |")
    k = kill["before_resend"]
    lines += [
        "",
        f"- **Ratio to the floor:** lean submit / floor = **{ratio:.2f}** "
        f"({submit['attempts_per_s']:,.0f} vs {floor['attempts_per_s']:,.0f} per second).",
        f"- **Kill run:** worker {kill['killed_worker']} was SIGKILLed at {args.duration / 2:.0f} s; "
        "gunicorn "
        f"respawned it. {k['sent']:,} submissions sent, {k['acknowledged']:,} acknowledged, "
        f"{k['lost']} acknowledged but missing (lost), {k['unexpected']} rows nobody sent. "
        f"{kill['resend'].get('resent', 0)} unacknowledged submissions were resent with their client token: "
        f"{kill['resend'].get('accepted', 0)} had not been stored and were stored now, "
        f"{kill['resend'].get('duplicate', 0)} had been stored (the cut came after the commit) and were "
        f"acknowledged without a second row. After the resend, "
        f"{kill['after_resend']['missing_after_resend']} sent submissions are missing and "
        f"{kill['after_resend']['duplicated']} duplicated.",
        f"- **Steady run:** {submit['before_resend']['sent']:,} sent, "
        f"{submit['before_resend']['acknowledged']:,} acknowledged, lost {submit['lost']}, duplicated "
        f"{submit['duplicated']}; retries acknowledged as duplicates without a new row.",
        "- Goal: ≥ 1,000 submitted attempts/s with p99 ≤ 300 ms and nothing lost or duplicated → "
        + ("**met**" if submit["attempts_per_s"] >= 1000 and (submit.get("p99_ms") or 1e9) <= 300
           and submit["lost"] == 0 and submit["duplicated"] == 0 and kill["lost"] == 0
           and kill["duplicated"] == 0 else "**not met** in this run")
        + ". The machine is shared and noisy: compare the ratio, not absolute figures, across runs.",
        "",
        "Run it again: `make bench-contest` (installs wrk from Debian) or "
        "`.venv/bin/python bench/bench_contest_load.py`.",
        "",
    ]
    return "\n".join(lines)


def write_section(text: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    current = path.read_text() if path.exists() else "# Benchmark results\n\n"
    start = current.find(SECTION)
    if start == -1:
        updated = current.rstrip("\n") + "\n\n" + text
    else:
        nxt = current.find("\n## ", start + len(SECTION))
        updated = current[:start] + text + (current[nxt + 1:] if nxt != -1 else "")
    path.write_text(updated)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--attempts", type=int, default=0, help="attempts to start (default: enough)")
    parser.add_argument("--no-write", action="store_true", help="do not touch bench/RESULTS.md")
    parser.add_argument("--report", metavar="RESULTS_JSON",
                        help="only rewrite the RESULTS.md section from a previous run's results.json")
    args = parser.parse_args()
    if args.report:
        saved = json.loads(Path(args.report).read_text())
        for key, value in saved.get("args", {}).items():
            setattr(args, key, value)
        text = report(saved, args)
        print(text)
        write_section(text)
        return
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (or `make bench-contest`).")
    per_run = args.attempts or max(20_000, args.duration * 2_500)
    env = server_env()
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DB_CONN_MAX_AGE", "SECRET_KEY",
                                           "DJANGO_SETTINGS_MODULE", "LOG_LEVEL", "ALLOWED_HOSTS")})
    sys.path[:0] = [str(HERE), str(ROOT)]
    log(f"database {DB_NAME}: recreate and migrate")
    try:
        recreate_database()
    except Exception as exc:  # noqa: BLE001 - no PostgreSQL here: nothing to measure
        print(f"PostgreSQL is not reachable at {PG_SERVER} ({exc}); contest load benchmark skipped.")
        return
    migrate(env)
    log(f"seeding {3 * per_run:,} started attempts")
    seeded = seed(3 * per_run)
    tokens = seeded["tokens"]
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0].split()[0]
    connection.close()
    workdir = Path(tempfile.mkdtemp(prefix="bench-contest-"))
    logfile = workdir / "gunicorn.log"
    server = start_server(env, args.workers, args.worker_class, args.threads, logfile)
    results: dict = {"when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "pg_version": pg_version,
                     "questions": seeded["questions"]}
    try:
        warm = argparse.Namespace(**{**vars(args), "duration": 3})
        run_wrk("floor", "warmup", tokens[:5000], workdir, warm, seeded["answers"])
        results["floor"] = run_wrk("floor", "floor", tokens[:per_run], workdir, args, seeded["answers"])
        results["submit"] = run_wrk("submit", "submit", tokens[per_run:2 * per_run], workdir, args,
                                    seeded["answers"])
        results["kill"] = run_wrk("submit", "kill", tokens[2 * per_run:], workdir, args, seeded["answers"],
                                  server=server, kill=True)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    for r in results.values():
        if isinstance(r, dict):
            r.pop("raw", None)
    results["args"] = {k: getattr(args, k) for k in ("duration", "connections", "wrk_threads", "workers",
                                                      "worker_class", "threads")}
    (workdir / "results.json").write_text(json.dumps(results, indent=2))
    text = report(results, args)
    print(text)
    print(json.dumps(results, indent=2))
    log(f"work files in {workdir}")
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    main()
