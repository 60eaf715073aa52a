package io.contiv.exporter.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.support.ExporterProcess;
import io.contiv.exporter.support.Scrape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One row of the fault matrix, run against an exporter that keeps running: the fault is switched on, the exporter
 * is scraped while it notices, then for a while longer (several failed attempts), then the fault is switched off and
 * the exporter is scraped until it has recovered. Every scrape must answer 200 within the deadline with the expected
 * up values; the log must hold exactly the expected warnings (one, not one per scrape or per retry).
 */
final class FaultPhase {

    /** Scrape timeout the fault tests give the exporter, and the latency every scrape must stay under. */
    static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(2);
    static final Duration LATENCY_MARGIN = Duration.ofMillis(400);
    static final Duration LATENCY_LIMIT = SCRAPE_TIMEOUT.plus(LATENCY_MARGIN);
    /**
     * The options that make the exporter notice and recover quickly. (Not a shorter source timeout: the first HTTP
     * request of a cold JVM can take half a second.)
     */
    static final List<String> FAST_OPTIONS = fastOptions("1s");

    static List<String> fastOptions(String sourceTimeout) {
        return List.of("--source.timeout", sourceTimeout, "--scrape.timeout", "2s",
                "--netmaster.refresh-interval", "250ms");
    }

    private static final Duration NOTICE_TIMEOUT = Duration.ofSeconds(8);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration SCRAPE_SPACING = Duration.ofMillis(100);

    private final String fault;
    private final String source;
    private Runnable inject = () -> { };
    private Runnable clear = () -> { };
    private final Map<String, Double> upWhileFaulty = new LinkedHashMap<>();
    private Predicate<Scrape> servedWhileFaulty = s -> true;
    private Predicate<Scrape> recovered = s -> true;
    private Predicate<Observation> noticed;
    private Predicate<Observation> heldLongEnough;
    private int warnings = 1;
    private String warningMentions;
    private String recoveryInfo;
    private boolean alreadyInjected;
    private Duration latencyLimit = LATENCY_LIMIT;

    private FaultPhase(String fault, String source) {
        this.fault = fault;
        this.source = source;
        this.warningMentions = source + " failed";
        this.recoveryInfo = source + " recovered after";
        this.noticed = o -> o.scrape().up(source) == 0.0;
        this.heldLongEnough = o -> o.scrape().errors(source) >= o.noticed().errors(source) + 1;
    }

    /** A fault of {@code source} (its label in contiv_exporter_source_up). */
    static FaultPhase of(String fault, String source) {
        return new FaultPhase(fault, source);
    }

    FaultPhase inject(Runnable action) {
        this.inject = action;
        return this;
    }

    FaultPhase clear(Runnable action) {
        this.clear = action;
        return this;
    }

    /** contiv_exporter_source_up of each source on every scrape once the fault is noticed. */
    FaultPhase upWhileFaulty(String source, double value) {
        upWhileFaulty.put(source, value);
        return this;
    }

    FaultPhase servedWhileFaulty(Predicate<Scrape> condition) {
        this.servedWhileFaulty = condition;
        return this;
    }

    /** What must hold, besides the source being up, for the exporter to count as recovered. */
    FaultPhase recovered(Predicate<Scrape> condition) {
        this.recovered = condition;
        return this;
    }

    /** When the fault counts as noticed (default: the source is down). */
    FaultPhase noticedWhen(Predicate<Observation> condition) {
        this.noticed = condition;
        return this;
    }

    /** How long to keep the fault on once noticed (default: until one more failed attempt was counted). */
    FaultPhase heldUntil(Predicate<Observation> condition) {
        this.heldLongEnough = condition;
        return this;
    }

    /** Exactly this many WARN lines, each mentioning the text; 0 for a fault the exporter rides out silently. */
    FaultPhase warns(int count, String mentioning) {
        this.warnings = count;
        this.warningMentions = mentioning;
        return this;
    }

    /** The INFO line expected on recovery, or null for none. */
    FaultPhase recoveryInfo(String text) {
        this.recoveryInfo = text;
        return this;
    }

    /** What the phase sees at one moment: the last scrape, the log since the phase began, the scrape that noticed. */
    record Observation(Scrape scrape, List<String> log, Scrape noticed) {
        /** The series has grown since the fault was noticed (e.g. a last-success timestamp: still refreshed). */
        boolean grew(String series) {
            return scrape.value(series) > noticed.value(series);
        }
    }

    /** For an exporter given another --scrape.timeout than {@link #SCRAPE_TIMEOUT}. */
    FaultPhase scrapeTimeout(Duration timeout) {
        this.latencyLimit = timeout.plus(LATENCY_MARGIN);
        return this;
    }

    /** The fault is there from the start (e.g. a source down when the exporter starts): the whole log counts. */
    FaultPhase alreadyInjected() {
        this.alreadyInjected = true;
        return this;
    }

    /** What one phase measured, for the matrix printed at the end. */
    record Result(String fault, long maxLatencyMillis, int scrapes, String upWhileFaulty, List<String> logLines,
                  long noticeMillis, long recoveryMillis) {
        String row() {
            return "| " + fault + " | " + maxLatencyMillis + " ms (" + scrapes + " scrapes) | " + upWhileFaulty
                    + " | " + (logLines.isEmpty() ? "(none)" : String.join("<br>", logLines)) + " | "
                    + noticeMillis + " ms | " + recoveryMillis + " ms |";
        }
    }

