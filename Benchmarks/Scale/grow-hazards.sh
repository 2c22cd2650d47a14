#!/usr/bin/env bash
# Grows the hazards of a PostgreSQL province to TARGET rows, for judging reads at sizes the generator would take days
# to write: copies of the generated hazards (every column as generated, a new id, the number suffixed with the
# copy's round) with their supervision listings and rectification submissions, so that each enterprise keeps the same
# mix of states, grades, deadlines and listings, only more of it. The copies have no audit entries: a grown database
# is for timing reads, and `audit verify` reports them as rows added behind the program's back.
#
# HISTORY=1 copies only the hazards closed or cancelled and found more than a year ago: a province with a longer past,
# whose open hazards and last twelve months stay as generated (the figures of the overview then stay the same).
#
#   dualprev generate --db /tmp/province.sqlite --enterprises 1250
#   dualprev migrate --db /tmp/province.sqlite --to postgres://dualprev@127.0.0.1:5432/province --evidence-to /tmp/province.evidence
#   bash Benchmarks/Scale/grow-hazards.sh postgres://dualprev@127.0.0.1:5432/province 1000000
set -euo pipefail
url=${1:?usage: grow-hazards.sh POSTGRES-URL TARGET}
target=${2:?usage: grow-hazards.sh POSTGRES-URL TARGET}
psql=(psql -X -v ON_ERROR_STOP=1 -q -At -d "$url")
which="TRUE"
if [ "${HISTORY:-0}" = 1 ]; then
  which="state IN ('closed', 'cancelled') AND found_at < '$(date -u -d '12 months ago' '+%Y-%m-%d %H:%M:%S.000')'"
fi

have=$("${psql[@]}" -c "SELECT count(*) FROM hazard")
# The generated hazards are those with numbers of the generator's form; copies carry a '/round' suffix.
base=$("${psql[@]}" -c "SELECT count(*) FROM hazard WHERE position('/' IN number) = 0 AND $which")
[ "$base" -gt 0 ] || { echo "no generated hazards to copy"; exit 1; }
if [ "$have" -ge "$target" ]; then
  echo "already $have hazards (target $target)"
  exit 0
fi
step=$("${psql[@]}" -c "SELECT max(id) FROM hazard WHERE position('/' IN number) = 0")
round=$("${psql[@]}" -c "SELECT coalesce(max(split_part(number, '/', 2)::bigint), 0) FROM hazard WHERE position('/' IN number) > 0")
echo "$have hazards, $base generated; growing to $target"
start=$(date +%s)
while [ "$have" -lt "$target" ]; do
  round=$((round + 1))
  need=$((target - have))
  # One round per transaction: the generated hazards again (the first `need` of them in the last round).
  "${psql[@]}" <<SQL
BEGIN;
CREATE TEMP TABLE pick ON COMMIT DROP AS
  SELECT id FROM hazard WHERE position('/' IN number) = 0 AND $which ORDER BY id LIMIT $need;
INSERT INTO hazard (id, number, enterprise_id, workshop_id, team_id, post_id, risk_point_id, check_item_ref, source, grade,
                    description, location, found_by, found_at, state, owner_id, owner_role, deadline, closed_at)
  SELECT h.id + $round * $step, h.number || '/' || $round, h.enterprise_id, h.workshop_id, h.team_id, h.post_id, h.risk_point_id,
         h.check_item_ref, h.source, h.grade, h.description, h.location, h.found_by, h.found_at, h.state, h.owner_id,
         h.owner_role, h.deadline, h.closed_at
  FROM hazard h JOIN pick USING (id);
INSERT INTO rectification_submission (hazard_id, sequence, rectifier_id, submitted_at, measures_taken, completed_at, funds, evidence)
  SELECT s.hazard_id + $round * $step, s.sequence, s.rectifier_id, s.submitted_at, s.measures_taken, s.completed_at, s.funds, s.evidence
  FROM rectification_submission s JOIN pick ON pick.id = s.hazard_id;
INSERT INTO supervision_listing (hazard_id, sequence, listed_by, jurisdiction_id, listed_at, "order", lifted_by, lifted_at, lift_note)
  SELECT l.hazard_id + $round * $step, l.sequence, l.listed_by, l.jurisdiction_id, l.listed_at, l."order", l.lifted_by, l.lifted_at, l.lift_note
  FROM supervision_listing l JOIN pick ON pick.id = l.hazard_id;
COMMIT;
SQL
  have=$("${psql[@]}" -c "SELECT count(*) FROM hazard")
  printf '\r%s hazards after round %s (%ss)' "$have" "$round" "$(($(date +%s) - start))" >&2
done
echo >&2
"${psql[@]}" -c "SELECT dualprev_sync_identities()" >/dev/null
"${psql[@]}" -c "VACUUM ANALYZE hazard" -c "VACUUM ANALYZE rectification_submission" -c "VACUUM ANALYZE supervision_listing"
echo "$have hazards in $(($(date +%s) - start)) s"
