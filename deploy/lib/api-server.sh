# shellcheck shell=bash
# The api-server component: <component>_up, _stop and _status for ./skiff.
# `./skiff up` sets UP_PORT, UP_STORE_BACKEND, UP_ETCD_ENDPOINTS and UP_KAFKA (Kafka's bootstrap
# servers, empty for none) before calling api_server_up. Its run info is URL, store and Kafka,
# separated by tabs.

API_SERVER_JAR=$SKIFF_ROOT/api-server/target/quarkus-app/quarkus-run.jar
API_SERVER_READY_TIMEOUT=60

api_server_ready() {
  [[ $(http_status "$1/readyz") == 200 ]]
}

api_server_data_dir() {
  realpath -m "${SKIFF_STORE_EMBEDDED_DIR:-$SKIFF_HOME/data}"
}

# api_server_store: the store settings, as recorded and shown by status.
api_server_store() {
  if [[ $UP_STORE_BACKEND == etcd ]]; then
    printf 'etcd %s\n' "$UP_ETCD_ENDPOINTS"
  else
    printf 'embedded %s\n' "$(api_server_data_dir)"
  fi
}

api_server_up() {
  local url=http://127.0.0.1:$UP_PORT store pid running_url running_store running_kafka
  store=$(api_server_store)
  if pid=$(proc_pid api-server "$API_SERVER_JAR"); then
    IFS=$'\t' read -r running_url running_store running_kafka <<<"$(proc_info api-server)"
    [[ "$running_url|$running_store|$running_kafka" == "$url|$store|$UP_KAFKA" ]] ||
      die "api-server is already running at $running_url (pid $pid, store: $running_store, kafka: ${running_kafka:-none}): run ./skiff down first to start it with other settings"
    if api_server_ready "$url"; then
      say "api-server is already running and ready at $url (pid $pid)"
      return
    fi
  else
    api_server_start "$url" "$store"
    pid=$STARTED_PID
  fi
  api_server_wait "$pid" "$url"
}

# api_server_start URL STORE: checks, builds if needed and starts the api-server in the background.
api_server_start() {
  local url=$1 store=$2 settings
  if port_in_use "$UP_PORT"; then
    die "port $UP_PORT is already in use on 127.0.0.1: stop what uses it, or pick another port with ./skiff up --port N"
  fi
  if [[ $UP_STORE_BACKEND == etcd ]]; then
    etcd_require_endpoints "$UP_ETCD_ENDPOINTS"
  fi
  settings=(
    QUARKUS_HTTP_HOST=127.0.0.1
    QUARKUS_HTTP_PORT="$UP_PORT"
    SKIFF_HOME="$SKIFF_HOME"
    SKIFF_STORE_BACKEND="$UP_STORE_BACKEND"
    SKIFF_STORE_ETCD_ENDPOINTS="$UP_ETCD_ENDPOINTS"
    SKIFF_STORE_EMBEDDED_DIR="$(api_server_data_dir)"
  )
  if [[ -n $UP_KAFKA ]]; then
    kafka_require_bootstrap "$UP_KAFKA"
    settings+=(SKIFF_KAFKA_BOOTSTRAP_SERVERS="$UP_KAFKA")
  fi
  require_java
  build_if_needed "$API_SERVER_JAR"
  control_plane_jvm
  say "Starting api-server on $url (store: $store, kafka: ${UP_KAFKA:-none})"
  proc_start api-server "$url"$'\t'"$store"$'\t'"$UP_KAFKA" env "${settings[@]}" java "${CONTROL_PLANE_JVM[@]}" -jar "$API_SERVER_JAR"
}

# api_server_wait PID URL: returns once URL/readyz answers 200; stops with the reason otherwise.
api_server_wait() {
  proc_await api-server "$1" "$API_SERVER_READY_TIMEOUT" "$2/readyz to answer 200" api_server_ready "$2"
}

api_server_stop() {
  proc_stop api-server "$API_SERVER_JAR"
}

api_server_status() {
  local pid url store kafka state
  if ! pid=$(proc_pid api-server "$API_SERVER_JAR"); then
    status_line api-server stopped
    return
  fi
  IFS=$'\t' read -r url store kafka <<<"$(proc_info api-server)"
  state="running, not ready"
  if api_server_ready "$url"; then
    state="running, ready"
  fi
  status_line api-server "$state" "pid $pid  $url  store: $store  kafka: ${kafka:-none}"
}
