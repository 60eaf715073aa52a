package io.contiv.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class GzipPartsTest {

    @Test
    void combinedChecksumIsTheChecksumOfTheConcatenation() {
        byte[] a = "contiv_tenants 2\n".getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[100_000];
        new Random(5).nextBytes(b);
        CRC32 whole = new CRC32();
        whole.update(a);
        whole.update(b);

        assertThat(GzipParts.combine(crc(a), crc(b), b.length)).isEqualTo(whole.getValue());
        assertThat(GzipParts.combine(crc(a), crc(new byte[0]), 0)).isEqualTo(crc(a));
    }

    @Test
    void partsCompressedApartAreOneGzipMemberOfTheirConcatenation() throws Exception {
        List<byte[]> plains = List.of(
                "# TYPE a counter\na_total 1\n".repeat(500).getBytes(StandardCharsets.UTF_8),
                new byte[0],
                "# TYPE b gauge\nb{x=\"ñ\"} 2\n".repeat(3000).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        List<GzipParts.Part> parts = new ArrayList<>();
        body.write(GzipParts.header());
        for (byte[] plain : plains) {
            GzipParts.Part part = GzipParts.compress(plain);
            parts.add(part);
            for (byte[] chunk : part.deflated()) {
                body.write(chunk);
            }
            expected.write(plain);
        }
        body.write(GzipParts.trailer(parts));
        byte[] gzip = body.toByteArray();

        byte[] inflated = new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes();
        assertThat(inflated).isEqualTo(expected.toByteArray());

        // exactly one member: a reader that stops after the first member (as curl does) still sees everything
        Inflater single = new Inflater(true);
        single.setInput(gzip, 10, gzip.length - 10);
        byte[] out = new byte[expected.size() + 16];
        int n = single.inflate(out);
        assertThat(single.finished()).isTrue();
        assertThat(n).isEqualTo(expected.size());
        assertThat(single.getRemaining()).isEqualTo(8);
        single.end();
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
