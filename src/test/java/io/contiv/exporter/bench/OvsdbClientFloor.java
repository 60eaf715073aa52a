package io.contiv.exporter.bench;

import io.contiv.exporter.testing.Binaries;
import io.contiv.exporter.testing.CommandResult;
import io.contiv.exporter.testing.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The floor: what it costs OVS's own client to fetch the same rows once, {@code ovsdb-client transact} with a
 * select of name, external_ids and statistics (process start, connection, reply, printing included).
 */
final class OvsdbClientFloor {

    /** The select, as one argument: it never passes through a shell. */
    static final String SELECT = "[\"Open_vSwitch\",{\"op\":\"select\",\"table\":\"Interface\",\"where\":[],"
            + "\"columns\":[\"name\",\"external_ids\",\"statistics\"]}]";

    record Floor(LatencySummary latency, long replyBytes) {
    }

    private OvsdbClientFloor() {
    }

    static Floor measure(String ovsdbAddress, int runs) {
        List<String> command = List.of(Binaries.fromEnvironment().require("ovsdb-client").toString(),
                "transact", ovsdbAddress, SELECT);
        // once with the output kept, to check it worked and to know its size; also warms the page cache
        CommandResult first = new CommandRunner(Duration.ofSeconds(60)).run(command).orThrow();
        List<Long> durations = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            durations.add(timeOnce(command));
        }
        return new Floor(LatencySummary.of(durations), first.stdout().length());
    }

    private static long timeOnce(List<String> command) {
        long started = System.nanoTime();
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(command + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " exited with " + process.exitValue());
            }
            return System.nanoTime() - started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
