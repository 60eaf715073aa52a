package io.contiv.exporter.simulation.etcd;

/** An etcd v2 error body: {@code {"errorCode":100,"message":"Key not found","cause":"/a","index":7}}. */
record EtcdError(int errorCode, String message, String cause, long index) {

    public static final int KEY_NOT_FOUND = 100;
    public static final int NOT_A_DIRECTORY = 104;
    public static final int RAFT_INTERNAL = 300;

    public static EtcdError keyNotFound(String cause, long index) {
        return new EtcdError(KEY_NOT_FOUND, "Key not found", cause, index);
    }

    public static EtcdError notADirectory(String cause, long index) {
        return new EtcdError(NOT_A_DIRECTORY, "Not a directory", cause, index);
    }

    public static EtcdError raftInternal(String cause, long index) {
        return new EtcdError(RAFT_INTERNAL, "Raft Internal Error", cause, index);
    }

    /** The HTTP status etcd sends with this error code. */
    public int httpStatus() {
        switch (errorCode) {
            case KEY_NOT_FOUND:
                return 404;
            case RAFT_INTERNAL:
                return 500;
            default:
                return 400;
        }
    }
}
