#!/usr/bin/env bash
# Runs the build and all tests, including those that start real ovsdb-server, etcd and Prometheus.
# As root, installs missing tools first and makes tests FAIL (not skip) when a real program is missing.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/test.sh [MAVEN-ARGUMENTS...]

Builds contiv-exporter and runs every test with `mvn -B verify`, passing the arguments on to Maven, e.g.
  scripts/test.sh                      every test (what CI runs)
  scripts/test.sh -Dtest=OnceIT        one test class
  scripts/test.sh -o                   offline, from the local Maven repository

The tests start real ovsdb-server, ovs-vswitchd, etcd, prometheus and promtool. As root, the script first installs
the Debian packages that provide missing ones (openvswitch-switch, etcd-server, prometheus, iproute2, iputils-ping,
procps, openssl) and makes a test that needs a missing program fail instead of skipping it; as another user, such
tests are skipped and say why.
USAGE
}

case "${1:-}" in
  -h|--help|help)
    usage
    exit 0
    ;;
esac

cd "$(dirname "$0")/.."

# ovsdb-server and ip live in sbin, which a non-login PATH may lack.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

readonly REQUIRED_TOOLS=(ovsdb-server ovsdb-tool ovs-vsctl ovsdb-client ovs-vswitchd ovs-appctl ovs-ofctl etcd promtool
  prometheus ip ping sysctl openssl)
readonly PACKAGES=(openvswitch-switch etcd-server prometheus iproute2 iputils-ping procps openssl)
# Test classes that need root and a real switch; with CONTIV_EXPORTER_REQUIRE_REAL=1 (CI) they must have run.
readonly MUST_RUN_CLASSES=(io.contiv.exporter.integration.LiveTrafficIT io.contiv.exporter.testing.RealVswitchTest
  io.contiv.exporter.integration.PolicyTrafficIT io.contiv.exporter.integration.SwitchInternalsIT
  io.contiv.exporter.integration.TunnelTrafficIT)

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

# Prints the value of attribute $2 of the <testsuite> element in surefire report $1.
suite_attribute() {
  { grep -m1 -o "<testsuite [^>]*" "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+'; } || true
}

# Fails unless every class in MUST_RUN_CLASSES ran at least one test and skipped none.
check_must_run_classes() {
  local class report tests skipped failed=0
  for class in "${MUST_RUN_CLASSES[@]}"; do
    report="target/surefire-reports/TEST-$class.xml"
    if [[ ! -f "$report" ]]; then
      echo "test.sh: $class did not run (no $report)" >&2
      failed=1
      continue
    fi
    tests="$(suite_attribute "$report" tests)"
    skipped="$(suite_attribute "$report" skipped)"
    if [[ -z "$tests" || -z "$skipped" || "$tests" -eq 0 || "$skipped" -ne 0 ]]; then
      echo "test.sh: $class must run here but ran ${tests:-?} tests and skipped ${skipped:-?}" >&2
      failed=1
    fi
  done
  return "$failed"
}

selects_tests() {
  local argument
  for argument in "$@"; do
    [[ "$argument" == -Dtest=* || "$argument" == -DskipTests* || "$argument" == -Dmaven.test.skip* ]] && return 0
  done
  return 1
}

# A report left by an earlier build must not stand in for this one.
for class in "${MUST_RUN_CLASSES[@]}"; do
  rm -f "target/surefire-reports/TEST-$class.xml"
done

status=0
mvn -B verify "$@" || status=$?
if [[ "$status" -eq 0 && "${CONTIV_EXPORTER_REQUIRE_REAL:-}" == 1 ]]; then
  if selects_tests "$@"; then
    echo "test.sh: tests selected on the command line; not checking that ${MUST_RUN_CLASSES[*]} ran" >&2
  else
    check_must_run_classes || status=1
  fi
fi
exit "$status"
