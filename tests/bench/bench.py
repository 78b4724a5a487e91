#!/usr/bin/env python3
"""SQM benchmark: import, quarter metrics, quarterly pack and app start, against DuckDB and pandas.

    python3 tests/bench/bench.py --sqm target/release/sqm --out .out/bench \\
        [--app target/release/sqm-app] [--peers-python .out/bench-venv/bin/python] \\
        [--sizes 10000,100000,1000000] [--runs 3] [--benchmarks-md BENCHMARKS.md --chart docs/bench/bench.svg]

For each size it generates (once, cached in --data) a deterministic ServiceNow incident-list CSV
and an event log (status histories) for a share of the same incidents, then measures, as the
median of --runs runs, on a fresh workspace each run:

  import          `sqm import LIST --db DB --format servicenow`
  metrics         `sqm metrics --db DB --quarter 2026Q3 --format json` (the whole process)
  re-import       the same list again (update path, nothing added)
  history import  `sqm import EVENTLOG --db DB --format servicenow` (status histories)
  DuckDB          CREATE TABLE ... AS SELECT * FROM read_csv(LIST) into a file database, and the
                  24x7 quarter metrics in SQL on that file (tests/bench/peers.py, own process)
  pandas          read_csv with parse_dates, and the same 24x7 quarter metrics (own process)

and once per size on the last run's workspace: the quarter's metrics in one process (`sqm
bench-quarter`, business time on the china calendar and 24x7, plus the dashboard's quarter
switch), the quarterly pack PDF (`sqm report --kind pack`) and the recompute after a standard
change (`sqm bench-recompute`). With --app, the app's start to a rendered dashboard on the
largest workspace, under Xvfb, and its idle memory. The event-log benchmark on copies of the UCI
log (--event-log) runs last.

Wall time comes from time.perf_counter() around each child; peak RSS and CPU time from
os.wait4(), the rusage of exactly that child. Every step is checked (row counts, volumes before
and after re-import, DuckDB and pandas agreeing with each other and with SQM's volume, a real
PDF) and any failure stops the run with exit code 1 — except the app step, which is reported as
not measured, with the reason. See tests/bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import os
import platform
import random
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import chart

# Bump when the generator changes: cached files carry it in their name, so stale ones are not reused.
GENERATOR_VERSION = 1
SEED = 20260930
QUARTER = "2026Q3"

HEADER = (
    "number,opened_at,short_description,caller_id,priority,state,category,assignment_group,"
    "assigned_to,sys_updated_on,resolved_at,closed_at,business_service,made_sla,"
    "reassignment_count,reopen_count,u_first_response"
)

START = dt.datetime(2025, 10, 1)  # first opening day (inclusive)
DAYS = 365  # 2025-10-01 .. 2026-09-30
EXPORT_AT = dt.datetime(2026, 10, 15)  # the moment the export was "taken": nothing later than this
EXPORT_SECS = int((EXPORT_AT - START).total_seconds())

# (business_service, category, assignment group, weight, short descriptions)
SERVICES = [
    ("Email", "Email", "Messaging Team", 16,
     ["Mailbox full", "Cannot send mail", "Outlook keeps asking for password",
      "Shared mailbox missing", 'Calendar invite shows "busy" for everyone']),
    ("VPN", "Network", "Network Team", 10,
     ["VPN drops", "VPN client will not connect", "Slow VPN from home office"]),
    ("Desktop", "Hardware", "Desk Team", 22,
     ["Laptop slow", "Screen flickers", "Docking station not detected",
      "Keyboard, mouse not working", "New hire laptop setup"]),
    ("ERP", "Software", "ERP Team", 12,
     ["Cannot log in to ERP", "Invoice report wrong", "Purchase order stuck in approval",
      "ERP timeout, month-end close"]),
    ("HR System", "Access", "HR Apps Team", 8,
     ["New hire access", "Leave request not visible", "Payslip download fails"]),
    ("Network", "Network", "Network Team", 10,
     ["Wi-Fi unstable, floor 3", "No network in meeting room", "Cannot reach file share"]),
    ("Printing", "Hardware", "Desk Team", 12,
     ["Printer jam, floor 3", "Printer offline", "Scan to email fails"]),
    ("Telephony", "Telephony", "Voice Team", 10,
     ["Desk phone no dial tone", "Voicemail PIN reset", "Softphone echo"]),
]
SERVICE_WEIGHTS = [s[3] for s in SERVICES]

# (label, weight, median first-response minutes, median resolution hours)
PRIORITIES = [
    ("1 - Critical", 2, 6, 3),
    ("2 - High", 10, 15, 8),
    ("3 - Moderate", 55, 30, 20),
    ("4 - Low", 28, 45, 40),
    ("5 - Planning", 5, 90, 96),
]
PRIORITY_WEIGHTS = [p[1] for p in PRIORITIES]
UNRESOLVED_SHARE = 0.05
# A child's ru_maxrss within this much of our own RSS at spawn time says only "at most this much".
FLOOR_MARGIN_KIB = 512
ASSIGNEES = [f"{g} {s}" for g in ("Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang")
             for s in ("Na", "Lei", "Wei", "Yang", "Jing", "Min")]
# Hours of the day tickets are opened (office-heavy, some at night).
HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 15, 13, 9, 12, 14, 13, 11, 8, 5, 3, 2, 2, 1, 1]


def csv_cell(s: str) -> str:
    if any(c in s for c in ',"\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def generate(path: Path, n: int) -> None:
    """Writes n incidents opened over one year, numbered in opening order. Deterministic for (n, SEED).

    Streams day by day so the benchmark process stays small (its RSS leaks into the children's
    ru_maxrss, see run_child)."""
    rng = random.Random(SEED * 1_000_003 + n)
    day_str = [(START + dt.timedelta(days=d)).strftime("%Y-%m-%d") for d in range(DAYS + 60)]

    def ts(secs: int) -> str:
        d, r = divmod(secs, 86400)
        h, r = divmod(r, 3600)
        m, s = divmod(r, 60)
        return f"{day_str[d]} {h:02d}:{m:02d}:{s:02d}"

    # Tickets per day: weekdays get more than weekends.
    day_weights = [1.0 if (START + dt.timedelta(days=d)).weekday() < 5 else 0.3 for d in range(DAYS)]
    per_day = [0] * DAYS
    for chunk in range(0, n, 100_000):
        for d in rng.choices(range(DAYS), weights=day_weights, k=min(100_000, n - chunk)):
            per_day[d] += 1

    tmp = path.with_suffix(".tmp")
    number = 0
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(HEADER + "\n")
        lines: list[str] = []
        for day, count in enumerate(per_day):
            hours = rng.choices(range(24), weights=HOUR_WEIGHTS, k=count)
            for o in sorted(day * 86400 + h * 3600 + rng.randrange(3600) for h in hours):
                number += 1
                svc, category, group, _, descs = rng.choices(SERVICES, weights=SERVICE_WEIGHTS)[0]
                prio, _, resp_med, res_med = rng.choices(PRIORITIES, weights=PRIORITY_WEIGHTS)[0]
                # Log-normal around the priority's medians; a tail misses the targets.
                first = o + max(30, int(60 * resp_med * rng.lognormvariate(0, 0.8)))
                resolved = o + max(300, int(3600 * res_med * rng.lognormvariate(0, 0.9)))
                resolved = max(resolved, first + 60)
                unresolved = rng.random() < UNRESOLVED_SHARE or resolved > EXPORT_SECS - 3600
                reassign = 0 if rng.random() < 0.78 else rng.choice((1, 1, 1, 2, 2, 3))
                reopen = 1 if rng.random() < 0.04 else 0
                assignee = rng.choice(ASSIGNEES)
                if unresolved:
                    state = rng.choice(("New", "In Progress", "In Progress", "On Hold"))
                    if state == "New":
                        first_s, assignee = "", ""
                        updated = o + 60
                    else:
                        first_s = ts(min(first, EXPORT_SECS))
                        updated = min(first + 3600, EXPORT_SECS)
                    resolved_s = closed_s = ""
                    made_sla = "false" if EXPORT_SECS - o > 3 * 86400 else "true"
                else:
                    first_s, resolved_s = ts(first), ts(resolved)
                    closed = resolved + 3 * 86400  # auto-close three days after resolution
                    if closed <= EXPORT_SECS:
                        state, closed_s, updated = "Closed", ts(closed), closed
                    else:
                        state, closed_s, updated = "Resolved", "", resolved
                    made_sla = "true" if resolved - o <= 3 * 3600 * res_med else "false"
                lines.append(",".join((
                    f"INC{number:07d}",
                    ts(o),
                    csv_cell(rng.choice(descs)),
                    f"Caller {rng.randrange(1, 5001)}",
                    prio,
                    state,
                    category,
                    group,
                    assignee,
                    ts(updated),
                    resolved_s,
                    closed_s,
                    svc,
                    made_sla,
                    str(reassign),
                    str(reopen),
                    first_s,
                )))
                if len(lines) >= 20_000:
                    f.write("\n".join(lines) + "\n")
                    lines.clear()
        if lines:
            f.write("\n".join(lines) + "\n")
    assert number == n, (number, n)
    os.replace(tmp, path)  # only a complete file ever carries the cached name


def dataset(data: Path, n: int) -> Path:
    path = data / f"servicenow_v{GENERATOR_VERSION}_seed{SEED}_{n}.csv"
    if path.exists():
        print(f"  using cached {path}")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        generate(path, n)
        print(f"  generated {path} ({path.stat().st_size / 2**20:.1f} MiB) in {time.perf_counter() - t:.1f} s")
    return path


class BenchError(Exception):
    pass


def _self_status_kib(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_own_peak_rss() -> bool:
    """Resets this process's RSS high-water mark to its current RSS (Linux >= 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


class HwmSampler(threading.Thread):
    """Samples /proc/PID/status VmHWM (the child's own peak RSS since its execve) every few ms.

    Only a lower bound (growth in the last few ms before exit is missed); used when ru_maxrss is
    hidden under the floor described in run_child."""

    def __init__(self, pid: int, every_s: float = 0.003):
        super().__init__(daemon=True)
        self.path, self.every_s = f"/proc/{pid}/status", every_s
        self.hwm_kib: int | None = None
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                with open(self.path, "rb") as f:
                    for line in f:
                        if line.startswith(b"VmHWM:"):
                            v = int(line.split()[1])
                            self.hwm_kib = v if self.hwm_kib is None else max(self.hwm_kib, v)
                            break
            except (OSError, ValueError):
                pass  # not started yet, exiting, or gone
            self.stop.wait(self.every_s)


