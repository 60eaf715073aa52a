package io.contiv.exporter.ovsdb;

import java.util.List;

/** Where the exporter gets the switch's interfaces from; injected so the join and metrics need no switch to test. */
@FunctionalInterface
public interface InterfaceSource {
    List<OvsInterface> interfaces() throws OvsdbException;
}
