#!/usr/bin/env bash
# The long form of the reliability suite (docs/reliability.md); the short form runs in `mvn verify`.
#
#   scripts/reliability-long.sh            500 submissions through faults, 5,000 jobs, 3,000 fuzzed requests,
#                                          crash tests repeated with 5 seeds (about 15-20 minutes)
#   scripts/reliability-long.sh --rounds N repeat the crash tests N times
#
# Needs app-micronaut/target/fieldsync.jar for the service-level tests (crash, scale-out, fuzz) and
# PostgreSQL at 127.0.0.1:5432 (database test, user postgres) for scale-out; they are skipped without.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=5
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
  shift
done
mkdir -p benchmarks/target/reliability-long
log=benchmarks/target/reliability-long/summary.txt
: > "$log"
run() {
  local name="$1"; shift
  echo "== $name"
  rm -f benchmarks/target/surefire-reports/*-output.txt  # only this run's RESULT lines in the summary
  if mvn -B -q -o -pl benchmarks test -Dsurefire.failIfNoSpecifiedTests=false "$@" > "benchmarks/target/reliability-long/$name.log" 2>&1; then
    echo "$name: PASS" | tee -a "$log"
  else
    echo "$name: FAIL (benchmarks/target/reliability-long/$name.log)" | tee -a "$log"
  fi
  grep -h -E "SOAK RESULT|CRASH RESULT|SCALEOUT RESULT|FUZZ RESULT|SERVICE-CRASH RESULT" \
    benchmarks/target/surefire-reports/*-output.txt 2>/dev/null | tee -a "$log" || true
}
run soak -Dtest=FaultSoakTest -Dfieldsync.soak.submissions=500 -Dfieldsync.soak.jobs=5000
run webhooks -Dtest=WebhookReliabilityTest
run fuzz -Dtest=BadInputFuzzTest -Dfieldsync.fuzz.requests=3000
run scaleout -Dtest=ScaleOutTest
for i in $(seq 1 "$rounds"); do
  run "crash-$i" -Dtest='CrashRecoveryTest,ServiceCrashTest,ChangeFeedServiceCrashTest'
done
echo "== summary in $log"
grep -c ': PASS$' "$log" | xargs echo "passed runs:"
! grep -q ': FAIL ' "$log"
