# shellcheck shell=bash
# The scheduler component: <component>_up, _stop and _status for ./skiff. Reads the api-server at
# UP_API_URL, or Kafka at UP_KAFKA when set; its health on SKIFF_UP_SCHEDULER_PORT (default 10259).

SCHEDULER_JAR=$SKIFF_ROOT/scheduler/target/quarkus-app/quarkus-run.jar

scheduler_up() {
  local settings=(SKIFF_SCHEDULER_API_SERVER="$UP_API_URL")
  if [[ -n $UP_KAFKA ]]; then
    settings+=(SKIFF_SCHEDULER_KAFKA_BOOTSTRAP_SERVERS="$UP_KAFKA")
  fi
  service_up scheduler "$SCHEDULER_JAR" "${SKIFF_UP_SCHEDULER_PORT:-10259}" SKIFF_UP_SCHEDULER_PORT "${settings[@]}"
}

scheduler_stop() {
  proc_stop scheduler "$SCHEDULER_JAR"
}

scheduler_status() {
  service_status scheduler "$SCHEDULER_JAR"
}
