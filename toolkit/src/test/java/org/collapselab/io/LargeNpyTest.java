package org.collapselab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .npy} files above what one byte array holds (2 GB: the kept tables of NFwFM 10× at Criteo's size) are
 * written streamed and read in pieces of rows. Here the in-memory limit is made small, so that a small file takes
 * the same path: it reads as the whole-file reader reads it, with the same checks and messages.
 */
class LargeNpyTest {
    @Test
    void aFileReadInPiecesEqualsTheWholeFileRead(@TempDir Path tmp) throws Exception {
        Random r = new Random(3);
        float[] v = new float[101 * 7];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        v[5] = 1e-45f;
        Path f = tmp.resolve("t.npy");
        MatrixFile.writeNpy(v, 101, 7, f);
        assertArrayEquals(MatrixFile.npyBytes(v, 101, 7, "t"), Files.readAllBytes(f), "streamed writing writes the bytes of the in-memory writer");
        MatrixFile whole = Npy.read(f), pieces = Npy.read(f, 300);    // pieces of 300 bytes: 10 rows of 28 bytes each
        assertEquals(whole, pieces);
        assertTrue(pieces.layout().contains("read in pieces"), pieces.layout());
        // the damage the whole-file reader finds, found in pieces, naming the row in the whole table
        byte[] b = Files.readAllBytes(f);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(b.length - 4 * 7 * 3 + 8, Float.NaN);    // row 98, column 2
        Path nan = Files.write(tmp.resolve("nan.npy"), b);
        assertEquals(nan + ": row 98, column 2 (0-based): NaN is not finite", assertThrows(IllegalArgumentException.class, () -> Npy.read(nan, 300)).getMessage());
        assertEquals(assertThrows(IllegalArgumentException.class, () -> Npy.read(nan)).getMessage(),
                assertThrows(IllegalArgumentException.class, () -> Npy.read(nan, 300)).getMessage());
        Path cut = Files.write(tmp.resolve("cut.npy"), java.util.Arrays.copyOf(b, b.length - 5));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Npy.read(cut, 300)).getMessage().contains("needs 2828 data bytes, the file has 2823"));
    }

    @Test
    void streamedWritingOfALargeArrayUsesBoundedBuffers() throws Exception {
        // more floats than one 64 KiB buffer: the stream receives every float, in order
        float[] v = new float[50_000];
        for (int i = 0; i < v.length; i++) v[i] = i;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MatrixFile.writeNpy(v, 10_000, 5, out, "big");
        assertEquals(new MatrixFile(v, 10_000, 5, "big"), Npy.read(out.toByteArray(), "big"));
    }
}
