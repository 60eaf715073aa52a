package io.contiv.exporter.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contiv.exporter.netmaster.NetmasterInventory;
import io.contiv.exporter.netmaster.NetmasterJson;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.testing.SelectReplies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The reference cluster of shared/reference: netmaster's four payloads and a real ovsdb-server's select reply. */
public final class ReferenceData {

    public static final String NETWORKS = "reference/netmaster/networks.json";
    public static final String TENANTS = "reference/netmaster/tenants.json";
    public static final String GROUPS = "reference/netmaster/endpointGroups.json";
    public static final String INSPECT_DEFAULT = "reference/netmaster/inspect-networks-default-net0-0.json";
    public static final String INSPECT_TENANT1 = "reference/netmaster/inspect-networks-tenant1-net1-0.json";
    public static final String SELECT_REPLY = "reference/ovsdb/transact-select-interface-reply.json";

    private ReferenceData() {
    }

    public static NetmasterInventory inventory() {
        try {
            NetmasterJson json = new NetmasterJson();
            return new NetmasterInventory(
                    json.tenants(Resources.bytes(TENANTS), TENANTS),
                    json.networks(Resources.bytes(NETWORKS), NETWORKS),
                    json.endpointGroups(Resources.bytes(GROUPS), GROUPS),
                    List.of(json.inspect(Resources.bytes(INSPECT_DEFAULT), INSPECT_DEFAULT),
                            json.inspect(Resources.bytes(INSPECT_TENANT1), INSPECT_TENANT1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<OvsInterface> interfaces() {
        try {
            return SelectReplies.decode(new ObjectMapper().readTree(Resources.bytes(SELECT_REPLY)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
