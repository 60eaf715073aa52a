package io.contiv.exporter.http;

import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.metrics.PublishedFamily;
import io.contiv.exporter.metrics.SeriesFamily;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;

/**
 * The encoded bytes of each family, kept from one scrape to the next by the collector's publication they belong to
 * and its version: a family is encoded (and compressed) once per change instead of once per scrape, and only the
 * form that is served is held (for a compressed variant, the compressed bytes alone).
 *
 * <p>Families are encoded one by one and the parts concatenated in the order the client library serves them (by
 * name), which for the text formats is exactly what encoding them together gives, once the trailer OpenMetrics ends
 * with ({@code # EOF}) is moved to the very end. A {@link SeriesFamily} is written by {@link SeriesWriter} (values
 * into label sets written once), streamed into its compressed part; other families by the client library's writer.
 * Compressed, each part is deflate data of its own, and the parts join into a single gzip member
 * ({@link GzipParts}): several members in a row would be valid gzip, but curl and others read only the first.
 */
final class EncodedFamilies {

    /** One way of encoding: which format, which name escaping, compressed or not. */
    private record Variant(String contentType, EscapingScheme escaping, boolean gzip) {
    }

    /** One family encoded: plain bytes (in one or more chunks), or compressed ones with their checksum. */
    private record Encoded(String name, List<byte[]> plain, GzipParts.Part compressed) {
        void addTo(List<byte[]> body) {
            if (compressed != null) {
                body.addAll(compressed.deflated());
            } else {
                body.addAll(plain);
            }
        }
    }

    /** The families of one version of a collector's publication, encoded. */
    private record EncodedPublication(long version, List<Encoded> families) {
    }

    /**
     * What one variant holds, by collector: what the last scrape served, and what was encoded ahead of scrapes and
     * is not served yet (a collector makes a new version current only once it is encoded here); and the writer.
     */
    private record Generation(Map<String, EncodedPublication> served, Map<String, EncodedPublication> ahead,
                              long usedNanos, ExpositionFormatWriter writer) {

        /** What this generation holds of {@code publication}, if it holds that very version. */
        EncodedPublication reusable(Publication publication) {
            for (Map<String, EncodedPublication> held : List.of(served, ahead)) {
                EncodedPublication encoded = held.get(publication.collector());
                if (encoded != null && encoded.version() == publication.version()) {
                    return encoded;
                }
            }
            return null;
        }

        /** What was encoded ahead and is still ahead of what a scrape now served. */
        Map<String, EncodedPublication> aheadOf(Map<String, EncodedPublication> nowServed) {
            Map<String, EncodedPublication> still = new HashMap<>();
            ahead.forEach((collector, encoded) -> {
                EncodedPublication served = nowServed.get(collector);
                if (served == null || encoded.version() > served.version()) {
                    still.put(collector, encoded);
                }
            });
            return still;
        }
    }

    // a variant nobody asked for in this long (a one-off curl, say) is not worth its memory
    private static final long UNUSED_VARIANT_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final Map<Variant, Generation> generations = new HashMap<>();
    /** Encodes for scrapes, under this object's lock. */
    private final Encoder forScrapes = new Encoder();
    /** Encodes ahead of scrapes, under its own lock, so that scrapes meanwhile are served from what is held. */
    private final Encoder ahead = new Encoder();
    private final AtomicLong partsEncoded = new AtomicLong();

    /**
     * The body of a scrape as consecutive parts. Concurrent scrapes wait for each other here, so when data has
     * just changed the first one encodes it and the others reuse its work; what was encoded ahead is only looked
     * up.
     */
    synchronized List<byte[]> encode(List<Publication> publications, ExpositionFormatWriter writer,
                                     EscapingScheme escaping, boolean gzip) throws IOException {
        Variant variant = new Variant(writer.getContentType(), escaping, gzip);
        Generation previous = generations.get(variant);
        byte[] trailer = encodeAll(MetricSnapshots.of(), writer, escaping);
        Map<String, EncodedPublication> parts = new HashMap<>();
        List<Encoded> families = new ArrayList<>();
        for (Publication publication : publications) {
            EncodedPublication encoded = previous == null ? null : previous.reusable(publication);
            if (encoded == null) {
                encoded = forScrapes.encodeOne(publication, variant, writer, trailer);
            }
            parts.put(publication.collector(), encoded);
            families.addAll(encoded.families());
        }
        families.sort(Comparator.comparing(Encoded::name));
        List<byte[]> body = new ArrayList<>(families.size() + 3);
        List<GzipParts.Part> compressed = new ArrayList<>(families.size() + 1);
        if (gzip) {
            body.add(GzipParts.header());
        }
        for (Encoded family : families) {
            family.addTo(body);
            if (gzip) {
                compressed.add(family.compressed());
            }
        }
        if (trailer.length > 0) {
            Encoded end = forScrapes.encoded("", trailer, gzip);
            end.addTo(body);
            if (gzip) {
                compressed.add(end.compressed());
            }
        }
        if (gzip) {
            body.add(GzipParts.trailer(compressed));
        }
        long now = System.nanoTime();
        generations.put(variant, new Generation(parts, previous == null ? Map.of() : previous.aheadOf(parts), now,
                writer));
        generations.values().removeIf(generation -> now - generation.usedNanos() > UNUSED_VARIANT_NANOS);
        return body;
    }

