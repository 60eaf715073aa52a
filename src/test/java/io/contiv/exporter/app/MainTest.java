package io.contiv.exporter.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.http.ListenAddress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

class MainTest {

    /** Options that make serve and once valid but for the option under test. */
    private static final Map<String, List<String>> VALID_REST = Map.of(
            "serve", List.of("--netmaster", "127.0.0.1:1"),
            "once", List.of("--netmaster", "127.0.0.1:1"),
            "demo", List.of());

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private List<String> errLines() {
        return err.toString().lines().toList();
    }

    @Test
    void helpListsTheCommandsAndServeHelpListsEveryOption() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("serve", "once", "demo", "version");

        assertThat(run("serve", "--help")).isZero();
        assertThat(out.toString()).contains("--mode", "--web.listen-address", "--web.telemetry-path", "--etcd",
                "--netmaster", "--ovsdb", "--metric-names", "--scrape.timeout", "EXPORTER_MODE", "CONTIV_ETCD",
                "OVSDB_ADDRESS");
    }

    @Test
    void onceHelpListsOnlyTheOptionsOnceUses() {
        assertThat(run("once", "--help")).isZero();
        assertThat(out.toString()).contains("--mode", "--etcd", "--netmaster", "--ovsdb", "--source.timeout",
                "--timeout").doesNotContain("--web.").doesNotContain("--scrape.timeout");
        // and refuses them rather than ignoring them
        assertThat(run("once", "--netmaster", "127.0.0.1:1", "--web.listen-address", ":9999")).isEqualTo(2);
        assertThat(errLines()).containsExactly("contiv-exporter: unknown option --web.listen-address",
                "contiv-exporter: see 'contiv-exporter once --help'");
    }

    @Test
    void usageLinesAndPlaceholdersReadAsWritten() {
        for (String command : List.of("serve", "once", "demo")) {
            assertThat(run(command, "--help")).isZero();
            assertThat(out.toString().lines().findFirst()).as(command)
                    .contains("Usage: contiv-exporter " + command + " [OPTIONS]");
            // placeholders are words for the user, not the names of fields in the code
            assertThat(out.toString()).as(command).doesNotContainPattern("=<[a-zA-Z]+>");
        }
        assertThat(run("demo", "--help")).isZero();
        assertThat(out.toString()).contains("--endpoints=N", "--netplugin.port=PORT", "--tick=DURATION");
    }

    @Test
    void helpEndsWithTheTableOfExitCodes() {
        for (String command : List.of("--help", "serve --help", "once --help", "demo --help")) {
            assertThat(run(command.split(" "))).isZero();
            String help = out.toString();
            assertThat(help).as(command).contains("Exit codes:");
            for (ExitCode code : ExitCode.values()) {
                assertThat(help).as(command).containsPattern("(?m)^  " + code.code() + " +"
                        + Pattern.quote(code.meaning().substring(0, 12)));
            }
        }
    }

    @Test
    void theConfigurationDocDocumentsTheSameExitCodes() throws Exception {
        String readme = Files.readString(Path.of("docs/configuration.md"), StandardCharsets.UTF_8);
        for (ExitCode code : ExitCode.values()) {
            assertThat(readme).contains("| " + code.code() + " | " + code.meaning() + " |");
        }
    }

    @Test
    void versionAsACommandOrAnOption() {
        assertThat(run("--version")).isZero();
        String version = out.toString();
        assertThat(version).startsWith("contiv-exporter ");
        assertThat(run("version")).isZero();
        assertThat(out.toString()).isEqualTo(version);
    }

    @Test
    void aWrongOptionGetsOneClearLineAndTheUsageCode() {
        assertThat(run("--mode", "switch", "--netmaster", "127.0.0.1:1")).isEqualTo(2);
        assertThat(errLines()).containsExactly("contiv-exporter: --mode switch: must be netplugin or netmaster",
                "contiv-exporter: see 'contiv-exporter serve --help'");

        assertThat(run("--zzz", "--netmaster", "127.0.0.1:1")).isEqualTo(2);
        assertThat(errLines()).containsExactly("contiv-exporter: unknown option --zzz",
                "contiv-exporter: see 'contiv-exporter serve --help'");

        assertThat(run("--node.nam", "n1", "--netmaster", "127.0.0.1:1")).isEqualTo(2);
        assertThat(errLines()).first().asString().startsWith("contiv-exporter: unknown option --node.nam; did you "
                + "mean --node.name");
    }

    @Test
    void everyDurationOptionRefusesZeroNegativeAndGarbageNamingTheOptionAndTheValue() {
        List<String> checked = new ArrayList<>();
        for (var command : Main.commandLine().getSubcommands().entrySet()) {
            for (OptionSpec option : command.getValue().getCommandSpec().options()) {
                if (option.type() != Duration.class) {
                    continue;
                }
                Bounds bounds = bounds(option);
                assertThat(bounds).as("%s %s has @Bounds", command.getKey(), option.longestName()).isNotNull();
                assertThat(DurationConverter.parse(bounds.min())).as(option.longestName()).isPositive();
                for (String value : List.of("0s", "-5s", "5x", "")) {
                    List<String> args = new ArrayList<>(List.of(command.getKey(), option.longestName(), value));
                    args.addAll(VALID_REST.get(command.getKey()));
                    assertThat(run(args.toArray(String[]::new))).as("%s %s", args, err).isEqualTo(2);
                    String shown = value.isEmpty() ? "''" : value;
                    assertThat(errLines()).as("%s", args).containsExactly(
                            "contiv-exporter: " + option.longestName() + " " + shown + ": must be a duration from "
                                    + bounds.min() + " to " + bounds.max(),
                            "contiv-exporter: see 'contiv-exporter " + command.getKey() + " --help'");
                }
                checked.add(command.getKey() + " " + option.longestName());
            }
        }
        assertThat(checked).contains("serve --scrape.timeout", "serve --source.timeout",
                "serve --netmaster.refresh-interval", "serve --ovsdb.probe-interval", "once --source.timeout",
                "once --timeout", "demo --tick");
    }

    @Test
    void durationsAreWrittenAsPrometheusWritesThem() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("-5s")).isEqualTo(Duration.ofSeconds(-5));
        assertThat(DurationConverter.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(DurationConverter.format(Duration.ofMillis(100))).isEqualTo("100ms");
        assertThat(run("serve", "--scrape.timeout", "4", "--netmaster", "127.0.0.1:1")).isEqualTo(2);
        assertThat(run("serve", "--scrape.timeout", "1.5s", "--netmaster", "127.0.0.1:1")).isEqualTo(2);
    }

    @Test
    void everyProblemIsReportedAtOnceNotJustTheMissingNetmaster() {
        assertThat(run("once", "--etcd", "", "--netmaster", "", "--netmaster.refresh-interval", "0s",
                "--source.timeout", "-1s", "--mode", "foo", "--ovsdb", "udp:1.2.3.4:5", "--bogus")).isEqualTo(2);
        assertThat(errLines()).containsExactlyInAnyOrder(
                "contiv-exporter: --mode foo: must be netplugin or netmaster",
                "contiv-exporter: unknown option --bogus",
                "contiv-exporter: --ovsdb udp:1.2.3.4:5: OVSDB address 'udp:1.2.3.4:5' must start with tcp:, ssl: "
                        + "or unix:",
                "contiv-exporter: --source.timeout -1s: must be a duration from 100ms to 5m",
                "contiv-exporter: --netmaster.refresh-interval 0s: must be a duration from 100ms to 24h",
                "contiv-exporter: where is netmaster? give --etcd (or CONTIV_ETCD) or --netmaster "
                        + "(or CONTIV_NETMASTER)",
                "contiv-exporter: see 'contiv-exporter once --help'");
    }

    @Test
    void addressesAreCheckedBeforeAnythingStarts() {
        assertThat(run("once", "--netmaster", "foo")).isEqualTo(2);
        assertThat(errLines()).first().isEqualTo(
                "contiv-exporter: --netmaster foo: not HOST:PORT: the port is needed, e.g. 10.0.0.5:9999");
        assertThat(run("once", "--netmaster", "10.0.0.5:99999")).isEqualTo(2);
        assertThat(errLines()).first().asString().contains("--netmaster 10.0.0.5:99999: the port");
        assertThat(run("once", "--etcd", "ftp://10.0.0.5:2379")).isEqualTo(2);
        assertThat(errLines()).first().asString().startsWith("contiv-exporter: --etcd ftp://10.0.0.5:2379: ");
        assertThat(run("serve", "--netmaster", "10.0.0.5:9999", "--web.listen-address", "9004")).isEqualTo(2);
        assertThat(errLines()).first().asString().startsWith("contiv-exporter: --web.listen-address 9004: ");
        assertThat(run("once", "--ovsdb.max-message-bytes", "10", "--netmaster", "10.0.0.5:9999")).isEqualTo(2);
        assertThat(errLines()).first().isEqualTo("contiv-exporter: --ovsdb.max-message-bytes 10: must be a whole "
                + "number from 1024 to 1073741824");
    }

    @Test
    void rulesAcrossOptionsAreProblemsLikeTheOthers() {
        assertThat(run("once", "--netmaster", "10.0.0.5:9999", "--metadata-source", "etcd", "--collector.policy"))
                .isEqualTo(2);
        assertThat(errLines()).containsExactly(
                "contiv-exporter: --metadata-source etcd needs --etcd (or CONTIV_ETCD)",
                "contiv-exporter: --collector.policy needs --etcd (or CONTIV_ETCD): the rules are read from etcd",
                "contiv-exporter: see 'contiv-exporter once --help'");
        assertThat(run("serve", "--netmaster", "10.0.0.5:9999", "--web.write-timeout", "3s")).isEqualTo(2);
        assertThat(errLines()).containsExactly("contiv-exporter: --web.write-timeout 3s must be longer than "
                + "--scrape.timeout 4s: it counts from the request, scrape included",
                "contiv-exporter: see 'contiv-exporter serve --help'");
        assertThat(run("demo", "--nodes", "0", "--tenants", "1001")).isEqualTo(2);
        assertThat(errLines()).contains("contiv-exporter: --nodes 0: must be a whole number from 1 to 10000",
                "contiv-exporter: --tenants 1001: must be a whole number from 1 to 1000");
    }

    @Test
    void aMissingUpstreamIsOneClearLine() {
        assertThat(run("once", "--etcd", "", "--netmaster", "")).isEqualTo(2);
        assertThat(errLines()).hasSize(2);
        assertThat(errLines().get(0)).contains("--etcd").contains("--netmaster");
    }

    @Test
    void aListenAddressInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            assertThat(run("serve", "--netmaster", "127.0.0.1:1", "--web.listen-address", address)).isEqualTo(1);
            assertThat(errLines()).containsExactly("contiv-exporter: cannot listen on " + address
                    + ": Address already in use");
        }
    }

    @Test
    void listenAddressDefaultsFollowTheModeAndReadAsWritten() {
        assertThat(ListenAddress.parse(":9004")).isEqualTo(new ListenAddress("", 9004));
        assertThat(ListenAddress.parse("[::1]:9005")).isEqualTo(new ListenAddress("::1", 9005));
        assertThat(ListenAddress.parse("[::1]:9005")).hasToString("[::1]:9005");
        assertThat(ListenAddress.parse(":9004")).hasToString(":9004");
        assertThat(Mode.NETPLUGIN.defaultPort()).isEqualTo(9004);
        assertThat(Mode.NETMASTER.defaultPort()).isEqualTo(9005);
    }

    @Test
    void aBadWebConfigurationIsAProblemLikeAWrongOption() throws Exception {
        Path config = Files.createTempFile("contiv-web", ".yml");
        try {
            Files.writeString(config, "tls_server_config:\n  cert_fil: x.crt\n");
            assertThat(run("serve", "--netmaster", "127.0.0.1:1", "--web.config.file", config.toString(),
                    "--scrape.timeout", "0s")).isEqualTo(2);
            assertThat(errLines()).hasSize(3);
            assertThat(errLines().get(0)).contains("--scrape.timeout 0s");
            assertThat(errLines().get(1)).contains(config.toString())
                    .contains("unknown key 'tls_server_config.cert_fil'").doesNotContain("Exception");
        } finally {
            Files.delete(config);
        }
    }

    @Test
    void optionsBuiltInCodeAreCheckedTheSameWay() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExporterOptions.parse("--source.timeout", "0s",
                        "--etcd", "x:1", "--mode", "nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--mode nope: must be netplugin or netmaster; "
                        + "--source.timeout 0s: must be a duration from 100ms to 5m");
    }

    private static Bounds bounds(OptionSpec option) {
        return option.userObject() instanceof Field field ? field.getAnnotation(Bounds.class) : null;
    }
}
