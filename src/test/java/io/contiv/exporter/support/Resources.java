package io.contiv.exporter.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the reference payloads copied from shared/reference into the test resources. */
public final class Resources {

    private Resources() {
    }

    public static byte[] bytes(String path) {
        try (InputStream in = Resources.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
