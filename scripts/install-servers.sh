#!/bin/sh
# Installs Debian's PostgreSQL, Redis and nginx for the tests that start real servers (tests/Shared/PostgresServer.cs
# starts a throwaway PostgreSQL on a loopback port). Installs only what is missing; runs apt-get update only when the
# package lists have never been fetched or apt cannot find a package. Quiet unless it fails.
set -eu

missing=""
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing="$missing redis-server"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
if [ -z "$missing" ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# The Debian packages start their own services when installed: the tests start their own servers instead.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f "$log"; $SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi

install() {
  # shellcheck disable=SC2086
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $missing >"$log" 2>&1
}

if ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1 || ! install; then
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -q >"$log" 2>&1 || { cat "$log" >&2; echo "error: apt-get update failed, so$missing could not be installed" >&2; exit 1; }
  install || { cat "$log" >&2; echo "error: apt-get install$missing failed (see above)" >&2; exit 1; }
fi

ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { echo "error: postgresql is installed but /usr/lib/postgresql/*/bin/initdb is missing" >&2; exit 1; }
id postgres >/dev/null 2>&1 || { echo "error: postgresql is installed but there is no postgres user" >&2; exit 1; }
