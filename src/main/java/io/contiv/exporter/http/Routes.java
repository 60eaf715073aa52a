package io.contiv.exporter.http;

import io.contiv.exporter.http.HttpRefusals.Rejected;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.web.Access;
import io.contiv.exporter.web.WebSecurity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * Every request: GET and HEAD only; the web configuration's headers, rate limit and basic authentication on every
 * path (as in exporter-toolkit, {@code /-/healthy} included); then the metrics path, the health probe or the
 * landing page. Answers are written without blocking: a client that does not read holds bytes, not a thread.
 */
final class Routes extends Handler.Abstract {

    /**
     * The most written at once. The JDK copies what a channel writes from the heap into a direct buffer of the
     * write's size, which each thread keeps for its next write: written whole, an answer of megabytes would leave
     * megabytes of native memory behind with every thread that wrote one.
     */
    private static final int WRITE_SLICE = 64 * 1024;

    private final ScrapeHandler scrapes;
    private final LibraryScrapes library;
    private final String telemetryPath;
    private final String title;
    private final WebSecurity security;
    private final HttpRefusals refusals;

    Routes(ScrapeHandler scrapes, LibraryScrapes library, String telemetryPath, String title, WebSecurity security,
           HttpRefusals refusals) {
        this.scrapes = scrapes;
        this.library = library;
        this.telemetryPath = telemetryPath;
        this.title = title;
        this.security = security;
        this.refusals = refusals;
    }

    void preEncode(Publication publication) {
        scrapes.preEncode(publication);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        if (security != null) {
            security.responseHeaders().forEach((name, value) -> response.getHeaders().put(name, value));
        }
        if (!head && !"GET".equals(method)) {
            refusals.rejected(Rejected.METHOD);
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            return text(response, callback, 405, "Method Not Allowed\n", head);
        }
        if (security != null && !authorized(request, response, callback, head)) {
            return true;
        }
        String path = request.getHttpURI().getPath();
        if (telemetryPath.equals(path)) {
            return scrape(request, response, callback, head);
        }
        if (MetricsServer.HEALTH_PATH.equals(path)) {
            return text(response, callback, 200, "Exporter is healthy.\n", head);
        }
        if ("/".equals(path)) {
            String html = "<!DOCTYPE html>\n<html><head><title>contiv-exporter</title></head><body>"
                    + "<h1>contiv-exporter</h1><p>" + title + "</p>"
                    + "<p><a href=\"" + telemetryPath + "\">Metrics</a></p></body></html>\n";
            return send(response, callback, 200, "text/html; charset=utf-8", List.of(utf8(html)), head);
        }
        return text(response, callback, 404, "Not Found\n", head);
    }

    /** Lets the request go on, or answers it (401 or 429) and says so. */
    private boolean authorized(Request request, Response response, Callback callback, boolean head) {
        Access access = security.authorize(request.getHeaders().get(HttpHeader.AUTHORIZATION),
                Request.getRemoteAddr(request));
        switch (access) {
            case ALLOWED -> {
                return true;
            }
            case UNAUTHORIZED -> {
                refusals.rejected(Rejected.UNAUTHORIZED);
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, WebSecurity.challenge());
                text(response, callback, 401, "Unauthorized\n", head);
            }
            case RATE_LIMITED -> {
                refusals.rejected(Rejected.RATE_LIMITED);
                text(response, callback, 429, "Too Many Requests\n", head);
            }
            case BUSY -> {
                refusals.rejected(Rejected.AUTH_BUSY);
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                text(response, callback, 429, "Too Many Requests\n", head);
            }
        }
        return false;
    }

    private boolean scrape(Request request, Response response, Callback callback, boolean head) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        String acceptEncoding = String.join(",", request.getHeaders().getValuesList(HttpHeader.ACCEPT_ENCODING));
        ScrapeHandler.Answer answer = scrapes.answer(request.getMethod(), request.getHttpURI().getQuery(), accept,
                acceptEncoding.isEmpty() ? null : acceptEncoding);
        if (answer != null) {
            if (answer.contentEncoding() != null) {
                response.getHeaders().put(HttpHeader.CONTENT_ENCODING, answer.contentEncoding());
            }
            return send(response, callback, answer.status(), answer.contentType(), answer.body(), head);
        }
        LibraryScrapes.Rendered rendered = library.render(request.getMethod(), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), name -> request.getHeaders().getValuesList(name));
        if (rendered == null) {
            refusals.rejected(Rejected.BUSY);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            return text(response, callback, 503, "Service Unavailable: too many filtered scrapes at once\n", head);
        }
        rendered.headers.forEach((name, value) -> response.getHeaders().put(name, value));
        Callback released = Callback.from(callback, rendered::close);
        return send(response, released, rendered.status, rendered.headers.get("Content-Type"),
                List.of(rendered.body), head);
    }

    private static boolean text(Response response, Callback callback, int status, String body, boolean head) {
        return send(response, callback, status, "text/plain; charset=utf-8", List.of(utf8(body)), head);
    }

    /** Sends the body parts one after the other, each write going on when the client has taken the last. */
    private static boolean send(Response response, Callback callback, int status, String contentType,
                                List<byte[]> parts, boolean head) {
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        List<byte[]> nonEmpty = parts.stream().filter(part -> part.length > 0).toList();
        long length = nonEmpty.stream().mapToLong(part -> part.length).sum();
        if (head || length == 0) {
            response.write(true, null, callback);
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        new IteratingCallback() {
            private int next;
            private int offset;

            // it only starts the next write: Jetty may run it on the selector thread, as each write completes,
            // rather than hand every completion of a large answer to a pool thread
            @Override
            public InvocationType getInvocationType() {
                return InvocationType.NON_BLOCKING;
            }

            @Override
            protected Action process() {
                if (next == nonEmpty.size()) {
                    return Action.SUCCEEDED;
                }
                byte[] part = nonEmpty.get(next);
                int count = Math.min(WRITE_SLICE, part.length - offset);
                ByteBuffer slice = ByteBuffer.wrap(part, offset, count);
                offset += count;
                if (offset == part.length) {
                    next++;
                    offset = 0;
                }
                response.write(next == nonEmpty.size(), slice, this);
                return Action.SCHEDULED;
            }

            @Override
            protected void onCompleteSuccess() {
                callback.succeeded();
            }

            @Override
            protected void onCompleteFailure(Throwable cause) {
                callback.failed(cause);
            }
        }.iterate();
        return true;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
