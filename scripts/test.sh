#!/usr/bin/env bash
# Runs the build and all tests, including those that start real ovsdb-server, etcd and Prometheus.
# As root, installs missing tools first and makes tests FAIL (not skip) when a real program is missing.
set -euo pipefail

cd "$(dirname "$0")/.."

# ovsdb-server and ip live in sbin, which a non-login PATH may lack.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

readonly REQUIRED_TOOLS=(ovsdb-server ovsdb-tool ovs-vsctl ovsdb-client etcd promtool prometheus ip ping openssl)
readonly PACKAGES=(openvswitch-switch etcd-server prometheus iproute2 iputils-ping openssl)

missing_tools() {
  local tool
  for tool in "${REQUIRED_TOOLS[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || echo "$tool"
  done
}

is_root() {
  [[ "$(id -u)" -eq 0 ]]
}

missing="$(missing_tools)"
if [[ -n "$missing" ]] && is_root; then
  echo "test.sh: installing packages for missing tools: $(echo "$missing" | tr '\n' ' ')" >&2
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${PACKAGES[@]}"
  missing="$(missing_tools)"
fi

if is_root && [[ -z "$missing" ]]; then
  export CONTIV_EXPORTER_REQUIRE_REAL=1
elif [[ -n "$missing" ]]; then
  echo "test.sh: tests needing these tools will be skipped: $(echo "$missing" | tr '\n' ' ')" >&2
fi

status=0
mvn -B verify "$@" || status=$?
exit "$status"
