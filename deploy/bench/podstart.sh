#!/usr/bin/env bash
# ./skiff bench podstart [--pods N] [--rounds R] [--concurrency C] [--kubelet-jvm "OPTIONS"]
#                        [--api-server-jvm "OPTIONS"] [--settle S]
# How fast the kubelet starts N pods bound to its node (from each create's answer to the watch event
# showing it Running and Ready), beside N raw docker-java creates and starts of the same image in the
# same run, with the kubelet's start time and RSS. Builds the api-server, the kubelet and the bench
# jar when they are missing or older than the sources, makes sure the Docker engine answers, then
# runs bench/src/main/java/dev/skiff/bench/PodStartBenchmark.java, which starts a throwaway
# api-server (embedded store) and kubelet, and removes their pods and containers and stops them again.
set -euo pipefail

SKIFF_ROOT=${SKIFF_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}
SKIFF_HOME=$(realpath -m "${SKIFF_HOME:-$SKIFF_ROOT/.skiff}")

# shellcheck source=deploy/lib/common.sh
source "$SKIFF_ROOT/deploy/lib/common.sh"
# shellcheck source=deploy/lib/build.sh
source "$SKIFF_ROOT/deploy/lib/build.sh"
# shellcheck source=deploy/lib/kubelet.sh
source "$SKIFF_ROOT/deploy/lib/kubelet.sh"

API_SERVER_JAR=$SKIFF_ROOT/api-server/target/quarkus-app/quarkus-run.jar
KUBELET_JAR=$SKIFF_ROOT/kubelet/target/quarkus-app/quarkus-run.jar
BENCH_JAR=$SKIFF_ROOT/bench/target/skiff-bench.jar
DOCKER_SOCKET=/var/run/docker.sock

require_java
[[ -S $DOCKER_SOCKET ]] ||
  die "no Docker engine socket at $DOCKER_SOCKET: start the engine (service docker start, or ./skiff test, which starts one)"
if build_stale "$BENCH_JAR" "$API_SERVER_JAR" "$KUBELET_JAR"; then
  build_reactor "./skiff bench podstart"
fi
[[ -f $BENCH_JAR ]] || die "$BENCH_JAR was not built: the root pom.xml must list the bench module"
[[ -f $KUBELET_JAR ]] || die "$KUBELET_JAR was not built: the root pom.xml must list the kubelet module"

cd "$SKIFF_ROOT"
# the kubelet and the api-server as the launcher starts them (their JVM options, and the kubelet's
# environment, which the bench's children inherit); a --kubelet-jvm or --api-server-jvm given on the
# command line comes later and wins
control_plane_jvm
exec env "${KUBELET_ENV[@]}" java -cp "$BENCH_JAR:$SKIFF_ROOT/bench/target/lib/*" dev.skiff.bench.PodStartBenchmark \
  --kubelet-jvm "${KUBELET_JVM[*]}" --api-server-jvm "${CONTROL_PLANE_JVM[*]}" "$@"
