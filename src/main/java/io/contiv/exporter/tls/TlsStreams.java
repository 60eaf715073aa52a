package io.contiv.exporter.tls;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import javax.net.ssl.SSLSocket;

/**
 * Both directions of a TLS connection, their failures worded by {@link ClientTls#explain}: with TLS 1.3 a server
 * judges the client's certificate after the client finished its handshake, so its refusal arrives on the first read.
 * Closing closes the TCP socket underneath at once, so that a reader or a writer blocked on a dead peer is never
 * kept waiting by the TLS goodbye.
 */
public final class TlsStreams implements AutoCloseable {

    private final Socket tcp;
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    TlsStreams(Socket tcp, SSLSocket socket, ClientTls tls, String peer) throws IOException {
        this.tcp = tcp;
        this.socket = socket;
        this.in = new FilterInputStream(socket.getInputStream()) {
            private boolean answered;

            @Override
            public int read() throws IOException {
                try {
                    int b = super.read();
                    received(b < 0 ? 0 : 1);
                    return b;
                } catch (IOException e) {
                    throw tls.explain(e, peer);
                }
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    return received(super.read(buffer, offset, length));
                } catch (IOException e) {
                    throw tls.explain(e, peer);
                }
            }

            private int received(int count) {
                if (count > 0 && !answered) {
                    answered = true;
                    tls.answered(peer);
                }
                return count;
            }
        };
        this.out = new FilterOutputStream(socket.getOutputStream()) {
            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                try {
                    out.write(buffer, offset, length);
                } catch (IOException e) {
                    throw tls.explain(e, peer);
                }
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }
        };
    }

    public InputStream input() {
        return in;
    }

    public OutputStream output() {
        return out;
    }

    /** The TLS protocol agreed on, e.g. TLSv1.3. */
    public String protocol() {
        return socket.getSession().getProtocol();
    }

    @Override
    public void close() throws IOException {
        tcp.close();
    }
}
