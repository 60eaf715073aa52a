package io.contiv.exporter.tls;

import java.nio.file.Path;

/**
 * The files one upstream's TLS is made of, each with the option that names it (for messages): the CAs that vouch
 * for the server (the system's when not given), and the exporter's own certificate and key (nothing presented when
 * not given).
 */
public record ClientTlsFiles(String upstream, File ca, File certificate, File key) {

    /**
     * A PEM file and the option that names it; {@code path} is null when the option was not given, {@code option}
     * too when there is no such option.
     */
    public record File(String option, Path path) {

        /** No option, no file. */
        public static final File NONE = new File(null, null);

        public static File of(String option, String path) {
            return new File(option, path == null || path.isBlank() ? null : Path.of(path.trim()));
        }

        public boolean given() {
            return path != null;
        }

        /** E.g. {@code --etcd.cert /etc/contiv/etcd/client.crt}. */
        @Override
        public String toString() {
            return given() ? option + " " + path : option;
        }
    }

    public ClientTlsFiles {
        if (certificate.given() != key.given()) {
            throw new IllegalArgumentException((certificate.given() ? certificate : key).option() + " needs "
                    + (certificate.given() ? key : certificate).option() + " as well");
        }
    }

    /** Whether any file is given, i.e. anything differs from the JDK's defaults. */
    public boolean any() {
        return ca.given() || certificate.given();
    }
}
