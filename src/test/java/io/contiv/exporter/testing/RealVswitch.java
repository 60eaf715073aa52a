package io.contiv.exporter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code ovs-vswitchd} with the userspace datapath ({@code datapath_type=netdev}, no kernel module), attached
 * to a {@link RealOvsdbServer}, switching real packets between "pods": network namespaces, each holding one end of a
 * veth pair whose other end is a port of a bridge.
 *
 * <p>Everything it makes is private to one instance, so parallel runs do not collide:
 * <ul>
 *   <li>ovs-vswitchd runs inside a network namespace of its own ({@link #switchNamespace()}): the tap devices it
 *       creates for the datapath ({@code ovs-netdev}) and for each bridge's local port (named after the bridge,
 *       truncated to 15 characters) live there, not in the host's namespace, and the OVS ends of the veth pairs
 *       ({@code vvport1}, {@code vvport2}, ... as netplugin names them) are created directly in it;</li>
 *   <li>its run directory ({@link #runDirectory()}, given as {@code OVS_RUNDIR}) holds the per-bridge OpenFlow
 *       management sockets {@code <rundir>/<bridge>.mgmt} ({@link #mgmtTarget}), the pid file
 *       {@code ovs-vswitchd.pid} and the control socket {@code ovs-vswitchd.<pid>.ctl}, where a packaged ovs-vswitchd
 *       puts them in {@code /var/run/openvswitch}; its logs are in the same temporary directory, and nothing is
 *       created under {@code /var/run/openvswitch};</li>
 *   <li>pod namespaces are named {@code contiv-<random id>-<pod name>}.</li>
 * </ul>
 * IPv6 is disabled in every namespace it makes, so that no router solicitation or multicast report moves the
 * counters behind the test's back: an idle pod's counters stay still.
 *
 * <p>ovs-vswitchd writes the {@code statistics} column every 5 s; {@code other_config:stats-update-interval} cannot
 * make that shorter (values below 5000 ms are raised to 5000), hence {@link #awaitStatistics}.
 *
 * <p>{@link #close()} stops ovs-vswitchd (gracefully, then by PID) and deletes every namespace (with them the veth
 * pairs and taps) and the temporary directory, going on after a failed step; a shutdown hook deletes the namespaces
 * of instances still open when the JVM exits. Needs root, and the programs in {@link #REQUIRED_BINARIES}.
 */
public final class RealVswitch implements AutoCloseable {

    public static final List<String> REQUIRED_BINARIES =
            List.of("ovs-vswitchd", "ovs-vsctl", "ovs-appctl", "ovs-ofctl", "ip", "sysctl", "env", "ping");
    /** The address block of pods: pod number N (from 1) gets 10.77.0.N/24. */
    public static final String SUBNET = "10.77.0.0/24";
    public static final int PREFIX_LENGTH = 24;
    /** How often ovs-vswitchd writes interface statistics into OVSDB; not configurable below this. */
    public static final Duration STATISTICS_INTERVAL = Duration.ofSeconds(5);
    /** The pod side of each veth pair. */
    public static final String POD_INTERFACE = "eth0";

    private static final String SUBNET_PREFIX = "10.77.0.";
    private static final int MAX_PODS = 254;
    private static final Pattern POD_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,30}");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final List<String> QUIET_NAMESPACE_SYSCTLS = List.of(
            "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
    private static final Logger LOG = LoggerFactory.getLogger(RealVswitch.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    // Namespaces outlive the JVM; this deletes those of instances not closed when it exits.
    private static final Set<RealVswitch> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> OPEN.forEach(RealVswitch::deleteNamespacesQuietly), "real-vswitch-namespace-reaper"));
    }

    /**
     * One pod: a namespace whose {@value #POD_INTERFACE} is one end of a veth pair, the other end being the OVS
     * port and interface {@code interfaceName} (in the switch's namespace) on {@code bridge}.
     *
     * @param name          the name given to {@link #addPod}
     * @param namespace     the pod's network namespace, unique on the machine
     * @param interfaceName the OVS interface (and port) name, {@code vvport<N>}
     * @param ipAddress     the address of the pod's {@value #POD_INTERFACE}, in {@link #SUBNET}
     * @param macAddress    the MAC address of the pod's {@value #POD_INTERFACE}
     * @param externalIds   the OVS interface's {@code external_ids}
     * @param ofport        the OpenFlow port number OVS gave the interface
     */
    public record Pod(String name, String namespace, String bridge, String interfaceName, String ipAddress,
                      int prefixLength, String macAddress, Map<String, String> externalIds, long ofport) {

        public Pod {
            externalIds = Map.copyOf(externalIds);
        }

        /** {@code external_ids:endpoint-id}, or null. */
        public String endpointId() {
            return externalIds.get("endpoint-id");
        }
    }

    private final Binaries binaries;
    private final CommandRunner commands;
    private final RealOvsdbServer ovsdb;
    private final TemporaryDirectory directory;
    private final String id;
    private final String switchNamespace;
    private final List<String> podNamespaces = new CopyOnWriteArrayList<>();
    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private boolean switchNamespaceCreated;
    private ExternalProcess process;
    private int podsCreated;

    private RealVswitch(Binaries binaries, RealOvsdbServer ovsdb, TemporaryDirectory directory, String id,
                        int firstPodNumber) {
        this.podsCreated = firstPodNumber - 1;
        this.binaries = binaries;
        this.commands = new CommandRunner(COMMAND_TIMEOUT);
        this.ovsdb = ovsdb;
        this.directory = directory;
        this.id = id;
        this.switchNamespace = "contiv-" + id + "-switch";
    }

    /** Skips the calling test (or fails it under {@code CONTIV_EXPORTER_REQUIRE_REAL=1}) unless this can run. */
    public static void requireAvailable(Requirements requirements) {
        requirements.requireRoot();
        List<String> binaries = new ArrayList<>(RealOvsdbServer.REQUIRED_BINARIES);
        binaries.addAll(REQUIRED_BINARIES);
        requirements.requireBinaries(binaries);
    }

    /** Starts ovs-vswitchd in a new network namespace, connected to {@code ovsdb}'s unix socket. */
    public static RealVswitch start(RealOvsdbServer ovsdb) {
        return start(ovsdb, Binaries.fromEnvironment());
    }

    public static RealVswitch start(RealOvsdbServer ovsdb, Binaries binaries) {
        return start(ovsdb, binaries, 1);
    }

    /**
     * Starts ovs-vswitchd whose first pod gets address number {@code firstPodNumber} of {@link #SUBNET}, so that the
     * pods of two switches joined by a tunnel ({@link VxlanUnderlay}) have different addresses.
     */
    public static RealVswitch start(RealOvsdbServer ovsdb, int firstPodNumber) {
        return start(ovsdb, Binaries.fromEnvironment(), firstPodNumber);
    }

    private static RealVswitch start(RealOvsdbServer ovsdb, Binaries binaries, int firstPodNumber) {
        if (firstPodNumber < 1 || firstPodNumber > MAX_PODS) {
            throw new IllegalArgumentException("first pod number must be 1 to " + MAX_PODS);
        }
        String id = HexFormat.of().formatHex(randomBytes(4));
        RealVswitch vswitch = new RealVswitch(binaries, ovsdb, TemporaryDirectory.create("contiv-vswitchd-"), id,
                firstPodNumber);
        OPEN.add(vswitch);
        try {
            vswitch.launch();
            return vswitch;
        } catch (RuntimeException e) {
            try {
                vswitch.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void launch() {
        try {
            Files.createDirectories(runDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ip("netns", "add", switchNamespace);
        switchNamespaceCreated = true;
        quietNamespace(switchNamespace);
        // ip execs env, env execs ovs-vswitchd: the PID is ovs-vswitchd's, and no shell is involved.
        List<String> command = List.of(
                binaries.require("ip").toString(), "netns", "exec", switchNamespace,
                binaries.require("env").toString(),
                "OVS_RUNDIR=" + runDirectory(), "OVS_LOGDIR=" + directory.path(), "OVS_DBDIR=" + directory.path(),
                binaries.require("ovs-vswitchd").toString(),
                ovsdb.unixAddress(),
                "--pidfile=" + runDirectory().resolve("ovs-vswitchd.pid"),
                "--log-file=" + logFile(),
                "-vconsole:warn", "-vsyslog:off",
                "--disable-system");
        process = ExternalProcess.start("ovs-vswitchd", command, directory.resolve("ovs-vswitchd.out"));
        process.awaitCondition("ovs-appctl version answers on " + unixctlSocket(), STARTUP_TIMEOUT,
                () -> Files.exists(unixctlSocket())
                        && commands.run(appctlCommand(PROBE_TIMEOUT, "version")).succeeded());
        LOG.info("ovs-vswitchd (pid {}) runs in namespace {}, rundir {}", process.pid(), switchNamespace,
                runDirectory());
    }

    /** Adds a bridge on the userspace datapath and waits until ovs-vswitchd has created it. */
    public void addBridge(String name) {
        vsctl("--may-exist", "add-br", name, "--", "set", "Bridge", name, "datapath_type=netdev");
    }

    /** {@link #addPod(String, String, Map)} with {@code external_ids:endpoint-id=<endpointId>}. */
    public Pod addPod(String bridge, String name, String endpointId) {
        return addPod(bridge, name, Map.of("endpoint-id", endpointId));
    }

    /**
     * Makes a pod: a namespace {@code contiv-<id>-<name>} with IPv6 off and loopback up; a veth pair with
     * {@value #POD_INTERFACE} (next free address of {@link #SUBNET}, MAC {@code 02:00:<address in hex>}) in the pod
     * and {@code vvport<N>} in the switch's namespace; that end added to {@code bridge} as a port whose interface
     * carries {@code externalIds}. Returns once ovs-vswitchd has given the interface an OpenFlow port.
     *
     * @param name lower-case letters, digits and dashes; unique in this switch
     */
    public synchronized Pod addPod(String bridge, String name, Map<String, String> externalIds) {
        if (!POD_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("pod name must match " + POD_NAME + ": " + name);
        }
        if (pods.containsKey(name)) {
            throw new IllegalArgumentException("pod " + name + " exists already");
        }
        if (podsCreated >= MAX_PODS) {
            throw new IllegalStateException("at most " + MAX_PODS + " pods fit in " + SUBNET);
        }
        int number = ++podsCreated;
        String namespace = "contiv-" + id + "-" + name;
        String interfaceName = "vvport" + number;
        String ipAddress = SUBNET_PREFIX + number;
        String macAddress = macAddressOf(ipAddress);

        ip("netns", "add", namespace);
        podNamespaces.add(namespace);
        quietNamespace(namespace);
        // Both ends are created where they belong: nothing appears in the host's namespace, even briefly.
        ip("link", "add", "name", interfaceName, "netns", switchNamespace, "type", "veth",
                "peer", "name", POD_INTERFACE, "netns", namespace, "address", macAddress);
        ip("-n", namespace, "address", "add", ipAddress + "/" + PREFIX_LENGTH, "dev", POD_INTERFACE);
        ip("-n", namespace, "link", "set", POD_INTERFACE, "up");
        ip("-n", switchNamespace, "link", "set", interfaceName, "up");

        List<String> addPort = new ArrayList<>(List.of("add-port", bridge, interfaceName));
        if (!externalIds.isEmpty()) {
            addPort.addAll(List.of("--", "set", "Interface", interfaceName));
            externalIds.forEach((key, value) -> addPort.add("external_ids:" + quoted(key) + "=" + quoted(value)));
        }
        vsctl(addPort.toArray(String[]::new));
        String error = vsctl("get", "Interface", interfaceName, "error").trim();
        long ofport = Long.parseLong(vsctl("get", "Interface", interfaceName, "ofport").trim());
        if (!"[]".equals(error) || ofport <= 0) {
            throw new IllegalStateException("ovs-vswitchd did not take " + interfaceName + " (ofport " + ofport
                    + ", error " + error + ")\n--- last lines of " + logFile() + " ---\n" + logTail());
        }
        Pod pod = new Pod(name, namespace, bridge, interfaceName, ipAddress, PREFIX_LENGTH, macAddress, externalIds,
                ofport);
        pods.put(name, pod);
        return pod;
    }

    public synchronized List<Pod> pods() {
        return List.copyOf(pods.values());
    }

    /** Runs a command inside the pod's namespace ({@code ip netns exec}); the result, whatever the exit code. */
    public CommandResult runInPod(Pod pod, String... command) {
        return runInNamespace(pod.namespace(), List.of(command));
    }

    /** Runs a command inside ovs-vswitchd's namespace, e.g. to reach an OpenFlow controller on its loopback. */
    public CommandResult runInSwitchNamespace(String... command) {
        return runInNamespace(switchNamespace, List.of(command));
    }

    /** Sets kernel parameters of the pod's namespace, e.g. {@code net.ipv4.icmp_echo_ignore_all=1}. */
    public void sysctl(Pod pod, String... assignments) {
        sysctl(pod.namespace(), List.of(assignments));
    }

    /**
     * {@code ping -c count -s payloadBytes} from one pod to another, 20 ms apart, waiting at most 1 s for the last
     * reply. Exit code 1 means replies were missing: expected when the target ignores echo requests.
     * Each request is an Ethernet frame of {@link #icmpEchoFrameBytes icmpEchoFrameBytes(payloadBytes)} bytes.
     */
    public CommandResult ping(Pod from, Pod to, int count, int payloadBytes) {
        return runInPod(from, binaries.require("ping").toString(), "-n", "-q", "-c", Integer.toString(count),
                "-i", "0.02", "-W", "1", "-s", Integer.toString(payloadBytes), to.ipAddress());
    }

    /** Bytes on the wire (as OVS counts them, without FCS) of an ICMP echo over IPv4 and Ethernet. */
    public static long icmpEchoFrameBytes(int payloadBytes) {
        return 14 + 20 + 8 + payloadBytes;
    }

    /** {@code ovs-vsctl get Interface <name> statistics}, parsed; empty until ovs-vswitchd first writes it. */
    public Map<String, Long> statistics(String interfaceName) {
        return parseStatistics(ovsdb.vsctl("get", "Interface", interfaceName, "statistics"));
    }

    /**
     * Polls {@link #statistics} until the condition holds and returns the statistics that met it. Allow at least
     * {@link #STATISTICS_INTERVAL} and some: ovs-vswitchd writes them that often.
     */
    public Map<String, Long> awaitStatistics(String interfaceName, Predicate<Map<String, Long>> condition,
                                             Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Long> statistics = statistics(interfaceName);
            if (condition.test(statistics)) {
                return statistics;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("statistics of " + interfaceName + " did not meet the condition within "
                        + timeout + "; last: " + statistics);
            }
            sleep(POLL_INTERVAL);
        }
    }

    /**
     * Runs {@code ovs-vsctl --db=<unix socket> --timeout=30 ARGS} and returns its stdout. Unlike
     * {@link RealOvsdbServer#vsctl}, it waits until ovs-vswitchd has applied the change.
     */
    public String vsctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binaries.require("ovs-vsctl").toString(),
                "--db=" + ovsdb.unixAddress(), "--timeout=" + COMMAND_TIMEOUT.toSeconds()));
        command.addAll(List.of(arguments));
        return commands.run(command).orThrow().stdout();
    }

    /** Runs {@code ovs-appctl -t <this daemon's control socket> ARGS} and returns its stdout. */
    public String appctl(String... arguments) {
        return commands.run(appctlCommand(COMMAND_TIMEOUT, arguments)).orThrow().stdout();
    }

    /**
     * Runs {@code ovs-ofctl ARGS} and returns its stdout; name the switch with {@link #mgmtTarget}, e.g.
     * {@code ofctl("-O", "OpenFlow13", "dump-flows", mgmtTarget("contivVxlanBridge"))}.
     */
    public String ofctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binaries.require("ovs-ofctl").toString()));
        command.addAll(List.of(arguments));
        return commands.run(command).orThrow().stdout();
    }

    /** The bridge's OpenFlow management socket, {@code <rundir>/<bridge>.mgmt}. */
    public Path mgmtSocket(String bridge) {
        return runDirectory().resolve(bridge + ".mgmt");
    }

    /** {@code unix:<rundir>/<bridge>.mgmt}: how ovs-ofctl reaches the bridge. */
    public String mgmtTarget(String bridge) {
        return "unix:" + mgmtSocket(bridge);
    }

    /** ovs-vswitchd's OVS_RUNDIR: management sockets live here. */
    public Path runDirectory() {
        return directory.resolve("run");
    }

    /** Where ovs-vswitchd puts its control socket by default: {@code <rundir>/ovs-vswitchd.<pid>.ctl}. */
    public Path unixctlSocket() {
        return runDirectory().resolve("ovs-vswitchd." + process.pid() + ".ctl");
    }

    public Path logFile() {
        return directory.resolve("ovs-vswitchd.log");
    }

    public String logTail() {
        return ExternalProcess.tailOf(logFile(), 30);
    }

    /** The network namespace ovs-vswitchd runs in, with its taps and the OVS ends of the veth pairs. */
    public String switchNamespace() {
        return switchNamespace;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public RealOvsdbServer ovsdb() {
        return ovsdb;
    }

    /**
     * Stops ovs-vswitchd ({@code exit --cleanup}, which removes its datapath and taps, then SIGTERM/SIGKILL by
     * PID), deletes the pod namespaces and the switch's namespace (and so every veth pair), then the temporary
     * directory. Every step runs even if an earlier one failed; the first failure is thrown at the end.
     */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        if (process != null) {
            if (process.isAlive()) {
                // Graceful first: ovs-vswitchd then removes its datapath and taps itself. SIGTERM does not.
                try {
                    CommandResult exit = new CommandRunner(EXIT_TIMEOUT.plusSeconds(1))
                            .run(appctlCommand(EXIT_TIMEOUT, "exit", "--cleanup"));
                    if (!exit.succeeded()) {
                        LOG.warn("ovs-appctl exit --cleanup failed: {}", exit.stderr().trim());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("ovs-appctl exit --cleanup failed", e);
                }
            }
            attempt(failures, process::stop);
        }
        attempt(failures, this::deleteNamespaces);
        OPEN.remove(this);
        attempt(failures, directory::close);
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private void deleteNamespaces() {
        List<RuntimeException> failures = new ArrayList<>();
        for (String namespace : List.copyOf(podNamespaces)) {
            attempt(failures, () -> {
                ip("netns", "delete", namespace);
                podNamespaces.remove(namespace);
            });
        }
        if (switchNamespaceCreated) {
            attempt(failures, () -> {
                ip("netns", "delete", switchNamespace);
                switchNamespaceCreated = false;
            });
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private void deleteNamespacesQuietly() {
        try {
            deleteNamespaces();
        } catch (RuntimeException e) {
            // the JVM is exiting; nothing more can be done
        }
    }

    private void quietNamespace(String namespace) {
        sysctl(namespace, QUIET_NAMESPACE_SYSCTLS);
        ip("-n", namespace, "link", "set", "lo", "up");
    }

    private void sysctl(String namespace, List<String> assignments) {
        List<String> command = new ArrayList<>(List.of(binaries.require("sysctl").toString(), "-q", "-w"));
        command.addAll(assignments);
        runInNamespace(namespace, command).orThrow();
    }

    private CommandResult runInNamespace(String namespace, List<String> command) {
        List<String> full = new ArrayList<>(List.of(binaries.require("ip").toString(), "netns", "exec", namespace));
        full.addAll(command);
        return commands.run(full);
    }

    private void ip(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binaries.require("ip").toString()));
        command.addAll(List.of(arguments));
        commands.run(command).orThrow();
    }

    private List<String> appctlCommand(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of(binaries.require("ovs-appctl").toString(),
                "-t", unixctlSocket().toString(), "--timeout=" + timeout.toSeconds()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Parses ovs-vsctl's map notation {@code {collisions=0, rx_bytes=90, ...}}. */
    static Map<String, Long> parseStatistics(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            throw new IllegalArgumentException("not an ovs-vsctl map: " + text);
        }
        Map<String, Long> statistics = new LinkedHashMap<>();
        String body = trimmed.substring(1, trimmed.length() - 1).trim();
        if (body.isEmpty()) {
            return statistics;
        }
        for (String entry : body.split(",")) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("not an ovs-vsctl map: " + text);
            }
            statistics.put(entry.substring(0, equals).trim(), Long.parseLong(entry.substring(equals + 1).trim()));
        }
        return statistics;
    }

    /** An OVSDB string literal as ovs-vsctl reads it: double quotes, backslash escapes. */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code 02:00:} followed by the four bytes of the IPv4 address: locally administered, unique per address. */
    static String macAddressOf(String ipv4) {
        StringBuilder mac = new StringBuilder("02:00");
        for (String octet : ipv4.split("\\.")) {
            mac.append(':').append(String.format("%02x", Integer.parseInt(octet)));
        }
        return mac.toString();
    }

    private static void attempt(List<RuntimeException> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
