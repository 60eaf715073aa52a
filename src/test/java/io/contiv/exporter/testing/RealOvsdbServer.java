package io.contiv.exporter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real ovsdb-server with the Open_vSwitch schema on a fresh database in a temporary directory, listening
 * on 127.0.0.1 TCP and on a unix socket. No ovs-vswitchd runs, so the test writes the columns vswitchd
 * normally owns (statistics, link_state, ...) itself.
 *
 * <p>Note: statistics, admin_state, link_state, link_resets and mtu are ephemeral in the schema, so
 * {@link #restart()} keeps bridges, ports, interfaces, external_ids and ofport but loses those.
 *
 * <p>With {@link Ssl}, it also listens on a {@code pssl:} remote, where it accepts only clients with a certificate
 * from its CA (as Open vSwitch always does); the fixture itself keeps using TCP and the unix socket.
 */
public final class RealOvsdbServer implements AutoCloseable {

    /** The files of ovsdb-server's {@code --private-key}, {@code --certificate} and {@code --ca-cert}. */
    public record Ssl(Path privateKey, Path certificate, Path caCertificate) {

        /** From the certificates of {@code pki}: the server's, issued by {@code ca}. */
        public static Ssl from(TestPki pki, String ca, String server) {
            return new Ssl(pki.file(server + ".key"), pki.file(server + ".crt"), pki.file(ca + ".crt"));
        }
    }

    public static final List<String> REQUIRED_BINARIES = List.of("ovsdb-server", "ovsdb-tool", "ovs-vsctl");
    public static final Path SCHEMA = Path.of("/usr/share/openvswitch/vswitch.ovsschema");

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Binaries binaries;
    private final CommandRunner commands;
    private final OvsdbJsonRpc rpc;
    private final ObjectMapper mapper;
    private final TemporaryDirectory directory;
    private final int port;
    private final Ssl ssl;
    private final int sslPort;
    private ExternalProcess process;

    private RealOvsdbServer(Binaries binaries, CommandRunner commands, ObjectMapper mapper,
                            TemporaryDirectory directory, int port, Ssl ssl, int sslPort) {
        this.binaries = binaries;
        this.commands = commands;
        this.mapper = mapper;
        this.directory = directory;
        this.port = port;
        this.ssl = ssl;
        this.sslPort = sslPort;
        this.rpc = new OvsdbJsonRpc(tcpAddress(), CALL_TIMEOUT, mapper);
    }

    public static RealOvsdbServer start() {
        return start(Binaries.fromEnvironment());
    }

    public static RealOvsdbServer start(Binaries binaries) {
        return PortConflictRetry.start("ovsdb-server", () -> startOn(binaries, FreePorts.loopbackPort()));
    }

    /** Also listening on a {@code pssl:} remote with these files ({@link #sslAddress()}). */
    public static RealOvsdbServer start(Ssl ssl) {
        return PortConflictRetry.start("ovsdb-server", () -> {
            List<Integer> ports = FreePorts.loopbackPorts(2);
            return startOn(Binaries.fromEnvironment(), ports.get(0), ssl, ports.get(1));
        });
    }

    static RealOvsdbServer startOn(Binaries binaries, int port) {
        return startOn(binaries, port, null, 0);
    }

    private static RealOvsdbServer startOn(Binaries binaries, int port, Ssl ssl, int sslPort) {
        CommandRunner commands = new CommandRunner(CALL_TIMEOUT);
        TemporaryDirectory directory = TemporaryDirectory.create("contiv-ovsdb-");
        RealOvsdbServer server = new RealOvsdbServer(binaries, commands, new ObjectMapper(), directory, port, ssl,
                sslPort);
        try {
            commands.run(List.of(binaries.require("ovsdb-tool").toString(), "create",
                    server.databaseFile().toString(), SCHEMA.toString())).orThrow();
            server.launch();
            server.vsctl("init");
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void launch() {
        try {
            // A socket left by a killed server would make the new one fail to bind.
            Files.deleteIfExists(unixSocket());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(
                binaries.require("ovsdb-server").toString(),
                databaseFile().toString(),
                "--remote=ptcp:" + port + ":127.0.0.1",
                "--remote=punix:" + unixSocket(),
                "--pidfile=" + directory.resolve("ovsdb-server.pid"),
                "--unixctl=" + directory.resolve("ovsdb-server.ctl"),
                "--log-file=" + directory.resolve("ovsdb-server.log")));
        if (ssl != null) {
            command.addAll(List.of("--remote=pssl:" + sslPort + ":127.0.0.1",
                    "--private-key=" + ssl.privateKey(), "--certificate=" + ssl.certificate(),
                    "--ca-cert=" + ssl.caCertificate()));
        }
        long logOffset = sizeOf(logFile());
        process = ExternalProcess.start("ovsdb-server", command, directory.resolve("ovsdb-server.out"));
        OvsdbJsonRpc overUnixSocket = new OvsdbJsonRpc(unixAddress(), Duration.ofSeconds(2), mapper);
        process.awaitCondition("list_dbs over " + unixAddress() + " answers", STARTUP_TIMEOUT,
                () -> Files.exists(unixSocket()) && overUnixSocket.call("list_dbs", mapper.createArrayNode()).isArray());
        // ovsdb-server keeps running when it cannot bind a remote, and the port may then belong to another
        // program. It configures all remotes before it serves a request, so by now the log tells.
        String newLog = readFrom(logFile(), logOffset);
        for (int listening : ssl == null ? List.of(port) : List.of(port, sslPort)) {
            if (newLog.contains(":" + listening + ":127.0.0.1: listen failed")) {
                process.stop();
                throw new ProcessStartFailedException("ovsdb-server could not listen on 127.0.0.1:" + listening,
                        newLog);
            }
            process.awaitPort(listening, STARTUP_TIMEOUT);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readFrom(Path file, long offset) {
        try {
            byte[] content = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            int start = (int) Math.min(offset, content.length);
            return new String(content, start, content.length - start, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String tcpAddress() {
        return "tcp:127.0.0.1:" + port;
    }

    /** The {@code pssl:} remote as a client names it, e.g. {@code ssl:127.0.0.1:6641}; only with {@link Ssl}. */
    public String sslAddress() {
        if (ssl == null) {
            throw new IllegalStateException("this ovsdb-server has no pssl: remote");
        }
        return "ssl:127.0.0.1:" + sslPort;
    }

    public String unixAddress() {
        return "unix:" + unixSocket();
    }

    public Path unixSocket() {
        return directory.resolve("db.sock");
    }

    public Path databaseFile() {
        return directory.resolve("conf.db");
    }

    public Path logFile() {
        return directory.resolve("ovsdb-server.log");
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Runs {@code ovs-vsctl --db=<tcp> --no-wait ARGS} and returns its stdout. */
    public String vsctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binaries.require("ovs-vsctl").toString(),
                "--db=" + tcpAddress(), "--no-wait", "--timeout=30"));
        command.addAll(List.of(arguments));
        return commands.run(command).orThrow().stdout();
    }

    /** Raw access: runs the operations in one transaction over TCP. */
    public ArrayNode transact(ArrayNode operations) {
        return rpc.transact(operations);
    }

    public void addBridge(String name) {
        vsctl("--may-exist", "add-br", name);
    }

    public void addInterface(String bridge, String name, Map<String, String> externalIds, Map<String, Long> statistics) {
        addInterfaces(bridge, List.of(new InterfaceRow(name, externalIds, statistics)));
    }

    /** Inserts the interfaces, one Port each, and links the ports into the bridge, all in one transaction. */
    public void addInterfaces(String bridge, List<InterfaceRow> interfaces) {
        ArrayNode operations = mapper.createArrayNode();
        operations.add(bridgeMustExist(bridge));
        List<JsonNode> portReferences = new ArrayList<>(interfaces.size());
        for (int i = 0; i < interfaces.size(); i++) {
            InterfaceRow row = interfaces.get(i);
            ObjectNode insertInterface = insert("Interface", "iface" + i);
            insertInterface.putObject("row")
                    .put("name", row.name())
                    .<ObjectNode>set("external_ids", OvsdbJson.map(row.externalIds()))
                    .set("statistics", OvsdbJson.map(row.statistics()));
            ObjectNode insertPort = insert("Port", "port" + i);
            insertPort.putObject("row")
                    .put("name", row.name())
                    .set("interfaces", OvsdbJson.namedUuid("iface" + i));
            operations.add(insertInterface).add(insertPort);
            portReferences.add(OvsdbJson.namedUuid("port" + i));
        }
        ObjectNode linkPorts = mapper.createObjectNode().put("op", "mutate").put("table", "Bridge");
        linkPorts.putArray("where").add(OvsdbJson.condition("name", "==", bridge));
        linkPorts.putArray("mutations").add(mapper.createArrayNode()
                .add("ports").add("insert").add(OvsdbJson.set(portReferences)));
        operations.add(linkPorts);
        transact(operations);
    }

    /** Replaces the interface's whole statistics map, as ovs-vswitchd does on each refresh. */
    public void setStatistics(String interfaceName, Map<String, Long> statistics) {
        setColumn(interfaceName, "statistics", statistics);
    }

    /**
     * Sets one Interface column; value per {@link OvsdbJson#value}: e.g. "up" for admin_state, 1500L for mtu,
     * null to clear an optional column.
     */
    public void setColumn(String interfaceName, String column, Object value) {
        ObjectNode update = mapper.createObjectNode().put("op", "update").put("table", "Interface");
        update.putArray("where").add(OvsdbJson.condition("name", "==", interfaceName));
        update.putObject("row").set(column, OvsdbJson.value(value));
        int count = transact(mapper.createArrayNode().add(update)).get(0).path("count").asInt();
        if (count != 1) {
            throw new IllegalStateException("no Interface named " + interfaceName + " in " + tcpAddress());
        }
    }

    /** Removes the interface and the port that holds it (ovs-vsctl unlinks it from its bridge). */
    public void deleteInterface(String interfaceName) {
        vsctl("--with-iface", "del-port", interfaceName);
    }

    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    /** Stops and starts again on the same port, unix socket and database file. */
    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            directory.close();
        }
    }

    private ObjectNode bridgeMustExist(String bridge) {
        // A wait with timeout 0 aborts the whole transaction at once if the bridge is missing.
        ObjectNode wait = mapper.createObjectNode().put("op", "wait").put("table", "Bridge").put("timeout", 0);
        wait.putArray("where").add(OvsdbJson.condition("name", "==", bridge));
        wait.putArray("columns").add("name");
        wait.put("until", "!=");
        wait.putArray("rows");
        return wait;
    }

    private ObjectNode insert(String table, String uuidName) {
        return mapper.createObjectNode().put("op", "insert").put("table", table).put("uuid-name", uuidName);
    }
}
