#!/usr/bin/env python3
"""The peers of `make bench`: DuckDB and pandas on the same CSV files as SQM.

Runs inside the benchmark's virtual environment (tests/bench/requirements.txt), one step per
process so that bench.py can measure each step's peak RSS with wait4() as it does for sqm:

    peers.py versions                    {"duckdb": "...", "pandas": "...", "numpy": "...", "python": "..."}
    peers.py duckdb-load CSV DB          CREATE TABLE tickets AS SELECT * FROM read_csv(CSV) into the file DB
    peers.py duckdb-metrics DB           the 24x7 quarter metrics in SQL on that file
    peers.py pandas CSV                  read_csv with parse_dates, then the same 24x7 quarter metrics

Each prints one JSON object on stdout: the in-process timings (seconds, time.perf_counter(),
excluding the interpreter's start and the library import) and, for the metrics, the result rows
so that bench.py can check that DuckDB and pandas agree with each other and with SQM's volume.

The 24x7 quarter metrics (the same definition in SQL and in pandas): tickets opened in the
quarter (QUARTER_START <= opened_at < QUARTER_END), per business_service x priority:
  tickets              ticket count
  resolved             tickets with a resolved_at
  resolved_within_pct  of the resolved tickets whose priority has a target, the share resolved
                       within the resolution target (wall-clock hours, resolved_at - opened_at)
  response_within_pct  of the tickets with a first response (u_first_response) whose priority
                       has a target, the share that responded within the response target
  median_h, p90_h      median and 90th percentile (linear interpolation) of the resolution hours
Targets: the plan's default standard (TARGETS below); "5 - Planning" has none (its shares are null).
"""

from __future__ import annotations

import json
import math
import sys
import time

QUARTER_START = "2026-07-01"
QUARTER_END = "2026-10-01"
# priority -> (response target hours, resolution target hours)
TARGETS = {
    "1 - Critical": (0.25, 4),
    "2 - High": (0.5, 8),
    "3 - Moderate": (4, 24),
    "4 - Low": (8, 72),
}
DATE_COLUMNS = ["opened_at", "sys_updated_on", "resolved_at", "closed_at", "u_first_response"]
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
FIELDS = ["service", "priority", "tickets", "resolved", "resolved_within_pct",
          "response_within_pct", "median_h", "p90_h"]


def _case(column: str, index: int) -> str:
    whens = " ".join(f"WHEN '{p}' THEN {t[index]}" for p, t in TARGETS.items())
    return f"CASE {column} {whens} END"


METRICS_SQL = f"""
SELECT service, priority,
       count(*) AS tickets,
       count(res_h) AS resolved,
       100 * avg(CASE WHEN res_h IS NOT NULL AND res_t IS NOT NULL
                      THEN CAST(res_h <= res_t AS DOUBLE) END) AS resolved_within_pct,
       100 * avg(CASE WHEN resp_h IS NOT NULL AND resp_t IS NOT NULL
                      THEN CAST(resp_h <= resp_t AS DOUBLE) END) AS response_within_pct,
       quantile_cont(res_h, 0.5) AS median_h,
       quantile_cont(res_h, 0.9) AS p90_h
FROM (
    SELECT business_service AS service, priority,
           epoch(resolved_at - opened_at) / 3600.0 AS res_h,
           epoch(u_first_response - opened_at) / 3600.0 AS resp_h,
           {_case('priority', 1)} AS res_t,
           {_case('priority', 0)} AS resp_t
    FROM tickets
    WHERE opened_at >= TIMESTAMP '{QUARTER_START}' AND opened_at < TIMESTAMP '{QUARTER_END}'
)
GROUP BY service, priority
ORDER BY service, priority
"""


def _clean(v):
    if v is None:
        return None
    if isinstance(v, float):
        return None if math.isnan(v) else v
    if hasattr(v, "item"):  # numpy scalar
        return _clean(v.item())
    return v


def versions() -> dict:
    import duckdb
    import numpy
    import pandas
    return {"duckdb": duckdb.__version__, "pandas": pandas.__version__, "numpy": numpy.__version__,
            "python": sys.version.split()[0]}