def run_child(cmd: list[str], scratch: Path) -> dict:
    """Runs cmd; returns wall seconds, peak RSS (KiB), CPU seconds, exit code, stdout and stderr.

    Peak RSS is the ru_maxrss that os.wait4() returns for exactly this child. Caveat (Linux): at
    execve the kernel folds the *old* address space's high-water mark into the new program's
    maxrss, and the old address space is this Python process's (vfork) or a copy of it (fork).
    So ru_maxrss is max(this process's RSS peak, sqm's own peak). We reset our own peak to our
    current RSS just before spawning (/proc/self/clear_refs) and record that as `floor_kib`.
    When ru_maxrss is at the floor, sqm used at most that much; then `peak_kib` falls back to the
    sampled VmHWM (`sampled_hwm_kib`) and `peak_exact` is False.

    stdout/stderr go to files (not pipes) so the child can never block on a full pipe while we
    sit in wait4(); the main thread blocks in wait4(), so the wall time is not quantised by the
    sampler."""
    out_path, err_path = scratch / "child.stdout", scratch / "child.stderr"
    with open(out_path, "wb") as out_f, open(err_path, "wb") as err_f:
        _reset_own_peak_rss()
        floor = _self_status_kib("VmHWM")  # after the reset: our current RSS
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out_f, stderr=err_f, stdin=subprocess.DEVNULL)
        sampler = HwmSampler(proc.pid)
        sampler.start()
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        sampler.stop.set()
        sampler.join()
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code  # already reaped: keep Popen from waiting again
    exact = floor is not None and ru.ru_maxrss > floor + FLOOR_MARGIN_KIB
    return {
        "wall_s": wall,
        "maxrss_kib": ru.ru_maxrss,
        "floor_kib": floor,
        "sampled_hwm_kib": sampler.hwm_kib,
        "peak_kib": ru.ru_maxrss if exact or sampler.hwm_kib is None else sampler.hwm_kib,
        "peak_exact": exact,
        "user_s": ru.ru_utime,
        "sys_s": ru.ru_stime,
        "exit_code": code,
        "stdout": out_path.read_text(encoding="utf-8", errors="replace"),
        "stderr": err_path.read_text(encoding="utf-8", errors="replace"),
    }


def checked(cmd: list[str], scratch: Path) -> dict:
    r = run_child(cmd, scratch)
    if r["exit_code"] != 0:
        raise BenchError(f"{shlex.join(cmd)} exited with {r['exit_code']}\n"
                         f"stdout:\n{r['stdout'][-2000:]}\nstderr:\n{r['stderr'][-2000:]}")
    return r


IMPORT_RE = re.compile(r"(\d+) added, (\d+) updated, (\d+) rejected")


def import_counts(r: dict) -> dict:
    m = IMPORT_RE.search(r["stdout"])
    if not m:
        raise BenchError(f"cannot read the import summary from sqm's output:\n{r['stdout']}")
    return {"added": int(m[1]), "updated": int(m[2]), "rejected": int(m[3])}


def metrics_json(r: dict) -> dict:
    try:
        return json.loads(r["stdout"])
    except json.JSONDecodeError as e:
        raise BenchError(f"sqm metrics did not print JSON ({e}):\n{r['stdout'][:2000]}") from e


def volumes(m: dict) -> tuple[int, int]:
    """(overall volume of the quarter, sum of the trend quarters' volumes)."""
    return m["overall"]["volume"], sum(p["figures"]["volume"] for p in m["trend"])


def remove_db(db: Path) -> None:
    """Deletes a workspace (or DuckDB file) with its journal files and the backups SQM keeps next to it."""
    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal"), Path(f"{db}.wal")):
        p.unlink(missing_ok=True)
    shutil.rmtree(Path(f"{db}-backups"), ignore_errors=True)


def db_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists())


# --- status histories: a ServiceNow event log for a share of the list's incidents -------------

HISTORY_VERSION = 1
EVENTLOG_HEADER_EXTRA = "sys_mod_count"
PAUSE_STATE = "Awaiting User Info"  # stops the clock under the default standard (DEFAULT_PAUSE_STATES)


def generate_history(list_path: Path, path: Path, n: int, share: float) -> dict:
    """Writes an event log (one row per update: the incident's list row with the state and
    sys_updated_on of that moment, plus sys_mod_count) for a deterministic share of the
    incidents in list_path. The updates follow the list: New at opening, In Progress at the
    first response, for some resolved incidents a pause (PAUSE_STATE, one of the default
    standard's pause states), Resolved, Closed, and a last row that is exactly the list's row, so
    importing it after the list changes no ticket, only adds the histories; the pauses shorten
    the business time of the paused incidents."""
    rng = random.Random(SEED * 7_919 + n)
    tmp = path.with_suffix(".tmp")
    incidents = rows = paused = 0
    with open(list_path, encoding="utf-8", newline="") as src, \
            open(tmp, "w", encoding="utf-8", newline="") as f:
        reader = csv.reader(src)
        header = next(reader)
        col = {c: i for i, c in enumerate(header)}
        i_state, i_upd = col["state"], col["sys_updated_on"]
        i_open, i_first, i_res, i_closed = (col["opened_at"], col["u_first_response"],
                                            col["resolved_at"], col["closed_at"])
        f.write(",".join(header + [EVENTLOG_HEADER_EXTRA]) + "\n")
        parse = dt.datetime.fromisoformat
        out: list[str] = []
        for row in reader:
            if rng.random() >= share:
                continue
            opened = row[i_open]
            events = [(opened, "New")]
            if row[i_first]:
                events.append((row[i_first], "In Progress"))
                if row[i_res] and rng.random() < 0.3:
                    first, resolved = parse(row[i_first]), parse(row[i_res])
                    hold = first + dt.timedelta(seconds=rng.randint(300, 3600))
                    back = hold + dt.timedelta(seconds=rng.randint(1800, 8 * 3600))
                    if back + dt.timedelta(seconds=60) <= resolved:
                        events.append((hold.isoformat(sep=" "), PAUSE_STATE))
                        events.append((back.isoformat(sep=" "), "In Progress"))
                        paused += 1
            if row[i_res]:
                events.append((row[i_res], "Resolved"))
            if row[i_closed]:
                events.append((row[i_closed], "Closed"))
            if events[-1] != (row[i_upd], row[i_state]):
                events.append((row[i_upd], row[i_state]))
            for mod, (at, state) in enumerate(events):
                cells = list(row)
                cells[i_state], cells[i_upd] = state, at
                out.append(",".join(map(csv_cell, cells)) + f",{mod}")
            incidents += 1
            rows += len(events)
            if len(out) >= 20_000:
                f.write("\n".join(out) + "\n")
                out.clear()
        if out:
            f.write("\n".join(out) + "\n")
    os.replace(tmp, path)
    return {"incidents": incidents, "rows": rows, "paused": paused, "share": share}


def history_dataset(data: Path, list_path: Path, n: int, share: float) -> tuple[Path, dict]:
    path = data / f"history_v{HISTORY_VERSION}_{list_path.stem}_share{share:g}.csv"
    meta = path.with_suffix(".json")
    if path.exists() and meta.exists():
        print(f"  using cached {path}")
        return path, json.loads(meta.read_text(encoding="utf-8"))
    t = time.perf_counter()
    stats = generate_history(list_path, path, n, share)
    meta.write_text(json.dumps(stats), encoding="utf-8")
    print(f"  generated {path} ({path.stat().st_size / 2**20:.1f} MiB, {stats['rows']:,} updates of "
          f"{stats['incidents']:,} incidents) in {time.perf_counter() - t:.1f} s")
    return path, stats


# --- peers ------------------------------------------------------------------------------------

PEERS = Path(__file__).resolve().parent / "peers.py"


def peer_json(r: dict, what: str) -> dict:
    try:
        return json.loads(r["stdout"].strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError) as e:
        raise BenchError(f"{what} did not print JSON ({e}):\n{r['stdout'][-2000:]}\n{r['stderr'][-2000:]}") from e


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def compare_results(a: list[dict], b: list[dict], what: str) -> None:
    """DuckDB's and pandas' quarter metrics must agree (up to floating-point rounding)."""
    if [(r["service"], r["priority"]) for r in a] != [(r["service"], r["priority"]) for r in b]:
        raise BenchError(f"{what}: the groups differ")
    for x, y in zip(a, b):
        for k in x:
            if not _close(x[k], y[k]):
                raise BenchError(f"{what}: {x['service']} / {x['priority']}: {k} {x[k]!r} != {y[k]!r}")


