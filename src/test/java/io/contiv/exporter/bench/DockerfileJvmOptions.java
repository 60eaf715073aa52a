package io.contiv.exporter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JVM options the image gives the exporter: its {@code JAVA_TOOL_OPTIONS}, so that the bench runs what ships. */
final class DockerfileJvmOptions {

    private static final Pattern OPTIONS = Pattern.compile("^ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"", Pattern.MULTILINE);

    private DockerfileJvmOptions() {
    }

    static List<String> read(Path dockerfile) throws IOException {
        Matcher matcher = OPTIONS.matcher(Files.readString(dockerfile));
        if (!matcher.find()) {
            throw new IOException(dockerfile + " sets no JAVA_TOOL_OPTIONS");
        }
        return Arrays.stream(matcher.group(1).trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
    }
}
