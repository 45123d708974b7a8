# shellcheck shell=bash
# Debian packages the tests need, installed when missing.

package_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# as_root CMD...: runs CMD as root, through sudo when not root.
as_root() {
  if ((EUID == 0)); then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "installing packages needs root: run this as root, or run '$*' as root first"
  fi
}

# ensure_packages PKG...: installs the packages that are not installed yet (one apt-get update).
ensure_packages() {
  local pkg missing=()
  for pkg in "$@"; do
    package_installed "$pkg" || missing+=("$pkg")
  done
  ((${#missing[@]} > 0)) || return 0
  require_cmd apt-get "install these packages yourself: ${missing[*]}"
  say "Installing ${missing[*]} (apt-get) ..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}
