#!/usr/bin/env bash
# ./skiff bench failover [--nodes N] [--replicas R] [--rounds K]
# How long a node failure takes to heal: a cluster of N nodes started through ./skiff (etcd, Kafka,
# up --cluster) with a Deployment of R replicas of the demo image; per round, the kubelet of the node
# holding most of the pods is stopped (./skiff node stop) and the bench times its Ready condition
# leaving True, the first of its pods marked for deletion, and all R pods Running and Ready on the
# other nodes, then starts the node again. Builds the api-server, scheduler, controller manager,
# kubelet, Kafka runtime and bench jar when they are missing or older than the sources, makes sure the
# Docker engine answers, then runs bench/src/main/java/dev/skiff/bench/FailoverBenchmark.java, which
# tears the cluster down again (its namespace, ./skiff down, etcd stop, kafka stop).
set -euo pipefail

SKIFF_ROOT=${SKIFF_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}
SKIFF_HOME=$(realpath -m "${SKIFF_HOME:-$SKIFF_ROOT/.skiff}")

# shellcheck source=deploy/lib/bench-cluster.sh
source "$SKIFF_ROOT/deploy/lib/bench-cluster.sh"

bench_cluster_run failover FailoverBenchmark "$@"
