# shellcheck shell=bash
# The benchmarks that start a whole cluster through ./skiff (failover, rollout): what they need
# before their Java main runs. The caller sets SKIFF_ROOT and SKIFF_HOME.

# shellcheck source=deploy/lib/common.sh
source "$SKIFF_ROOT/deploy/lib/common.sh"
# shellcheck source=deploy/lib/proc.sh
source "$SKIFF_ROOT/deploy/lib/proc.sh"
# shellcheck source=deploy/lib/packages.sh
source "$SKIFF_ROOT/deploy/lib/packages.sh"
# shellcheck source=deploy/lib/build.sh
source "$SKIFF_ROOT/deploy/lib/build.sh"
# shellcheck source=deploy/lib/docker.sh
source "$SKIFF_ROOT/deploy/lib/docker.sh"

BENCH_JAR=$SKIFF_ROOT/bench/target/skiff-bench.jar
# what ./skiff etcd start, kafka start and up --cluster run (the benchmark gives them SKIFF_BUILD=never)
CLUSTER_JARS=(
  "$SKIFF_ROOT/api-server/target/quarkus-app/quarkus-run.jar"
  "$SKIFF_ROOT/scheduler/target/quarkus-app/quarkus-run.jar"
  "$SKIFF_ROOT/controllers/target/quarkus-app/quarkus-run.jar"
  "$SKIFF_ROOT/kubelet/target/quarkus-app/quarkus-run.jar"
)
KAFKA_LIB=$SKIFF_ROOT/kafka-runtime/target/lib

# bench_cluster_run NAME MAIN_CLASS ARGS...: checks what the cluster needs (not for --help), builds
# when a jar or the Kafka runtime is missing or older than any source, and runs
# dev.skiff.bench.MAIN_CLASS with ARGS from the repository root, where the benchmark runs ./skiff.
bench_cluster_run() {
  local name=$1 main=$2 jar needed kafka_missing=false
  shift 2
  require_java
  needed=("$BENCH_JAR")
  if ! wants_help "$@"; then
    require_cmd kubectl "install kubectl (https://kubernetes.io/docs/tasks/tools/): ./skiff up waits for the nodes with it"
    require_cmd etcd "install it with apt-get install -y etcd-server (./skiff test installs it too)"
    docker_ensure
    require_cmd docker "install the Docker command line (apt-get install -y docker.io)"
    needed+=("${CLUSTER_JARS[@]}")
    [[ -f $KAFKA_LIB/config/server.properties ]] || kafka_missing=true
  fi
  if build_stale "${needed[@]}" || [[ $kafka_missing == true ]]; then
    build_reactor "./skiff bench $name"
  fi
  for jar in "${needed[@]}"; do
    [[ -f $jar ]] || die "$jar was not built: the root pom.xml must list its module"
  done
  cd "$SKIFF_ROOT" || die "cannot enter $SKIFF_ROOT"
  exec java -cp "$BENCH_JAR:$SKIFF_ROOT/bench/target/lib/*" "dev.skiff.bench.$main" "$@"
}
