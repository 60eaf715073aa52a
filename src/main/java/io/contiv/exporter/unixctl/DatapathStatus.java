package io.contiv.exporter.unixctl;

import java.util.OptionalLong;

/**
 * One datapath as {@code dpctl/show} describes it. Lookups: packets that found a datapath flow (hit), that went up to
 * ovs-vswitchd because none matched (missed), and that were lost on the way up (lost: the upcall queue was full).
 * Masks (the kernel datapath only): mask lookups for all packets, and the masks in use.
 *
 * @param name as printed, e.g. {@code netdev@ovs-netdev} or {@code system@ovs-system}
 */
public record DatapathStatus(String name, long lookupsHit, long lookupsMissed, long lookupsLost, long flows,
                             OptionalLong masksHit, OptionalLong masksTotal) {
}
