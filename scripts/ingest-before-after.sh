#!/usr/bin/env bash
# Ingest before and after, side by side in one run (docs/benchmarks.md, "Ingest with the limits off"): the same
# harness (this tree's benchmarks.jar: BenchmarkMain --only ingest --no-h2, i.e. the floor, fieldsync into
# PostgreSQL, the naive client (after side only: it does not change), and the page apply against a raw batched
# upsert) runs twice, back to back: first
# with the domain, application and adapters-persistence classes of <baseline> put first on the class path (the
# fingerprints, the sync loop and the page writers as they were), then as built from this tree.
#
#   scripts/ingest-before-after.sh <baseline-commit> [--quick]
#
# Build first (nothing is installed into ~/.m2): mvn -B -q -pl benchmarks -am package -DskipTests
# Writes docs/benchmarks-ingest-before.{json,csv} and docs/benchmarks-ingest-after.{json,csv}.
set -euo pipefail
base=${1:?baseline commit, e.g. the main commit the change started from}
quick=${2:-}
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "$jar missing: mvn -B -q -pl benchmarks -am package -DskipTests" >&2; exit 1; }
work=$(mktemp -d /tmp/ingest-baseline.XXXXXX)
trap 'rm -rf "$work"' EXIT
git archive "$base" | tar -x -C "$work"
mvn -B -q -o -f "$work/pom.xml" -pl domain,application,adapters-persistence -am compile -Dspotless.check.skip=true \
    -Dspotless.apply.skip=true >/dev/null
before_cp="$work/domain/target/classes:$work/application/target/classes:$work/adapters-persistence/target/classes:$jar"
mkdir -p benchmarks/target/bench-work/before benchmarks/target/bench-work/after
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M:%S) UTC"
echo "== before: $base"
java -Xmx2g -cp "$before_cp" dev.fieldsync.benchmarks.e2e.BenchmarkMain $quick --only ingest --no-h2 --no-naive \
    --out benchmarks/target/bench-work/before --work benchmarks/target/bench-work 2>benchmarks/target/bench-work/before.log
echo "== after: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo ' (with uncommitted changes)')"
java -Xmx2g -cp "$jar" dev.fieldsync.benchmarks.e2e.BenchmarkMain $quick --only ingest --no-h2 \
    --out benchmarks/target/bench-work/after --work benchmarks/target/bench-work 2>benchmarks/target/bench-work/after.log
echo "== load at the end $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M:%S) UTC"
for side in before after; do
  cp "benchmarks/target/bench-work/$side/benchmarks-results.json" "docs/benchmarks-ingest-$side.json"
  cp "benchmarks/target/bench-work/$side/benchmarks-results.csv" "docs/benchmarks-ingest-$side.csv"
done
# Joined by metric name (the after side has rows the before side lacks, e.g. the naive client's).
awk -F, 'NR == FNR { if ($1 == "ingest") before[$2] = $3; next }
         $1 == "ingest" { printf "%s | %s | %s | %s\n", $2, ($2 in before ? before[$2] : "-"), $3, $4 }' \
    docs/benchmarks-ingest-before.csv docs/benchmarks-ingest-after.csv
