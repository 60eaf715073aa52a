package io.contiv.exporter.http;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compressed parts that join into one gzip member. Each part is raw deflate data ended by a sync flush, so parts
 * compressed separately (and kept between scrapes) concatenate into a valid deflate stream; the member's CRC-32 is
 * combined from the parts' own. One member matters: curl and other clients stop reading after the first.
 */
final class GzipParts {

    /** Raw deflate bytes of one part, in chunks as they were made, with the CRC-32 and length of what they hold. */
    record Part(List<byte[]> deflated, long crc, long length) {

        /** How many compressed bytes the part has. */
        long size() {
            return deflated.stream().mapToLong(chunk -> chunk.length).sum();
        }
    }

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** An empty final block of fixed Huffman codes: where the deflate stream ends. */
    private static final byte[] FINAL_BLOCK = {3, 0};
    private static final long CRC_POLYNOMIAL = 0xedb88320L;
    /**
     * The fastest level: a change is compressed once for all scrapers, and the first scrape after it may wait for
     * that; exposition text is repetitive enough that higher levels shrink it little more for far more time
     * (measured in {@code ExpositionBenchmark}).
     */
    static final int LEVEL = Deflater.BEST_SPEED;

    private GzipParts() {
    }

    static Part compress(byte[] plain) {
        Compressor compressor = new Compressor(new Deflater(LEVEL, true));
        compressor.write(plain, 0, plain.length);
        Part part = compressor.finish();
        compressor.deflater.end();
        return part;
    }

    /** Compresses {@code plain} with a deflater kept for the purpose (reset after). */
    static Part compress(byte[] plain, Deflater deflater) {
        Compressor compressor = new Compressor(deflater);
        compressor.write(plain, 0, plain.length);
        return compressor.finish();
    }

    /** A raw deflater at the level parts are compressed with, to give {@link Compressor}s one after the other. */
    static Deflater deflater() {
        return new Deflater(LEVEL, true);
    }

    /**
     * Compresses one part as it is written, so that the whole plain text of a large family is never held: the
     * plain bytes pass through a small buffer into the deflater, and only the compressed bytes are kept.
     */
    static final class Compressor extends OutputStream {
        private static final int CHUNK_BYTES = 32 * 1024;

        private final Deflater deflater;
        private final CRC32 crc = new CRC32();
        private final List<byte[]> chunks = new ArrayList<>();
        private byte[] chunk = new byte[CHUNK_BYTES];
        private int used;
        private long length;

        /**
         * Compresses into a part with {@code deflater} (raw, fresh or reset), which it resets when the part is done:
         * one deflater serves one part after the other, without allocating zlib's state for each.
         */
        Compressor(Deflater deflater) {
            this.deflater = deflater;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int count) {
            crc.update(bytes, offset, count);
            length += count;
            deflater.setInput(bytes, offset, count);
            while (!deflater.needsInput()) {
                drain(Deflater.NO_FLUSH);
            }
        }

        /** Ends the part with a sync flush (so that parts join) and returns it. */
        Part finish() {
            try {
                while (drain(Deflater.SYNC_FLUSH)) {
                    // until the deflater has said everything
                }
                if (used > 0) {
                    chunks.add(used == chunk.length ? chunk : Arrays.copyOf(chunk, used));
                }
                return new Part(List.copyOf(chunks), crc.getValue(), length);
            } finally {
                deflater.reset();
            }
        }

        /** Deflates into the current chunk, starting a new one when it is full; true when the chunk filled up. */
        private boolean drain(int flush) {
            int written = deflater.deflate(chunk, used, chunk.length - used, flush);
            used += written;
            if (used < chunk.length) {
                return false;
            }
            chunks.add(chunk);
            chunk = new byte[CHUNK_BYTES];
            used = 0;
            return true;
        }
    }

    static byte[] header() {
        return HEADER.clone();
    }

    /** The end of the member: the final block, then the CRC-32 and length (mod 2^32) of all parts, little-endian. */
    static byte[] trailer(List<Part> parts) {
        long crc = 0;
        long length = 0;
        for (Part part : parts) {
            crc = combine(crc, part.crc(), part.length());
            length += part.length();
        }
        byte[] trailer = new byte[FINAL_BLOCK.length + 8];
        System.arraycopy(FINAL_BLOCK, 0, trailer, 0, FINAL_BLOCK.length);
        writeIntLittleEndian(trailer, FINAL_BLOCK.length, crc);
        writeIntLittleEndian(trailer, FINAL_BLOCK.length + 4, length);
        return trailer;
    }

    /** The CRC-32 of A followed by B, from the CRC-32 of each and B's length (zlib's crc32_combine). */
    static long combine(long crcA, long crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        long[] even = new long[32];
        long[] odd = new long[32];
        odd[0] = CRC_POLYNOMIAL;
        long row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd);
        square(odd, even);
        long crc = crcA;
        long remaining = lengthB;
        do {
            square(even, odd);
            if ((remaining & 1) != 0) {
                crc = times(even, crc);
            }
            remaining >>= 1;
            if (remaining == 0) {
                break;
            }
            square(odd, even);
            if ((remaining & 1) != 0) {
                crc = times(odd, crc);
            }
            remaining >>= 1;
        } while (remaining != 0);
        return crc ^ crcB;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] matrix) {
        for (int n = 0; n < 32; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }

    private static void writeIntLittleEndian(byte[] target, int offset, long value) {
        for (int i = 0; i < 4; i++) {
            target[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
