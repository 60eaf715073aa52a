package io.contiv.exporter.simulation.etcd;

/** The outcome of a get: a node or an error, with the store's index at the time. */
sealed interface EtcdResult {

    long index();

    record Found(EtcdNode node, long index) implements EtcdResult {
    }

    record Failed(EtcdError error) implements EtcdResult {
        @Override
        public long index() {
            return error.index();
        }
    }
}
