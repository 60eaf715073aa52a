package io.contiv.exporter.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.contiv.exporter.simulation.ovsdb.SimulatedInterface;
import io.contiv.exporter.simulation.ovsdb.SimulatedOvsdbDatabase;
import io.contiv.exporter.simulation.ovsdb.SimulatedOvsdbServer;
import io.contiv.exporter.simulation.ovsdb.TrafficClock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A reply that is late because this side is still applying a large update is not a dead server. */
class OvsdbConnectionLivenessTest {

    @Test
    void aBusyReaderCountsAsHearingFromTheServer() throws Exception {
        TrafficClock clock = new TrafficClock(5);
        SimulatedOvsdbDatabase database = SimulatedOvsdbDatabase.create(clock, 1);
        database.addInterface(SimulatedInterface.endpoint("vvport1", "ep1", 1, 1));
        CountDownLatch applying = new CountDownLatch(1);
        try (SimulatedOvsdbServer server = SimulatedOvsdbServer.start(database);
             OvsdbConnection connection = OvsdbConnection.open(
                     OvsdbAddress.parse("tcp:127.0.0.1:" + server.port()), Duration.ofSeconds(2),
                     OvsdbConnection.DEFAULT_MAX_MESSAGE_BYTES, new OvsdbConnection.Listener() {
                         @Override
                         public void onNotification(String method, JsonParser params) {
                             applying.countDown();
                             sleep(1000);
                         }

                         @Override
                         public void onClosed(Exception cause) {
                         }
                     })) {
            ArrayNode monitor = connection.mapper().createArrayNode().add(OvsdbConnection.DATABASE).add("m");
            monitor.addObject().putObject("Interface").putArray("columns").add("statistics");
            connection.call("monitor", monitor, Duration.ofSeconds(2));

            clock.advance(1);
            assertThat(applying.await(2, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> connection.call("echo", connection.mapper().createArrayNode(),
                    Duration.ofMillis(200))).isInstanceOf(OvsdbException.class);
            assertThat(connection.heardFromWithin(Duration.ofMillis(200))).isTrue();

            sleep(2000);
            assertThat(connection.heardFromWithin(Duration.ofMillis(200))).isFalse();
            assertThat(connection.isOpen()).isTrue();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
