package org.collapselab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.collapselab.io.MatrixFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class CollapseReportTest {
    @TempDir
    Path tmp;

    /**
     * The bytes numpy 2.4 writes for {@code np.save(f, np.arange(6, dtype=dtype).reshape(3, 2))} (version 1.0) or
     * {@code format.write_array(f, a, version=(2, 0))}: magic, version, little-endian header length, the header
     * dict padded with spaces and a newline to 128 bytes in all, then the data.
     */
    private static byte[] numpyBytes(String descr, int major, double[] data, String shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int preamble = major == 1 ? 10 : 12;
        String header = dict + " ".repeat(128 - preamble - dict.length() - 1) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) out.writeBytes(new byte[]{(byte) header.length(), 0});
        else out.writeBytes(new byte[]{(byte) header.length(), 0, 0, 0});
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        int size = descr.endsWith("8") ? 8 : 4;
        ByteBuffer b = ByteBuffer.allocate(data.length * size).order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (double d : data) {
            if (descr.equals("<i4")) b.putInt((int) d);
            else if (size == 4) b.putFloat((float) d);
            else b.putDouble(d);
        }
        out.writeBytes(b.array());
        return out.toByteArray();
    }

    private static final double[] SIX = {0, 1, 2, 3, 4, 5.5};

    @Test
    void npyRoundTripInNumpysExactFormat() throws IOException {
        byte[] v1 = numpyBytes("<f4", 1, SIX, "(3, 2)");
        assertEquals(0x76, v1[8], "header length as numpy writes it for this array");
        Path f = tmp.resolve("a.npy");
        Files.write(f, v1);
        MatrixFile m = MatrixFile.readNpy(f);
        assertEquals(3, m.rows());
        assertEquals(2, m.cols());
        assertArrayEquals(new float[]{0, 1, 2, 3, 4, 5.5f}, m.values());
        // our writer produces exactly numpy's bytes
        Path g = tmp.resolve("b.npy");
        MatrixFile.writeNpy(m.values(), 3, 2, g);
        assertArrayEquals(v1, Files.readAllBytes(g));
        // version 2.0, float64
        Path h = tmp.resolve("c.npy");
        Files.write(h, numpyBytes("<f8", 2, SIX, "(3, 2)"));
        assertEquals(m, MatrixFile.read(h));
        // an exported INDArray comes back unchanged
        Path e = tmp.resolve("d.npy");
        MatrixFile.writeNpy(m.toArray(), e);
        assertEquals(m, MatrixFile.read(e));
    }

    @Test
    void npyThatIsNotSupportedIsRefusedWithTheReason() throws IOException {
        record Case(byte[] bytes, String expected) {}
        byte[] fortran = new String(numpyBytes("<f4", 1, SIX, "(3, 2)"), StandardCharsets.ISO_8859_1).replace("False", "True ")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] good = numpyBytes("<f4", 1, SIX, "(3, 2)");
        for (Case c : new Case[]{
                new Case(numpyBytes("<i4", 1, SIX, "(3, 2)"), "dtype '<i4' is not supported"),
                new Case(numpyBytes(">f4", 1, SIX, "(3, 2)"), "big-endian"),
                new Case(fortran, "Fortran-order"),
                new Case(numpyBytes("<f4", 1, SIX, "(6,)"), "not 2-D"),
                new Case(numpyBytes("<f4", 1, SIX, "(1, 3, 2)"), "not 2-D"),
                new Case(java.util.Arrays.copyOf(good, good.length - 3), "needs 24 data bytes, the file has 21"),
                new Case("a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII), "not a NumPy .npy file")}) {
            Path f = tmp.resolve("bad.npy");
            Files.write(f, c.bytes());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatrixFile.read(f));
            assertTrue(e.getMessage().contains(c.expected()) && e.getMessage().contains(f.toString()), e.getMessage());
        }
        byte[] v3 = good.clone();
        v3[6] = 3;
        Path f = tmp.resolve("v3.npy");
        Files.write(f, v3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MatrixFile.read(f)).getMessage().contains("version 3.0 is not supported"));
    }

    @Test
    void csvWithAndWithoutHeader() throws IOException {
        Path a = tmp.resolve("a.csv"), b = tmp.resolve("b.txt");
        Files.writeString(a, "d0,d1,d2\n1,2,3\n\n4.5, -6e-1 ,7\n");
        Files.writeString(b, "1 2 3\n4.5\t-0.6   7\n");
        MatrixFile m = MatrixFile.read(a);
        assertEquals(2, m.rows());
        assertArrayEquals(new float[]{1, 2, 3, 4.5f, -0.6f, 7}, m.values());
        assertEquals(m, MatrixFile.read(b));
    }

    @Test
    void csvErrorsNameFileLineAndValue() throws IOException {
        Path f = tmp.resolve("t.csv");
        Files.writeString(f, "a,b\n1,2\n3,x7\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatrixFile.read(f));
        assertEquals(f + ":3: column 2: 'x7' is not a number", e.getMessage());
        Files.writeString(f, "1,2\n3,4\n5,6,7\n");
        e = assertThrows(IllegalArgumentException.class, () -> MatrixFile.read(f));
        assertEquals(f + ":3: 3 values, expected 2 (as on line 1)", e.getMessage());
        Files.writeString(f, "1,2\n3,NaN\n");
        e = assertThrows(IllegalArgumentException.class, () -> MatrixFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":2: column 2: 'NaN' is not finite"), e.getMessage());
        Files.writeString(f, "a,b\n\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MatrixFile.read(f)).getMessage().contains("no rows of numbers"));
    }

    @Test
    void reportOfAKnownLowRankTablePerFieldAndWhole() throws IOException {
        // field 1: 60 rows of rank 2 with equal singular values (rows cycle through 2 orthonormal directions);
        // field 2: 40 rows of rank 5 likewise. K = 8.
        int k = 8;
        float[] v = new float[100 * k];
        for (int r = 0; r < 60; r++) v[r * k + (r % 2)] = 3;
        for (int r = 0; r < 40; r++) v[(60 + r) * k + 2 + (r % 5)] = -1.5f;
        Path f = tmp.resolve("t.npy");
        MatrixFile.writeNpy(v, 100, k, f);
        CollapseReport rep = CollapseReport.of(f, 60, 40).with(SpectrumOptions.RAW);
        Table ia = rep.iaTable();
        assertEquals(2.0, ia.doubleColumn("IA").get(0), 1e-6);
        assertEquals(5.0, ia.doubleColumn("IA").get(1), 1e-6);
        assertEquals(2.0 / 8, ia.doubleColumn("IA/K").get(0), 1e-6);
        assertTrue(ia.doubleColumn("baseline IA").get(0) > 5, "a random 60 x 8 table uses most of its width");
        Table s = rep.spectrumTable();
        assertEquals(8 + 8, s.rowCount());
        assertEquals(1.0, s.doubleColumn("sigma / sigma_1").get(1), 1e-6);      // field1: σ1 = σ2
        assertEquals(0.0, s.doubleColumn("sigma / sigma_1").get(2), 1e-6);      // and nothing else
        assertEquals(Math.sqrt(30) * 3, s.doubleColumn("sigma").get(0), 1e-4);  // 30 rows of 3 along each direction
        // the whole table: two orthogonal blocks, singular values 3√30 (×2) and 1.5√8 (×5)
        double big = 3 * Math.sqrt(30), small = 1.5 * Math.sqrt(8);
        assertEquals((2 * big + 5 * small) / big, CollapseReport.of(f).with(SpectrumOptions.RAW).fieldIA().ia("table"), 1e-5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CollapseReport.of(f, 60, 30));
        assertTrue(e.getMessage().contains("sum to 90 rows but the table has 100"), e.getMessage());
    }

    @Test
    void randomTableIsNotCollapsed() {
        Random r = new Random(4);
        float[] v = new float[500 * 16];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        CollapseReport rep = CollapseReport.of(new MatrixFile(v, 500, 16, "gaussian"), 500);
        double ia = rep.fieldIA().ia("field1");
        assertTrue(ia > 12 && ia <= 16, "IA of a 500 x 16 Gaussian table: " + ia);
    }
}
