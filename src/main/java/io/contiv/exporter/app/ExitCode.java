package io.contiv.exporter.app;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every exit status of contiv-exporter, in one place: the help footer and the README table come from here (a test
 * compares them). The same kind of mistake always gets the same code.
 */
public enum ExitCode {
    OK(0, "Success (once: every source read and every endpoint in OVS labelled)."),
    FAILED(1, "once: a source failed or did not answer in time, or endpoints in OVS went unlabelled; serve, "
            + "demo: could not start (e.g. the listen address is taken). The reasons are on stderr."),
    USAGE(2, "A wrong option, command or value, on the command line, in the environment or in the web "
            + "configuration file. Every problem is on stderr; nothing was started."),
    TERMINATED(143, "serve, demo: stopped by SIGTERM (130: by Ctrl-C).");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** For picocli's help footer: code to meaning, in order. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode exitCode : values()) {
            list.put(Integer.toString(exitCode.code), exitCode.meaning);
        }
        return list;
    }
}
