#!/usr/bin/env bash
# The regulator's overview against the same aggregate written by hand, on a generated province, in one run.
#
#   swift build -c release
#   .build/release/dualprev generate --db /tmp/province.sqlite --enterprises 12500
#   bash Benchmarks/Scale/overview.sh /tmp/province.sqlite [runs]
#   bash Benchmarks/Scale/overview.sh postgres://dualprev@127.0.0.1:5432/province [runs]   (after `dualprev migrate`)
#
# Starts `dualprev serve` on the database, logs in as the province's regulator, then alternates: one GET / (the
# overview page) and one pass of the hand-written SQL (the same figures in the same statements: the hazards closed by
# now and those open now from the hazard index, the check records per enterprise and kind, the latest grades; the same
# visibility subquery, the first page and the count of the overdue and of the listed hazards) through the sqlite3
# shell or psql, one statement after another. Prints each pair, the median ratio, and the server's peak RSS (VmHWM).
set -euo pipefail
db=${1:?usage: overview.sh DB-FILE-OR-POSTGRES-URL [runs]}
runs=${2:-5}
bin=${DUALPREV_BIN:-./.build/release/dualprev}
port=${PORT:-18181}
password=${PASSWORD:-dualprev-demo-2026}
case "$db" in
  postgres://* | postgresql://*)
    command -v psql >/dev/null || { echo "needs psql (apt-get install postgresql-client)"; exit 1; }
    q() { psql -X -At -d "$db" -c "$1"; }
    # psql prints "Time: 12.345 ms" after each statement.
    timed() { psql -X -q -d "$db" -f "$1" 2>&1 | awk '/^Time:/ {s += $2} END {print s / 1000}'; }
    # The session as the program's: no JIT compilation (PostgresPool turns it off).
    timer=$'SET jit = off;\n\\timing on'
    serve_options=(--evidence "${EVIDENCE:-$(mktemp -d)}")
    ;;
  *)
    command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell (apt-get install sqlite3)"; exit 1; }
    q() { sqlite3 "$db" "$1"; }
    timed() { sqlite3 "$db" <"$1" 2>&1 | awk '/Run Time/ {s += $4} END {print s}'; }
    timer='.timer on'
    serve_options=()
    ;;
esac

now=$(date -u '+%Y-%m-%d %H:%M:%S.000')
since=$(date -u -d '12 months ago' '+%Y-%m-%d %H:%M:%S.000')
day=$(date -u -d '12 months ago' +%F); week=$(date -u -d '12 months ago' +%G-W%V); month=$(date -u -d '12 months ago' +%Y-%m)
root=$(q "SELECT id FROM jurisdiction WHERE parent_id IS NULL ORDER BY id LIMIT 1")
visible="(SELECT id FROM enterprise WHERE jurisdiction_id IN (WITH RECURSIVE sub(id) AS (SELECT CAST($root AS BIGINT) UNION SELECT j.id FROM jurisdiction j JOIN sub ON j.parent_id = sub.id) SELECT id FROM sub))"
overdue="state IN ('notified', 'rectifying', 'awaitingAcceptance') AND deadline <= CASE WHEN state = 'awaitingAcceptance' THEN coalesce((SELECT s.submitted_at FROM rectification_submission s WHERE s.hazard_id = hazard.id ORDER BY s.sequence DESC LIMIT 1), '$now') ELSE '$now' END"
listed="hazard.id IN (SELECT l.hazard_id FROM supervision_listing l WHERE l.lifted_at IS NULL AND l.sequence = (SELECT max(sequence) FROM supervision_listing WHERE hazard_id = l.hazard_id))"
# The two lists, as the program reads them: each page with no visibility condition when the regulator sees every
# enterprise (the province's does), else walking the table in id order; each count through the enterprise index.
page_where="+enterprise_id IN $visible"; count_where="enterprise_id IN $visible"
if [ "$(q "SELECT count(*) FROM $visible AS v")" = "$(q "SELECT count(*) FROM enterprise")" ]; then
  page_where="1 = 1"
