# shellcheck shell=bash
# A local etcd on loopback (./skiff etcd start|stop), and checks of etcd endpoints.

ETCD_DATA_DIR=$SKIFF_HOME/etcd
# shellcheck disable=SC2034 # used by ./skiff
ETCD_DEFAULT_PORT=2379
ETCD_READY_TIMEOUT=20

# etcd_healthy URL: true when the etcd at URL reports itself healthy on /health.
etcd_healthy() {
  curl -s --max-time 3 "${1%/}/health" | grep -q '"health" *: *"true"'
}

# etcd_require_endpoints URL[,URL...]: stops unless at least one endpoint is healthy;
# warns about each one that is not.
etcd_require_endpoints() {
  local url urls down=() healthy=0
  IFS=, read -r -a urls <<<"$1"
  for url in "${urls[@]}"; do
    [[ $url =~ ^https?://[^/]+ ]] || die "etcd endpoint '$url' is not a URL: give it as http://HOST:PORT"
    if etcd_healthy "$url"; then
      healthy=$((healthy + 1))
    else
      down+=("$url")
    fi
  done
  ((healthy > 0)) ||
    die "etcd does not answer at $1: start one with ./skiff etcd start, or point --etcd at a running one"
  for url in "${down[@]}"; do
    warn "warning: etcd does not answer at $url; continuing with the other endpoints"
  done
}

# etcd_start CLIENT_PORT: starts a single-member etcd on 127.0.0.1:CLIENT_PORT (peer port
# CLIENT_PORT+1) with its data in $SKIFF_HOME/etcd; returns when it is healthy.
etcd_start() {
  local port=$1 peer=$(($1 + 1)) url pid rc=0 log p
  url=http://127.0.0.1:$port
  log=$(log_file etcd)
  if pid=$(proc_pid etcd "$ETCD_DATA_DIR"); then
    say "etcd is already running at $(proc_info etcd) (pid $pid)"
    return
  fi
  require_cmd etcd "install it with apt-get install -y etcd-server (./skiff test installs it too)"
  require_cmd curl "install it with apt-get install -y curl"
  for p in "$port" "$peer"; do
    if port_in_use "$p"; then
      die "port $p is already in use on 127.0.0.1: stop what uses it, or pick other ports with ./skiff etcd start --port N (uses N and N+1)"
    fi
  done
  say "Starting etcd on $url (data: $ETCD_DATA_DIR)"
  proc_start etcd "$url" etcd --name skiff --data-dir "$ETCD_DATA_DIR" \
    --listen-client-urls "$url" --advertise-client-urls "$url" \
    --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
    --initial-cluster "skiff=http://127.0.0.1:$peer"
  say "Waiting for $url/health (up to $ETCD_READY_TIMEOUT s) ..."
  wait_ready "$STARTED_PID" "$ETCD_READY_TIMEOUT" etcd_healthy "$url" || rc=$?
  case $rc in
    0) say "etcd is ready at $url (pid $STARTED_PID); use it with ./skiff up --etcd $url" ;;
    1) die "etcd did not become healthy within $ETCD_READY_TIMEOUT s (log: $log); stop it with ./skiff etcd stop" ;;
    *)
      proc_forget etcd
      die "etcd failed to start: $(last_error_line "$log") (log: $log)"
      ;;
  esac
}

etcd_stop() {
  proc_stop etcd "$ETCD_DATA_DIR"
}

etcd_status() {
  local pid url state
  if ! pid=$(proc_pid etcd "$ETCD_DATA_DIR"); then
    status_line etcd stopped
    return
  fi
  url=$(proc_info etcd)
  state="running, not healthy"
  if etcd_healthy "$url"; then
    state="running, healthy"
  fi
  status_line etcd "$state" "pid $pid  $url  data: $ETCD_DATA_DIR"
}
