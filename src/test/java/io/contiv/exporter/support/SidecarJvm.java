package io.contiv.exporter.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options of the exporter as the netplugin sidecar runs it: the image's {@code JAVA_TOOL_OPTIONS} (read from
 * deploy/Dockerfile, so that tests and the bench run what ships), then what a container with the sidecar's limits
 * (256 MiB of memory, one CPU) tells the JVM, where the image does not say it already.
 */
public final class SidecarJvm {

    public static final Path DOCKERFILE = Path.of("deploy/Dockerfile");
    /** What the sidecar's limits give the JVM in a container. */
    public static final List<String> LIMITS = List.of("-XX:MaxRAM=256m", "-XX:MaxRAMPercentage=50",
            "-XX:ActiveProcessorCount=1");

    private static final Pattern OPTIONS = Pattern.compile("^ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"", Pattern.MULTILINE);

    private SidecarJvm() {
    }

    public static List<String> options() {
        List<String> jvm = new ArrayList<>(imageOptions());
        for (String limit : LIMITS) {
            String flag = limit.substring(0, limit.indexOf('=') + 1);
            if (jvm.stream().noneMatch(option -> option.startsWith(flag))) {
                jvm.add(limit);
            }
        }
        return List.copyOf(jvm);
    }

    /** The image's {@code JAVA_TOOL_OPTIONS}. */
    public static List<String> imageOptions() {
        try {
            Matcher matcher = OPTIONS.matcher(Files.readString(DOCKERFILE));
            if (!matcher.find()) {
                throw new IllegalStateException(DOCKERFILE + " sets no JAVA_TOOL_OPTIONS");
            }
            return Arrays.stream(matcher.group(1).trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
