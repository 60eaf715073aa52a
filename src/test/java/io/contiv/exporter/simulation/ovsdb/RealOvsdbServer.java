package io.contiv.exporter.simulation.ovsdb;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real ovsdb-server run by a test in a temporary directory on a free loopback port, stopped by {@link #close()}.
 * When the Open vSwitch tools are missing the test is skipped, unless CONTIV_EXPORTER_REQUIRE_REAL=1 makes that
 * a failure (CI images that must have them).
 */
final class RealOvsdbServer implements AutoCloseable {
    private static final List<Path> SCHEMA_LOCATIONS = List.of(
            Path.of("/usr/share/openvswitch/vswitch.ovsschema"),
            Path.of("/usr/local/share/openvswitch/vswitch.ovsschema"));

    private final Process process;
    private final int port;

    private RealOvsdbServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RealOvsdbServer startOrSkip(Path directory) throws IOException, InterruptedException {
        Path server = executable("ovsdb-server");
        Path tool = executable("ovsdb-tool");
        Path database = directory.resolve("conf.db");
        run(List.of(tool.toString(), "create", database.toString(), schema(directory).toString()), directory);
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Process process = new ProcessBuilder(List.of(server.toString(),
                    "--remote=ptcp:" + port + ":127.0.0.1",
                    "--unixctl=" + directory.resolve("ctl"),
                    "--log-file=" + directory.resolve("ovsdb-server.log"),
                    database.toString()))
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("ovsdb-server.out").toFile())
                    .start();
            if (awaitListening(process, port, Duration.ofSeconds(5))) {
                return new RealOvsdbServer(process, port);
            }
            stop(process);
            if (attempt == 3) {
                throw new IllegalStateException("ovsdb-server did not start: "
                        + Files.readString(directory.resolve("ovsdb-server.out")));
            }
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    private static Path executable(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String reason = name + " is not on PATH";
        if ("1".equals(System.getenv("CONTIV_EXPORTER_REQUIRE_REAL"))) {
            fail(reason + ", and CONTIV_EXPORTER_REQUIRE_REAL=1 requires the real Open vSwitch tools");
        }
        Assumptions.abort(reason + ": skipping the comparison with a real ovsdb-server");
        throw new AssertionError("unreachable");
    }

    /** The installed vswitch schema; without one, the subset the simulator serves (a valid schema too). */
    private static Path schema(Path directory) throws IOException {
        for (Path location : SCHEMA_LOCATIONS) {
            if (Files.isReadable(location)) {
                return location;
            }
        }
        Path copy = directory.resolve("vswitch-subset.ovsschema");
        try (InputStream in = OvsdbSchema.class.getResourceAsStream(OvsdbSchema.RESOURCE)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    private static void run(List<String> command, Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean awaitListening(Process process, int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        return false;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
