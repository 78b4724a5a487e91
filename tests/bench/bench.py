#!/usr/bin/env python3
"""SQM import and metrics benchmark (Python 3.11, standard library only).

    python3 tests/bench/bench.py --sqm target/release/sqm --out .out/bench [--sizes 10000,100000] [--runs 3]

For each size it generates (once, cached in --out) a deterministic ServiceNow incident-list CSV
and measures, as the median of --runs runs:

  import      `sqm import FILE --db DB --format servicenow` into a fresh workspace
  re-import   the same file again into the now populated workspace (update path, no new rows)
  metrics     `sqm metrics --db DB --quarter 2026Q3 --format json`

Wall time comes from time.perf_counter() around the child; peak RSS and CPU time come from
os.wait4(), which returns the rusage of exactly that child (ru_maxrss is KiB on Linux).
It checks that the import added every row, that 2026Q3 has a volume, and that the re-import left
the ticket count unchanged, and stops with a non-zero exit code otherwise.
See tests/bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shlex
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

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


def dataset(out: Path, n: int) -> Path:
    path = out / "data" / f"servicenow_v{GENERATOR_VERSION}_seed{SEED}_{n}.csv"
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
    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal")):
        p.unlink(missing_ok=True)


def db_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists())


def bench_size(sqm: str, out: Path, n: int, runs: int) -> dict:
    print(f"\n== {n:,} rows")
    csv_path = dataset(out, n)
    work = out / "work"
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"bench_{n}.sqm"
    cmd_import = [sqm, "import", str(csv_path), "--db", str(db), "--format", "servicenow"]
    cmd_metrics = [sqm, "metrics", "--db", str(db), "--quarter", QUARTER, "--format", "json"]
    steps: dict[str, list[dict]] = {"import": [], "re-import": [], "metrics": []}
    checks: list[dict] = []
    for run in range(1, runs + 1):
        remove_db(db)
        # (a) import into a fresh workspace
        r = checked(cmd_import, work)
        counts = import_counts(r)
        if counts["added"] != n or counts["rejected"] != 0:
            raise BenchError(f"import of {n} rows: expected {n} added and 0 rejected, got {counts}\n{r['stderr'][-2000:]}")
        size_after_import = db_bytes(db)
        steps["import"].append(_raw(r, counts=counts, db_bytes=size_after_import))

        # (c) metrics on the freshly imported workspace (also the "before" ticket count)
        r = checked(cmd_metrics, work)
        overall, trend_before = volumes(metrics_json(r))
        if overall <= 0:
            raise BenchError(f"{QUARTER} overall.volume is {overall} after importing {n} rows")
        steps["metrics"].append(_raw(r, overall_volume=overall, trend_volume=trend_before))

        # (b) re-import the same file into the populated workspace: update path, nothing added
        r = checked(cmd_import, work)
        counts = import_counts(r)
        if counts["added"] != 0 or counts["rejected"] != 0:
            raise BenchError(f"re-import of the same {n} rows added {counts['added']} "
                             f"and rejected {counts['rejected']} (expected 0 and 0): {counts}")
        steps["re-import"].append(_raw(r, counts=counts, db_bytes=db_bytes(db)))

        # Verification only (not timed in the table): the ticket count did not change.
        v = checked(cmd_metrics, work)
        overall_after, trend_after = volumes(metrics_json(v))
        if (overall_after, trend_after) != (overall, trend_before):
            raise BenchError(f"re-import changed the ticket count: {QUARTER} volume {overall} -> {overall_after}, "
                             f"trend volume sum {trend_before} -> {trend_after}")
        checks.append({"run": run, "overall_volume": overall, "trend_volume_before": trend_before,
                       "trend_volume_after": trend_after, "metrics_after_wall_s": v["wall_s"]})
        print(f"  run {run}/{runs}: import {steps['import'][-1]['wall_s']:.2f} s, "
              f"re-import {steps['re-import'][-1]['wall_s']:.2f} s "
              f"({counts['updated']} updated), metrics {steps['metrics'][-1]['wall_s']:.2f} s; "
              f"{QUARTER} volume {overall}, trend volume {trend_before} == {trend_after}")
    # In one process: the quarter cold, then recomputed after each change of the standards
    # (the tickets stay loaded), on the standards' own calendars and on China's.
    recompute = {}
    for label, extra in (("24x7", []), ("china", ["--calendar", "china"])):
        r = checked([sqm, "bench-recompute", "--db", str(db), "--quarter", QUARTER, "--runs", "5", *extra], work)
        j = json.loads(r["stdout"])
        recompute[label] = {"cold_s": j["cold_s"], "recompute_median_s": statistics.median(j["recompute_s"]),
                            "recompute_s": j["recompute_s"]}
        print(f"  recompute ({label}): cold {j['cold_s']:.2f} s, after a standard change "
              f"median {recompute[label]['recompute_median_s']:.3f} s of {j['recompute_s']}")
    if checks[-1]["trend_volume_before"] != n:
        print(f"  note: the 4 trend quarters hold {checks[-1]['trend_volume_before']} tickets, "
              f"the file {n} (all of them are opened within those quarters)")
    remove_db(db)
    return {
        "rows": n,
        "file": str(csv_path),
        "file_bytes": csv_path.stat().st_size,
        "commands": {"import": shlex.join(cmd_import), "re-import": shlex.join(cmd_import),
                     "metrics": shlex.join(cmd_metrics)},
        "runs": steps,
        "checks": checks,
        "recompute": recompute,
    }


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


def bench_event_log(sqm: str, out: Path, rows: int, runs: int) -> dict:
    """Import of a large event log (status histories, pauses) and recomputing a quarter in
    business time: on each standard's calendar, on China's working calendar, without pauses."""
    print(f"\n== event log, {rows:,} updates")
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    csv_path = data / f"eventlog_{rows}.csv"
    if not csv_path.exists():
        generate_event_log(csv_path, rows)
    work = out / "work"
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"eventlog_{rows}.sqm"
    cmd_import = [sqm, "import", str(csv_path), "--db", str(db)]
    base = [sqm, "metrics", "--db", str(db), "--quarter", EVENT_QUARTER, "--format", "json"]
    cmds = {
        "event-log import": cmd_import,
        "metrics (standards' calendars, pauses)": base,
        "metrics --calendar china": base + ["--calendar", "china"],
        "metrics --no-pauses": base + ["--no-pauses"],
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


def summarise(results: list[dict]) -> list[dict]:
    rows = []
    for res in results:
        n = res["rows"]
        for step in ("import", "re-import", "metrics"):
            runs = res["runs"][step]
            walls = [r["wall_s"] for r in runs]
            med = statistics.median(walls)
            rows.append({
                "rows": n,
                "step": step,
                "median_s": med,
                "min_s": min(walls),
                "max_s": max(walls),
                "rows_per_s": n / med if step != "metrics" and med > 0 else None,
                "peak_rss_mib": max(r["peak_kib"] for r in runs) / 1024,
                # False: some run's ru_maxrss was hidden under our own RSS (see run_child), so the
                # figure is (partly) a sampled VmHWM, a lower bound.
                "peak_rss_exact": all(r["peak_exact"] for r in runs),
                "median_cpu_s": statistics.median(r["user_s"] + r["sys_s"] for r in runs),
            })
    return rows


def markdown(summary: list[dict]) -> str:
    lines = ["| size | step | median s | min s | max s | rows/s | peak RSS MiB |",
             "|---:|---|---:|---:|---:|---:|---:|"]
    for s in summary:
        rps = f"{s['rows_per_s']:,.0f}" if s["rows_per_s"] is not None else "—"
        rss = ("" if s["peak_rss_exact"] else "~") + f"{s['peak_rss_mib']:.1f}"
        lines.append(f"| {s['rows']:,} | {s['step']} | {s['median_s']:.3f} | {s['min_s']:.3f} | "
                     f"{s['max_s']:.3f} | {rps} | {rss} |")
    return "\n".join(lines)


def details_table(results: list[dict]) -> str:
    lines = ["| size | CSV MiB | DB MiB after import | import CPU s | re-import CPU s | metrics CPU s | re-import updated |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for res in results:
        runs = res["runs"]
        cpu = {k: statistics.median(r["user_s"] + r["sys_s"] for r in v) for k, v in runs.items()}
        lines.append(f"| {res['rows']:,} | {res['file_bytes'] / 2**20:.1f} | "
                     f"{max(r['db_bytes'] for r in runs['import']) / 2**20:.1f} | "
                     f"{cpu['import']:.2f} | {cpu['re-import']:.2f} | {cpu['metrics']:.2f} | "
                     f"{max(r['counts']['updated'] for r in runs['re-import']):,} |")
    return "\n".join(lines)


def recompute_table(results: list[dict]) -> str:
    lines = ["Recompute after a standard change, in one process (`sqm bench-recompute`, median of 5):",
             "",
             "| size | calendar | cold s | recompute s |", "|---:|---|---:|---:|"]
    for res in results:
        for label, r in res.get("recompute", {}).items():
            lines.append(f"| {res['rows']:,} | {label} | {r['cold_s']:.3f} | {r['recompute_median_s']:.3f} |")
    return "\n".join(lines)


def environment(sqm: str) -> dict:
    try:
        out = subprocess.run([sqm, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
        version = out.splitlines()[0] if out else None
    except (OSError, subprocess.TimeoutExpired):
        version = None
    try:
        st = os.stat(sqm)
        built = dt.datetime.fromtimestamp(st.st_mtime).isoformat(timespec="seconds")
    except OSError:
        built = None
    return {
        "sqm": sqm,
        "sqm_version": version,
        "sqm_mtime": built,
        "cpus": os.cpu_count(),
        "loadavg_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "started": dt.datetime.now().isoformat(timespec="seconds"),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sqm", required=True, help="path to the sqm binary (make bench: target/release/sqm)")
    ap.add_argument("--out", required=True, type=Path, help="output directory (data cache, workspaces, results)")
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated row counts (default 10000,100000)")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is reported (default 3)")
    ap.add_argument("--event-log", type=int, default=120000,
                    help="updates in the generated event log (0: skip; default 120000)")
    args = ap.parse_args()

    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error(f"--sizes {args.sizes!r}: expected comma-separated integers, e.g. 10000,100000")
    if not sizes or any(n <= 0 or n > 9_999_999 for n in sizes):
        ap.error("--sizes: each size must be between 1 and 9,999,999 (INC + 7 digits)")
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    sqm = args.sqm if os.sep in args.sqm else f".{os.sep}{args.sqm}" if os.path.exists(args.sqm) else args.sqm
    if not (os.path.isfile(sqm) and os.access(sqm, os.X_OK)):
        ap.error(f"--sqm {args.sqm}: not an executable file (build it: cargo build --release -p sqm-cli)")

    command = shlex.join(["python3", *sys.argv])
    print(f"command: {command}")
    env = environment(sqm)
    print(f"sqm: {sqm} ({env['sqm_version']}, built {env['sqm_mtime']}); {env['cpus']} CPUs, "
          f"load average {env['loadavg_at_start'][0]:.2f}")
    if "/debug/" in sqm:
        print("warning: this is a debug build; numbers are not representative (make bench uses target/release/sqm)")
    args.out.mkdir(parents=True, exist_ok=True)

    results = []
    event_log = None
    try:
        for n in sizes:
            results.append(bench_size(sqm, args.out, n, args.runs))
        if args.event_log > 0:
            event_log = bench_event_log(sqm, args.out, args.event_log, args.runs)
    except BenchError as e:
        print(f"\nBENCH FAILED: {e}", file=sys.stderr)
        return 1

    summary = summarise(results)
    table = markdown(summary)
    details = details_table(results)
    env["finished"] = dt.datetime.now().isoformat(timespec="seconds")
    env["loadavg_at_end"] = os.getloadavg()
    md = "\n".join([
        "# SQM benchmark",
        "",
        f"Command: `{command}`",
        "",
        f"sqm: `{sqm}` ({env['sqm_version']}, built {env['sqm_mtime']}); {env['cpus']} CPUs; "
        f"load average {env['loadavg_at_start'][0]:.2f} at start, {env['loadavg_at_end'][0]:.2f} at end; "
        f"{args.runs} run(s) per step, median reported; peak RSS is the largest of the runs.",
        "",
        table,
        "",
        "Order per run: delete DB (+ -wal/-shm), import, metrics, re-import, metrics again (check only, untimed).",
        "",
        "- import, re-import: `" + shlex.join([sqm, "import", "FILE", "--db", "DB", "--format", "servicenow"]) + "`",
        "- metrics: `" + shlex.join([sqm, "metrics", "--db", "DB", "--quarter", QUARTER, "--format", "json"]) + "`",
        "",
        "Peak RSS: `~` marks a sampled VmHWM (lower bound), used when wait4's ru_maxrss was at the floor "
        "set by the benchmark process's own RSS; see README.",
        "",
        details,
        "",
        recompute_table(results),
        "",
        event_log_table(event_log) if event_log else "",
        "",
    ])
    (args.out / "results.md").write_text(md, encoding="utf-8")
    (args.out / "results.json").write_text(json.dumps({
        "command": command,
        "environment": env,
        "generator": {"version": GENERATOR_VERSION, "seed": SEED},
        "quarter": QUARTER,
        "summary": summary,
        "sizes": results,
        "event_log": event_log,
    }, indent=2), encoding="utf-8")
    print()
    print(table)
    print()
    print(details)
    print()
    print(recompute_table(results))
    if event_log:
        print()
        print(event_log_table(event_log))
    print(f"\nwrote {args.out / 'results.md'} and {args.out / 'results.json'}")
    print(f"command: {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