    /**
     * Encodes a publication ahead of the scrapes that will ask for it, in every variant scraped lately: when data
     * has just changed, the next scrape then finds it ready. The encoding is done outside the lock scrapes take, so
     * that they are served meanwhile; it replaces what a variant held ahead for the collector, not what it serves.
     */
    void preEncode(Publication publication) throws IOException {
        synchronized (ahead) {
            Map<Variant, ExpositionFormatWriter> wanted = new HashMap<>();
            synchronized (this) {
                long now = System.nanoTime();
                generations.values().removeIf(generation -> now - generation.usedNanos() > UNUSED_VARIANT_NANOS);
                generations.forEach((variant, generation) -> {
                    if (generation.reusable(publication) == null) {
                        wanted.put(variant, generation.writer());
                    }
                });
            }
            Map<Variant, EncodedPublication> encoded = new HashMap<>();
            for (Map.Entry<Variant, ExpositionFormatWriter> entry : wanted.entrySet()) {
                byte[] trailer = encodeAll(MetricSnapshots.of(), entry.getValue(), entry.getKey().escaping());
                encoded.put(entry.getKey(), ahead.encodeOne(publication, entry.getKey(), entry.getValue(), trailer));
            }
            synchronized (this) {
                encoded.forEach((variant, publicationEncoded) -> {
                    Generation generation = generations.get(variant);
                    if (generation != null) {
                        Map<String, EncodedPublication> held = new HashMap<>(generation.ahead());
                        held.put(publication.collector(), publicationEncoded);
                        generations.put(variant, new Generation(generation.served(), held, generation.usedNanos(),
                                generation.writer()));
                    }
                });
            }
        }
    }

    /** How many families this has encoded, for tests to tell reuse from work. */
    long partsEncoded() {
        return partsEncoded.get();
    }

    private static byte[] encodeAll(MetricSnapshots snapshots, ExpositionFormatWriter writer, EscapingScheme escaping)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, snapshots, escaping);
        return out.toByteArray();
    }

    private static byte[] withoutTrailer(byte[] encoded, byte[] trailer) {
        int end = encoded.length - trailer.length;
        boolean endsWithTrailer = end >= 0
                && Arrays.equals(encoded, end, encoded.length, trailer, 0, trailer.length);
        return endsWithTrailer ? Arrays.copyOf(encoded, end) : encoded;
    }

    /** What encoding needs and keeps from one family to the next; used by one thread at a time. */
    private final class Encoder {
        private final SeriesWriter seriesWriter = new SeriesWriter();
        /** One deflater for every part: zlib's state is 256 KiB of native memory. */
        private final Deflater deflater = GzipParts.deflater();

        EncodedPublication encodeOne(Publication publication, Variant variant, ExpositionFormatWriter writer,
                                     byte[] trailer) throws IOException {
            List<Encoded> families = new ArrayList<>(publication.parts().size());
            for (PublishedFamily family : publication.parts()) {
                partsEncoded.incrementAndGet();
                if (family instanceof SeriesFamily series) {
                    Encoded written = writeSeries(series, variant, writer);
                    if (written != null) {
                        families.add(written);
                        continue;
                    }
                }
                byte[] text = withoutTrailer(encodeAll(MetricSnapshots.of(family.snapshot()), writer,
                        variant.escaping()), trailer);
                families.add(encoded(family.prometheusName(), text, variant.gzip()));
            }
            return new EncodedPublication(publication.version(), families);
        }

        /** The family written by {@link SeriesWriter}, straight into its compressed part; null when it cannot be. */
        private Encoded writeSeries(SeriesFamily family, Variant variant, ExpositionFormatWriter writer)
                throws IOException {
            if (variant.gzip()) {
                GzipParts.Compressor compressor = new GzipParts.Compressor(deflater);
                if (!seriesWriter.write(family, writer, variant.escaping(), compressor)) {
                    compressor.finish();
                    return null;
                }
                return new Encoded(family.prometheusName(), null, compressor.finish());
            }
            Chunks chunks = new Chunks();
            if (!seriesWriter.write(family, writer, variant.escaping(), chunks)) {
                return null;
            }
            return new Encoded(family.prometheusName(), chunks.chunks, null);
        }

        Encoded encoded(String name, byte[] text, boolean gzip) {
            return gzip ? new Encoded(name, null, GzipParts.compress(text, deflater))
                    : new Encoded(name, List.of(text), null);
        }
    }

    /** Plain bytes kept as the chunks they were written in: served as they are, never copied into one array. */
    private static final class Chunks extends OutputStream {
        final List<byte[]> chunks = new ArrayList<>();

        @Override
        public void write(int b) {
            chunks.add(new byte[] {(byte) b});
        }

        @Override
        public void write(byte[] bytes, int offset, int count) {
            if (count > 0) {
                chunks.add(Arrays.copyOfRange(bytes, offset, offset + count));
            }
        }
    }
}
