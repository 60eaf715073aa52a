package io.contiv.exporter.bench;

import io.contiv.exporter.testing.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the report says about the machine, read from /proc and from the JVM the exporter runs on. */
record MachineInfo(int processors, String memory, String cpuModel, String javaVersion) {

    static MachineInfo describe() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String version = new CommandRunner(Duration.ofSeconds(30)).run(List.of(java, "-version")).stderr().strip();
        return new MachineInfo(Runtime.getRuntime().availableProcessors(),
                procLine("/proc/meminfo", "MemTotal").map(MachineInfo::kibToGib).orElse("unknown"),
                procLine("/proc/cpuinfo", "model name").orElse("unknown"), version);
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine shows here. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    private static Optional<String> procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String kibToGib(String memTotal) {
        long kib = Long.parseLong(memTotal.replace("kB", "").strip());
        return String.format(java.util.Locale.ROOT, "%.1f GiB", kib / 1048576.0);
    }
}
