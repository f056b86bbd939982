package org.collapselab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.collapselab.data.EncodedDataset.CacheInfo.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset's identity is a SHA-256 of its encoded content: a CRC32C collision no longer names two datasets alike. */
class ContentDigestTest {
    @TempDir
    Path tmp;

    private static final int ROWS = 20_000, PATCH_AT = 777;

    /** The payload as the cache lays it out when every column is 1 byte wide: labels, then each column. */
    private static byte[] payload(byte[] labels, int[][] cols) {
        byte[] p = new byte[labels.length * (1 + cols.length)];
        System.arraycopy(labels, 0, p, 0, labels.length);
        for (int f = 0; f < cols.length; f++)
            for (int r = 0; r < labels.length; r++) p[(f + 1) * labels.length + r] = (byte) cols[f][r];
        return p;
    }

    private static int crc(byte[] b) {
        CRC32C c = new CRC32C();
        c.update(b);
        return (int) c.getValue();
    }

    /**
     * Rewrites bytes {@code [at, at+4)} of {@code msg} so that its CRC32C becomes {@code target}. The CRC is affine
     * over GF(2), so the 32 bits to flip solve a 32 × 32 linear system (Gaussian elimination).
     */
    private static void forceCrc(byte[] msg, int at, int target) {
        int base = crc(msg);
        int[] effect = new int[32];
        for (int j = 0; j < 32; j++) {
            msg[at + j / 8] ^= (byte) (1 << (j % 8));
            effect[j] = crc(msg) ^ base;
            msg[at + j / 8] ^= (byte) (1 << (j % 8));
        }
        // rows: bit j's effect, augmented with the identity to remember which bits combine into it
        long[] rows = new long[32];
        for (int j = 0; j < 32; j++) rows[j] = (effect[j] & 0xffffffffL) | (1L << (32 + j));
        for (int bit = 0, r = 0; bit < 32; bit++, r++) {
            int pivot = r;
            while (pivot < 32 && ((rows[pivot] >>> bit) & 1) == 0) pivot++;
            if (pivot == 32) throw new AssertionError("4 consecutive bytes must reach every CRC32C");
            long t = rows[pivot]; rows[pivot] = rows[r]; rows[r] = t;
            for (int i = 0; i < 32; i++) if (i != r && ((rows[i] >>> bit) & 1) == 1) rows[i] ^= rows[r];
        }
        int want = base ^ target;
        for (int bit = 0; bit < 32; bit++) {
            if (((want >>> bit) & 1) == 0) continue;
            long combo = rows[bit] >>> 32;    // after elimination, row `bit` has effect exactly 1 << bit
            for (int j = 0; j < 32; j++) if (((combo >>> j) & 1) == 1) msg[at + j / 8] ^= (byte) (1 << (j % 8));
        }
    }

    @Test
    void aCrcCollisionWithInvertedLabelsGetsAnotherIdentity() {
        Schema schema = new Schema(List.of(new Field("a", FieldKind.CATEGORICAL, 256), new Field("b", FieldKind.CATEGORICAL, 7)));
        Random rnd = new Random(5);
        byte[] labels = new byte[ROWS];
        int[][] cols = new int[2][ROWS];
        for (int r = 0; r < ROWS; r++) {
            labels[r] = (byte) (rnd.nextDouble() < 0.25 ? 1 : 0);
            cols[0][r] = rnd.nextInt(256);
            cols[1][r] = rnd.nextInt(7);
        }
        byte[] original = payload(labels, cols);
        // the crafted copy: 10,020 labels inverted, then 4 bytes of field a (any byte is a valid index there) chosen so the CRC32C is unchanged
        byte[] crafted = original.clone();
        for (int r = 0; r < 10_020; r++) crafted[r] ^= 1;
        forceCrc(crafted, ROWS + PATCH_AT, crc(original));
        assertEquals(crc(original), crc(crafted), "the two payloads collide under the 32-bit checksum");

        byte[] labels2 = java.util.Arrays.copyOfRange(crafted, 0, ROWS);
        int[][] cols2 = {new int[ROWS], cols[1].clone()};
        for (int r = 0; r < ROWS; r++) cols2[0][r] = crafted[ROWS + r] & 0xff;
        assertTrue(java.util.Arrays.equals(crafted, payload(labels2, cols2)), "the crafted payload is a valid dataset");
        EncodedDataset a = EncodedDataset.of(schema, cols, labels, "original");
        EncodedDataset b = EncodedDataset.of(schema, cols2, labels2, "crafted");
        int inverted = 0;
        for (int r = 0; r < ROWS; r++) if (a.label(r) != b.label(r)) inverted++;
        assertEquals(10_020, inverted);
        assertNotEquals(a.contentDigest(), b.contentDigest(), "other labels, other identity, whatever their CRC");
    }

    private Path source() throws IOException {
        return FormatSamples.write(tmp.resolve("train.txt"), TestFiles.criteoLines());
    }

    /** The same rows have one identity however they were obtained: built into a cache, read back from it, or in memory. */
    @Test
    void theDigestIsKeptInTheCacheAndAgreesWithTheContent() throws IOException {
        Path src = source();
        PreprocessOptions o = TestFiles.options(tmp.resolve("cache")).minCount(2).build();
        EncodedDataset built = CtrData.load(src, CtrFormat.criteoTsv(), o);
        EncodedDataset hit = CtrData.load(src, CtrFormat.criteoTsv(), o);
        assertEquals(Status.HIT, hit.cache().orElseThrow().status());
        assertEquals(built.contentDigest(), hit.contentDigest());
        int[][] cols = new int[built.schema().size()][built.rows()];
        byte[] labels = new byte[built.rows()];
        for (int r = 0; r < built.rows(); r++) {
            labels[r] = (byte) built.label(r);
            for (int f = 0; f < cols.length; f++) cols[f][r] = built.index(r, f);
        }
        assertEquals(built.contentDigest(), EncodedDataset.of(built.schema(), cols, labels, "copy").contentDigest());
        String header = Files.readString(built.cache().get().file(), StandardCharsets.ISO_8859_1);
        assertTrue(header.matches("(?s).*\npayload\\.sha256=[0-9a-f]{64}\r?\n.*"), "the digest is in the cache's header");
    }

    /** The digest is part of the checksummed header: editing it is found on read and the cache is rebuilt, never trusted. */
    @Test
    void anEditedDigestIsDetected() throws IOException {
        Path src = source();
        PreprocessOptions o = TestFiles.options(tmp.resolve("cache")).minCount(2).build();
        EncodedDataset built = CtrData.load(src, CtrFormat.criteoTsv(), o);
        Path file = built.cache().orElseThrow().file();
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("payload.sha256=") + "payload.sha256=".length();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            raf.write(text.charAt(at) == 'a' ? 'b' : 'a');
        }
        EncodedDataset again = CtrData.load(src, CtrFormat.criteoTsv(), o);
        assertEquals(Status.REBUILT, again.cache().orElseThrow().status());
        assertTrue(again.cache().get().message().contains("header checksum does not match"), again.cache().get().message());
        assertEquals(built.contentDigest(), again.contentDigest());
    }
}
