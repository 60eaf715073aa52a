package io.contiv.exporter.testing;

import java.util.List;

/** What a finished short-lived command produced. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** stdout followed by stderr, for tools (like promtool) that report on either. */
    public String output() {
        return stdout + stderr;
    }

    public CommandResult orThrow() {
        if (!succeeded()) {
            throw new IllegalStateException(command + " exited with " + exitCode
                    + "\nstdout: " + stdout + "\nstderr: " + stderr);
        }
        return this;
    }
}
