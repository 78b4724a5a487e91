#!/usr/bin/env bash
# Interleaved pairs of the import against DuckDB's load, on a machine whose speed drifts: each
# pair runs `sqm import` (whole process, a new workspace) and then DuckDB's load (in-process
# time, as `make bench` compares them) on the same file, so both see the same machine. Prints
# "sqm_s duckdb_s ratio" per pair, then the median ratio and how many pairs were below 1.
#
#   tests/bench/pairs.sh [pairs] [csv]     (after `make bench`, which builds and installs both)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-12}
CSV=${2:-.out/bench/data/servicenow_v1_seed20260930_1000000.csv}
SQM=target/release/sqm
PY=.out/bench-venv/bin/python
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for _ in $(seq 1 "$N"); do
  rm -f "$WORK"/p.sqm* "$WORK"/p.duckdb*
  start=$(date +%s.%N)
  "$SQM" import --db "$WORK/p.sqm" --format servicenow "$CSV" >/dev/null
  end=$(date +%s.%N)
  duck=$("$PY" tests/bench/peers.py duckdb-load "$CSV" "$WORK/p.duckdb" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["load_s"])')
  python3 -c "s = $end - $start; d = $duck; print(f'{s:.3f} {d:.3f} {s / d:.3f}')"
done | tee "$WORK/pairs.txt"
python3 - "$WORK/pairs.txt" <<'PY'
import statistics, sys
r = [float(l.split()[2]) for l in open(sys.argv[1])]
print(f"median SQM / DuckDB {statistics.median(r):.3f}; {sum(x < 1 for x in r)} of {len(r)} pairs below 1")
PY
