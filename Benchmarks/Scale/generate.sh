#!/usr/bin/env bash
# The province generator against SQLite loading the same rows itself, in one run.
#
#   swift build -c release --product dualprev
#   bash Benchmarks/Scale/generate.sh [enterprises] [hazards-per-enterprise]
#
# Generates a province into a new database (the figure is the generator's own time, from its JSON summary), dumps
# that database as SQL text (`sqlite3 .dump`, untimed) and times the sqlite3 shell loading the dump into an empty
# file: the same rows, schema, indexes, triggers and CHECK constraints, one transaction, no decisions, no encoding,
# no hashing (and no foreign-key checks: the dump turns them off). Prints both times, rows/s and the ratio.
set -euo pipefail
enterprises=${1:-100}
hazards=${2:-80}
bin=${DUALPREV_BIN:-./.build/release/dualprev}
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell (apt-get install sqlite3)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" generate --db "$work/province.sqlite" --enterprises "$enterprises" --hazards-per-enterprise "$hazards" \
  --as-of 2026-11-29 --format json >"$work/summary.json"
read -r seconds rows < <(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["seconds"], s["rows"])' "$work/summary.json")
sqlite3 "$work/province.sqlite" .dump >"$work/dump.sql"
start=$(date +%s.%N)
sqlite3 "$work/floor.sqlite" <"$work/dump.sql"
end=$(date +%s.%N)
python3 - "$seconds" "$rows" "$start" "$end" "$enterprises" "$hazards" <<'PY'
import sys
seconds, rows, start, end = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
floor = end - start
print(f"{sys.argv[5]} enterprises x {sys.argv[6]} hazards: {rows} rows")
print(f"generator {seconds:.1f} s ({rows / seconds:.0f} rows/s); sqlite3 loading the same rows {floor:.1f} s ({rows / floor:.0f} rows/s)")
print(f"ratio {seconds / floor:.2f}x")
PY
