package io.contiv.exporter.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExternalProcessTest {

    @BeforeEach
    void requireCoreutils() {
        Requirements.fromEnvironment().requireBinaries("sleep", "bash", "ls");
    }

    @Test
    void stopEndsTheProcessWithSigterm() {
        try (TemporaryDirectory logs = TemporaryDirectory.create("contiv-process-")) {
            ExternalProcess sleeper = ExternalProcess.start("sleep", List.of("sleep", "60"), logs.resolve("sleep.log"));
            long pid = sleeper.pid();

            sleeper.stop();

            assertThat(sleeper.isAlive()).isFalse();
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        }
    }

    @Test
    void stopFallsBackToSigkillWhenSigtermIsIgnored() {
        try (TemporaryDirectory logs = TemporaryDirectory.create("contiv-process-")) {
            // The shell ignores SIGTERM, like a server stuck in shutdown.
            ExternalProcess stubborn = ExternalProcess.start("stubborn",
                    List.of("bash", "-c", "trap '' TERM; echo ready; while true; do sleep 0.05; done"),
                    logs.resolve("stubborn.log"));
            stubborn.awaitCondition("it printed ready", Duration.ofSeconds(5),
                    () -> stubborn.logTail().contains("ready"));

            long started = System.nanoTime();
            stubborn.stop(Duration.ofMillis(300));

            assertThat(stubborn.isAlive()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void waitingOnAProcessThatExitsFailsFastWithItsOutput() {
        try (TemporaryDirectory logs = TemporaryDirectory.create("contiv-process-");
             ExternalProcess failing = ExternalProcess.start("ls", List.of("ls", "/no/such/directory"),
                     logs.resolve("ls.log"))) {
            assertThatThrownBy(() -> failing.awaitPort(FreePorts.loopbackPort(), Duration.ofSeconds(10)))
                    .isInstanceOf(ProcessStartFailedException.class)
                    .hasMessageContaining("ls exited with code 2")
                    .hasMessageContaining("/no/such/directory");
        }
    }

    @Test
    void waitingTimesOutWithTheLogTail() {
        try (TemporaryDirectory logs = TemporaryDirectory.create("contiv-process-");
             ExternalProcess sleeper = ExternalProcess.start("sleep", List.of("sleep", "60"), logs.resolve("sleep.log"))) {
            assertThatThrownBy(() -> sleeper.awaitCondition("never", Duration.ofMillis(200), () -> false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not ready after PT0.2S: expected never")
                    .hasMessageContaining("sleep.log");
        }
    }

    @Test
    void awaitPortSeesAListeningSocket() throws IOException {
        try (TemporaryDirectory logs = TemporaryDirectory.create("contiv-process-");
             ExternalProcess sleeper = ExternalProcess.start("sleep", List.of("sleep", "60"), logs.resolve("sleep.log"));
             ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            sleeper.awaitPort(listening.getLocalPort(), Duration.ofSeconds(2));
        }
    }

    @Test
    void freePortsAreDistinctAndBindable() throws IOException {
        List<Integer> ports = FreePorts.loopbackPorts(5);

        assertThat(ports).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isBetween(1024, 65535));
        try (ServerSocket socket = new ServerSocket(ports.get(0), 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(ports.get(0));
        }
    }

    @Test
    void temporaryDirectoryIsDeletedWithItsContent() {
        TemporaryDirectory temporary = TemporaryDirectory.create("contiv-process-");
        temporary.write("a/b/c.txt", "x");

        temporary.close();

        assertThat(temporary.path()).doesNotExist();
    }
}
