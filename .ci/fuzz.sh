#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer and AddressSanitizer, for a bounded time per target:
#   FuzzRules: the YAML rules loader (seeds: the shipped checklists and rules files);
#   FuzzCSV:   the CSV reader, the risk analysis table and the quality records table (seeds: Fuzz/Corpus/csv);
#   FuzzJSON:  every JSON body of the API, and the hazard routes' reading of theirs (seeds: Fuzz/Corpus/json).
# A crash fails CI and leaves the input in Fuzz/Crashers/<target>/: fix the code, keep the file, and
# Fuzz/RegressionTests replays it in every `swift test`. FUZZ_SECONDS sets the time per target (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
flags=(-Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld)
for target in FuzzRules FuzzCSV FuzzJSON; do
  # SwiftPM 6.3 loses its build description when one build path switches products ("unknown build description"):
  # start each product's build from a fresh description.
  rm -f .build-fuzz/debug.yaml .build-fuzz/build.db
  DUALPREV_FUZZ=1 swift build --build-path .build-fuzz --product "$target" "${flags[@]}" 2>&1 | grep -v "Cannot export local symbol"
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
run() {
  local target=$1 kind=$2; shift 2
  mkdir -p "$work/$kind" "Fuzz/Crashers/$kind"
  echo "fuzzing $target for $seconds s"
  if ! ./.build-fuzz/debug/"$target" "$work/$kind" "$@" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
    -artifact_prefix="Fuzz/Crashers/$kind/" -print_final_stats=1 2>"$work/$kind.log"; then
    tail -40 "$work/$kind.log"
    echo "$target crashed: the input is in Fuzz/Crashers/$kind/"
    status=1
  else
    grep -E "stat::number_of_executed_units|cov:" "$work/$kind.log" | tail -2
  fi
}
run FuzzRules rules checklists
run FuzzCSV csv Fuzz/Corpus/csv
run FuzzJSON json Fuzz/Corpus/json
exit $status
