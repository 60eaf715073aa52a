package io.contiv.exporter.http;

import io.contiv.exporter.http.HttpRefusals.Rejected;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers what Jetty refuses before any handler runs (a request that is not HTTP/1.x, a head too large) with a
 * short plain-text status line, and counts it; the connection is closed after it. Nothing is logged per request.
 */
final class BadRequests extends ErrorHandler {

    private final HttpRefusals refusals;

    BadRequests(HttpRefusals refusals) {
        this.refusals = refusals;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        count(status);
        fields.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        return ByteBuffer.wrap(body(status));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        count(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body(status)), callback);
        return true;
    }

    private void count(int status) {
        switch (status) {
            case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431, HttpStatus.URI_TOO_LONG_414,
                    HttpStatus.PAYLOAD_TOO_LARGE_413 -> refusals.rejected(Rejected.HEADER_TOO_LARGE);
            case HttpStatus.METHOD_NOT_ALLOWED_405, HttpStatus.NOT_IMPLEMENTED_501 ->
                    refusals.rejected(Rejected.METHOD);
            default -> {
                if (status >= 400 && status < 500 || status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
                    refusals.rejected(Rejected.MALFORMED);
                }
            }
        }
    }

    private static byte[] body(int status) {
        String reason = HttpStatus.getMessage(status);
        return (status + " " + reason + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