fi
floor=$(mktemp)
cat >"$floor" <<SQL
$timer
SELECT count(*) FROM (
  SELECT enterprise_id, count(*), count(deadline), count(*) FILTER (WHERE closed_at < deadline) FROM hazard
  WHERE state = 'closed' AND closed_at <= '$now' AND found_at >= '$since' AND found_at <= '$now' AND enterprise_id IN $visible
  GROUP BY enterprise_id) AS t;
SELECT max(at) FROM audit_log;
SELECT count(*) FROM (
  SELECT enterprise_id, count(*) FILTER (WHERE found_at >= '$since'), count(*) FILTER (WHERE found_at >= '$since' AND deadline <= '$now'),
    count(*) FILTER (WHERE deadline <= '$now'),
    count(*) FILTER (WHERE grade = 'major' AND (deadline <= '$now' OR EXISTS (SELECT 1 FROM supervision_listing l
      WHERE l.hazard_id = hazard.id AND l.listed_at <= '$now' AND (l.lifted_at IS NULL OR l.lifted_at > '$now')))),
    count(*)
  FROM hazard WHERE state IN ('reported', 'notified', 'rectifying', 'awaitingAcceptance') AND found_at <= '$now'
    AND enterprise_id IN $visible
  GROUP BY enterprise_id) AS t;
SELECT count(*) FROM (SELECT enterprise_id, count(*) FROM check_run WHERE kind = 'daily' AND period >= '$day' AND performed_at <= '$now' AND enterprise_id IN $visible GROUP BY enterprise_id) AS t;
SELECT count(*) FROM (SELECT enterprise_id, count(*) FROM check_run WHERE kind = 'weekly' AND period >= '$week' AND performed_at <= '$now' AND enterprise_id IN $visible GROUP BY enterprise_id) AS t;
SELECT count(*) FROM (SELECT enterprise_id, count(*) FROM check_run WHERE kind = 'monthly' AND period >= '$month' AND performed_at <= '$now' AND enterprise_id IN $visible GROUP BY enterprise_id) AS t;
SELECT count(*) FROM (SELECT * FROM hazard WHERE $page_where AND $overdue ORDER BY id LIMIT 50) AS t;
SELECT count(*) FROM hazard WHERE $count_where AND $overdue;
SELECT count(*) FROM (SELECT * FROM hazard WHERE $page_where AND $listed ORDER BY id LIMIT 50) AS t;
SELECT count(*) FROM hazard WHERE $count_where AND $listed;
SELECT count(*) FROM (SELECT g.enterprise_id, g.grade FROM credit_grade g WHERE g.id = (SELECT id FROM credit_grade WHERE enterprise_id = g.enterprise_id ORDER BY computed_at DESC, id DESC LIMIT 1)) AS t;
SQL

"$bin" serve --db "$db" "${serve_options[@]}" --port "$port" >/dev/null 2>&1 &
server=$!
jar=$(mktemp)
trap 'kill $server 2>/dev/null || true; rm -f "$floor" "$jar"' EXIT
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.5; done
login=$(q "SELECT name FROM person WHERE role = 'regulator' AND jurisdiction_id = $root ORDER BY id LIMIT 1")
curl -fsS -c "$jar" -H 'content-type: application/json' -d "{\"login\":\"$login\",\"password\":\"$password\"}" \
    "http://127.0.0.1:$port/api/v1/session" >/dev/null
curl -fsS -b "$jar" -o /dev/null "http://127.0.0.1:$port/"  # warm-up
ratios=()
pages=()
for i in $(seq 1 "$runs"); do
  page=$(curl -fsS -b "$jar" -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/")
  sql=$(timed "$floor")
  ratio=$(awk -v a="$page" -v b="$sql" 'BEGIN {printf "%.2f", a / b}')
  ratios+=("$ratio")
  pages+=("$page")
  echo "run $i: overview ${page}s, hand-written SQL ${sql}s, ratio ${ratio}x"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
echo "median overview: $(median "${pages[@]}")s (compare these across sizes for the growth)"
echo "median ratio: $(median "${ratios[@]}")x"
grep VmHWM "/proc/$server/status"
