package io.contiv.exporter.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.testing.RealEtcd;
import io.contiv.exporter.testing.Requirements;
import io.contiv.exporter.health.SourceReporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The directory watch against a real etcd: a quiet directory still shows that etcd is there; a stopped etcd fails. */
class EtcdDirectoryWatchIT {

    private static final String DIRECTORY = "/contiv.io/state/eps";

    @Test
    void aQuietDirectoryIsConfirmedAfterEveryLongPollAndALostEtcdIsAFailure() throws Exception {
        Requirements.fromEnvironment().requireBinaries(RealEtcd.REQUIRED_BINARIES);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (RealEtcd etcd = RealEtcd.start()) {
            etcd.putV2(DIRECTORY + "/ep-1", "{\"endpointID\":\"ep-1\"}");
            EtcdDirectoryWatch watch = new EtcdDirectoryWatch(List.of(URI.create(etcd.endpoint())),
                    HttpClient.newHttpClient(), Duration.ofSeconds(2), DIRECTORY,
                    contents -> events.add("contents " + contents.values().keySet()),
                    failure -> events.add("failed " + failure.getMessage()),
                    () -> new SourceReporter.Attempt() {
                        @Override
                        public void succeeded() {
                            events.add("alive");
                        }

                        @Override
                        public void failed(Exception cause) {
                            events.add("reported " + cause.getMessage());
                        }
                    }, Duration.ofMillis(300));
            try (watch) {
                watch.start();
                assertThat(next(events)).as("the first read, reported before it is handed on").isEqualTo("alive");
                assertThat(next(events)).isEqualTo("contents [" + DIRECTORY + "/ep-1]");
                assertThat(next(events)).isEqualTo("alive");
                assertThat(next(events)).isEqualTo("alive");

                etcd.putV2(DIRECTORY + "/ep-2", "{\"endpointID\":\"ep-2\"}");
                String event;
                do {
                    event = next(events);
                } while (event.equals("alive"));
                assertThat(event).startsWith("contents ").contains("/ep-1").contains("/ep-2");

                etcd.stop();
                do {
                    event = next(events);
                } while (!event.startsWith("reported"));
                assertThat(event).contains(etcd.endpoint());
                assertThat(next(events)).as("the consumer is told after the health").startsWith("failed")
                        .contains(etcd.endpoint());
            }
        }
    }

    private static String next(BlockingQueue<String> events) throws InterruptedException {
        String event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        return event;
    }
}
