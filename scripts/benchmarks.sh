#!/usr/bin/env bash
# Builds what the measurements need and runs them all; writes docs/benchmarks-results.{json,csv},
# docs/benchmarks-jmh.json and docs/benchmarks.png. See docs/benchmarks.md.
#
#   scripts/benchmarks.sh                 full run (about 20 minutes on a 2-core machine; the H2 ingest alone takes 5)
#   scripts/benchmarks.sh --quick         small sizes and short JMH runs (about 5 minutes)
#   scripts/benchmarks.sh --only budget,ingest,latency,memory   a subset of the end-to-end measurements
#   scripts/benchmarks.sh --no-jmh | --jmh-only | --no-build
#   scripts/benchmarks.sh --only fleet --no-jmh   issue 15's 100 integrations x 2,000 jobs on one instance (about 5
#                                     minutes; writes docs/benchmarks-fleet.{json,csv}; not in the default set)
#
# PostgreSQL: 127.0.0.1:5432, database test, user postgres (FIELDSYNC_BENCH_PG_URL / _USER / _PASSWORD);
# each run uses a fresh schema and drops it. Without PostgreSQL the PostgreSQL figures are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=""
only="budget,ingest,latency,memory"
jmh=1
e2e=1
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick="--quick" ;;
    --only) only="$2"; shift ;;
    --no-jmh) jmh=0 ;;
    --jmh-only) e2e=0 ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 64 ;;
  esac
  shift
done

if [ "$build" = 1 ]; then
  echo "== building benchmarks and the modules it needs (incl. the standalone sandbox jar)"
  mvn -B -q -o -pl benchmarks -am install -DskipTests
fi
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "$jar missing: run without --no-build" >&2; exit 1; }
mkdir -p docs benchmarks/target/bench-work

echo "== machine: $(nproc) cores, $(free -m | awk '/Mem:/{print $2}') MB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$e2e" = 1 ]; then
  java -Xmx1g -cp "$jar" dev.fieldsync.benchmarks.e2e.BenchmarkMain $quick --only "$only" --out docs \
    --work benchmarks/target/bench-work 2> benchmarks/target/bench-work/e2e-stderr.log
fi
if [ "$jmh" = 1 ]; then
  echo "== JMH"
  if [ -n "$quick" ]; then jmh_opts="-f 1 -wi 2 -w 1 -i 3 -r 1"; else jmh_opts="-f 2 -wi 3 -w 1 -i 5 -r 1"; fi
  # shellcheck disable=SC2086
  java -jar "$jar" $jmh_opts -rf json -rff docs/benchmarks-jmh.json 2>/dev/null | grep -E '^(Benchmark|[A-Za-z]+Benchmarks\.)'
fi
echo "== done: docs/benchmarks-results.json, docs/benchmarks-results.csv, docs/benchmarks-jmh.json, docs/benchmarks.png"
