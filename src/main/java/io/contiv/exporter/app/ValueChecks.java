package io.contiv.exporter.app;

import io.contiv.exporter.etcd.EtcdEndpoints;
import io.contiv.exporter.http.ListenAddress;
import io.contiv.exporter.ovsdb.OvsdbAddress;
import java.net.URI;
import java.net.URISyntaxException;

/** The {@link Checked} checks of the exporter's address options. */
final class ValueChecks {

    private ValueChecks() {
    }

    /** {@code --etcd}: {@code http://host:port}, {@code etcd://host:port} or {@code host:port}, comma-separated. */
    static final class EtcdEndpointList implements Checked.ValueCheck {
        @Override
        public void check(String value) {
            EtcdEndpoints.parse(value);
        }
    }

    /** {@code --netmaster}: {@code host:port}, or the same behind {@code http://} or {@code https://}. */
    static final class NetmasterAddress implements Checked.ValueCheck {
        @Override
        public void check(String value) {
            String text = value.trim();
            String rest = text.startsWith("http://") ? text.substring(7)
                    : text.startsWith("https://") ? text.substring(8) : text;
            if (rest.contains("://")) {
                throw new IllegalArgumentException("netmaster is reached over http:// or https:// only");
            }
            URI uri;
            try {
                uri = new URI("http://" + (rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not HOST:PORT, e.g. 10.0.0.5:9999");
            }
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("not HOST:PORT: the port is needed, e.g. 10.0.0.5:9999");
            }
            if (uri.getPort() < 1 || uri.getPort() > 65535) {
                throw new IllegalArgumentException("the port must be between 1 and 65535");
            }
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
                throw new IllegalArgumentException("not HOST:PORT: netmaster's address has no path");
            }
        }
    }

    /** {@code --ovsdb}: {@code tcp:HOST:PORT} or {@code unix:PATH}. */
    static final class OvsdbTarget implements Checked.ValueCheck {
        @Override
        public void check(String value) {
            OvsdbAddress.parse(value);
        }
    }

    /** {@code --web.listen-address}: {@code [HOST]:PORT}. */
    static final class Listen implements Checked.ValueCheck {
        @Override
        public void check(String value) {
            ListenAddress.parse(value.trim());
        }
    }
}
