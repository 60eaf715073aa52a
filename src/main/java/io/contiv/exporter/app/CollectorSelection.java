package io.contiv.exporter.app;

import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.policy.BridgePolicyTables;
import io.contiv.exporter.unixctl.ControlSocket;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Decides which collectors run, the same way for each: a flag given wins ({@code --no-collector.<name>} turns it off;
 * {@code --collector.<name>} turns it on, and what it needs but lacks is then an error); otherwise a collector of
 * another mode is off, one that is {@link Collector.Default#ON} runs, and one that is
 * {@link Collector.Default#DETECT}ed runs when what it reads is found on the node. A collector that cannot run says
 * why in one log line.
 */
final class CollectorSelection {

    private static final Logger LOG = ExporterLogs.logger(CollectorSelection.class);

    private CollectorSelection() {
    }

    static Set<Collector> decide(ExporterOptions options) {
        List<String> problems = new ArrayList<>();
        Set<Collector> running = select(options, problems, true);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0));
        }
        return running;
    }

    /** What cannot work in these options' collector flags, one line each, for the check of every option. */
    static List<String> problems(ExporterOptions options) {
        List<String> problems = new ArrayList<>();
        select(options, problems, false);
        return problems;
    }

    private static Set<Collector> select(ExporterOptions options, List<String> problems, boolean log) {
        Set<Collector> running = EnumSet.noneOf(Collector.class);
        if (options.mode() == null) {
            // a wrong mode is reported on its own; what the collector of either mode needs is still worth saying
            unmetNeed(Collector.ENDPOINT, options).ifPresent(problems::add);
            return running;
        }
        for (Collector collector : Collector.values()) {
            Optional<Boolean> given = options.collectors().given(collector);
            if (given.isPresent() && !given.get()) {
                continue;
            }
            String flag = "--collector." + collector.flag();
            boolean forced = given.isPresent();
            if (collector.mode() != options.mode()) {
                if (forced) {
                    problems.add(flag + " works in " + collector.mode().name().toLowerCase() + " mode only");
                }
                continue;
            }
            Optional<String> absent = notFound(collector, options);
            if (!forced && collector.byDefault() == Collector.Default.DETECT && absent.isPresent()) {
                if (log) {
                    LOG.info("{} collector off: {} (give {} to force it)", collector.flag(), absent.get(), flag);
                }
                continue;
            }
            Optional<String> unmet = unmetNeed(collector, options);
            if (unmet.isPresent()) {
                if (forced || collector.byDefault() == Collector.Default.ON) {
                    problems.add(forced ? flag + " needs " + unmet.get() : unmet.get());
                } else if (log) {
                    LOG.info("{} collector off: it needs {}", collector.flag(), unmet.get());
                }
                continue;
            }
            running.add(collector);
        }
        return running;
    }

    /** Why what the collector reads is not on this node, when it is not. */
    private static Optional<String> notFound(Collector collector, ExporterOptions options) {
        return switch (collector) {
            case POLICY, TABLES -> BridgePolicyTables.anyManagementSocket(options.ovsRunDirectory())
                    ? Optional.empty()
                    : Optional.of("no " + String.join(" or ", BridgePolicyTables.CONTIV_BRIDGES)
                            + " management socket in " + options.ovsRunDirectory());
            case VSWITCHD -> ControlSocket.pidFileExists(options.ovsRunDirectory()) ? Optional.empty()
                    : Optional.of("no " + ControlSocket.PID_FILE + " in " + options.ovsRunDirectory());
            default -> Optional.empty();
        };
    }

    /** What the collector needs from the options and lacks. */
    private static Optional<String> unmetNeed(Collector collector, ExporterOptions options) {
        return switch (collector) {
            case ENDPOINT, INVENTORY -> options.netmaster() == null && options.etcd() == null
                    ? Optional.of("where is netmaster? give --etcd (or CONTIV_ETCD) or --netmaster "
                            + "(or CONTIV_NETMASTER)")
                    : Optional.empty();
            case POLICY -> options.etcd() == null
                    ? Optional.of("--etcd (or CONTIV_ETCD): the rules are read from etcd")
                    : Optional.empty();
            default -> Optional.empty();
        };
    }
}
