#!/usr/bin/env bash
# ./skiff bench rollout [--replicas R] [--rounds K] [--nodes N] [--max-surge S] [--max-unavailable U]
# How long a rolling update of a Deployment of R replicas takes: a cluster of N nodes started through
# ./skiff (etcd, Kafka, up --cluster); per round the pod template's image is switched between
# skiff.local/demo:1 and skiff.local/demo:2 (the same image tagged twice) and the bench times the first
# new pod Running and Ready and the rollout's completion as kubectl rollout status decides it. Builds
# the api-server, scheduler, controller manager, kubelet, Kafka runtime and bench jar when they are
# missing or older than the sources, makes sure the Docker engine answers, then runs
# bench/src/main/java/dev/skiff/bench/RolloutBenchmark.java, which tears the cluster down again.
set -euo pipefail

SKIFF_ROOT=${SKIFF_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}
SKIFF_HOME=$(realpath -m "${SKIFF_HOME:-$SKIFF_ROOT/.skiff}")

# shellcheck source=deploy/lib/bench-cluster.sh
source "$SKIFF_ROOT/deploy/lib/bench-cluster.sh"

bench_cluster_run rollout RolloutBenchmark "$@"
