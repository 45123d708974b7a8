#!/usr/bin/env bash
# ./skiff bench api [--pods N] [--concurrency C] [--backends embedded,etcd] [--port-base P]
#                   [--api-server-jvm "OPTIONS"]
# The api-server's pod create, get and list throughput and p50/p99 latency on each store backend,
# beside raw etcd put throughput measured on this machine in the same run. Builds the api-server
# and the bench jar when they are missing or older than the sources, then runs the bench jar
# (bench/src/main/java/dev/skiff/bench/ApiBenchmark.java), which starts and stops everything it needs.
set -euo pipefail

SKIFF_ROOT=${SKIFF_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}
SKIFF_HOME=$(realpath -m "${SKIFF_HOME:-$SKIFF_ROOT/.skiff}")

# shellcheck source=deploy/lib/common.sh
source "$SKIFF_ROOT/deploy/lib/common.sh"
# shellcheck source=deploy/lib/build.sh
source "$SKIFF_ROOT/deploy/lib/build.sh"

API_SERVER_JAR=$SKIFF_ROOT/api-server/target/quarkus-app/quarkus-run.jar
BENCH_JAR=$SKIFF_ROOT/bench/target/skiff-bench.jar

require_java
needed=("$BENCH_JAR")
wants_help "$@" || needed+=("$API_SERVER_JAR")  # the usage needs no api-server
if build_stale "${needed[@]}"; then
  build_reactor "./skiff bench api"
fi
[[ -f $BENCH_JAR ]] || die "$BENCH_JAR was not built: the root pom.xml must list the bench module"

cd "$SKIFF_ROOT"
# the api-server with the launcher's JVM options; --api-server-jvm on the command line comes later and wins.
# The bench's own JVM, the load generator, runs with the same options: on 2 CPUs its C2 compiler kept
# compiling through the measured series (0.3-0.6 ms of CPU per operation), CPU the measured processes lacked.
control_plane_jvm
exec java "${CONTROL_PLANE_JVM[@]}" -jar "$BENCH_JAR" --api-server-jvm "${CONTROL_PLANE_JVM[*]}" "$@"
