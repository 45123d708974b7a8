# shellcheck shell=bash
# Control-plane services run from their Quarkus jars (the scheduler and the controller manager):
# started in the background with their health endpoint on a loopback port, ready when
# /q/health/ready answers 200 (their informers hold the cluster's state). Run info: health URL.

SERVICE_READY_TIMEOUT=60

service_ready() {
  [[ $(http_status "$1/q/health/ready") == 200 ]]
}

# service_up NAME JAR PORT PORT_VARIABLE SETTING...: starts NAME from JAR unless it runs, with
# QUARKUS_HTTP_PORT=PORT and the SETTINGs (VAR=value), and waits until it is ready.
service_up() {
  local name=$1 jar=$2 port=$3 port_variable=$4 url pid
  shift 4
  url=http://127.0.0.1:$port
  if pid=$(proc_pid "$name" "$jar"); then
    say "$name is already running (pid $pid, health $(proc_info "$name"))"
  else
    if port_in_use "$port"; then
      die "port $port is already in use on 127.0.0.1: stop what uses it, or give $name another port with $port_variable=N"
    fi
    [[ -f $jar ]] || die "$jar is missing: build Skiff with mvn -DskipTests package"
    control_plane_jvm
    say "Starting $name (health on $url)"
    proc_start "$name" "$url" env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" "$@" java "${CONTROL_PLANE_JVM[@]}" -jar "$jar"
    pid=$STARTED_PID
  fi
  proc_await "$name" "$pid" "$SERVICE_READY_TIMEOUT" "$url/q/health/ready to answer 200 (its informers synced)" service_ready "$url"
}

# service_status NAME JAR: its line of ./skiff status.
service_status() {
  local name=$1 jar=$2 pid url state
  if ! pid=$(proc_pid "$name" "$jar"); then
    status_line "$name" stopped
    return
  fi
  url=$(proc_info "$name")
  state="running, not ready"
  if service_ready "$url"; then
    state="running, ready"
  fi
  status_line "$name" "$state" "pid $pid  health: $url/q/health/ready"
}