def peer_versions(python: str) -> dict:
    r = subprocess.run([python, str(PEERS), "versions"], capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        raise BenchError(f"{python} cannot import duckdb and pandas (make bench-venv installs them):\n{r.stderr[-2000:]}")
    return json.loads(r.stdout)


# --- one size ---------------------------------------------------------------------------------


def quarter_json(r: dict) -> dict:
    try:
        j = json.loads(r["stdout"])
    except json.JSONDecodeError as e:
        raise BenchError(f"sqm bench-quarter did not print JSON ({e}):\n{r['stdout'][:2000]}") from e
    missing = [k for k in ("quarter", "tickets", "open_s", "first_s", "runs_s", "median_s",
                           "switch_runs_s", "switch_median_s") if k not in j]
    if missing:
        raise BenchError(f"sqm bench-quarter: no {', '.join(missing)} in {r['stdout'][:2000]}")
    return j


def bench_size(a: argparse.Namespace, sqm: str, n: int, keep_db: bool) -> dict:
    print(f"\n== {n:,} rows")
    csv_path = dataset(a.data, n)
    hist_path, hist = history_dataset(a.data, csv_path, n, a.history_share) if a.history_share > 0 else (None, None)
    work = a.out / "work"
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"bench_{n}.sqm"
    duck = work / f"bench_{n}.duckdb"
    pdf = work / f"pack_{n}.pdf"
    cmd_import = [sqm, "import", str(csv_path), "--db", str(db), "--format", "servicenow"]
    cmd_history = [sqm, "import", str(hist_path), "--db", str(db), "--format", "servicenow"] if hist_path else None
    cmd_metrics = [sqm, "metrics", "--db", str(db), "--quarter", QUARTER, "--format", "json"]
    floor_db = work / f"floor_{n}.sqm"
    cmd_floor = [sqm, "bench-floor", "--from", str(db), "--to", str(floor_db)]
    cmd_pack = [sqm, "report", "--db", str(db), "--kind", "pack", "--quarter", QUARTER, "--lang", "zh",
                "--out", str(pdf)]
    py = a.peers_python
    cmd_duck_load = [py, str(PEERS), "duckdb-load", str(csv_path), str(duck)] if py else None
    cmd_duck_metrics = [py, str(PEERS), "duckdb-metrics", str(duck)] if py else None
    cmd_pandas = [py, str(PEERS), "pandas", str(csv_path)] if py else None
    steps: dict[str, list[dict]] = {"import": [], "floor": [], "metrics": [], "re-import": []}
    if cmd_history:
        steps["history import"] = []
    peers: dict[str, list[dict]] = {"duckdb load": [], "duckdb metrics": [], "pandas": []} if py else {}
    checks: list[dict] = []
    peer_result = None
    for run in range(1, a.runs + 1):
        remove_db(db)
        # import into a fresh workspace
        r = checked(cmd_import, work)
        counts = import_counts(r)
        if counts["added"] != n or counts["rejected"] != 0:
            raise BenchError(f"import of {n} rows: expected {n} added and 0 rejected, got {counts}\n{r['stderr'][-2000:]}")
        steps["import"].append(_raw(r, counts=counts, db_bytes=db_bytes(db)))

        # SQLite's floor of that import: the same rows inserted again, nothing parsed or bound
        remove_db(floor_db)
        r = checked(cmd_floor, work)
        fj = json.loads(r["stdout"])
        if fj["rows"] != n:
            raise BenchError(f"bench-floor copied {fj['rows']} rows, expected {n}")
        steps["floor"].append(_raw(r, seconds=fj["seconds"]))
        remove_db(floor_db)

        # metrics on the freshly imported workspace (also the "before" ticket count)
        r = checked(cmd_metrics, work)
        m_before = metrics_json(r)
        overall, trend_before = volumes(m_before)
        if overall <= 0:
            raise BenchError(f"{QUARTER} overall.volume is {overall} after importing {n} rows")
        steps["metrics"].append(_raw(r, overall_volume=overall, trend_volume=trend_before))

        # re-import the same file into the populated workspace: update path, nothing added
        r = checked(cmd_import, work)
        counts = import_counts(r)
        if counts["added"] != 0 or counts["rejected"] != 0:
            raise BenchError(f"re-import of the same {n} rows added {counts['added']} "
                             f"and rejected {counts['rejected']} (expected 0 and 0): {counts}")
        steps["re-import"].append(_raw(r, counts=counts, db_bytes=db_bytes(db)))

        # status histories for a share of the same incidents: no new ticket, nothing rejected
        if cmd_history:
            r = checked(cmd_history, work)
            hc = import_counts(r)
            if hc["added"] != 0 or hc["rejected"] != 0 or hc["updated"] > hist["incidents"]:
                raise BenchError(f"history import of {hist['rows']} updates of {hist['incidents']} known incidents: "
                                 f"expected 0 added, 0 rejected, at most {hist['incidents']} updated, got {hc}\n"
                                 f"{r['stdout'][-1000:]}{r['stderr'][-1000:]}")
            steps["history import"].append(_raw(r, counts=hc, db_bytes=db_bytes(db)))

        # Verification only (not timed in the table): the ticket count did not change.
        v = checked(cmd_metrics, work)
        m_after = metrics_json(v)
        overall_after, trend_after = volumes(m_after)
        if (overall_after, trend_after) != (overall, trend_before):
            raise BenchError(f"re-import/history import changed the ticket count: {QUARTER} volume {overall} -> "
                             f"{overall_after}, trend volume sum {trend_before} -> {trend_after}")
        # Pauses only shorten business time: no ticket met before can be missed now.
        met_before = m_before["overall"]["resolution"]["met"]
        met_after = m_after["overall"]["resolution"]["met"]
        if met_after < met_before:
            raise BenchError(f"after the status histories fewer {QUARTER} resolutions met their target "
                             f"({met_before} -> {met_after}); pauses can only add")
        checks.append({"run": run, "overall_volume": overall, "trend_volume_before": trend_before,
                       "trend_volume_after": trend_after, "metrics_after_wall_s": v["wall_s"],
                       "resolution_met_before_history": met_before, "resolution_met_after_history": met_after})
        line = (f"  run {run}/{a.runs}: import {steps['import'][-1]['wall_s']:.2f} s "
                f"(SQLite floor {steps['floor'][-1]['seconds']:.2f} s), "
                f"metrics {steps['metrics'][-1]['wall_s']:.2f} s, "
                f"re-import {steps['re-import'][-1]['wall_s']:.2f} s ({counts['updated']} updated)")
        if cmd_history:
            line += (f", history import {steps['history import'][-1]['wall_s']:.2f} s "
                     f"({steps['history import'][-1]['counts']['updated']} updated)")
        print(line + f"; {QUARTER} volume {overall}, trend volume {trend_before} == {trend_after}"
              + (f"; resolutions met {met_before} -> {met_after} with the pauses" if cmd_history else ""))

        if py:
            remove_db(duck)
            r = checked(cmd_duck_load, work)
            j = peer_json(r, "DuckDB load")
            if j["rows"] != n or any(t != "TIMESTAMP" for t in j["types"].values()):
                raise BenchError(f"DuckDB load: expected {n} rows and TIMESTAMP date columns, got {j}")
            peers["duckdb load"].append(_raw(r, **j, db_bytes=db_bytes(duck)))
            r = checked(cmd_duck_metrics, work)
            jd = peer_json(r, "DuckDB metrics")
            peers["duckdb metrics"].append(_raw(r, open_s=jd["open_s"], query_s=jd["query_s"]))
            r = checked(cmd_pandas, work)
            jp = peer_json(r, "pandas")
            if jp["rows"] != n or any(not t.startswith("datetime64") for t in jp["types"].values()):
                raise BenchError(f"pandas read_csv: expected {n} rows and datetime64 date columns, got "
                                 f"{jp['rows']} {jp['types']}")
            peers["pandas"].append(_raw(r, read_s=jp["read_s"], metrics_s=jp["metrics_s"]))
            compare_results(jd["result"], jp["result"], "DuckDB vs pandas quarter metrics")
            total = sum(x["tickets"] for x in jd["result"])
            if total != overall:
                raise BenchError(f"DuckDB and pandas count {total} tickets opened in {QUARTER}, SQM {overall}")
            print(f"           DuckDB load {j['load_s']:.2f} s (process {peers['duckdb load'][-1]['wall_s']:.2f} s), "
                  f"DuckDB metrics {jd['query_s']:.3f} s, pandas read_csv {jp['read_s']:.2f} s + "
                  f"metrics {jp['metrics_s']:.3f} s; {total} tickets in {QUARTER} (= SQM)")
            peer_result = jd["result"]
    if py:
        remove_db(duck)

    # Once per size, on the last run's workspace (with the histories).
    pack: list[dict] = []
    for run in range(1, a.runs + 1):
        pdf.unlink(missing_ok=True)
        r = checked(cmd_pack, work)
        size = pdf.stat().st_size if pdf.exists() else 0
        with open(pdf, "rb") if size else open(os.devnull, "rb") as f:
            magic = f.read(5)
        if size == 0 or magic != b"%PDF-":
            raise BenchError(f"{shlex.join(cmd_pack)} did not write a PDF ({size} bytes, starts {magic!r})")
        pack.append(_raw(r, pdf_bytes=size, pdf_pages=pdf_pages(pdf)))
    print(f"  quarterly pack PDF: {statistics.median(p['wall_s'] for p in pack):.2f} s, "
          f"{pack[-1]['pdf_bytes'] / 1e6:.2f} MB, {pack[-1]['pdf_pages']} pages")
    pdf.unlink(missing_ok=True)

    quarter = {}
    for label in ("china", "24x7"):
        cmd = [sqm, "bench-quarter", "--db", str(db), "--quarter", QUARTER, "--calendar", label,
               "--runs", str(a.fast_runs)]
        r = run_child(cmd, work)
        if r["exit_code"] != 0:
            hint = ""
            if "unrecognized subcommand" in r["stderr"] or "bench-quarter" in r["stderr"]:
                hint = "\n(this sqm has no `bench-quarter` subcommand: rebuild it from a source that has the hook)"
            raise BenchError(f"{shlex.join(cmd)} exited with {r['exit_code']}{hint}\n{r['stderr'][-2000:]}")
        j = quarter_json(r)
        if j["tickets"] != checks[-1]["overall_volume"] or j["quarter"] != QUARTER:
            raise BenchError(f"bench-quarter ({label}) reports {j['tickets']} tickets in {j['quarter']}, "
                             f"sqm metrics {checks[-1]['overall_volume']} in {QUARTER}")
        if len(j["runs_s"]) != a.fast_runs or not j["switch_runs_s"]:
            raise BenchError(f"bench-quarter ({label}): {len(j['runs_s'])} runs (asked {a.fast_runs}), "
                             f"{len(j['switch_runs_s'])} switches")
        quarter[label] = {**j, "process": _raw(r), "command": shlex.join(cmd)}
        print(f"  quarter metrics ({label}, in-process): first {j['first_s']:.3f} s, median {j['median_s']:.3f} s "
              f"of {len(j['runs_s'])}, quarter switch median {j['switch_median_s']:.3f} s")

    # In one process: the quarter cold, then recomputed after each change of the standards
    # (the tickets stay loaded), on the standards' own calendars and on China's.
    recompute = {}
    for label, extra in (("24x7", []), ("china", ["--calendar", "china"])):
        r = checked([sqm, "bench-recompute", "--db", str(db), "--quarter", QUARTER, "--runs", str(a.fast_runs),
                     *extra], work)
        j = json.loads(r["stdout"])
        recompute[label] = {"cold_s": j["cold_s"], "recompute_median_s": statistics.median(j["recompute_s"]),
                            "recompute_s": j["recompute_s"]}
        print(f"  recompute ({label}): cold {j['cold_s']:.2f} s, after a standard change "
              f"median {recompute[label]['recompute_median_s']:.3f} s")
    if checks[-1]["trend_volume_before"] != n:
        print(f"  note: the 4 trend quarters hold {checks[-1]['trend_volume_before']} tickets, "
              f"the file {n} (all of them are opened within those quarters)")
    if not keep_db:
        remove_db(db)
    return {
        "rows": n,
        "file": str(csv_path),
        "file_bytes": csv_path.stat().st_size,
        "history": None if not hist_path else {**hist, "file": str(hist_path),
                                               "file_bytes": hist_path.stat().st_size},
        "db": str(db),
        "commands": {"import": shlex.join(cmd_import), "re-import": shlex.join(cmd_import),
                     "floor": shlex.join(cmd_floor),
                     "metrics": shlex.join(cmd_metrics), "pack": shlex.join(cmd_pack),
                     **({"history import": shlex.join(cmd_history)} if cmd_history else {}),
                     **({"duckdb load": shlex.join(cmd_duck_load), "duckdb metrics": shlex.join(cmd_duck_metrics),
                         "pandas": shlex.join(cmd_pandas)} if py else {})},
        "runs": steps,
        "peers": peers,
        "peer_result": peer_result,
        "checks": checks,
        "pack": pack,
        "quarter": quarter,
        "recompute": recompute,
    }


def pdf_pages(pdf: Path) -> int | None:
    if not shutil.which("pdfinfo"):
        return None
    r = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
    m = re.search(r"^Pages:\s+(\d+)", r.stdout, re.M)
    return int(m[1]) if m else None


# --- the app: start to a rendered dashboard, idle memory --------------------------------------


class AppError(Exception):
    pass


def _proc_tree(root: int) -> list[int]:
    """root and all its descendants (from /proc/*/stat's parent pids)."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                stat = f.read().decode("utf-8", "replace")
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(d))
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _status(pid: int) -> dict:
    d = {}
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8", errors="replace") as f:
            for line in f:
                k, _, v = line.partition(":")
                d[k] = v.strip()
    except OSError:
        pass
    return d


def _name(pid: int) -> str | None:
    """The program's file name (/proc/PID/status's Name is cut at 15 characters)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv0 = f.read().split(b"\0", 1)[0].decode("utf-8", "replace")
        return os.path.basename(argv0) or None
    except OSError:
        return None