    Result run(ExporterProcess exporter) {
        int mark = 0;
        if (!alreadyInjected) {
            Scrape healthy = exporter.scrapeUntil(s -> s.status() == 200 && s.up(source) == 1.0 && recovered.test(s),
                    RECOVERY_TIMEOUT);
            assertThat(healthy.up(source)).as("%s: %s is up before the fault", fault, source).isEqualTo(1.0);
            mark = exporter.logMark();
        }
        List<Scrape> scrapes = new ArrayList<>();
        long injected = System.nanoTime();
        boolean clearedAlready = false;
        long noticeMillis;
        Scrape whenNoticed;
        String upSeen;
        try {
            inject.run();
            Scrape last = poll(exporter, mark, scrapes, noticed, null, NOTICE_TIMEOUT);
            noticeMillis = millisSince(injected);
            assertThat(noticed.test(observe(exporter, mark, last, last)))
                    .as("%s: noticed within %s; last scrape %s; log %s", fault, NOTICE_TIMEOUT, last.body(),
                            exporter.logLinesSince(mark)).isTrue();
            whenNoticed = last;
            int firstFaulty = scrapes.size() - 1;
            last = poll(exporter, mark, scrapes, heldLongEnough, whenNoticed, NOTICE_TIMEOUT);
            assertThat(heldLongEnough.test(observe(exporter, mark, last, whenNoticed)))
                    .as("%s: held long enough; last scrape %s; log %s", fault, last.body(),
                            exporter.logLinesSince(mark)).isTrue();
            for (int i = firstFaulty; i < scrapes.size(); i++) {
                Scrape faulty = scrapes.get(i);
                assertThat(faulty.status()).as("%s: HTTP status (%s)", fault, faulty.body()).isEqualTo(200);
                upWhileFaulty.forEach((name, value) -> assertThat(faulty.up(name))
                        .as("%s: contiv_exporter_source_up{source=%s} while faulty", fault, name).isEqualTo(value));
                // the scrape that noticed may have read a source's data just before, and its health just after,
                // the source was lost: what is served is checked from the next scrape on
                if (i > firstFaulty) {
                    assertThat(servedWhileFaulty.test(faulty)).as("%s: served while faulty: %s", fault,
                            faulty.body()).isTrue();
                }
            }
            upSeen = describeUp(scrapes.get(scrapes.size() - 1));
            clearedAlready = true;
        } finally {
            if (!clearedAlready) {
                // leave the sources healthy for the next phase even when this one failed
                clear.run();
            }
        }

        long cleared = System.nanoTime();
        clear.run();
        Scrape after = poll(exporter, mark, scrapes, o -> o.scrape().up(source) == 1.0 && recovered.test(o.scrape()),
                whenNoticed, RECOVERY_TIMEOUT);
        long recoveryMillis = millisSince(cleared);
        assertThat(after.up(source)).as("%s: %s up again within %s", fault, source, RECOVERY_TIMEOUT).isEqualTo(1.0);
        assertThat(recovered.test(after)).as("%s: data back within %s: %s", fault, RECOVERY_TIMEOUT, after.body())
                .isTrue();

        for (Scrape scrape : scrapes) {
            assertThat(scrape.status()).as("%s: HTTP status (%s)", fault, scrape.body()).isEqualTo(200);
            assertThat(scrape.latency()).as("%s: scrape latency", fault).isLessThan(latencyLimit);
        }
        List<String> log = exporter.logLinesSince(mark);
        List<String> warn = log.stream().filter(l -> l.contains("[WARN]")).toList();
        assertThat(warn).as("%s: WARN lines over %d scrapes; whole log of the phase: %s", fault, scrapes.size(), log)
                .hasSize(warnings);
        warn.forEach(line -> assertThat(line).as("%s: the warning", fault).contains(warningMentions));
        assertThat(log).as("%s: no line continues over several lines", fault)
                .allMatch(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT.*"));
        if (recoveryInfo != null) {
            assertThat(log.stream().filter(l -> l.contains(recoveryInfo))).as("%s: recovery line in %s", fault, log)
                    .hasSize(1);
        }
        long maxLatency = scrapes.stream().mapToLong(s -> s.latency().toMillis()).max().orElse(0);
        Result result = new Result(fault, maxLatency, scrapes.size(), upSeen,
                log.stream().map(FaultPhase::withoutTimestamp).toList(), noticeMillis, recoveryMillis);
        System.out.println("FAULT-MATRIX " + result.row());
        return result;
    }

    private Scrape poll(ExporterProcess exporter, int mark, List<Scrape> scrapes, Predicate<Observation> until,
                        Scrape whenNoticed, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Scrape scrape = exporter.scrape();
            scrapes.add(scrape);
            if (until.test(observe(exporter, mark, scrape, whenNoticed == null ? scrape : whenNoticed))
                    || System.nanoTime() > deadline) {
                return scrape;
            }
            try {
                Thread.sleep(SCRAPE_SPACING.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static Observation observe(ExporterProcess exporter, int mark, Scrape scrape, Scrape whenNoticed) {
        return new Observation(scrape, exporter.logLinesSince(mark), whenNoticed);
    }

    private static String describeUp(Scrape scrape) {
        List<String> parts = new ArrayList<>();
        for (String name : List.of("etcd", "netmaster", "ovsdb")) {
            double up = scrape.up(name);
            if (!Double.isNaN(up)) {
                parts.add(name + "=" + (int) up);
            }
        }
        return String.join(" ", parts);
    }

    private static String withoutTimestamp(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(space + 1);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
