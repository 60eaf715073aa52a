package io.contiv.exporter.openflow;

/** The numbers of OpenFlow 1.3 (and the few Open vSwitch extensions) that this codec reads and writes. */
final class OpenFlow13 {

    static final int VERSION = 0x04;

    static final int OFPT_HELLO = 0;
    static final int OFPT_ERROR = 1;
    static final int OFPT_ECHO_REQUEST = 2;
    static final int OFPT_ECHO_REPLY = 3;
    static final int OFPT_MULTIPART_REQUEST = 18;
    static final int OFPT_MULTIPART_REPLY = 19;

    static final int OFPHET_VERSIONBITMAP = 1;

    static final int OFPMP_FLOW = 1;
    static final int OFPMP_TABLE = 3;
    static final int OFPMPF_REPLY_MORE = 1;

    static final long OFPP_ANY = 0xffffffffL;
    static final long OFPG_ANY = 0xffffffffL;

    static final int OFPMT_OXM = 1;

    /** ofp_flow_stats up to its match: length, table, pad, durations, priority, timeouts, flags, pad, cookie, counts. */
    static final int FLOW_STATS_FIXED_LENGTH = 48;
    /** ofp_table_stats: table, pad, active count, lookup count, matched count. */
    static final int TABLE_STATS_LENGTH = 24;

    static final int OFPXMC_NXM_1 = 0x0001;
    static final int OFPXMC_OPENFLOW_BASIC = 0x8000;
    static final int OFPXMC_EXPERIMENTER = 0xffff;
    static final long ONF_EXPERIMENTER_ID = 0x4f4e4600L;

    static final int OXM_METADATA = 2;
    static final int OXM_ETH_TYPE = 5;
    static final int OXM_IP_PROTO = 10;
    static final int OXM_IPV4_SRC = 11;
    static final int OXM_IPV4_DST = 12;
    static final int OXM_TCP_SRC = 13;
    static final int OXM_TCP_DST = 14;
    static final int OXM_UDP_SRC = 15;
    static final int OXM_UDP_DST = 16;
    /** OXM_OF_TCP_FLAGS is OpenFlow 1.5; in 1.3 OVS sends the same field as ONF experimenter field 42. */
    static final int OXM_TCP_FLAGS = 42;
    static final int ONF_TCP_FLAGS = 42;
    static final int NXM_NX_TCP_FLAGS = 34;

    private OpenFlow13() {
    }
}
