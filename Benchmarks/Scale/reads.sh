#!/usr/bin/env bash
# A hazard list page, grading every enterprise, and the ledger export, each against the same rows read by hand-written
# SQL in the sqlite3 shell, on a generated province, in one run.
#
#   swift build -c release --product dualprev
#   .build/release/dualprev generate --db /tmp/province.sqlite --enterprises 1250
#   bash Benchmarks/Scale/reads.sh /tmp/province.sqlite [runs]
#   JOBS="page" bash Benchmarks/Scale/reads.sh /tmp/province.sqlite 9     # only some of page, grading, export
#
# The floors only read (and discard) the rows each program reads: no scoring, no CSV, no HTTP. So the ratios say what
# the program adds to the database's own work. Peak RSS is the process's (GNU time %M).
set -euo pipefail
db=${1:?usage: reads.sh DB [runs]}
jobs=" ${JOBS:-page grading export} "
runs=${2:-3}
bin=${DUALPREV_BIN:-./.build/release/dualprev}
port=${PORT:-18182}
password=${PASSWORD:-dualprev-demo-2026}
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell (apt-get install sqlite3)"; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)"; exit 1; }

root=$(sqlite3 "$db" "SELECT id FROM jurisdiction WHERE parent_id IS NULL ORDER BY id LIMIT 1")
login=$(sqlite3 "$db" "SELECT name FROM person WHERE role = 'regulator' AND jurisdiction_id = $root ORDER BY id LIMIT 1")
visible="(SELECT id FROM enterprise WHERE jurisdiction_id IN (WITH RECURSIVE sub(id) AS (SELECT $root UNION SELECT j.id FROM jurisdiction j JOIN sub ON j.parent_id = sub.id) SELECT id FROM sub))"
hazards=$(sqlite3 "$db" "SELECT count(*) FROM hazard")
enterprises=$(sqlite3 "$db" "SELECT count(*) FROM enterprise")
echo "$db: $enterprises enterprises, $hazards hazards"
parts="rectification_notice governance_plan extension_request rectification_submission acceptance supervision_listing hazard_cancellation"

