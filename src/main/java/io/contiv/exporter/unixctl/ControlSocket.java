package io.contiv.exporter.unixctl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where ovs-vswitchd's control socket is: {@code <rundir>/ovs-vswitchd.<pid>.ctl}, the pid read from
 * {@code <rundir>/ovs-vswitchd.pid}, as {@code ovs-appctl} finds it. Looked up again for every new connection, since a
 * restarted ovs-vswitchd has a new pid and so a new socket.
 */
public final class ControlSocket {

    public static final String PID_FILE = "ovs-vswitchd.pid";
    /** A pid file holds a number and a newline; anything longer is not one. */
    private static final int MAX_PID_FILE_BYTES = 64;

    private ControlSocket() {
    }

    /** True when the run directory has ovs-vswitchd's pid file: the switch runs (or ran) with this directory. */
    public static boolean pidFileExists(Path runDirectory) {
        return Files.exists(runDirectory.resolve(PID_FILE));
    }

    /** The control socket of the ovs-vswitchd whose pid file is in {@code runDirectory}. */
    public static Path locate(Path runDirectory) throws UnixctlException {
        Path pidFile = runDirectory.resolve(PID_FILE);
        String text;
        try (InputStream in = Files.newInputStream(pidFile)) {
            text = new String(in.readNBytes(MAX_PID_FILE_BYTES), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw new UnixctlException("no " + pidFile + " (is ovs-vswitchd running with this run directory?)");
        } catch (IOException e) {
            throw new UnixctlException("cannot read " + pidFile + ": " + e.getMessage(), e);
        }
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UnixctlException(pidFile + " does not hold a process ID: '" + abbreviate(text) + "'");
        }
        if (pid <= 0) {
            throw new UnixctlException(pidFile + " holds process ID " + pid);
        }
        Path socket = runDirectory.resolve("ovs-vswitchd." + pid + ".ctl");
        if (!Files.exists(socket)) {
            throw new UnixctlException("ovs-vswitchd (pid " + pid + ") has no control socket " + socket
                    + " (stopped, or started with --unixctl elsewhere)");
        }
        return socket;
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "...";
    }
}
