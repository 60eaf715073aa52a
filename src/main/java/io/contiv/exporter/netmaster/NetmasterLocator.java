package io.contiv.exporter.netmaster;

import java.io.IOException;

/** Finds the {@code host:port} of the netmaster that currently leads. */
@FunctionalInterface
public interface NetmasterLocator {
    String leaderAddress() throws IOException;

    static NetmasterLocator fixed(String hostPort) {
        return () -> hostPort;
    }
}
