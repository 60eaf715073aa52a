package io.contiv.exporter.simulation.ovsdb;

import java.time.Duration;

/**
 * Faults a test or the demo can switch on and off at any time, from any thread. They act on replies to client
 * requests (not on "update" notifications or the server's own echo probes), on whichever connection replies
 * next. All off by default.
 */
public final class FaultSwitches {
    private volatile long replyDelayMillis;
    private volatile boolean closeMidReply;
    private volatile boolean malformedReplies;
    private volatile int hugeReplyPaddingBytes;
    private volatile boolean refuseConnections;

    /** Waits this long before writing each reply (Duration.ZERO: reply at once). */
    public void delayReplies(Duration delay) {
        replyDelayMillis = delay.toMillis();
    }

    /** Writes the first half of the next replies, then closes the connection. */
    public void closeMidReply(boolean enabled) {
        closeMidReply = enabled;
    }

    /** Sends replies that are not valid JSON: the final '}' becomes ']'. */
    public void sendMalformedReplies(boolean enabled) {
        malformedReplies = enabled;
    }

    /**
     * Pads every reply with a {@code "padding"} member holding a string of this many characters, placed before
     * "result" so the reply stays valid JSON-RPC but a client must read all of it; 0 turns padding off.
     */
    public void padReplies(int paddingBytes) {
        if (paddingBytes < 0) {
            throw new IllegalArgumentException("paddingBytes must not be negative");
        }
        hugeReplyPaddingBytes = paddingBytes;
    }

    /** Accepts new connections and closes them at once, before reading anything. */
    public void refuseConnections(boolean enabled) {
        refuseConnections = enabled;
    }

    /** Turns every fault off. */
    public void reset() {
        replyDelayMillis = 0;
        closeMidReply = false;
        malformedReplies = false;
        hugeReplyPaddingBytes = 0;
        refuseConnections = false;
    }

    public Duration replyDelay() {
        return Duration.ofMillis(replyDelayMillis);
    }

    public boolean closingMidReply() {
        return closeMidReply;
    }

    public boolean sendingMalformedReplies() {
        return malformedReplies;
    }

    public int replyPaddingBytes() {
        return hugeReplyPaddingBytes;
    }

    public boolean refusingConnections() {
        return refuseConnections;
    }
}
