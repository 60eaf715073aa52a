package io.contiv.exporter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.support.CapturedOpenFlow;
import io.contiv.exporter.support.FakeSwitch;
import io.contiv.exporter.testing.TemporaryDirectory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BridgePolicyTablesTest {

    private static final List<byte[]> CAPTURED = CapturedOpenFlow.messages(CapturedOpenFlow.TABLE5_REPLIES);

    private final TemporaryDirectory runDirectory = TemporaryDirectory.create("contiv-rundir-");
    private final BridgePolicyTables tables = new BridgePolicyTables(runDirectory.path(),
            BridgePolicyTables.CONTIV_BRIDGES, Duration.ofSeconds(5));

    @AfterEach
    void cleanUp() {
        tables.close();
        runDirectory.close();
    }

    @Test
    void withoutAnyManagementSocketTheReadFailsSayingWhere() {
        PolicyTableReader.Reading reading = tables.read();
        assertThat(reading.tables()).isEmpty();
        assertThat(reading.failures()).hasSize(1);
        assertThat(reading.failures().values().iterator().next()).hasMessageContaining(
                "no management socket of contivVxlanBridge or contivVlanBridge in " + runDirectory.path());
    }

    @Test
    void readsTheBridgeThatHasASocketAndCountsItsDisappearanceAsAFailure() throws Exception {
        try (FakeSwitch vxlan = new FakeSwitch(BridgePolicyTables.managementSocket(runDirectory.path(),
                "contivVxlanBridge"), List.of(FakeSwitchScripts.replayOnce()))) {
            PolicyTableReader.Reading reading = tables.read();
            assertThat(reading.failures()).isEmpty();
            assertThat(reading.tables()).containsOnlyKeys("contivVxlanBridge");
            assertThat(reading.tables().get("contivVxlanBridge")).hasSize(670);
        }
        // the fake switch removed its socket, as ovs-vswitchd does when it stops
        PolicyTableReader.Reading reading = tables.read();
        assertThat(reading.tables()).isEmpty();
        assertThat(reading.failures()).containsOnlyKeys("contivVxlanBridge");
        assertThat(reading.failures().get("contivVxlanBridge")).hasMessageContaining("is gone");
    }

    /** Scripts for the fake switch. */
    static final class FakeSwitchScripts {
        private FakeSwitchScripts() {
        }

        /** Hello, then the captured table-5 reply to one request, then hang up. */
        static FakeSwitch.Script replayOnce() {
            return conversation -> {
                conversation.send(CAPTURED.get(0));
                conversation.receive();
                long xid = conversation.receive().xid();
                for (byte[] reply : CAPTURED.subList(1, CAPTURED.size())) {
                    byte[] copy = reply.clone();
                    ByteBuffer.wrap(copy).putInt(4, (int) xid);
                    conversation.send(copy);
                }
            };
        }
    }
}
