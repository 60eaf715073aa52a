#!/usr/bin/env bash
# Benchmarks: JMH micro-benchmarks of the hot paths, the production phase (real ovsdb-server with 110, 1,000 and
# 10,000 interfaces whose statistics are rewritten every 5 s, two scrapers asking as Prometheus does, the exporter
# with the sidecar's JVM settings), the latency and load phases at 1,000 and 10,000 interfaces, and the cluster-scale
# phase (real etcd behind a byte-counting relay holding 50,000 endpoints on 500 nodes, the exporter with the sidecar's
# JVM settings, then netmaster mode at 50,000). Writes BENCHMARKS.md at the repository root. Takes about 45 minutes
# on 2 cores; loopback only; everything it starts is stopped at the end. Run it niced on a shared machine
# (nice -n 10 bench/run.sh); figures move with other load.
#
#   bench/run.sh                 # everything, as committed in BENCHMARKS.md
#   bench/run.sh --production    # the production phase alone (and its JMH benchmarks): rewrites only its section
#   bench/run.sh --skip-jmh      # end-to-end only
#   bench/run.sh --cluster-scale # the cluster-scale bench alone (about 6 minutes); rewrites only its section
#   bench/run.sh --quick         # smaller counts, to try the bench itself (figures not comparable)
#   bench/run.sh -- --sizes 10000 --exporter-jvm-option -Xmx128m    # anything after -- goes to the driver
#
# Needs Java 17 and Maven, ovsdb-server, ovsdb-tool, ovs-vsctl and ovsdb-client (Debian: openvswitch-switch), and
# etcd (Debian: etcd-server) for the cluster-scale bench.
set -euo pipefail

cd "$(dirname "$0")/.."

invocation="bench/run.sh${*:+ $*}"
run_jmh=1
quick=0
phase=all
driver_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --skip-jmh) run_jmh=0 ;;
        --quick) quick=1 ;;
        --production) phase=production ;;
        --cluster-scale) phase=cluster-scale; run_jmh=0 ;;
        --) shift; driver_args+=("$@"); break ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see bench/run.sh --help)" >&2; exit 2 ;;
    esac
    shift
done

tools=(java mvn ovsdb-server ovsdb-tool ovs-vsctl ovsdb-client)
if [ "$phase" != sizes ]; then tools+=(etcd); fi
for tool in "${tools[@]}"; do
    if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ] && [ ! -x "/usr/bin/$tool" ]; then
        echo "bench/run.sh: $tool is missing (Debian packages openvswitch-switch for the OVS tools, etcd-server)" >&2
        exit 1
    fi
done

# The bench profile adds target/benchmarks.jar; target/contiv-exporter.jar is built exactly as without it.
mvn -B -q -Pbench package -DskipTests

jmh_args=(-rf json -rff target/jmh-result.json -prof gc)
if [ "$quick" = 1 ]; then
    jmh_args+=(-f 1 -wi 1 -w 1 -i 2 -r 1)
    driver_args=(--scrapes 40 --warmup 5 --refresh-rounds 3 --netmaster-seconds 35 --full-speed-seconds 35 --startups 1 --floor-runs 3 --production-seconds 30 --cluster-churn-seconds 20 --cluster-netmaster-seconds 35 "${driver_args[@]}")
fi
if [ "$phase" = production ]; then
    # what a statistics refresh costs: decoding it, publishing and encoding the families
    jmh_args+=('OvsdbDecodeBenchmark|RefreshBenchmark|GzipLevelBenchmark')
fi

if [ "$run_jmh" = 1 ]; then
    echo "bench/run.sh: JMH micro-benchmarks (output in target/jmh-output.txt)"
    java -jar target/benchmarks.jar "${jmh_args[@]}" > target/jmh-output.txt
    driver_args=(--jmh-results target/jmh-result.json "${driver_args[@]}")
fi

echo "bench/run.sh: end-to-end bench, $phase (exporter logs in target/bench-logs); load: $(uptime)"
rm -rf target/bench-logs
java -cp target/test-classes:target/contiv-exporter.jar io.contiv.exporter.bench.EndToEndBench \
    --command "$invocation" --work-dir target/bench-logs --phase "$phase" "${driver_args[@]}"
echo "bench/run.sh: done; load: $(uptime)"