# Sum of the statements' real time, in seconds, for SQL on standard input.
floor() { (echo ".timer on"; echo ".output /dev/null"; cat) | sqlite3 "$db" 2>&1 | awk '/Run Time/ {s += $4} END {printf "%.3f", s}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

page_sql() {
  # As a hand-written query would, and the program does: the province's regulator sees every enterprise, so neither the
  # count nor the page needs the visibility condition; otherwise the page walks the table in id order (the unary +
  # keeps SQLite off the enterprise index, which would sort every visible hazard first) and the count takes the index.
  local page_where="+enterprise_id IN $visible" count_where="enterprise_id IN $visible"
  if [ "$(sqlite3 "$db" "SELECT count(*) FROM $visible")" = "$enterprises" ]; then page_where=1; count_where=1; fi
  echo "SELECT count(*) FROM hazard WHERE $count_where;"
  echo "SELECT * FROM hazard WHERE $page_where ORDER BY id LIMIT 100;"
  for p in $parts; do
    echo "SELECT * FROM $p WHERE hazard_id IN (SELECT id FROM hazard WHERE $page_where ORDER BY id LIMIT 100);"
  done
}
all_hazards_sql() {
  echo "SELECT * FROM hazard WHERE +enterprise_id IN $visible ORDER BY id;"
  for p in $parts; do echo "SELECT * FROM $p WHERE hazard_id IN (SELECT id FROM hazard WHERE enterprise_id IN $visible);"; done
  for t in enterprise; do echo "SELECT * FROM $t WHERE id IN $visible;"; done
  for t in person workshop; do echo "SELECT * FROM $t WHERE enterprise_id IN $visible;"; done
}
grading_sql() {
  # What CreditInputLoader reads, statement for statement: the enterprises, what the figures read of their hazards
  # (the row's dates, grade and risk point with the notice's dates, the extension and the cancellation joined by the
  # hazard's key, then the listings; those found before the window and closed by its end, the last 12 months to now,
  # by their risk point and closing instant only), risk point ids, grading dates, check plans, check records'
  # plan/period/date, when points and people were added, quality records, people, the latest stored grade and
  # black-list entries.
  local stamped="found_at < '$(date -u -d '12 months ago' '+%F %T')' AND closed_at IS NOT NULL AND closed_at <= '$(date -u '+%F %T')'"
  echo "SELECT * FROM enterprise WHERE id IN $visible;"
  echo "SELECT h.id, h.enterprise_id, h.grade, h.risk_point_id, h.found_at, h.closed_at, c.cancelled_at, n.issued_at,
    n.deadline, e.state, e.decided_at, e.previous_deadline, e.requested_deadline FROM hazard h
    LEFT JOIN rectification_notice n ON n.hazard_id = h.id LEFT JOIN extension_request e ON e.hazard_id = h.id
    LEFT JOIN hazard_cancellation c ON c.hazard_id = h.id
    WHERE h.enterprise_id IN $visible AND NOT ($stamped) ORDER BY h.id;"
  echo "SELECT l.hazard_id, l.listed_at, l.lifted_at FROM supervision_listing l JOIN hazard h ON h.id = l.hazard_id
    WHERE h.enterprise_id IN $visible AND NOT ($stamped) ORDER BY l.hazard_id, l.sequence;"
  echo "SELECT enterprise_id, risk_point_id, closed_at FROM hazard WHERE enterprise_id IN $visible AND $stamped AND risk_point_id IS NOT NULL;"
  echo "SELECT id, enterprise_id FROM risk_point WHERE enterprise_id IN $visible ORDER BY id;"
  echo "SELECT risk_point_id, graded_at FROM risk_grading WHERE risk_point_id IN (SELECT id FROM risk_point WHERE enterprise_id IN $visible) ORDER BY risk_point_id, sequence;"
  echo "SELECT plan_id, enterprise_id, period, performed_at FROM check_run WHERE enterprise_id IN $visible;"
  for t in check_plan quality_record person; do echo "SELECT * FROM $t WHERE enterprise_id IN $visible ORDER BY id;"; done
  for t in risk_point person; do
    echo "SELECT o.enterprise_id, o.id, (SELECT min(at) FROM audit_log WHERE object_type = '$t' AND object_id = o.id AND enterprise_id = o.enterprise_id) FROM $t AS o WHERE o.enterprise_id IN $visible;"
  done
  echo "SELECT g.* FROM credit_grade g WHERE g.enterprise_id IN $visible AND g.id = (SELECT id FROM credit_grade WHERE enterprise_id = g.enterprise_id ORDER BY as_of DESC, id DESC LIMIT 1);"
  echo "SELECT * FROM list_entry WHERE enterprise_id IN $visible AND list = 'black' ORDER BY id;"
}

if [[ $jobs == *" page "* ]]; then
  # 1. One page of GET /api/v1/hazards (100 rows and the total) over HTTP.
  "$bin" serve --db "$db" --port "$port" >/dev/null 2>&1 &
  server=$!
  jar=$(mktemp)
  trap 'kill $server 2>/dev/null || true; rm -f "$jar"' EXIT
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fsS -c "$jar" -H 'content-type: application/json' -d "{\"login\":\"$login\",\"password\":\"$password\"}" \
    "http://127.0.0.1:$port/api/v1/session" >/dev/null
  curl -fsS -b "$jar" -o /dev/null "http://127.0.0.1:$port/api/v1/hazards?limit=100"  # warm-up
  ratios=()
  for i in $(seq 1 "$runs"); do
    t=$(curl -fsS -b "$jar" -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/v1/hazards?limit=100")
    s=$(page_sql | floor)
    ratios+=("$(ratio "$t" "$s")")
    echo "hazard page: program ${t}s, SQL ${s}s"
  done
  echo "hazard page median ratio: $(median "${ratios[@]}")x"
  kill $server 2>/dev/null || true
fi

# 2. Grading every enterprise (not stored) and 3. the whole ledger as CSV, with their peak RSS.
for job in grading export; do
  [[ $jobs == *" $job "* ]] || continue
  ratios=()
  for i in $(seq 1 "$runs"); do
    if [ "$job" = grading ]; then
      out=$( { /usr/bin/time -f '%e %M' "$bin" credit grade --db "$db" --as "$login" --all --preview --format json >/dev/null; } 2>&1 | tail -1)
      s=$(grading_sql | floor)
    else
      out=$( { /usr/bin/time -f '%e %M' "$bin" hazard export --db "$db" --as "$login" >/dev/null; } 2>&1 | tail -1)
      s=$(all_hazards_sql | floor)
    fi
    t=${out% *}
    ratios+=("$(ratio "$t" "$s")")
    echo "$job: program ${t}s (peak RSS ${out#* } KB), SQL ${s}s"
  done
  echo "$job median ratio: $(median "${ratios[@]}")x"
done
