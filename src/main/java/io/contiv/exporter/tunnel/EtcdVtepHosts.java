package io.contiv.exporter.tunnel;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.contiv.exporter.etcd.EtcdDirectoryWatch;
import java.io.IOException;
import java.util.Map;

/**
 * VTEP owners from netmaster's endpoint state in etcd ({@code /contiv.io/state/eps/}: {@code vtepIP},
 * {@code homingHost}), fed by the same watch as the endpoint directory.
 */
public final class EtcdVtepHosts implements VtepHosts {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** The two fields of an endpoint's state read here. */
    private record Owner(@JsonProperty("vtepIP") String vtepIp, String homingHost) {
    }

    private Map<String, String> hosts = Map.of();
    private long version;

    /** Feed for the endpoint state watch: a new state of the directory. Values that are not endpoints are skipped. */
    public void accept(EtcdDirectoryWatch.Contents contents) {
        VtepOwners owners = new VtepOwners();
        for (String value : contents.values().values()) {
            try {
                Owner owner = MAPPER.readValue(value, Owner.class);
                if (owner != null) {
                    owners.add(owner.vtepIp(), owner.homingHost());
                }
            } catch (IOException e) {
                // the endpoint directory reports values it cannot read
            }
        }
        Map<String, String> fresh = owners.build();
        synchronized (this) {
            hosts = fresh;
            version++;
        }
    }

    @Override
    public synchronized Map<String, String> hostsByVtep() {
        return hosts;
    }

    @Override
    public synchronized long version() {
        return version;
    }
}
