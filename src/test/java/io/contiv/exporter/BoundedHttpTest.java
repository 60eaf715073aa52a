package io.contiv.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BoundedHttpTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aServerThatSendsItsHeadersThenStallsIsCutOffAtTheTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread stalling = new Thread(() -> headersThenSilence(server), "stalling-server");
            stalling.setDaemon(true);
            stalling.start();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"))
                    .timeout(Duration.ofMillis(500)).GET().build();

            long started = System.nanoTime();
            Throwable failure = catchThrowable(() -> BoundedHttp.send(http, request));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(failure).isInstanceOf(HttpTimeoutException.class)
                    .hasMessage("no complete answer within 500 ms");
            assertThat(took).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aCompleteAnswerComesBackWhole() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> answer(server, "[]"), "answering-server");
            answering.setDaemon(true);
            answering.start();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"))
                    .timeout(Duration.ofSeconds(2)).GET().build();

            HttpResponse<byte[]> response = BoundedHttp.send(http, request);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("[]");
        }
    }

    private static void headersThenSilence(ServerSocket server) {
        try (Socket socket = server.accept()) {
            readRequest(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n[{\"key\""
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(10_000);
        } catch (IOException | InterruptedException ignored) {
            // the client gave up, as it should
        }
    }

    private static void answer(ServerSocket server, String body) {
        try (Socket socket = server.accept()) {
            readRequest(socket.getInputStream());
            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Thread.sleep(500);
        } catch (IOException | InterruptedException ignored) {
            // done
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        StringBuilder request = new StringBuilder();
        while (!request.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            request.append((char) b);
        }
    }
}
