package io.contiv.exporter.tunnel;

import io.contiv.exporter.etcd.EtcdException;
import io.contiv.exporter.etcd.KeyReader;
import io.contiv.exporter.etcd.RawEvents;
import io.contiv.exporter.etcd.WatchedDirectory;
import java.util.HashMap;
import java.util.Map;

/**
 * VTEP owners learned from the endpoint state watch ({@code /contiv.io/state/eps/}: an endpoint's {@code vtepIP} and
 * {@code homingHost}). The node-sized watch reads no other node's state, but every change in the directory passes by
 * it: each event's two fields are taken from its raw bytes, without decoding it, so a host is named from the first
 * change of one of its endpoints the watch sees. Holds one entry per VTEP address, as OVS holds one tunnel per peer.
 */
public final class EtcdVtepHosts implements VtepHosts {

    private static final byte[] VTEP = RawEvents.fieldMarker("vtepIP");
    private static final byte[] HOST = RawEvents.fieldMarker("homingHost");

    /** Written on the watch's thread only; read by scrapes through the copy. */
    private final Map<String, String> learned = new HashMap<>();
    private volatile Map<String, String> hosts = Map.of();
    private volatile long version;

    /** The watched directory {@code inner}, with every event of the directory passing by this first. */
    public WatchedDirectory learningFrom(WatchedDirectory inner) {
        return new WatchedDirectory() {
            @Override
            public boolean concerns(String name, byte[] rawEvent) {
                if (rawEvent != null) {
                    learn(rawEvent);
                }
                return inner.concerns(name, rawEvent);
            }

            @Override
            public void changed(String name, String value, long modifiedIndex) {
                inner.changed(name, value, modifiedIndex);
            }

            @Override
            public void resync(KeyReader reader, long etcdIndex) throws EtcdException {
                inner.resync(reader, etcdIndex);
            }

            @Override
            public void pending(KeyReader reader) throws EtcdException {
                inner.pending(reader);
            }

            @Override
            public void failed(Exception cause) {
                inner.failed(cause);
            }
        };
    }

    /** One event of the endpoint state directory, as etcd sent it. */
    void learn(byte[] rawEvent) {
        String vtep = RawEvents.plainField(rawEvent, VTEP);
        if (vtep == null) {
            return;
        }
        String host = RawEvents.plainField(rawEvent, HOST);
        if (host == null || host.equals(learned.get(vtep))) {
            return;
        }
        // a VTEP address taken over by another host is named after its latest owner
        learned.put(vtep, host);
        hosts = Map.copyOf(learned);
        version++;
    }

    @Override
    public Map<String, String> hostsByVtep() {
        return hosts;
    }

    @Override
    public long version() {
        return version;
    }
}