def duckdb_load(csv_path: str, db_path: str) -> dict:
    import duckdb
    t0 = time.perf_counter()
    con = duckdb.connect(db_path)
    (rows,) = con.execute(
        "CREATE TABLE tickets AS SELECT * FROM read_csv(?)", [csv_path]).fetchone()
    t1 = time.perf_counter()
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    types = dict((r[0], r[1]) for r in con.execute("DESCRIBE tickets").fetchall())
    t2 = time.perf_counter()
    con.close()  # checkpoint: the table is on disk when this returns
    t3 = time.perf_counter()
    return {"load_s": (t1 - t0) + (t3 - t2), "rows": rows, "threads": threads,
            "types": {c: types.get(c) for c in DATE_COLUMNS}}


def duckdb_metrics(db_path: str) -> dict:
    import duckdb
    t0 = time.perf_counter()
    con = duckdb.connect(db_path, read_only=True)
    t1 = time.perf_counter()
    rows = con.execute(METRICS_SQL).fetchall()
    t2 = time.perf_counter()
    con.close()
    return {"open_s": t1 - t0, "query_s": t2 - t1,
            "result": [dict(zip(FIELDS, map(_clean, r))) for r in rows]}


def pandas_metrics(df):
    import pandas as pd
    opened = df["opened_at"]
    q = df.loc[(opened >= pd.Timestamp(QUARTER_START)) & (opened < pd.Timestamp(QUARTER_END)),
               ["business_service", "priority", "opened_at", "resolved_at", "u_first_response"]]
    res_h = (q["resolved_at"] - q["opened_at"]).dt.total_seconds() / 3600.0
    resp_h = (q["u_first_response"] - q["opened_at"]).dt.total_seconds() / 3600.0
    res_t = q["priority"].map({p: t[1] for p, t in TARGETS.items()}).astype("float64")
    resp_t = q["priority"].map({p: t[0] for p, t in TARGETS.items()}).astype("float64")
    frame = pd.DataFrame({
        "service": q["business_service"],
        "priority": q["priority"],
        "res_h": res_h,
        "res_ok": (res_h <= res_t).astype("float64").where(res_h.notna() & res_t.notna()),
        "resp_ok": (resp_h <= resp_t).astype("float64").where(resp_h.notna() & resp_t.notna()),
    })
    g = frame.groupby(["service", "priority"], sort=True)
    out = pd.DataFrame({
        "tickets": g.size(),
        "resolved": g["res_h"].count(),
        "resolved_within_pct": g["res_ok"].mean() * 100,
        "response_within_pct": g["resp_ok"].mean() * 100,
        "median_h": g["res_h"].median(),
        "p90_h": g["res_h"].quantile(0.9),
    })
    return out


def pandas_run(csv_path: str) -> dict:
    import pandas as pd
    t0 = time.perf_counter()
    df = pd.read_csv(csv_path, parse_dates=DATE_COLUMNS, date_format=DATE_FORMAT)
    t1 = time.perf_counter()
    out = pandas_metrics(df)
    t2 = time.perf_counter()
    result = [dict(zip(FIELDS, map(_clean, (svc, prio, *row))))
              for (svc, prio), row in zip(out.index, out.itertuples(index=False, name=None))]
    return {"read_s": t1 - t0, "metrics_s": t2 - t1, "rows": len(df),
            "types": {c: str(df[c].dtype) for c in DATE_COLUMNS}, "result": result}


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[1], argv[2:]
    if cmd == "versions" and not args:
        out = versions()
    elif cmd == "duckdb-load" and len(args) == 2:
        out = duckdb_load(*args)
    elif cmd == "duckdb-metrics" and len(args) == 1:
        out = duckdb_metrics(*args)
    elif cmd == "pandas" and len(args) == 1:
        out = pandas_run(*args)
    else:
        print(f"unknown command or arguments: {argv[1:]}\n{__doc__}", file=sys.stderr)
        return 2
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
