#!/usr/bin/env bash
# Measures Jobs.applyPage side by side: the adapter as of a baseline commit against the working tree (with
# fieldsync.mirror.durable-page-commits=true, then with the default relaxed page commits; on h2 only the latter),
# in one run, alternating old/durable/new for several rounds (other processes share the machine), then prints the medians.
# Usage (from the repository root, after `mvn -B -q -o -pl adapters-persistence install -DskipTests`):
#   adapters-persistence/measure-applypage.sh <baseline-commit> [rounds=5] [pg|h2] [jobs=10000]
# Both sides run the working tree's probe (support.ApplyPageThroughput, test classes) on a fresh schema each; the
# baseline side puts the baseline's compiled main classes and migrations first on the class path.
set -euo pipefail
base=${1:?baseline commit, e.g. c7d7846}
rounds=${2:-5}
db=${3:-pg}
jobs=${4:-10000}
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d /tmp/applypage-baseline.XXXXXX)
trap 'rm -rf "$work"' EXIT
git -C "$root" archive "$base" pom.xml adapters-persistence | tar -x -C "$work"
mvn -B -q -o -f "$work/adapters-persistence/pom.xml" compile >/dev/null
mvn -B -q -o -f "$root/adapters-persistence/pom.xml" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$work/cp.txt" >/dev/null
deps=$(cat "$work/cp.txt")
module="$root/adapters-persistence"
old_cp="$work/adapters-persistence/target/classes:$module/target/test-classes:$deps"
new_cp="$module/target/classes:$module/target/test-classes:$deps"
probe=dev.fieldsync.adapters.persistence.support.ApplyPageThroughput
: > "$work/old.txt"; : > "$work/durable.txt"; : > "$work/new.txt"
durable_cp=$new_cp
cd "$module"   # H2 files go to adapters-persistence/target/h2
sides="old durable new"
[ "$db" = h2 ] && sides="old new"   # durable-page-commits only changes PostgreSQL commits
echo "load before: $(uptime)"
for round in $(seq 1 "$rounds"); do
    for side in $sides; do
        cp_var=${side}_cp
        flags=()
        [ "$side" = durable ] && flags=(-Dfieldsync.mirror.durable-page-commits=true)
        out=$(java "${flags[@]}" -cp "${!cp_var}" $probe "$db" "$jobs" 2>/dev/null)
        line=$(echo "$out" | grep 'applyPage')
        echo "round $round $side: $line"
        echo "$out" | grep 'by segment' | sed "s/^/round $round $side: /" || true
        echo "$line" | sed -E 's/.*new ([0-9]+) .*unchanged ([0-9]+) .*changed ([0-9]+) .*/\1 \2 \3/' >> "$work/$side.txt"
    done
done
echo "load after: $(uptime)"
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for side in $sides; do
    printf '%s median jobs/s: new %s, unchanged %s, changed %s\n' "$side" \
        "$(cut -d' ' -f1 "$work/$side.txt" | median)" "$(cut -d' ' -f2 "$work/$side.txt" | median)" \
        "$(cut -d' ' -f3 "$work/$side.txt" | median)"
done
