package io.contiv.exporter.netmaster;

import java.util.List;

/** The {@code Oper} half of a network inspect. */
public record NetworkOper(
        Long allocatedAddressesCount,
        String allocatedIPAddresses,
        String availableIPAddresses,
        List<EndpointOper> endpoints,
        Long numEndpoints,
        Long pktTag) {

    public NetworkOper {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    public static final NetworkOper EMPTY = new NetworkOper(null, null, null, List.of(), null, null);
}
