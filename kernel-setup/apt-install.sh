# Sourced by install.sh and browser-test/run.sh: apt_install PREFIX PACKAGE... installs the Debian packages given
# (none: nothing to do), through sudo when not root; PREFIX starts its messages.
apt_install() {
  local prefix="$1"; shift
  [ $# -gt 0 ] || return 0
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { printf '%s: need root to install: %s\n' "$prefix" "$*" >&2; exit 1; }
    sudo=(sudo)
  fi
  echo "$prefix: installing $*"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@"
}
