package io.contiv.exporter.simulation;

import io.contiv.exporter.support.Resources;

/**
 * The reference netmaster payloads of {@code shared/reference/netmaster/}, as copied into the test resources so that
 * a clone runs its tests without the shared folder beside it.
 */
public final class ReferenceFiles {

    private ReferenceFiles() {
    }

    public static byte[] netmaster(String fileName) {
        return Resources.bytes("reference/netmaster/" + fileName);
    }
}
