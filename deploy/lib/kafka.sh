# shellcheck shell=bash
# A local Kafka on loopback (./skiff kafka start|stop): one KRaft node that is broker and controller,
# run from the jars and settings the kafka-runtime module puts in kafka-runtime/target/lib; and
# checks of the Kafka addresses given to ./skiff up --kafka.

KAFKA_DIR=$SKIFF_HOME/kafka
KAFKA_CONFIG=$KAFKA_DIR/server.properties
KAFKA_LIB=$SKIFF_ROOT/kafka-runtime/target/lib
# shellcheck disable=SC2034 # used by ./skiff
KAFKA_DEFAULT_PORT=9092
KAFKA_READY_TIMEOUT=60
# The JVM that runs the broker and its tools, as the test harness (KafkaRuntime) runs it.
KAFKA_JAVA=(java "@$KAFKA_LIB/config/jvm.options" "-Dlog4j2.configurationFile=$KAFKA_LIB/config/log4j2.properties"
  -cp "$KAFKA_LIB/*")

# kafka_build_if_needed: builds kafka-runtime when its lib folder is missing, or older than the
# poms or the broker settings it is made from.
kafka_build_if_needed() {
  local marker=$KAFKA_LIB/config/server.properties
  if [[ -f $marker ]] && compgen -G "$KAFKA_LIB/kafka_2.13-*.jar" >/dev/null &&
    [[ -z $(find "$SKIFF_ROOT/pom.xml" "$SKIFF_ROOT/kafka-runtime/pom.xml" "$SKIFF_ROOT/kafka-runtime/src/main" \
      -newer "$marker" -print -quit) ]]; then
    return
  fi
  require_cmd mvn "install Maven (apt-get install -y maven)"
  say "Building the Kafka runtime (mvn -B -q -f kafka-runtime/pom.xml -DskipTests package) ..."
  (cd "$SKIFF_ROOT" && mvn -B -q -f kafka-runtime/pom.xml -DskipTests package) ||
    die "building the Kafka runtime failed: fix the errors above, then run ./skiff kafka start again"
}

# kafka_write_config PORT CONTROLLER_PORT: the shared settings plus this node's listeners and data.
kafka_write_config() {
  mkdir -p "$KAFKA_DIR"
  {
    cat "$KAFKA_LIB/config/server.properties"
    printf '%s\n' "" "# This node (written by ./skiff kafka start)" \
      "listeners=PLAINTEXT://127.0.0.1:$1,CONTROLLER://127.0.0.1:$2" \
      "advertised.listeners=PLAINTEXT://127.0.0.1:$1" \
      "controller.quorum.bootstrap.servers=127.0.0.1:$2" \
      "log.dirs=$KAFKA_DIR/data"
  } >"$KAFKA_CONFIG"
}

# kafka_format_once: formats the storage with a new cluster id unless it is formatted already.
kafka_format_once() {
  local cluster_id output
  [[ -f $KAFKA_DIR/data/meta.properties ]] && return
  cluster_id=$("${KAFKA_JAVA[@]}" kafka.tools.StorageTool random-uuid) ||
    die "Kafka's StorageTool could not make a cluster id: is $KAFKA_LIB complete? Rebuild it with mvn -f kafka-runtime/pom.xml package"
  output=$("${KAFKA_JAVA[@]}" kafka.tools.StorageTool format --standalone --cluster-id "$cluster_id" \
    --config "$KAFKA_CONFIG" 2>&1) || die "formatting Kafka's storage in $KAFKA_DIR/data failed: $output"
  say "Formatted Kafka's storage in $KAFKA_DIR/data (cluster id $cluster_id)"
}

# kafka_ready PORT: true when the broker accepts connections on PORT and its log says it started.
kafka_ready() {
  port_in_use "$1" && grep -q 'Kafka Server started' "$(log_file kafka)" 2>/dev/null
}

