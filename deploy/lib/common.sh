# shellcheck shell=bash
# Messages and small checks shared by the launcher and its components.

say() { printf '%s\n' "$*"; }
warn() { printf '%s\n' "$*" >&2; }
die() {
  warn "$*"
  exit 1
}

# require_cmd CMD HOW: stop with HOW (what to do) when CMD is not on the PATH.
require_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "$1 not found: $2"
}

require_java() {
  require_cmd java "install Java 17 or newer (apt-get install -y openjdk-17-jdk-headless)"
  local version
  version=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  if ! [[ $version =~ ^[0-9]+$ ]] || ((version < 17)); then
    die "Java 17 or newer is needed but $(command -v java) is ${version:-of unknown version}: install openjdk-17-jdk-headless or put a newer java first on the PATH"
  fi
}

# require_value OPTION ARGS...: stop unless OPTION is followed by a value.
require_value() {
  (($# >= 2)) || die "$1 needs a value; run ./skiff help for usage"
}

# require_port VALUE OPTION: stop unless VALUE is a TCP port number.
require_port() {
  if ! [[ $1 =~ ^[0-9]+$ ]] || (($1 < 1 || $1 > 65535)); then
    die "$2 needs a port number between 1 and 65535, got '$1'"
  fi
}

# port_in_use PORT: true when something accepts connections on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# http_status URL: prints the HTTP status code, 000 when nothing answers.
http_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true
}

# wants_help ARGS...: true when the options ask only for the usage (--help or -h).
wants_help() {
  local arg
  for arg in "$@"; do
    [[ $arg == --help || $arg == -h ]] && return 0
  done
  return 1
}

# control_plane_jvm: sets CONTROL_PLANE_JVM, the JVM options of the api-server, the scheduler and the
# controller manager. SKIFF_CONTROL_PLANE_JVM, when set (even empty), replaces them. Otherwise, on a
# machine with 2 CPUs or fewer, they run with the quick compiler (C1) alone: the optimizing compiler's
# threads would take CPU from the requests for tens of thousands of them after each start, and on
# 2 CPUs C1's code served a create for as little CPU (README, "Control-plane JVMs").
control_plane_jvm() {
  if [[ -v SKIFF_CONTROL_PLANE_JVM ]]; then
    read -r -a CONTROL_PLANE_JVM <<<"$SKIFF_CONTROL_PLANE_JVM"
  elif (($(nproc) <= 2)); then
    CONTROL_PLANE_JVM=(-XX:TieredStopAtLevel=1)
  else
    CONTROL_PLANE_JVM=()
  fi
}
