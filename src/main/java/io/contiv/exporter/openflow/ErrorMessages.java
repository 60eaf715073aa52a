package io.contiv.exporter.openflow;

import java.nio.ByteBuffer;
import java.util.Map;

/** Turns an {@code OFPT_ERROR} from the switch into an exception that names the error. */
final class ErrorMessages {

    private static final Map<Integer, String> TYPES = Map.of(
            0, "HELLO_FAILED", 1, "BAD_REQUEST", 2, "BAD_ACTION", 3, "BAD_INSTRUCTION", 4, "BAD_MATCH",
            5, "FLOW_MOD_FAILED", 0xffff, "EXPERIMENTER");

    private ErrorMessages() {
    }

    static OpenFlowException asException(OpenFlowMessage error, String context) {
        ByteBuffer body = error.bodyBuffer();
        if (body.remaining() < 4) {
            return new OpenFlowException(context + ": OpenFlow error without type");
        }
        int type = body.getShort() & 0xffff;
        int code = body.getShort() & 0xffff;
        return new OpenFlowException(context + ": OpenFlow error " + TYPES.getOrDefault(type, "type " + type)
                + " code " + code);
    }
}