def _pss_kib(pid: int) -> int | None:
    """The process's proportional set size: its resident pages, each page shared with other
    processes (the WebKit and GTK libraries the app and its WebKit processes all map) divided
    among them, so a sum over processes counts every page once."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def tree_rss(root: int) -> dict:
    procs = []
    for pid in _proc_tree(root):
        st = _status(pid)
        if "VmRSS" not in st:
            continue  # gone, or a kernel thread
        procs.append({"pid": pid, "name": _name(pid) or st.get("Name", "?"), "rss_kib": int(st["VmRSS"].split()[0]),
                      "pss_kib": _pss_kib(pid)})
    main = next((p["rss_kib"] for p in procs if p["pid"] == root), None)
    pss = [p["pss_kib"] for p in procs]
    read = bool(procs) and None not in pss
    return {"main_kib": main, "total_kib": sum(p["rss_kib"] for p in procs), "processes": procs,
            "total_pss_kib": sum(pss) if read else None,
            "children_pss_kib": sum(p["pss_kib"] for p in procs if p["pid"] != root) if read else None}


def _starttime(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read().decode("utf-8", "replace")
        return stat[stat.rindex(")") + 2:].split()[19]
    except (OSError, ValueError, IndexError):
        return None


def _kill_tree(proc: subprocess.Popen) -> None:
    """Ends the app and the processes it started (WebKit's), and nothing else: each pid is
    signalled only while it is still the process seen in the app's tree (same start time)."""
    tree = [(pid, _starttime(pid)) for pid in _proc_tree(proc.pid)]

    def send(sig: int) -> None:
        for pid, started in tree:
            if started is not None and _starttime(pid) == started:
                try:
                    os.kill(pid, sig)
                except OSError:
                    pass

    send(signal.SIGTERM)
    try:
        proc.wait(timeout=3)
    except subprocess.TimeoutExpired:
        pass
    time.sleep(0.2)
    send(signal.SIGKILL)  # whatever is left
    proc.wait()
    # As a subreaper (_become_subreaper) the WebKit processes are ours once the app is gone: reap
    # them, or they stay zombies under an init that does not.
    end = time.monotonic() + 3
    for pid, _ in tree[1:]:
        while time.monotonic() < end:
            try:
                if os.waitpid(pid, os.WNOHANG)[0]:
                    break
            except ChildProcessError:
                break  # not ours (no subreaper) or already reaped
            time.sleep(0.02)


def _become_subreaper() -> bool:
    """prctl(PR_SET_CHILD_SUBREAPER): orphaned descendants (the app's WebKit processes) are
    re-parented to this process instead of init, so _kill_tree can reap them."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def drop_caches() -> bool:
    """Cold start: write back and drop the page cache (needs root); False when not allowed."""
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w", encoding="ascii") as f:
            f.write("3")
        return True
    except OSError:
        return False


def _free_display() -> int:
    for n in range(140, 200):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    raise AppError("no free X display number")


def bench_app(app: str | None, db: Path | None, rows: int | None, runs: int, timeout: float,
              idle_s: float, work: Path) -> dict:
    res: dict = {"status": "not measured", "reason": None, "app": app, "db": str(db) if db else None,
                 "rows": rows, "runs": [], "cache": None, "idle_s": idle_s}
    if not app:
        res["reason"] = "skipped (--no-app / no --app)"
        return res
    print(f"\n== app start to dashboard ({rows:,} rows, {app})")
    if not (os.path.isfile(app) and os.access(app, os.X_OK)):
        res["reason"] = f"{app} is not an executable file (make bench builds it)"
        return res
    if db is None or not db.exists():
        res["reason"] = "no workspace to open"
        return res
    if not shutil.which("Xvfb"):
        res["reason"] = "Xvfb is not installed (apt-get install xvfb)"
        return res
    xvfb = None
    log_path = work / "app.log"
    _become_subreaper()
    try:
        display = _free_display()
        xvfb = subprocess.Popen(["Xvfb", f":{display}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        end = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{display}").exists():
            if xvfb.poll() is not None or time.monotonic() > end:
                raise AppError(f"Xvfb :{display} did not start")
            time.sleep(0.05)
        colds = []
        # Run 0 is the first start on the workspace as imported: the app measures the dashboard's
        # figures and keeps them in the workspace. Runs 1.. start as a user does on later days,
        # reading the kept figures back; they give the medians.
        for run in range(0, runs + 1):
            colds.append(drop_caches())
            tmp = Path(tempfile.mkdtemp(prefix="app-", dir=work))
            ready = tmp / "ready.json"
            env = dict(os.environ, DISPLAY=f":{display}", SQM_WORKSPACE=str(db.resolve()),
                       SQM_BENCH_READY_FILE=str(ready.resolve()), WEBKIT_DISABLE_COMPOSITING_MODE="1",
                       XDG_CONFIG_HOME=str(tmp / "config"), XDG_DATA_HOME=str(tmp / "data"),
                       XDG_CACHE_HOME=str(tmp / "cache"))
            with open(log_path, "wb") as log:
                t0 = time.perf_counter()
                proc = subprocess.Popen([app], env=env, stdout=log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
                try:
                    while not ready.exists():
                        if proc.poll() is not None:
                            raise AppError(f"the app exited with {proc.returncode} before the dashboard was ready")
                        if time.perf_counter() - t0 > timeout:
                            raise AppError(f"no {ready.name} within {timeout:.0f} s (SQM_BENCH_READY_FILE not "
                                           f"supported by this build, or the dashboard did not render)")
                        time.sleep(0.01)
                    wall = time.perf_counter() - t0
                    ready_j = None
                    for _ in range(100):  # the file may be seen before it is written completely
                        try:
                            ready_j = json.loads(ready.read_text(encoding="utf-8"))
                            break
                        except (OSError, json.JSONDecodeError):
                            time.sleep(0.01)
                    time.sleep(idle_s)
                    if proc.poll() is not None:
                        raise AppError(f"the app exited with {proc.returncode} while idle")
                    mem = tree_rss(proc.pid)
                finally:
                    _kill_tree(proc)
            shutil.rmtree(tmp, ignore_errors=True)
            marks = {k: v for k, v in (ready_j or {}).items() if k != "ready_ms"}
            res["runs"].append({"wall_s": wall, "ready_ms": (ready_j or {}).get("ready_ms"), **mem,
                                "marks": marks, "cold_cache": colds[-1], "first": run == 0})
            print(f"  {'first start' if run == 0 else f'run {run}/{runs}'}: dashboard after {wall:.2f} s (app says "
                  f"{_med_or_dash([ready_j['ready_ms']] if ready_j and 'ready_ms' in ready_j else [])} ms); idle RSS {mem['main_kib'] / 1024:.0f} MiB app, "
                  f"{mem['total_kib'] / 1024:.0f} MiB with {len(mem['processes']) - 1} child process(es)"
                  + (f"; start marks (ms): " + ", ".join(f"{k[:-3]} {v:.0f}" for k, v in marks.items())
                     if marks else ""))
        res["status"] = "measured"
        res["cache"] = "cold (page cache dropped before each run)" if all(colds) else "warm cache"
    except (AppError, OSError) as e:
        tail = ""
        if log_path.exists():
            tail = log_path.read_text(encoding="utf-8", errors="replace")[-1500:].strip()
        res["reason"] = str(e)
        res["log_tail"] = tail
        print(f"  app step not measured: {e}" + (f"\n  app log (tail):\n{tail}" if tail else ""))
    finally:
        if xvfb is not None:
            xvfb.terminate()
            try:
                xvfb.wait(timeout=5)
            except subprocess.TimeoutExpired:
                xvfb.kill()
                xvfb.wait()
    return res


EVENT_LOG = Path(__file__).resolve().parent.parent / "fixtures" / "servicenow_event_log_sample.csv"
EVENT_QUARTER = "2016Q2"
DATE_RE = re.compile(r"\b(\d\d)-(\d\d)-(\d{4}) (\d\d):(\d\d)\b")


def generate_event_log(path: Path, rows: int) -> None:
    """Copies of the real UCI event log (5,998 updates of 890 incidents), each copy with its own
    incident numbers and its dates moved a week later, until `rows` updates are written."""
    lines = EVENT_LOG.read_text(encoding="utf-8").splitlines()
    header, body = lines[0], lines[1:]
    tmp = path.with_suffix(".tmp")
    written = 0
    with tmp.open("w", encoding="utf-8", newline="") as f:
        f.write(header + "\n")
        copy = 0
        while written < rows:
            shift = dt.timedelta(days=7 * copy)

            def moved(m: re.Match) -> str:
                d = dt.datetime(int(m[3]), int(m[2]), int(m[1]), int(m[4]), int(m[5])) + shift
                return d.strftime("%d-%m-%Y %H:%M")

            for line in body:
                if written >= rows:
                    break
                number, rest = line.split(",", 1)
                f.write(f"INC{copy:03d}{number[3:]}," + DATE_RE.sub(moved, rest) + "\n")
                written += 1
            copy += 1
    tmp.replace(path)


def bench_event_log(sqm: str, data: Path, work: Path, rows: int, runs: int) -> dict:
    """Import of a large event log (status histories, pauses) and recomputing a quarter in
    business time: on each standard's calendar, on China's working calendar, without pauses."""
    print(f"\n== event log, {rows:,} updates")
    data.mkdir(parents=True, exist_ok=True)
    csv_path = data / f"eventlog_{rows}.csv"
    if not csv_path.exists():
        generate_event_log(csv_path, rows)
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"eventlog_{rows}.sqm"
    cmd_import = [sqm, "import", str(csv_path), "--db", str(db)]
    base = [sqm, "metrics", "--db", str(db), "--quarter", EVENT_QUARTER, "--format", "json"]
    cmds = {
        "event-log import": cmd_import,
        "metrics (standards' calendars, pauses)": base,
        "metrics --calendar china": base + ["--calendar", "china"],
        "metrics --no-pauses": base + ["--no-pauses"],
        # The process map, variants, conformance and step times of the whole log (issue 11).
        "process map (whole log)": [sqm, "process", "--db", str(db), "--period",
                                    "2015-01-01..2019-12-31", "--format", "json"],
    }
    steps: dict[str, list[dict]] = {k: [] for k in cmds}
    for run in range(1, runs + 1):
        remove_db(db)
        r = checked(cmd_import, work)
        counts = import_counts(r)
        if counts["rejected"] != 0 or counts["added"] <= 0:
            raise BenchError(f"event log import: {counts}\n{r['stderr'][-2000:]}")
        steps["event-log import"].append(_raw(r, counts=counts, db_bytes=db_bytes(db)))
        for name, cmd in list(cmds.items())[1:]:
            r = checked(cmd, work)
            if name.startswith("process map"):
                p = json.loads(r["stdout"])
                if p["cases"] <= 0 or sum(v["cases"] for v in p["variants"]) != p["cases"]:
                    raise BenchError(f"{name}: variants do not add up to the cases")
                steps[name].append(_raw(r, cases=p["cases"], conformance_pct=p["conformance_pct"]))
                continue
            m = metrics_json(r)
            if m["overall"]["resolution"]["measured"] <= 0 and rows >= 60000:
                raise BenchError(f"{name}: nothing measured in {EVENT_QUARTER}")
            steps[name].append(_raw(r, resolution_pct=m["overall"]["resolution"]["pct"]))
        print(f"  run {run}/{runs}: import {steps['event-log import'][-1]['wall_s']:.2f} s "
              f"({counts['added']} incidents), metrics "
              + ", ".join(f"{steps[k][-1]['wall_s']:.2f} s" for k in list(cmds)[1:]))
    remove_db(db)
    return {"rows": rows, "file": str(csv_path), "file_bytes": csv_path.stat().st_size,
            "commands": {k: shlex.join(v) for k, v in cmds.items()}, "runs": steps}


def event_log_table(res: dict) -> str:
    lines = [f"Event log: {res['rows']:,} updates ({res['file_bytes'] / 2**20:.1f} MiB), quarter {EVENT_QUARTER}",
             "",
             "| step | median s | min s | max s | updates/s | peak RSS MiB | resolution attainment |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for step, runs in res["runs"].items():
        walls = [r["wall_s"] for r in runs]
        med = statistics.median(walls)
        rate = f"{res['rows'] / med:,.0f}" if step.endswith("import") else "—"
        pct = runs[-1].get("resolution_pct")
        lines.append(f"| {step} | {med:.3f} | {min(walls):.3f} | {max(walls):.3f} | {rate} | "
                     f"{max(r['peak_kib'] for r in runs) / 1024:.1f} | "
                     f"{'' if pct is None else f'{pct:.1f}%'} |")
    return "\n".join(lines)


def _raw(r: dict, **extra) -> dict:
    d = {k: r[k] for k in ("wall_s", "peak_kib", "peak_exact", "maxrss_kib", "floor_kib",
                           "sampled_hwm_kib", "user_s", "sys_s")}
    d["stdout_tail"] = r["stdout"][-300:] if "added" in r["stdout"] else None
    d.update(extra)
    return d


# --- summary ----------------------------------------------------------------------------------

MB = 1e6  # targets are in MB (10^6 bytes); the tables show MiB (2^20 bytes) like the rest of the repo
TARGET_ROWS = 1_000_000


def _row(step: str, tool: str, timed: str, samples: list[float], peak_runs: list[dict] | None = None,
         rate_rows: int | None = None, note: str = "") -> dict:
    samples = [float(x) for x in samples]
    med = statistics.median(samples)
    peak = [r["peak_kib"] for r in peak_runs or [] if r.get("peak_kib") is not None]
    return {
        "step": step, "tool": tool, "timed": timed, "samples": samples, "median_s": med,
        "min_s": min(samples), "max_s": max(samples),
        "rows_per_s": rate_rows / med if rate_rows and med > 0 else None,
        "peak_kib": max(peak) if peak else None,
        "peak_exact": all(r.get("peak_exact", True) for r in peak_runs or []),
        "note": note,
    }


def summarise_size(res: dict) -> dict[str, dict]:
    """Every figure of one size, keyed (e.g. "sqm.import", "pandas.metrics")."""
    n, runs, out = res["rows"], res["runs"], {}
    wall = lambda rs: [r["wall_s"] for r in rs]  # noqa: E731
    out["sqm.import"] = _row("import CSV → workspace", "SQM", "process", wall(runs["import"]), runs["import"], n)
    if "history import" in runs:
        h = res["history"]
        out["sqm.history"] = _row("status history import (event log)", "SQM", "process", wall(runs["history import"]),
                                  runs["history import"], h["rows"],
                                  f"{h['rows']:,} updates of {h['incidents']:,} incidents ({h['share']:.0%}), "
                                  f"{h['paused']:,} with a pause; rows/s = updates/s")
    if runs.get("floor"):
        out["sqlite.floor"] = _row("SQLite floor of the import: its rows inserted again, nothing parsed or bound",
                                   "SQLite", "in-process", [r["seconds"] for r in runs["floor"]], runs["floor"], n,
                                   "`sqm bench-floor`: INSERT … SELECT row by row, same table, indexes, journal")
    out["sqm.reimport"] = _row("re-import (nothing changed)", "SQM", "process", wall(runs["re-import"]),
                               runs["re-import"], n)
    out["sqm.metrics_proc"] = _row("`sqm metrics` (whole process)", "SQM", "process", wall(runs["metrics"]),
                                   runs["metrics"])
    for cal in ("china", "24x7"):
        q = res["quarter"].get(cal)
        if not q:
            continue
        name = "business time (china)" if cal == "china" else "24×7"
        out[f"sqm.q.{cal}"] = _row(f"quarter metrics, {name}", "SQM", "in-process", q["runs_s"], [q["process"]],
                                   note=f"median of {len(q['runs_s'])}, caches dropped each time")
        out[f"sqm.first.{cal}"] = _row(f"first quarter metrics after open, {name}", "SQM", "in-process",
                                       [q["first_s"]], [q["process"]], note=f"open {q['open_s']:.3f} s")
        out[f"sqm.switch.{cal}"] = _row(f"dashboard quarter switch, {name}", "SQM", "in-process",
                                        q["switch_runs_s"], [q["process"]],
                                        note=f"median of {len(q['switch_runs_s'])}, caches kept")
        if cal == "china" and q.get("read_runs_s"):
            out["sqm.read"] = _row("the quarter's tickets read alone (no judging, no counting)", "SQM", "in-process",
                                   q["read_runs_s"], [q["process"]],
                                   note=f"median of {len(q['read_runs_s'])}, caches dropped each time")
    pk = res["pack"]
    out["sqm.pack"] = _row("quarterly pack PDF (zh)", "SQM", "process", wall(pk), pk,
                           note=f"{statistics.median(p['pdf_bytes'] for p in pk) / MB:.2f} MB"
                                + (f", {pk[-1]['pdf_pages']} pages" if pk[-1].get("pdf_pages") else ""))
    out["sqm.pack"]["pdf_bytes"] = statistics.median(p["pdf_bytes"] for p in pk)
    p = res.get("peers") or {}
    if p:
        dl, dm, pd_ = p["duckdb load"], p["duckdb metrics"], p["pandas"]
        out["duck.load"] = _row("load CSV into a file database", "DuckDB", "in-process", [r["load_s"] for r in dl],
                                dl, n, f"process {statistics.median(wall(dl)):.3f} s; {dl[-1].get('threads')} threads")
        out["duck.load_proc"] = _row("load CSV into a file database", "DuckDB", "process", wall(dl), dl, n)
        out["duck.metrics"] = _row("quarter metrics, 24×7 (SQL on the file)", "DuckDB", "in-process",
                                   [r["query_s"] for r in dm], dm,
                                   note=f"process {statistics.median(wall(dm)):.3f} s")
        out["pandas.read"] = _row("read_csv (parse_dates)", "pandas", "in-process", [r["read_s"] for r in pd_],
                                  pd_, n)
        out["pandas.metrics"] = _row("quarter metrics, 24×7 (excl. read_csv)", "pandas", "in-process",
                                     [r["metrics_s"] for r in pd_], pd_)
        out["pandas.total"] = _row("read_csv + quarter metrics, 24×7", "pandas", "in-process",
                                   [r["read_s"] + r["metrics_s"] for r in pd_], pd_,
                                   note=f"process {statistics.median(wall(pd_)):.3f} s")
        out["pandas.proc"] = _row("read_csv + quarter metrics, 24×7", "pandas", "process", wall(pd_), pd_)
    return out


MAIN_KEYS = ["sqm.import", "sqlite.floor", "sqm.history", "sqm.reimport", "sqm.metrics_proc", "sqm.q.china", "sqm.q.24x7",
             "sqm.read", "sqm.first.china", "sqm.first.24x7", "sqm.switch.china", "sqm.switch.24x7", "sqm.pack",
             "duck.load", "duck.metrics", "pandas.read", "pandas.metrics", "pandas.total"]


def _mib(kib: int | None, exact: bool = True) -> str:
    return "—" if kib is None else ("" if exact else "~") + f"{kib / 1024:.1f}"


def _secs(v: float | None) -> str:
    if v is None:
        return "—"
    return f"{v:.4f}" if v < 0.1 else f"{v:.3f}"


def main_table(summary: dict[int, dict[str, dict]]) -> str:
    lines = ["| size | step | tool | timed | median s | min s | max s | rows/s | peak RSS MiB | note |",
             "|---:|---|---|---|---:|---:|---:|---:|---:|---|"]
    for n, rows in summary.items():
        for k in MAIN_KEYS:
            r = rows.get(k)
            if not r:
                continue
            rps = f"{r['rows_per_s']:,.0f}" if r["rows_per_s"] else "—"
            lines.append(f"| {n:,} | {r['step']} | {r['tool']} | {r['timed']} | {_secs(r['median_s'])} | "
                         f"{_secs(r['min_s'])} | {_secs(r['max_s'])} | {rps} | "
                         f"{_mib(r['peak_kib'], r['peak_exact'])} | {r['note']} |")
    return "\n".join(lines)


def _ratio(a: dict | None, b: dict | None, field: str = "median_s") -> float | None:
    if not a or not b or not a.get(field) or not b.get(field):
        return None
    return a[field] / b[field]


def _x(v: float | None) -> str:
    return "—" if v is None else (f"{v:.2f}×" if v < 10 else f"{v:.1f}×" if v < 100 else f"{v:,.0f}×")


RATIOS = [
    ("import: SQM / DuckDB load into a file DB (lower is better for SQM)", "sqm.import", "duck.load", "median_s"),
    ("import: SQM / DuckDB, both whole processes", "sqm.import", "duck.load_proc", "median_s"),
    ("import: SQM / pandas read_csv", "sqm.import", "pandas.read", "median_s"),
    ("metrics 24×7: DuckDB / SQM (higher is better for SQM)", "duck.metrics", "sqm.q.24x7", "median_s"),
    ("metrics 24×7: pandas / SQM", "pandas.metrics", "sqm.q.24x7", "median_s"),
    ("metrics: pandas 24×7 / SQM business time (china)", "pandas.metrics", "sqm.q.china", "median_s"),
    ("metrics incl. read_csv: pandas 24×7 / SQM business time (china)", "pandas.total", "sqm.q.china", "median_s"),
    ("whole process: pandas read_csv + metrics / `sqm metrics`", "pandas.proc", "sqm.metrics_proc", "median_s"),
    ("peak RSS of the import: SQM / DuckDB", "sqm.import", "duck.load", "peak_kib"),
    ("peak RSS of the import: SQM / pandas (read_csv + metrics)", "sqm.import", "pandas.proc", "peak_kib"),
]


def ratio_table(summary: dict[int, dict[str, dict]]) -> str:
    sizes = list(summary)
    lines = ["| comparison | " + " | ".join(f"{n:,}" for n in sizes) + " |",
             "|---|" + "---:|" * len(sizes)]
    for label, a, b, field in RATIOS:
        cells = [_x(_ratio(summary[n].get(a), summary[n].get(b), field)) for n in sizes]
        if all(c == "—" for c in cells):
            continue
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if len(lines) == 2:
        return "No peers in this run (--peers-python not given)."
    return "\n".join(lines)


GROWTH = [
    ("SQM import", "sqm.import"), ("SQLite floor of the import", "sqlite.floor"),
    ("SQM status history import", "sqm.history"),
    ("SQM quarter metrics, business time (china)", "sqm.q.china"), ("SQM quarter metrics, 24×7", "sqm.q.24x7"),
    ("SQM dashboard quarter switch (china)", "sqm.switch.china"), ("SQM quarterly pack PDF", "sqm.pack"),
    ("DuckDB load", "duck.load"), ("DuckDB quarter metrics, 24×7", "duck.metrics"),
    ("pandas read_csv", "pandas.read"), ("pandas quarter metrics, 24×7", "pandas.metrics"),
]


def slope(n1: int, t1: float, n2: int, t2: float) -> float | None:
    if t1 <= 0 or t2 <= 0 or n1 == n2:
        return None
    return math.log(t2 / t1) / math.log(n2 / n1)


def growth_table(summary: dict[int, dict[str, dict]]) -> str:
    sizes = sorted(summary)
    head = ["series"] + [f"µs/row at {n:,}" for n in sizes] + \
           [f"slope {a:,}→{b:,}" for a, b in zip(sizes, sizes[1:])]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for label, key in GROWTH:
        rs = [summary[n].get(key) for n in sizes]
        if not any(rs):
            continue
        cells = [f"{r['median_s'] / n * 1e6:.3g}" if r else "—" for n, r in zip(sizes, rs)]
        for (n1, r1), (n2, r2) in zip(zip(sizes, rs), list(zip(sizes, rs))[1:]):
            s = slope(n1, r1["median_s"], n2, r2["median_s"]) if r1 and r2 else None
            cells.append("—" if s is None else f"{s:.2f}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets(summary: dict[int, dict[str, dict]], app: dict | None) -> tuple[str, list[dict]]:
    sizes = sorted(summary)
    at = TARGET_ROWS if TARGET_ROWS in summary else sizes[-1]
    s = summary[at]
    star = "" if at == TARGET_ROWS else "*"
    out: list[dict] = []

    def add(target: str, measured: str, ok: bool | None, why: str = "") -> None:
        status = ("met" if ok else "**missed**") if ok is not None else f"not measured{': ' + why if why else ''}"
        if ok is not None and star:
            status += star
        out.append({"target": target, "measured": measured, "status": status, "ok": ok})

    imp = s.get("sqm.import")
    add("import of 1M tickets ≤ 4 s wall", f"{imp['median_s']:.2f} s", imp["median_s"] <= 4.0)
    r = _ratio(imp, s.get("duck.load"))
    fl = s.get("sqlite.floor")
    add("import no slower than DuckDB's load into a file database (SQM / DuckDB ≤ 1)",
        "—" if r is None else f"{_x(r)} ({imp['median_s']:.2f} s vs {s['duck.load']['median_s']:.2f} s)"
        + ("" if not fl else f"; SQLite alone inserting the rows: {fl['median_s']:.2f} s"
           f" = {_x(fl['median_s'] / s['duck.load']['median_s'])} DuckDB"),
        None if r is None else r <= 1.0, "no peers")
    sqm_steps = [k for k in ("sqm.import", "sqm.reimport", "sqm.history", "sqm.metrics_proc", "sqm.q.china",
                             "sqm.q.24x7", "sqm.pack") if s.get(k) and s[k]["peak_kib"] is not None]
    worst = max(sqm_steps, key=lambda k: s[k]["peak_kib"])
    peak = s[worst]["peak_kib"] * 1024
    add("peak memory ≤ 500 MB (any `sqm` step)",
        f"{peak / MB:.0f} MB ({peak / 2**20:.0f} MiB, {s[worst]['step']})", peak <= 500 * MB)
    q = s.get("sqm.q.china")
    add("quarter metrics on 1M tickets, business time (china) ≤ 0.3 s",
        "—" if not q else f"{q['median_s']:.3f} s", None if not q else q["median_s"] <= 0.3, "no bench-quarter")
    r = _ratio(s.get("pandas.metrics"), q)
    rd = s.get("sqm.read")
    dq = _ratio(s.get("pandas.metrics"), s.get("duck.metrics"))
    add("… and ≥ 10× faster than pandas on the 24×7 version (excl. read_csv)",
        "—" if r is None else f"{_x(r)} (pandas {s['pandas.metrics']['median_s']:.3f} s)"
        + ("" if not rd else f"; reading the quarter's tickets alone takes {rd['median_s']:.3f} s = "
           f"{_x(rd['median_s'] / (s['pandas.metrics']['median_s'] / 10))} the 10× budget")
        + ("" if dq is None else f"; DuckDB's SQL on its own file, 24×7 only: {_x(dq)} pandas"),
        None if r is None else r >= 10, "no peers")
    r2 = _ratio(s.get("pandas.total"), q)
    if r2 is not None:
        out.append({"target": "(for information) pandas including read_csv / SQM business time",
                    "measured": f"{_x(r2)} (pandas {s['pandas.total']['median_s']:.2f} s)", "status": "—",
                    "ok": None})
    pk = s.get("sqm.pack")
    add("quarterly pack PDF ≤ 1.5 s", f"{pk['median_s']:.2f} s", pk["median_s"] <= 1.5)
    size = pk["pdf_bytes"]
    add("quarterly pack PDF ≤ 3 MB", f"{size / MB:.2f} MB", size <= 3 * MB)
    if app and app.get("status") == "measured":
        later = _later_starts(app)
        walls = [r["wall_s"] for r in later]
        total = statistics.median(r["total_kib"] for r in later) * 1024
        main = statistics.median(r["main_kib"] for r in later) * 1024
        firsts = [r["wall_s"] for r in app["runs"] if r.get("first")]
        first = (f" (the first start after the import, which measures the dashboard's figures and keeps "
                 f"them: {firsts[0]:.2f} s)" if firsts else "")
        note = "" if app["rows"] == TARGET_ROWS else f" (on {app['rows']:,} tickets)"
        fl = app.get("floor") or {}
        fl_wall = fl_mem = ""
        pss = _median_pss(later)
        pss_note = "" if pss is None else f"; PSS, each shared page counted once: {pss / MB:.0f} MB"
        if fl.get("status") == "measured":
            fr = _later_starts(fl)
            fl_wall = (f"; the same app on {fl['rows']:,} tickets: "
                       f"{statistics.median(r['wall_s'] for r in fr):.2f} s")
            fl_mem = (f"; on {fl['rows']:,} tickets: "
                      f"{statistics.median(r['total_kib'] for r in fr) * 1024 / MB:.0f} MB total "
                      f"({statistics.median(r['main_kib'] for r in fr) * 1024 / MB:.0f} MB app process)")
            fl_pss = _median_pss(fr)
            if fl_pss is not None:
                web = statistics.median(r["children_pss_kib"] for r in fr) * 1024
                fl_mem += (f", PSS {fl_pss / MB:.0f} MB, of which WebKit's processes {web / MB:.0f} MB"
                           + (f" — above the target with almost no data: the floor of a WebKitGTK app"
                              if fl_pss > 250 * MB else ""))
        add(f"app cold start to dashboard on the 1M workspace ≤ 1.5 s", f"{statistics.median(walls):.2f} s{note}{first}, "
            f"{app['cache']}{fl_wall}", statistics.median(walls) <= 1.5)
        add("app idle RSS ≤ 250 MB (app + WebKit processes)",
            f"{total / MB:.0f} MB total ({main / MB:.0f} MB app process){pss_note}{note}{fl_mem}", total <= 250 * MB)
    else:
        why = (app or {}).get("reason") or "skipped"
        add("app cold start to dashboard on the 1M workspace ≤ 1.5 s", "—", None, why)
        add("app idle RSS ≤ 250 MB (app + WebKit processes)", "—", None, why)
    if len(sizes) >= 2:
        a, b = sizes[-2], sizes[-1]
        for label, key in (("import", "sqm.import"), ("quarter metrics (china)", "sqm.q.china")):
            ra, rb = summary[a].get(key), summary[b].get(key)
            sl = slope(a, ra["median_s"], b, rb["median_s"]) if ra and rb else None
            out.append({"target": f"{label} grows linearly with rows (log-log slope {a:,}→{b:,} ≤ 1.1)",
                        "measured": "—" if sl is None else f"slope {sl:.2f}",
                        "status": "not measured" if sl is None else ("met" if sl <= 1.1 else "**missed**"),
                        "ok": None if sl is None else sl <= 1.1})
    else:
        add("cost grows linearly with rows", "—", None, "needs two sizes")
    lines = ["| target | measured | status |", "|---|---|---|"]
    lines += [f"| {t['target']} | {t['measured']} | {t['status']} |" for t in out]
    if star:
        lines += ["", f"\\* measured on {at:,} tickets, not {TARGET_ROWS:,}: the targets are for 1M "
                      f"(run with `--sizes ...,{TARGET_ROWS}`)."]
    return "\n".join(lines), out


def _median_pss(runs: list[dict]) -> float | None:
    """Median PSS of the app and its WebKit processes over `runs`, in bytes (None if unread)."""
    xs = [r["total_pss_kib"] for r in runs if r.get("total_pss_kib") is not None]
    return statistics.median(xs) * 1024 if xs else None


def _later_starts(app: dict) -> list[dict]:
    """The runs after the first start on the imported workspace (all of them if none is marked)."""
    return [r for r in app["runs"] if not r.get("first")] or app["runs"]


def app_table(app: dict) -> str:
    if app.get("status") != "measured":
        return f"App start to dashboard: not measured — {app.get('reason')}."
    lines = [f"App start to dashboard on the {app['rows']:,}-ticket workspace (`{app['app']}` under Xvfb, "
             f"{app['cache']}; idle RSS read {app['idle_s']:g} s after the dashboard was ready):",
             "",
             "| run | spawn → dashboard s | app's own ready_ms | start marks (ms after main) | idle RSS app MiB | idle RSS app + WebKit MiB | idle PSS app + WebKit MiB | processes (RSS / PSS MiB) |",
             "|---|---:|---:|---|---:|---:|---:|---|"]
    n = 0
    for r in app["runs"]:
        procs = ", ".join(f"{p['name']} {p['rss_kib'] / 1024:.0f}"
                          + (f" / {p['pss_kib'] / 1024:.0f}" if p.get("pss_kib") is not None else "")
                          for p in r["processes"])
        pss = "—" if r.get("total_pss_kib") is None else f"{r['total_pss_kib'] / 1024:.1f}"
        marks = ", ".join(f"{k[:-3]} {v:.0f}" for k, v in (r.get("marks") or {}).items()) or "—"
        if r.get("first"):
            label = "first start (measures, keeps the figures)"
        else:
            n += 1
            label = str(n)
        lines.append(f"| {label} | {r['wall_s']:.3f} | {_med_or_dash([r['ready_ms']] if r['ready_ms'] is not None else [])} | "
                     f"{marks} | {r['main_kib'] / 1024:.1f} | {r['total_kib'] / 1024:.1f} | {pss} | {procs} |")
    later = _later_starts(app)
    walls = [r["wall_s"] for r in later]
    lines.append(f"| median of the later starts | {statistics.median(walls):.3f} | "
                 f"{_med_or_dash([r['ready_ms'] for r in later if r['ready_ms'] is not None])} | | "
                 f"{statistics.median(r['main_kib'] for r in later) / 1024:.1f} | "
                 f"{statistics.median(r['total_kib'] for r in later) / 1024:.1f} | "
                 f"{'—' if _median_pss(later) is None else f'{_median_pss(later) / 2**20:.1f}'} | |")
    return "\n".join(lines)


def _med_or_dash(xs: list) -> str:
    return f"{statistics.median(xs):.0f}" if xs else "—"


def details_table(results: list[dict]) -> str:
    lines = ["| size | CSV MiB | event log MiB | DB MiB after import | DuckDB file MiB | import CPU s | "
             "re-import CPU s | history import CPU s | metrics CPU s | re-import updated | history import updated | "
             f"{QUARTER} resolutions met, before → after the histories |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for res in results:
        runs = res["runs"]
        cpu = {k: statistics.median(r["user_s"] + r["sys_s"] for r in v) for k, v in runs.items()}
        h = res.get("history")
        dl = (res.get("peers") or {}).get("duckdb load")
        lines.append(
            f"| {res['rows']:,} | {res['file_bytes'] / 2**20:.1f} | "
            f"{h['file_bytes'] / 2**20:.1f} | " if h else f"| {res['rows']:,} | {res['file_bytes'] / 2**20:.1f} | — | ")
        lines[-1] += (f"{max(r['db_bytes'] for r in runs['import']) / 2**20:.1f} | "
                      f"{max(r['db_bytes'] for r in dl) / 2**20:.1f} | " if dl else
                      f"{max(r['db_bytes'] for r in runs['import']) / 2**20:.1f} | — | ")
        lines[-1] += (f"{cpu['import']:.2f} | {cpu['re-import']:.2f} | "
                      f"{cpu['history import']:.2f} | " if "history import" in cpu else
                      f"{cpu['import']:.2f} | {cpu['re-import']:.2f} | — | ")
        lines[-1] += (f"{cpu['metrics']:.2f} | {max(r['counts']['updated'] for r in runs['re-import']):,} | "
                      + (f"{max(r['counts']['updated'] for r in runs['history import']):,} |"
                         if "history import" in runs else "— |"))
        c = res["checks"][-1]
        lines[-1] += (f" {c['resolution_met_before_history']:,} → {c['resolution_met_after_history']:,} |"
                      if "history import" in runs else " — |")
    return "\n".join(lines)


def recompute_table(results: list[dict]) -> str:
    lines = ["Recompute after a standard change, in one process (`sqm bench-recompute`, median):",
             "",
             "| size | calendar | cold s | recompute s |", "|---:|---|---:|---:|"]
    for res in results:
        for label, r in res.get("recompute", {}).items():
            lines.append(f"| {res['rows']:,} | {label} | {r['cold_s']:.3f} | {r['recompute_median_s']:.3f} |")
    return "\n".join(lines)


def chart_svg(summary: dict[int, dict[str, dict]], caption: str) -> str:
    def pts(key: str) -> list[tuple[int, float]]:
        return [(n, rows[key]["median_s"]) for n, rows in summary.items() if rows.get(key)]

    imp = [{"label": "SQM import (whole process)", "points": pts("sqm.import")},
           {"label": "DuckDB load into a file DB", "points": pts("duck.load"), "marker": "square"},
           {"label": "pandas read_csv", "points": pts("pandas.read"), "marker": "square"}]
    met = [{"label": "SQM quarter metrics, business time (china)", "points": pts("sqm.q.china")},
           {"label": "SQM quarter metrics, 24×7", "points": pts("sqm.q.24x7"), "dashed": True},
           {"label": "DuckDB quarter metrics, 24×7 (SQL)", "points": pts("duck.metrics"), "marker": "square"},
           {"label": "pandas quarter metrics, 24×7", "points": pts("pandas.metrics"), "marker": "square"},
           {"label": "pandas read_csv + metrics, 24×7", "points": pts("pandas.total"), "dashed": True,
            "marker": "square"}]
    return chart.svg([("Import a ServiceNow CSV", imp), ("All metrics of one quarter", met)], caption)


def read_first(path: str, key: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.lower().startswith(key.lower()):
                    return line.split(":" if ":" in line else "=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return None


def machine() -> dict:
    mem = read_first("/proc/meminfo", "MemTotal")
    try:
        affinity = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        affinity = None
    return {
        "cpu": read_first("/proc/cpuinfo", "model name") or platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "cpus_usable": affinity,
        "ram_gib": int(mem.split()[0]) / 2**20 if mem else None,
        "os": read_first("/etc/os-release", "PRETTY_NAME") or platform.system(),
        "kernel": platform.release(),
        "machine": platform.machine(),
    }


def environment(sqm: str, app: str | None) -> dict:
    def version(binary: str | None) -> str | None:
        if not binary:
            return None
        try:
            out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
            return out.splitlines()[0] if out else None
        except (OSError, subprocess.TimeoutExpired):
            return None

    def mtime(p: str | None) -> str | None:
        try:
            return dt.datetime.fromtimestamp(os.stat(p).st_mtime).isoformat(timespec="seconds") if p else None
        except OSError:
            return None

    return {
        "sqm": sqm,
        "sqm_version": version(sqm),
        "sqm_mtime": mtime(sqm),
        "app": app,
        "app_mtime": mtime(app),
        "machine": machine(),
        "cpus": os.cpu_count(),
        "loadavg_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "started": dt.datetime.now().isoformat(timespec="seconds"),
    }


def document(a: argparse.Namespace, command: str, env: dict, results: list[dict], summary: dict,
             app: dict, event_log: dict | None, chart_link: str) -> tuple[str, str]:
    m = env["machine"]
    pv = env.get("peers") or {}
    tgt, _ = targets(summary, app)
    sizes = ", ".join(f"{n:,}" for n in summary)
    versions = f"sqm: {env['sqm_version'] or '?'} (`{env['sqm']}`, built {env['sqm_mtime']})"
    if pv:
        versions += (f"; DuckDB {pv['duckdb']}; pandas {pv['pandas']} (numpy {pv['numpy']}); "
                     f"peers' Python {pv['python']}")
    else:
        versions += "; peers not run (no --peers-python)"
    md = [
        "# SQM benchmarks",
        "",
        "Written by `tests/bench/bench.py` (`make bench`); do not edit by hand. What each figure means and "
        "how it is measured: [tests/bench/README.md](tests/bench/README.md)."
        if a.benchmarks_md else "Written by `tests/bench/bench.py`; see tests/bench/README.md.",
        "",
        f"- Date: {env['started']} (finished {env['finished']})",
        f"- Command: `{command}`",
        f"- Machine: {m['cpu']}, {m['cpus']} cores"
        + (f" ({m['cpus_usable']} usable)" if m['cpus_usable'] and m['cpus_usable'] != m['cpus'] else "")
        + (f", {m['ram_gib']:.1f} GiB RAM" if m['ram_gib'] else "") + f", {m['os']}, Linux {m['kernel']}",
        f"- Load average: {env['loadavg_at_start'][0]:.2f} at start, {env['loadavg_at_end'][0]:.2f} at end",
        f"- Versions: {versions}",
        f"- Sizes: {sizes} tickets; {a.runs} run(s) of every process step, "
        f"{a.fast_runs} in-process repetitions of the quarter metrics; medians, with min and max.",
        "",
        "## Targets",
        "",
        tgt,
        "",
        "## Time against size",
        "",
        f"![time against size, log-log]({chart_link})",
        "",
        "Cost per row and the log-log slope between sizes (1.0: the time grows linearly with the rows; "
        "below 1: fixed costs still dominate; above 1: worse than linear):",
        "",
        growth_table(summary),
        "",
        "## SQM against DuckDB and pandas",
        "",
        "The same CSV files, in the same run. Ratios of medians, so they hold on a busy machine better "
        "than the seconds do. SQM's quarter metrics are timed inside `sqm bench-quarter` (no process "
        "start); DuckDB's and pandas' inside their process, after `import duckdb` / `import pandas`.",
        "",
        ratio_table(summary),
        "",
        "## All measurements",
        "",
        main_table(summary),
        "",
        "`timed`: *process* is spawn to exit of the child; *in-process* is the step's own timer. "
        "Peak RSS is the largest of the runs of the process that ran the step (for in-process rows, the "
        "whole process's peak); `~` marks a sampled lower bound (see README).",
        "",
        "## App",
        "",
        app_table(app),
        "",
        "## Workspace, CPU and recompute",
        "",
        details_table(results),
        "",
        recompute_table(results),
        "",
    ]
    if event_log:
        md += ["## Event log (copies of the UCI log)", "", event_log_table(event_log), ""]
    md += [
        "## Definitions",
        "",
        "- Data: deterministic ServiceNow incident lists (8 services, priorities `1 - Critical` … "
        "`5 - Planning`, one year of tickets)"
        + (f" and, for {a.history_share:.0%} of the incidents, a ServiceNow event log (status history; 30% "
           f"of the resolved ones pause in `{PAUSE_STATE}`) imported after the list: no ticket changes, the "
           "histories are added and the pauses shorten business time." if a.history_share > 0 else
           "; no status histories in this run (--history-share 0)."),
        "- SQM quarter metrics: `sqm bench-quarter --calendar china|24x7` — every figure of 2026Q3 "
        "(services, priorities, trends) with caches dropped each time; the quarter switch is the "
        "dashboard's (previous quarter, then this one; caches kept).",
        "- Peers' 24×7 quarter metrics (tests/bench/peers.py): tickets opened in 2026Q3, per service × "
        "priority: count; resolved; share of the resolved within the resolution target and of the responded "
        "within the response target (wall-clock hours; P1 0.25 h / 4 h, P2 0.5 h / 8 h, P3 4 h / 24 h, "
        "P4 8 h / 72 h); median and P90 resolution hours. DuckDB and pandas must agree, and their "
        "ticket count must equal SQM's 2026Q3 volume.",
        "",
    ]
    table_out = "\n\n".join([tgt, ratio_table(summary), main_table(summary), growth_table(summary), app_table(app)])
    return "\n".join(md), table_out


def main() -> int:
    ap = argparse.ArgumentParser(
        description="SQM benchmark: import, quarter metrics, quarterly pack and app start, against DuckDB "
                    "and pandas. See tests/bench/README.md.",
        epilog="make bench:       bench.py --sqm target/release/sqm --app target/release/sqm-app "
               "--peers-python .out/bench-venv/bin/python --out .out/bench "
               "--benchmarks-md BENCHMARKS.md --chart docs/bench/bench.svg\n"
               "make bench-smoke: bench.py --sqm target/debug/sqm --peers-python .out/bench-venv/bin/python "
               "--out .out/bench-smoke --sizes 10000 --runs 1 --no-app --event-log 6000",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sqm", required=True, help="path to the sqm binary (make bench: target/release/sqm)")
    ap.add_argument("--out", required=True, type=Path,
                    help="output directory: workspaces (OUT/work), results.md, results.json, bench.svg")
    ap.add_argument("--data", type=Path, default=None,
                    help="where generated CSV files are cached (default: OUT/data)")
    ap.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated ticket counts (default: 10000,100000,1000000)")
    ap.add_argument("--runs", type=int, default=3, help="runs of every process step; the median is reported (default: 3)")
    ap.add_argument("--fast-runs", type=int, default=5,
                    help="in-process repetitions of the quarter metrics, the quarter switch and the recompute "
                         "(default: 5)")
    ap.add_argument("--history-share", type=float, default=0.10,
                    help="share of the incidents that get a status history (event log imported after the "
                         "list; 0: none; default: 0.1)")
    ap.add_argument("--peers-python", default=None,
                    help="a Python with duckdb and pandas (make bench-venv: .out/bench-venv/bin/python); "
                         "without it DuckDB and pandas are not run")
    ap.add_argument("--app", default=None,
                    help="path to sqm-app (release, custom-protocol): measure its start to the dashboard on the "
                         "largest workspace under Xvfb; without it the step is skipped")
    ap.add_argument("--no-app", action="store_true", help="skip the app step even if --app is given")
    ap.add_argument("--app-timeout", type=float, default=60.0, help="seconds to wait for the dashboard (default: 60)")
    ap.add_argument("--app-idle", type=float, default=3.0, help="seconds idle before reading the app's RSS (default: 3)")
    ap.add_argument("--event-log", type=int, default=140000,
                    help="updates in the event log built from copies of the UCI log (0: skip; default: 140000, about the size of the full UCI log)")
    ap.add_argument("--benchmarks-md", type=Path, default=None,
                    help="also write the results there (make bench: BENCHMARKS.md); default: only OUT/results.md")
    ap.add_argument("--chart", type=Path, default=None,
                    help="also write the SVG chart there, linked from --benchmarks-md (make bench: "
                         "docs/bench/bench.svg); it is always written to OUT/bench.svg")
    a = ap.parse_args()

    try:
        sizes = [int(s.replace("_", "")) for s in a.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error(f"--sizes {a.sizes!r}: expected comma-separated integers, e.g. 10000,100000")
    if not sizes or any(n <= 0 or n > 9_999_999 for n in sizes):
        ap.error("--sizes: each size must be between 1 and 9,999,999 (INC + 7 digits)")
    if len(set(sizes)) != len(sizes):
        ap.error("--sizes: each size once")
    sizes.sort()
    if a.runs < 1 or a.fast_runs < 1:
        ap.error("--runs and --fast-runs must be at least 1")
    if not 0 <= a.history_share <= 1:
        ap.error("--history-share: between 0 and 1")
    sqm = a.sqm if os.sep in a.sqm else f".{os.sep}{a.sqm}" if os.path.exists(a.sqm) else a.sqm
    if not (os.path.isfile(sqm) and os.access(sqm, os.X_OK)):
        ap.error(f"--sqm {a.sqm}: not an executable file (build it: cargo build --release -p sqm-cli)")
    if a.peers_python and not (os.path.isfile(a.peers_python) and os.access(a.peers_python, os.X_OK)):
        ap.error(f"--peers-python {a.peers_python}: not an executable file (make bench-venv creates it)")
    app = None if a.no_app else a.app
    a.data = a.data or a.out / "data"
    a.out.mkdir(parents=True, exist_ok=True)
    a.data.mkdir(parents=True, exist_ok=True)

    command = shlex.join(["python3", *sys.argv])
    print(f"command: {command}")
    env = environment(sqm, app)
    m = env["machine"]
    print(f"sqm: {sqm} ({env['sqm_version']}, built {env['sqm_mtime']}); {m['cpu']}, {m['cpus']} CPUs, "
          f"load average {env['loadavg_at_start'][0]:.2f}")
    if "/debug/" in sqm:
        print("warning: this is a debug build; numbers are not representative (make bench uses target/release/sqm)")

    results: list[dict] = []
    event_log = None
    app_res: dict = {"status": "not measured", "reason": "skipped (no --app, or --no-app)", "runs": []}
    try:
        if a.peers_python:
            env["peers"] = peer_versions(a.peers_python)
            print(f"peers: DuckDB {env['peers']['duckdb']}, pandas {env['peers']['pandas']} ({a.peers_python})")
        for n in sizes:
            results.append(bench_size(a, sqm, n, keep_db=bool(app) and n in (sizes[0], sizes[-1])))
        if app:
            db = Path(results[-1]["db"])
            app_res = bench_app(app, db, sizes[-1], a.runs, a.app_timeout, a.app_idle, a.out / "work")
            remove_db(db)
            if len(sizes) > 1:
                # The same app on the smallest workspace: what WebKit and the app cost before data.
                small = Path(results[0]["db"])
                app_res["floor"] = bench_app(app, small, sizes[0], a.runs, a.app_timeout, a.app_idle,
                                             a.out / "work")
                remove_db(small)
        if a.event_log > 0:
            event_log = bench_event_log(sqm, a.data, a.out / "work", a.event_log, a.runs)
    except BenchError as e:
        print(f"\nBENCH FAILED: {e}", file=sys.stderr)
        return 1

    summary = {res["rows"]: summarise_size(res) for res in results}
    env["finished"] = dt.datetime.now().isoformat(timespec="seconds")
    env["loadavg_at_end"] = os.getloadavg()
    pv = env.get("peers") or {}
    caption = (f"{m['cpu']}, {m['cpus']} cores; {env['sqm_version'] or 'sqm'}"
               + (f", DuckDB {pv['duckdb']}, pandas {pv['pandas']}" if pv else "")
               + f"; {env['started'][:10]}; " + (f"medians of {a.runs} runs" if a.runs > 1 else "1 run"))
    svg = chart_svg(summary, caption)
    (a.out / "bench.svg").write_text(svg, encoding="utf-8")
    md, tables = document(a, command, env, results, summary, app_res, event_log, "bench.svg")
    (a.out / "results.md").write_text(md, encoding="utf-8")
    written = [a.out / "results.md", a.out / "results.json", a.out / "bench.svg"]
    if a.benchmarks_md:
        chart_path = a.chart or a.out / "bench.svg"
        if a.chart:
            a.chart.parent.mkdir(parents=True, exist_ok=True)
            a.chart.write_text(svg, encoding="utf-8")
            written.append(a.chart)
        link = os.path.relpath(chart_path.resolve(), a.benchmarks_md.resolve().parent)
        md2, _ = document(a, command, env, results, summary, app_res, event_log, link)
        a.benchmarks_md.parent.mkdir(parents=True, exist_ok=True)
        a.benchmarks_md.write_text(md2, encoding="utf-8")
        written.append(a.benchmarks_md)
    elif a.chart:
        a.chart.parent.mkdir(parents=True, exist_ok=True)
        a.chart.write_text(svg, encoding="utf-8")
        written.append(a.chart)
    (a.out / "results.json").write_text(json.dumps({
        "command": command,
        "environment": env,
        "generator": {"version": GENERATOR_VERSION, "history_version": HISTORY_VERSION, "seed": SEED,
                      "history_share": a.history_share},
        "quarter": QUARTER,
        "summary": {str(n): rows for n, rows in summary.items()},
        "targets": targets(summary, app_res)[1],
        "sizes": results,
        "app": app_res,
        "event_log": event_log,
    }, indent=2), encoding="utf-8")
    print()
    print(tables)
    print()
    print(details_table(results))
    print()
    print(recompute_table(results))
    if event_log:
        print()
        print(event_log_table(event_log))
    print("\nwrote " + ", ".join(map(str, written)))
    print(f"command: {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
