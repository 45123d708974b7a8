# shellcheck shell=bash
# The local Docker engine the kubelets run pods in: installed (Debian's docker.io) and started when
# missing and possible, otherwise a clear message.

DOCKER_SOCKET=/var/run/docker.sock
DOCKER_READY_TIMEOUT=60

docker_answers() {
  [[ $(curl -s --max-time 3 --unix-socket "$DOCKER_SOCKET" http://localhost/_ping 2>/dev/null) == OK ]]
}

# docker_ensure: returns once the engine answers on DOCKER_SOCKET, installing and starting it if needed.
docker_ensure() {
  require_cmd curl "install it with apt-get install -y curl"
  docker_answers && return
  if ! command -v dockerd >/dev/null 2>&1; then
    ensure_packages docker.io
  fi
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
    say "Starting the Docker engine (systemctl start docker) ..."
    as_root systemctl start docker || die "systemctl start docker failed: see journalctl -u docker"
  else
    ((EUID == 0)) || die "the Docker engine is not running at $DOCKER_SOCKET and starting it needs root: start it (dockerd), then run ./skiff up again"
    say "Starting the Docker engine (dockerd, log: $(log_file dockerd)) ..."
    proc_start dockerd "$DOCKER_SOCKET" dockerd
  fi
  local deadline=$((SECONDS + DOCKER_READY_TIMEOUT))
  until docker_answers; do
    ((SECONDS < deadline)) ||
      die "the Docker engine did not answer at $DOCKER_SOCKET within $DOCKER_READY_TIMEOUT s; its log: $(log_file dockerd) or journalctl -u docker"
    sleep 0.5
  done
  say "The Docker engine answers at $DOCKER_SOCKET"
}
