package io.contiv.exporter.simulation.etcd;

/** An etcd v2 error body: {@code {"errorCode":100,"message":"Key not found","cause":"/a","index":7}}. */
record EtcdError(int errorCode, String message, String cause, long index) {

    public static final int KEY_NOT_FOUND = 100;
    public static final int NOT_A_DIRECTORY = 104;
    public static final int EVENT_INDEX_CLEARED = 401;
    public static final int RAFT_INTERNAL = 300;

    public static EtcdError keyNotFound(String cause, long index) {
        return new EtcdError(KEY_NOT_FOUND, "Key not found", cause, index);
    }

    public static EtcdError notADirectory(String cause, long index) {
        return new EtcdError(NOT_A_DIRECTORY, "Not a directory", cause, index);
    }

    /** A watch from an index older than the event history: {@code history} is its first index. */
    public static EtcdError eventIndexCleared(long history, long asked, long index) {
        return new EtcdError(EVENT_INDEX_CLEARED, "The event in requested index is outdated and cleared",
                "the requested history has been cleared [" + history + "/" + asked + "]", index);
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
