#!/usr/bin/env bash
# Records the public API baseline that `mvn verify` compares every build with (japicmp): builds the jars of the
# modules whose API is supported (README.md, "Public API") and copies them to api-baseline/<module>.jar, with the
# commit they came from in api-baseline/RECORDED.
#
#   scripts/api-baseline.sh [maven options]   record from the working tree (commit it with the CHANGELOG entry)
#
# Run it only to announce a deliberate break (or at a release): in the same commit, CHANGELOG.md says under
# [Unreleased] what broke and what to use instead. Nothing is installed into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."

modules=(domain ports application adapters-memory adapters-vertx adapters-persistence)
list=$(IFS=,; echo "${modules[*]}")
mvn -B -ntp -q -pl "$list" -am package -DskipTests -Djapicmp.skip=true -Dmaven.javadoc.skip=true -Dmaven.source.skip=true "$@"

version=$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' pom.xml | head -1)
for module in "${modules[@]}"; do
  cp "$module/target/$module-$version.jar" "api-baseline/$module.jar"
done
{
  echo "version: $version"
  echo "commit: $(git rev-parse HEAD)$(git diff --quiet HEAD -- . ':!api-baseline' || echo ' (with uncommitted changes)')"
  echo "recorded: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} > api-baseline/RECORDED
echo "api-baseline/ recorded from $(sed -n 's/^commit: //p' api-baseline/RECORDED)"
