package io.contiv.exporter.etcd;

import io.contiv.exporter.netmaster.NetmasterLocator;

/** Finds the leading netmaster through the lock it holds in etcd, as netmaster itself publishes it. */
public final class EtcdLeaderLocator implements NetmasterLocator {

    public static final String LEADER_KEY = "/contiv.io/lock/netmaster/leader";

    private final EtcdClient etcd;

    public EtcdLeaderLocator(EtcdClient etcd) {
        this.etcd = etcd;
    }

    @Override
    public String leaderAddress() throws EtcdException {
        String value = etcd.get(LEADER_KEY)
                .orElseThrow(() -> new EtcdException("etcd has no netmaster leader at " + LEADER_KEY));
        String leader = value.trim();
        if (leader.isEmpty()) {
            throw new EtcdException("the netmaster leader key " + LEADER_KEY + " is empty");
        }
        return leader;
    }
}
