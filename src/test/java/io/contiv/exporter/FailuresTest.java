package io.contiv.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void aBareExceptionIsNamedWithTheMessageOfItsCause() {
        ConnectException bare = new ConnectException();
        bare.initCause(new ConnectException("Connection refused"));

        assertThat(Failures.describe(bare)).isEqualTo("ConnectException: Connection refused");
    }

    @Test
    void aConnectExceptionWithoutAnyMessageSaysSo() {
        // what java.net.http.HttpClient of Java 17 throws when nothing listens: no message anywhere in the chain
        ConnectException bare = new ConnectException();
        bare.initCause(new java.nio.channels.ClosedChannelException());

        assertThat(Failures.describe(bare)).isEqualTo("cannot connect (ConnectException)");
    }

    @Test
    void anExceptionWithoutAnyMessageIsNamedByItsClass() {
        assertThat(Failures.describe(new IOException())).isEqualTo("IOException");
    }

    @Test
    void jsonParserMessagesLoseTheirSourceLocation() {
        Throwable failure = catchThrowable(() -> new ObjectMapper().readTree("{\"id\":1,\"result\":{}]"));

        assertThat(failure.getMessage()).contains("\n at [Source");
        assertThat(Failures.describe(failure)).isEqualTo("Unexpected close marker ']': expected '}'");
    }

    @Test
    void aMessageOverSeveralLinesKeepsItsFirstLine() {
        assertThat(Failures.describe(new IOException("first line\n  second line"))).isEqualTo("first line");
        assertThat(Failures.oneLine(null)).isEmpty();
    }
}
