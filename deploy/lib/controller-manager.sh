# shellcheck shell=bash
# The controller manager component: <component>_up, _stop and _status for ./skiff. Reads the
# api-server at UP_API_URL, or Kafka at UP_KAFKA when set; its health on SKIFF_UP_CONTROLLERS_PORT
# (default 10257).

CONTROLLERS_JAR=$SKIFF_ROOT/controllers/target/quarkus-app/quarkus-run.jar

controller_manager_up() {
  local settings=(SKIFF_CONTROLLERS_API_SERVER="$UP_API_URL")
  if [[ -n $UP_KAFKA ]]; then
    settings+=(SKIFF_CONTROLLERS_KAFKA_BOOTSTRAP_SERVERS="$UP_KAFKA")
  fi
  service_up controller-manager "$CONTROLLERS_JAR" "${SKIFF_UP_CONTROLLERS_PORT:-10257}" SKIFF_UP_CONTROLLERS_PORT "${settings[@]}"
}

controller_manager_stop() {
  proc_stop controller-manager "$CONTROLLERS_JAR"
}

controller_manager_status() {
  service_status controller-manager "$CONTROLLERS_JAR"
}
