# shellcheck shell=bash
# Background processes: pid and info files under $SKIFF_HOME/run, logs under $SKIFF_HOME/logs.

STOP_TIMEOUT=20

run_file() { printf '%s/run/%s' "$SKIFF_HOME" "$1"; }
log_file() { printf '%s/logs/%s.log' "$SKIFF_HOME" "$1"; }

# alive PID: true while PID runs (a zombie does not count).
alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

# proc_pid NAME MARKER: prints the pid of NAME when it runs, i.e. its pid file names a live
# process whose command line contains MARKER (so a reused pid is not mistaken for it).
proc_pid() {
  local pidfile pid
  pidfile=$(run_file "$1.pid")
  [[ -f $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2" || return 1
  printf '%s\n' "$pid"
}

# proc_info NAME: prints what NAME recorded about itself when it started (e.g. its URL).
proc_info() {
  cat "$(run_file "$1.info")" 2>/dev/null || true
}

# proc_start NAME INFO CMD...: runs CMD from the repository root in its own session, immune to
# hangups, logging to NAME's log (the previous log is kept as .1); records its pid and INFO.
# Sets STARTED_PID.
proc_start() {
  local name=$1 info=$2 log
  shift 2
  log=$(log_file "$name")
  mkdir -p "$SKIFF_HOME/run" "$SKIFF_HOME/logs"
  if [[ -f $log ]]; then
    mv -f "$log" "$log.1"
  fi
  (cd "$SKIFF_ROOT" && exec setsid nohup "$@") >"$log" 2>&1 </dev/null &
  STARTED_PID=$!
  printf '%s\n' "$STARTED_PID" >"$(run_file "$name.pid")"
  printf '%s\n' "$info" >"$(run_file "$name.info")"
}

# proc_stop NAME MARKER: SIGTERM, then SIGKILL after STOP_TIMEOUT seconds; removes its run files.
proc_stop() {
  local name=$1 pid deadline
  if ! pid=$(proc_pid "$name" "$2"); then
    say "$name is not running"
  else
    say "Stopping $name (pid $pid) ..."
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + STOP_TIMEOUT))
    while alive "$pid" && ((SECONDS < deadline)); do
      sleep 0.2
    done
    if alive "$pid"; then
      kill -KILL "$pid" 2>/dev/null || true
      say "$name did not stop within $STOP_TIMEOUT s; killed it"
    else
      say "$name stopped"
    fi
  fi
  proc_forget "$name"
}

# proc_forget NAME: removes NAME's pid and info files.
proc_forget() {
  rm -f "$(run_file "$1.pid")" "$(run_file "$1.info")"
}

# wait_ready PID TIMEOUT CHECK...: polls CHECK until it succeeds.
# Returns 0 when ready, 1 after TIMEOUT seconds, 2 when PID exits first.
wait_ready() {
  local pid=$1 deadline=$((SECONDS + $2))
  shift 2
  until "$@"; do
    alive "$pid" || return 2
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# proc_await NAME PID TIMEOUT WHAT CHECK...: waits for CHECK, saying it waits for WHAT; on success
# returns, otherwise stops naming NAME, the reason and its log (and forgets NAME if it exited).
proc_await() {
  local name=$1 pid=$2 timeout=$3 what=$4 log rc=0 started=$SECONDS
  shift 4
  log=$(log_file "$name")
  say "Waiting for $name: $what (up to $timeout s) ..."
  wait_ready "$pid" "$timeout" "$@" || rc=$?
  case $rc in
    0) say "$name is ready (pid $pid, $((SECONDS - started)) s)" ;;
    1) die "$name did not become ready within $timeout s: $what; see its log: $log (./skiff down stops everything)" ;;
    *)
      proc_forget "$name"
      die "$name failed to start: $(last_error_line "$log") (log: $log)"
      ;;
  esac
}

# last_error_line LOG: the log's last ERROR line without its timestamp/level/category prefix; when
# it has none, the JVM's reason if the JVM refused to start, else its last non-blank line.
last_error_line() {
  local line
  line=$(grep -E '(^|[[:space:]])ERROR[[:space:]]' "$1" 2>/dev/null | tail -n 1) || true
  if [[ -n $line ]]; then
    line=$(sed -E 's/^.*ERROR +(\[[^]]*\] +)?(\([^)]*\) +)?//' <<<"$line")
  elif grep -q '^Error: Could not create the Java Virtual Machine' "$1" 2>/dev/null; then
    # the JVM refused its options (SKIFF_CONTROL_PLANE_JVM, say): its first line says which
    line="the JVM did not start: $(grep -v '^[[:space:]]*$' "$1" | head -n 1)"
  else
    line=$(grep -v '^[[:space:]]*$' "$1" 2>/dev/null | tail -n 1) || true
  fi
  printf '%s\n' "${line:-its log is empty}"
}

# status_line NAME STATE [DETAILS...]: one aligned line of ./skiff status.
status_line() {
  local name=$1 state=$2
  shift 2
  if (($# > 0)); then
    printf '%-18s %-20s %s\n' "$name" "$state" "$*"
  else
    printf '%-18s %s\n' "$name" "$state"
  fi
}
