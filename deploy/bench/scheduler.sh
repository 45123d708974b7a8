#!/usr/bin/env bash
# ./skiff bench scheduler [--nodes N] [--pods M] [--warm-up W] [--concurrency C] [--store etcd|embedded]
#                         [--source kafka|watch] [--profile DIR] [--api-server-jvm "OPTIONS"]
#                         [--scheduler-jvm "OPTIONS"]
# How fast the scheduler binds M pods created at once on N Node objects (no kubelets), as Kubernetes'
# scheduler_perf: pods per second from the first create to the last bind, and each pod's latency
# from its create to its binding (p50/p99), with the CPU each process used meanwhile. Builds the
# api-server, the scheduler, the Kafka runtime and the bench jar when they are missing or older than
# the sources, then runs bench/src/main/java/dev/skiff/bench/SchedulerBenchmark.java, which starts a
# throwaway etcd, Kafka and api-server (relaying to Kafka) and the scheduler, and stops them again.
set -euo pipefail

SKIFF_ROOT=${SKIFF_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}
SKIFF_HOME=$(realpath -m "${SKIFF_HOME:-$SKIFF_ROOT/.skiff}")

# shellcheck source=deploy/lib/common.sh
source "$SKIFF_ROOT/deploy/lib/common.sh"
# shellcheck source=deploy/lib/build.sh
source "$SKIFF_ROOT/deploy/lib/build.sh"

API_SERVER_JAR=$SKIFF_ROOT/api-server/target/quarkus-app/quarkus-run.jar
SCHEDULER_JAR=$SKIFF_ROOT/scheduler/target/quarkus-app/quarkus-run.jar
BENCH_JAR=$SKIFF_ROOT/bench/target/skiff-bench.jar
KAFKA_LIB=$SKIFF_ROOT/kafka-runtime/target/lib

require_java
if build_stale "$BENCH_JAR" "$API_SERVER_JAR" "$SCHEDULER_JAR" || [[ ! -f $KAFKA_LIB/config/server.properties ]]; then
  build_reactor "./skiff bench scheduler"
fi
[[ -f $BENCH_JAR ]] || die "$BENCH_JAR was not built: the root pom.xml must list the bench module"
[[ -f $SCHEDULER_JAR ]] || die "$SCHEDULER_JAR was not built: the root pom.xml must list the scheduler module"

cd "$SKIFF_ROOT"
# the api-server and the scheduler with the launcher's JVM options; options given on the command line
# come later and win
# The bench's own JVM, the load generator, runs with the same options: on 2 CPUs its C2 compiler kept
# compiling through the measured series (0.3-0.6 ms of CPU per operation), CPU the measured processes lacked.
control_plane_jvm
exec java "${CONTROL_PLANE_JVM[@]}" -cp "$BENCH_JAR:$SKIFF_ROOT/bench/target/lib/*" dev.skiff.bench.SchedulerBenchmark --kafka-lib "$KAFKA_LIB" \
  --api-server-jvm "${CONTROL_PLANE_JVM[*]}" --scheduler-jvm "${CONTROL_PLANE_JVM[*]}" "$@"
