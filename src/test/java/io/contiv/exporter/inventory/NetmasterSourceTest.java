package io.contiv.exporter.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.etcd.EtcdException;
import io.contiv.exporter.health.HealthCollector;
import io.contiv.exporter.health.Source;
import io.contiv.exporter.netmaster.NetmasterException;
import io.contiv.exporter.netmaster.NetmasterInventory;
import io.contiv.exporter.netmaster.NetmasterLocator;
import io.contiv.exporter.support.HealthValues;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NetmasterSourceTest {

    private static final NetmasterInventory INVENTORY = new NetmasterInventory(List.of(), List.of(), List.of(),
            List.of());

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final HealthCollector health = new HealthCollector(Clock.systemUTC(), EnumSet.of(Source.NETMASTER));
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();

    private NetmasterSource source(Duration interval, Duration onDemandSpacing) {
        return new NetmasterSource(NetmasterLocator.fixed("nm:9999"), Optional.empty(), leader -> {
            reads.incrementAndGet();
            if (failing.get()) {
                throw new NetmasterException("GET http://nm:9999/api/v1/networks/ answered HTTP 500");
            }
            return INVENTORY;
        }, health.reporter(Source.NETMASTER), scheduler, new NetmasterSource.Timing(interval, onDemandSpacing),
                FirstAttempt.alone("netmaster", Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void scrapesReadTheCacheNotNetmaster() {
        NetmasterSource netmaster = source(Duration.ofHours(1), Duration.ofSeconds(5));
        netmaster.start();

        for (int i = 0; i < 100; i++) {
            assertThat(netmaster.current().inventory()).contains(INVENTORY);
        }

        assertThat(reads).hasValue(1);
        assertThat(netmaster.current().version()).isEqualTo(1);
    }

    @Test
    void onDemandReadsAreRateLimited() throws Exception {
        NetmasterSource netmaster = source(Duration.ofHours(1), Duration.ofMillis(300));
        netmaster.start();
        netmaster.current();

        for (int i = 0; i < 50; i++) {
            netmaster.refreshSoon();
        }
        Thread.sleep(600);

        assertThat(reads).hasValue(2);
    }

    @Test
    void whileEtcdFailsNetmasterIsStillReadWhereItWasLastFound() {
        AtomicReference<String> leaderInEtcd = new AtomicReference<>("nm1:9999");
        List<String> readFrom = new CopyOnWriteArrayList<>();
        HealthCollector bothHealth = new HealthCollector(Clock.systemUTC(), EnumSet.of(Source.ETCD, Source.NETMASTER));
        NetmasterSource netmaster = new NetmasterSource(() -> {
            String leader = leaderInEtcd.get();
            if (leader == null) {
                throw new EtcdException("no etcd endpoint answered");
            }
            return leader;
        }, Optional.of(bothHealth.reporter(Source.ETCD)), leader -> {
            readFrom.add(leader);
            return INVENTORY;
        }, bothHealth.reporter(Source.NETMASTER), scheduler,
                new NetmasterSource.Timing(Duration.ofHours(1), Duration.ofSeconds(5)),
                FirstAttempt.alone("netmaster", Duration.ofSeconds(2)));

        netmaster.refresh();
        leaderInEtcd.set(null);
        netmaster.refresh();

        assertThat(readFrom).containsExactly("nm1:9999", "nm1:9999");
        assertThat(HealthValues.isUp(bothHealth, Source.ETCD)).isFalse();
        assertThat(HealthValues.isUp(bothHealth, Source.NETMASTER)).isTrue();

        leaderInEtcd.set("nm2:9999");
        netmaster.refresh();
        assertThat(readFrom).containsExactly("nm1:9999", "nm1:9999", "nm2:9999");
        assertThat(HealthValues.isUp(bothHealth, Source.ETCD)).isTrue();
    }

    @Test
    void withoutAnyLeaderFoundYetNetmasterIsNotAsked() {
        HealthCollector bothHealth = new HealthCollector(Clock.systemUTC(), EnumSet.of(Source.ETCD, Source.NETMASTER));
        NetmasterSource netmaster = new NetmasterSource(() -> {
            throw new EtcdException("no etcd endpoint answered");
        }, Optional.of(bothHealth.reporter(Source.ETCD)), leader -> {
            reads.incrementAndGet();
            return INVENTORY;
        }, bothHealth.reporter(Source.NETMASTER), scheduler,
                new NetmasterSource.Timing(Duration.ofHours(1), Duration.ofSeconds(5)),
                FirstAttempt.alone("netmaster", Duration.ofSeconds(2)));

        netmaster.refresh();

        assertThat(reads).hasValue(0);
        assertThat(netmaster.current().inventory()).isEmpty();
        assertThat(HealthValues.isUp(bothHealth, Source.ETCD)).isFalse();
    }

    @Test
    void aFailedReadKeepsTheLastInventoryAndMarksTheSourceDown() {
        NetmasterSource netmaster = source(Duration.ofHours(1), Duration.ofSeconds(5));
        netmaster.refresh();
        failing.set(true);

        netmaster.refresh();

        assertThat(netmaster.current().inventory()).contains(INVENTORY);
        assertThat(netmaster.current().version()).isEqualTo(1);
        assertThat(HealthValues.isUp(health, Source.NETMASTER)).isFalse();
    }
}
