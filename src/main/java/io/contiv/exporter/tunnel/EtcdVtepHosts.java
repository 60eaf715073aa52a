package io.contiv.exporter.tunnel;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.contiv.exporter.etcd.EtcdDirectoryWatch;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * VTEP owners from netmaster's endpoint state in etcd ({@code /contiv.io/state/eps/}: {@code vtepIP},
 * {@code homingHost}), fed by the same watch as the endpoint directory. Only values that changed since the last
 * state are parsed again.
 */
public final class EtcdVtepHosts implements VtepHosts {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** The two fields of an endpoint's state read here. */
    private record Owner(@JsonProperty("vtepIP") String vtepIp, String homingHost) {
    }

    private Map<String, String> hosts = Map.of();
    private long version;
    /** Each key's value as last parsed, and what it said. */
    private Map<String, String> parsedValues = Map.of();
    private Map<String, Owner> ownersByKey = Map.of();

    /** Feed for the endpoint state watch: a new state of the directory. Values that are not endpoints are skipped. */
    public void accept(EtcdDirectoryWatch.Contents contents) {
        Map<String, String> values = contents.values();
        Map<String, Owner> byKey = new HashMap<>(values.size() * 2);
        VtepOwners owners = new VtepOwners();
        for (Map.Entry<String, String> value : values.entrySet()) {
            Owner owner = value.getValue().equals(parsedValues.get(value.getKey()))
                    ? ownersByKey.get(value.getKey()) : parse(value.getValue());
            if (owner != null) {
                byKey.put(value.getKey(), owner);
                owners.add(owner.vtepIp(), owner.homingHost());
            }
        }
        parsedValues = values;
        ownersByKey = byKey;
        Map<String, String> fresh = owners.build();
        synchronized (this) {
            hosts = fresh;
            version++;
        }
    }

    private static Owner parse(String value) {
        try {
            return MAPPER.readValue(value, Owner.class);
        } catch (IOException e) {
            // the endpoint directory reports values it cannot read
            return null;
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
