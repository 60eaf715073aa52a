package io.contiv.exporter.etcd;

import java.io.IOException;

/** No etcd endpoint answered, or the answer was not what etcd sends. */
public class EtcdException extends IOException {
    public EtcdException(String message) {
        super(message);
    }

    public EtcdException(String message, Throwable cause) {
        super(message, cause);
    }
}
