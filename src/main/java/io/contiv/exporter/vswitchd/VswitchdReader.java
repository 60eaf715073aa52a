package io.contiv.exporter.vswitchd;

import io.contiv.exporter.unixctl.CoverageShow;
import io.contiv.exporter.unixctl.DpctlShow;
import io.contiv.exporter.unixctl.MemoryShow;
import io.contiv.exporter.unixctl.UnixctlClient;
import io.contiv.exporter.unixctl.UnixctlException;

/** Asks ovs-vswitchd, over its control socket, the three commands a reading is made of. */
public final class VswitchdReader implements AutoCloseable {

    private final UnixctlClient client;

    public VswitchdReader(UnixctlClient client) {
        this.client = client;
    }

    public VswitchdReading read() throws UnixctlException {
        return new VswitchdReading(DpctlShow.parse(client.call("dpctl/show")),
                CoverageShow.parse(client.call("coverage/show")), MemoryShow.parse(client.call("memory/show")));
    }

    @Override
    public void close() {
        client.close();
    }
}
