package io.contiv.exporter.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.health.SourceReporter;
import io.contiv.exporter.support.QuietHealth;
import io.contiv.exporter.testing.RealEtcd;
import io.contiv.exporter.testing.Requirements;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The directory watch against a real etcd: the directory reads what it needs, then gets the changes of its keys in
 * order and nothing else; a quiet directory still shows that etcd is there; a stopped etcd fails.
 */
class EtcdDirectoryWatchIT {

    private static final String DIRECTORY = "/contiv.io/state/eps";

    /** Records what the watch asks of it; concerned with the keys it was given only. */
    private static final class Recording implements WatchedDirectory {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        final Set<String> wanted = ConcurrentHashMap.newKeySet();
        final Set<String> asked = ConcurrentHashMap.newKeySet();

        @Override
        public boolean concerns(String name, byte[] rawEvent) {
            asked.add(name);
            return wanted.contains(name);
        }

        @Override
        public void changed(String name, String value, long modifiedIndex) {
            events.add(value == null ? "deleted " + name : "changed " + name + "=" + value);
        }

        @Override
        public void resync(KeyReader reader, long etcdIndex) throws EtcdException {
            StringBuilder read = new StringBuilder("resync");
            for (String name : wanted.stream().sorted().toList()) {
                read.append(' ').append(name).append('=').append(reader.get(name).value().orElse("-"));
            }
            events.add(read.toString());
        }

        @Override
        public void pending(KeyReader reader) {
            events.add("pending");
        }

        @Override
        public void failed(Exception cause) {
            events.add("failed " + cause.getMessage());
        }
    }

    private static SourceReporter recordingHealth(BlockingQueue<String> events) {
        return () -> new SourceReporter.Attempt() {
            @Override
            public void succeeded() {
                events.add("alive");
            }

            @Override
            public void failed(Exception cause) {
                events.add("reported " + cause.getMessage());
            }
        };
    }

    @Test
    void onlyTheKeysThatConcernTheDirectoryAreReadAndFollowed() throws Exception {
        Requirements.fromEnvironment().requireBinaries(RealEtcd.REQUIRED_BINARIES);
        Recording directory = new Recording();
        directory.wanted.add("mine");
        try (RealEtcd etcd = RealEtcd.start()) {
            etcd.putV2(DIRECTORY + "/mine", "1");
            etcd.putV2(DIRECTORY + "/other", "1");
            EtcdDirectoryWatch watch = new EtcdDirectoryWatch(List.of(URI.create(etcd.endpoint())),
                    HttpClient.newHttpClient(), Duration.ofSeconds(2), DIRECTORY, directory, QuietHealth.reporter(),
                    Duration.ofSeconds(30));
            try (watch) {
                watch.start();
                assertThat(next(directory.events)).isEqualTo("resync mine=1");
                etcd.putV2(DIRECTORY + "/other", "2");
                etcd.putV2(DIRECTORY + "/mine", "2");
                etcd.putV2(DIRECTORY + "/other", "3");
                etcd.deleteV2(DIRECTORY + "/mine");
                etcd.putV2("/contiv.io/state/nets/n", "x");
                assertThat(next(directory.events)).isEqualTo("changed mine=2");
                assertThat(next(directory.events)).isEqualTo("deleted mine");
                watch.wake();
                assertThat(next(directory.events)).isEqualTo("pending");
                assertThat(directory.events).isEmpty();
                assertThat(directory.asked).as("keys outside the directory are not even shown")
                        .containsExactlyInAnyOrder("mine", "other");
            }
        }
    }

    @Test
    void aQuietDirectoryIsConfirmedAfterEveryQuietPeriodAndALostEtcdIsAFailure() throws Exception {
        Requirements.fromEnvironment().requireBinaries(RealEtcd.REQUIRED_BINARIES);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Recording directory = new Recording();
        try (RealEtcd etcd = RealEtcd.start()) {
            EtcdDirectoryWatch watch = new EtcdDirectoryWatch(List.of(URI.create(etcd.endpoint())),
                    HttpClient.newHttpClient(), Duration.ofSeconds(2), DIRECTORY, directory, recordingHealth(events),
                    Duration.ofMillis(300));
            try (watch) {
                watch.start();
                assertThat(next(events)).as("the first read").isEqualTo("alive");
                assertThat(next(events)).isEqualTo("alive");
                assertThat(next(events)).isEqualTo("alive");

                etcd.stop();
                String event;
                do {
                    event = next(events);
                } while (!event.startsWith("reported"));
                assertThat(event).contains(etcd.endpoint());
                String told;
                do {
                    told = next(directory.events);
                } while (!told.startsWith("failed"));
                assertThat(told).as("the directory is told after the health").contains(etcd.endpoint());
            }
        }
    }

    private static String next(BlockingQueue<String> events) throws InterruptedException {
        String event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        return event;
    }
}