# kafka_failure_reason LOG: the message of the last exception in the log (the root cause of a failed
# start follows Kafka's generic "Exiting Kafka due to fatal exception"), else its last error line.
kafka_failure_reason() {
  local line
  line=$(grep -E '^(Caused by: )?[A-Za-z_][A-Za-z0-9_.$]*(Exception|Error): ' "$1" 2>/dev/null | tail -n 1) || true
  if [[ -n $line ]]; then
    sed -E 's/^(Caused by: )?[^ ]+: //' <<<"$line"
  else
    last_error_line "$1"
  fi
}

# kafka_start PORT: starts Kafka on 127.0.0.1:PORT (controller port PORT+1) with its data in
# $SKIFF_HOME/kafka, formatting the storage on first use; returns when it is ready. Sets
# KAFKA_ADDRESS to HOST:PORT, also when it was running already.
kafka_start() {
  local port=$1 controller=$(($1 + 1)) pid rc=0 log p
  log=$(log_file kafka)
  if pid=$(proc_pid kafka "$KAFKA_CONFIG"); then
    KAFKA_ADDRESS=$(proc_info kafka)
    say "Kafka is already running at $KAFKA_ADDRESS (pid $pid)"
    return
  fi
  require_java
  for p in "$port" "$controller"; do
    if port_in_use "$p"; then
      die "port $p is already in use on 127.0.0.1: stop what uses it, or pick other ports with ./skiff kafka start --port N (uses N and N+1)"
    fi
  done
  kafka_build_if_needed
  kafka_write_config "$port" "$controller"
  kafka_format_once
  say "Starting Kafka on 127.0.0.1:$port (controller port $controller, data: $KAFKA_DIR/data)"
  proc_start kafka "127.0.0.1:$port" "${KAFKA_JAVA[@]}" kafka.Kafka "$KAFKA_CONFIG"
  say "Waiting for Kafka to accept connections on 127.0.0.1:$port (up to $KAFKA_READY_TIMEOUT s) ..."
  wait_ready "$STARTED_PID" "$KAFKA_READY_TIMEOUT" kafka_ready "$port" || rc=$?
  case $rc in
    0) say "Kafka is ready at 127.0.0.1:$port (pid $STARTED_PID); use it with ./skiff up --kafka 127.0.0.1:$port" ;;
    1) die "Kafka did not become ready within $KAFKA_READY_TIMEOUT s (log: $log); stop it with ./skiff kafka stop" ;;
    *)
      proc_forget kafka
      die "Kafka failed to start: $(kafka_failure_reason "$log") (log: $log)"
      ;;
  esac
  KAFKA_ADDRESS=127.0.0.1:$port
}

kafka_stop() {
  proc_stop kafka "$KAFKA_CONFIG"
}

kafka_status() {
  local pid address state
  if ! pid=$(proc_pid kafka "$KAFKA_CONFIG"); then
    status_line kafka stopped
    return
  fi
  address=$(proc_info kafka)
  state="running, not ready"
  if kafka_ready "${address##*:}"; then
    state="running, ready"
  fi
  status_line kafka "$state" "pid $pid  $address  data: $KAFKA_DIR/data"
}

# kafka_reachable HOST PORT: true when HOST:PORT accepts a TCP connection within 3 s.
kafka_reachable() {
  # shellcheck disable=SC2016 # the inner bash expands $1 and $2
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# kafka_require_bootstrap HOST:PORT[,HOST:PORT...]: stops unless at least one address accepts
# connections; warns about each one that does not.
kafka_require_bootstrap() {
  local address addresses host port down=() reachable=0
  IFS=, read -r -a addresses <<<"$1"
  for address in "${addresses[@]}"; do
    host=${address%:*}
    port=${address##*:}
    [[ $address == *:* && -n $host && $port =~ ^[0-9]+$ ]] ||
      die "Kafka address '$address' is not HOST:PORT: give it as e.g. 127.0.0.1:9092"
    host=${host#[}
    if kafka_reachable "${host%]}" "$port"; then
      reachable=$((reachable + 1))
    else
      down+=("$address")
    fi
  done
  ((reachable > 0)) ||
    die "Kafka does not answer at $1: start one with ./skiff kafka start, or point --kafka at a running one"
  for address in "${down[@]}"; do
    warn "warning: Kafka does not answer at $address; continuing with the other addresses"
  done
}
