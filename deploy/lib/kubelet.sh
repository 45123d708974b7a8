# shellcheck shell=bash
# Kubelets: one process per node, all sharing the local Docker engine (each finds its own containers
# by their node label). A node's settings are kept in SKIFF_HOME/run/nodes/NAME (port, api-server
# URL, Kafka) from ./skiff up until ./skiff down, so that ./skiff node start NAME can bring it back.

KUBELET_JAR=$SKIFF_ROOT/kubelet/target/quarkus-app/quarkus-run.jar
KUBELET_READY_TIMEOUT=60
# A small heap given back soon after use with a 2 MiB young generation (short-lived garbage never
# touches more), the quick compiler alone, small thread stacks, two malloc arenas and their free
# memory handed back every 10 s: the kubelet idles most of the time (resident set ~97 MiB instead
# of ~140 MiB).
KUBELET_JVM=(-Xms8m -Xmx64m -Xmn2m -XX:+UseSerialGC -XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=10
  -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss256k -XX:ReservedCodeCacheSize=24m
  -XX:TrimNativeHeapInterval=10000)
KUBELET_ENV=(MALLOC_ARENA_MAX=2)

node_file() { printf '%s/run/nodes/%s' "$SKIFF_HOME" "$1"; }

# The marker that tells this node's kubelet from the others in its command line.
kubelet_marker() { printf -- '-Dskiff.kubelet.node-name=%s' "$1"; }

kubelet_ready() {
  [[ $(http_status "$1/healthz") == 200 ]]
}

# kubelet_nodes: the names of the nodes ./skiff up created, one per line.
kubelet_nodes() {
  local file
  for file in "$SKIFF_HOME"/run/nodes/*; do
    [[ -f $file ]] && basename "$file"
  done
  return 0
}

# kubelet_nodes_text: the node names for messages, or what to do when there are none.
kubelet_nodes_text() {
  local names
  names=$(kubelet_nodes | paste -sd ' ')
  printf '%s\n' "${names:-none (start the cluster with ./skiff up)}"
}

# kubelet_define NAME PORT API_URL KAFKA: records a node's settings.
kubelet_define() {
  mkdir -p "$SKIFF_HOME/run/nodes"
  printf '%s\t%s\t%s\n' "$2" "$3" "$4" >"$(node_file "$1")"
}

# kubelet_up NAME: starts the node's kubelet unless it runs; returns once its /healthz answers.
kubelet_up() {
  local name=$1 port api kafka pid url settings
  [[ -f $(node_file "$name") ]] || die "there is no node '$name' here; nodes: $(kubelet_nodes_text)"
  IFS=$'\t' read -r port api kafka <"$(node_file "$name")"
  url=http://127.0.0.1:$port
  if pid=$(proc_pid "kubelet-$name" "$(kubelet_marker "$name")"); then
    say "kubelet of $name is already running (pid $pid)"
  else
    if port_in_use "$port"; then
      die "port $port for the kubelet of $name is already in use on 127.0.0.1: stop what uses it, or start the kubelets from another port with SKIFF_UP_KUBELET_PORT=N"
    fi
    [[ -f $KUBELET_JAR ]] || die "$KUBELET_JAR is missing: build Skiff with mvn -DskipTests package"
    settings=(
      "${KUBELET_ENV[@]}"
      SKIFF_KUBELET_API_SERVER="$api"
      SKIFF_KUBELET_ADDRESS=127.0.0.1
      SKIFF_KUBELET_PORT="$port"
      SKIFF_KUBELET_ROOT_DIR="$SKIFF_HOME/kubelet"
    )
    if [[ -n $kafka ]]; then
      settings+=(SKIFF_KUBELET_KAFKA_BOOTSTRAP_SERVERS="$kafka")
    fi
    say "Starting the kubelet of node $name (port $port)"
    proc_start "kubelet-$name" "$url" env "${settings[@]}" java "${KUBELET_JVM[@]}" "$(kubelet_marker "$name")" -jar "$KUBELET_JAR"
    pid=$STARTED_PID
  fi
  proc_await "kubelet-$name" "$pid" "$KUBELET_READY_TIMEOUT" "$url/healthz to answer 200 (node registered, its pods read)" kubelet_ready "$url"
}

kubelet_stop() {
  proc_stop "kubelet-$1" "$(kubelet_marker "$1")"
}

# node_ready_status NAME: the node's Ready condition as the api-server has it (True, False, Unknown or empty).
node_ready_status() {
  kubectl --kubeconfig "$KUBECONFIG_FILE" get node "$1" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null
}

node_is_ready() {
  [[ $(node_ready_status "$1") == True ]]
}

# nodes_await_ready NAME...: returns once every node is Ready as the api-server sees it.
nodes_await_ready() {
  local name deadline=$((SECONDS + KUBELET_READY_TIMEOUT))
  require_cmd kubectl "install kubectl (https://kubernetes.io/docs/tasks/tools/): Skiff is used through it"
  for name in "$@"; do
    say "Waiting for node $name to be Ready ..."
    until node_is_ready "$name"; do
      ((SECONDS < deadline)) ||
        die "node $name is not Ready after $KUBELET_READY_TIMEOUT s (its Ready condition: $(node_ready_status "$name" || true)); see $(log_file "kubelet-$name")"
      sleep 0.5
    done
  done
  say "Nodes Ready: $*"
}

kubelet_status() {
  local name pid port state
  for name in $(kubelet_nodes); do
    if ! pid=$(proc_pid "kubelet-$name" "$(kubelet_marker "$name")"); then
      status_line "$name" "stopped" "kubelet (./skiff node start $name)"
      continue
    fi
    port=$(cut -f1 "$(node_file "$name")")
    state="running, not ready"
    if kubelet_ready "http://127.0.0.1:$port"; then
      state="running, ready"
    fi
    status_line "$name" "$state" "kubelet pid $pid  port $port"
  done
}
