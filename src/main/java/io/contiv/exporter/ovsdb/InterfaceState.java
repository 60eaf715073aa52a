package io.contiv.exporter.ovsdb;

import java.util.Optional;

/** The state columns of an OVS interface; each is empty when OVS has not filled it (no ovs-vswitchd, or not applicable). */
public record InterfaceState(
        Optional<String> adminState,
        Optional<String> linkState,
        Optional<Long> mtu,
        Optional<Long> linkResets,
        Optional<Long> ofport) {

    public static final InterfaceState UNKNOWN =
            new InterfaceState(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
