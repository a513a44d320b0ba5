#!/usr/bin/env bash
# What reading a command costs with and without RecordCreators, in one hot loop (after ./mvnw install -DskipTests):
#   docs/benchmarks/results/processor-per-command/read-command.sh [path/to/java]
set -euo pipefail
cd "$(dirname "$0")/../../../.."
./mvnw -q -B dependency:build-classpath -pl shared-events -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/shared-events/target/read-command.cp"
"${1:-java}" -cp "shared-events/target/classes:$(cat shared-events/target/read-command.cp)" \
  docs/benchmarks/results/processor-per-command/ReadCommand.java
