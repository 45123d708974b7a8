#!/usr/bin/env bash
# ./skiff bench relay [--rate R] [--seconds S] [--concurrency C] [--api-server-jvm "OPTIONS"]
# The api-server relay's commit-to-Kafka lag (from a write's answer to its record arriving) and the
# events per second it sustains, under configmap writes paced at R per second. Builds the api-server,
# the Kafka runtime and the bench jar when they are missing or older than the sources, then runs
# bench/src/main/java/dev/skiff/bench/RelayBenchmark.java, which starts a throwaway etcd, Kafka (its
# own JVM from kafka-runtime/target/lib, ports and data of its own, so ./skiff kafka is untouched)
# and api-server, and stops them all again.
set -euo pipefail

SKIFF_ROOT=${SKIFF_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}
SKIFF_HOME=$(realpath -m "${SKIFF_HOME:-$SKIFF_ROOT/.skiff}")

# shellcheck source=deploy/lib/common.sh
source "$SKIFF_ROOT/deploy/lib/common.sh"
# shellcheck source=deploy/lib/build.sh
source "$SKIFF_ROOT/deploy/lib/build.sh"

API_SERVER_JAR=$SKIFF_ROOT/api-server/target/quarkus-app/quarkus-run.jar
BENCH_JAR=$SKIFF_ROOT/bench/target/skiff-bench.jar
KAFKA_LIB=$SKIFF_ROOT/kafka-runtime/target/lib

require_java
if build_stale "$BENCH_JAR" "$API_SERVER_JAR" || [[ ! -f $KAFKA_LIB/config/server.properties ]]; then
  build_reactor "./skiff bench relay"
fi
[[ -f $BENCH_JAR ]] || die "$BENCH_JAR was not built: the root pom.xml must list the bench module"

cd "$SKIFF_ROOT"
# the api-server with the launcher's JVM options; --api-server-jvm on the command line comes later and wins
# The bench's own JVM, the load generator, runs with the same options: on 2 CPUs its C2 compiler kept
# compiling through the measured series (0.3-0.6 ms of CPU per operation), CPU the measured processes lacked.
control_plane_jvm
exec java "${CONTROL_PLANE_JVM[@]}" -cp "$BENCH_JAR:$SKIFF_ROOT/bench/target/lib/*" dev.skiff.bench.RelayBenchmark --kafka-lib "$KAFKA_LIB" \
  --api-server-jvm "${CONTROL_PLANE_JVM[*]}" "$@"
