package io.contiv.exporter.simulation;

/**
 * Lays the data networks out in 10.0.0.0/8: tenant {@code t}, network {@code n} gets
 * {@code 10.<t>.<n>.0/24} while every network fits in a /24, and a wider block when the endpoints
 * per network need it. Endpoints take {@code .1} upwards, the gateway is the block's second-to-last
 * address ({@code .254} in a /24).
 */
final class AddressPlan {

    private static final int TEN_SLASH_EIGHT = 10 << 24;
    private static final long TEN_SLASH_EIGHT_SIZE = 1L << 24;
    private static final int SLASH_SIXTEEN = 1 << 16;
    private static final int MIN_BLOCK = 256;
    private static final int VTEP_BASE = (192 << 24) | (168 << 16) | (2 << 8);

    private final int blockSize;
    private final int prefixLength;
    private final int tenantStride;

    AddressPlan(ClusterSpec spec, int maxEndpointsPerNetwork) {
        // network address, gateway and broadcast address come on top of the endpoints
        long needed = (long) maxEndpointsPerNetwork + 3;
        long block = Math.max(MIN_BLOCK, Long.highestOneBit(needed - 1) << 1);
        long perTenant = roundUp(block * Math.max(1, spec.networksPerTenant()), SLASH_SIXTEEN);
        if (perTenant * spec.tenants() > TEN_SLASH_EIGHT_SIZE) {
            throw new IllegalArgumentException("cluster does not fit in 10.0.0.0/8: " + spec.tenants()
                    + " tenants x " + spec.networksPerTenant() + " networks x " + block + " addresses");
        }
        this.blockSize = (int) block;
        this.prefixLength = 32 - Integer.numberOfTrailingZeros(blockSize);
        this.tenantStride = (int) perTenant;
    }

    String subnet(int tenant, int network) {
        return dotted(networkBase(tenant, network)) + "/" + prefixLength;
    }

    String gateway(int tenant, int network) {
        return dotted(networkBase(tenant, network) + blockSize - 2);
    }

    /** IPv4 address of the {@code index}-th endpoint of the network, as an int. */
    int endpointAddress(int tenant, int network, int index) {
        return networkBase(tenant, network) + index + 1;
    }

    /** Contiv derives container MACs from the IPv4 address: {@code 02:02:<four address bytes>}. */
    static String macAddress(int address) {
        return String.format("02:02:%02x:%02x:%02x:%02x",
                address >>> 24, (address >>> 16) & 0xff, (address >>> 8) & 0xff, address & 0xff);
    }

    /** VTEP of node number {@code nodeNumber} (1-based): 192.168.2.1, 192.168.2.2, ... */
    static String vtepAddress(int nodeNumber) {
        return dotted(VTEP_BASE + nodeNumber);
    }

    static String dotted(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    private int networkBase(int tenant, int network) {
        return TEN_SLASH_EIGHT + tenant * tenantStride + network * blockSize;
    }

    private static long roundUp(long value, long multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
