package org.collapselab.nn.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.collapselab.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EmbeddingStoreTest {
    /** 3 fields of 2, 3 and 2 rows: 7 rows in all. */
    static final Schema SCHEMA = Schema.categorical(List.of("a", "b", "c"), 2, 3, 2);
    static final int K = 3;
    /** B = 2 rows; row 2 (field b) is used by both, so its gradients sum. */
    static final int[] IDX = {0, 2, 5, 1, 2, 6};
    static final AdamConfig ADAM = new AdamConfig(0.01, 0.9, 0.999, 1e-8, 0.1, Optimizer.DENSE_ADAM);

    static EmbeddingStore store(Optimizer o, StoreSpec.Kernel kernel) {
        return EmbeddingStore.create(SCHEMA, StoreSpec.of(2, K).withKernel(kernel), ADAM.withOptimizer(o), 42);
    }

    static INDArray grad(int step) {
        INDArray g = Nd4j.create(DataType.FLOAT, 2, 3L * K);
        for (int i = 0; i < g.length(); i++) g.putScalar(i, Math.sin(1.3 * i + step) * (i % 4 == 0 ? 1e-3 : 1));
        return g;
    }

    /** Independent reference: PyTorch Adam (coupled L2) in plain double loops over a [rows][K] table. */
    static void referenceAdamStep(double[][] p, double[][] m, double[][] v, double[][] g, long t, boolean lazy, boolean[] touched) {
        double bc1 = 1 - Math.pow(ADAM.beta1(), t), bc2 = 1 - Math.pow(ADAM.beta2(), t);
        for (int r = 0; r < p.length; r++) {
            if (lazy && !touched[r]) continue;
            for (int d = 0; d < p[r].length; d++) {
                double gr = g[r][d] + ADAM.weightDecay() * p[r][d];
                m[r][d] = ADAM.beta1() * m[r][d] + (1 - ADAM.beta1()) * gr;
                v[r][d] = ADAM.beta2() * v[r][d] + (1 - ADAM.beta2()) * gr * gr;
                double denom = Math.sqrt(v[r][d]) / Math.sqrt(bc2) + ADAM.eps();
                p[r][d] -= ADAM.lr() / bc1 * m[r][d] / denom;
            }
        }
    }

    /** Scatter-add of a [B, F·K] gradient into [rows][K] by the indices, written as plainly as possible. */
    static double[][] denseGradient(INDArray einGrad, int rows) {
        double[][] g = new double[rows][K];
        for (int p = 0; p < IDX.length; p++)
            for (int d = 0; d < K; d++) g[IDX[p]][d] += einGrad.getDouble(p / 3, (long) (p % 3) * K + d);
        return g;
    }

    static double[][] toDouble(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    static void assertClose(double[][] expected, INDArray actual, double tol, String what) {
        double[][] a = toDouble(actual);
        for (int r = 0; r < expected.length; r++)
            for (int d = 0; d < expected[r].length; d++)
                assertEquals(expected[r][d], a[r][d], tol, what + " [" + r + "][" + d + "]");
    }

    @ParameterizedTest
    @EnumSource(value = StoreSpec.Kernel.class, names = {"DIRECT", "NDARRAY"})
    void denseAdamStepsEqualTheReference(StoreSpec.Kernel kernel) {
        EmbeddingStore s = store(Optimizer.DENSE_ADAM, kernel);
        double[][][] p = {toDouble(s.table(0)), toDouble(s.table(1))}, m = new double[2][7][K], v = new double[2][7][K];
        for (int t = 1; t <= 3; t++) {
            INDArray g0 = grad(t), g1 = grad(10 + t);
            s.apply(IDX, g0, g1);
            referenceAdamStep(p[0], m[0], v[0], denseGradient(g0, 7), t, false, null);
            referenceAdamStep(p[1], m[1], v[1], denseGradient(g1, 7), t, false, null);
        }
        for (int set = 0; set < 2; set++) {
            assertClose(p[set], s.table(set), 1e-6, "set " + set + " table");
            assertClose(m[set], s.firstMoments(set), 1e-6, "set " + set + " m");
            assertClose(v[set], s.secondMoments(set), 1e-9, "set " + set + " v");
        }
        assertEquals(3, s.step());
        // every row moves under dense Adam with weight decay, including rows 3 and 4 that no index used
        assertNotEquals(toDouble(store(Optimizer.DENSE_ADAM, kernel).table(1))[3][0], toDouble(s.table(1))[3][0]);
    }

    /**
     * A table of several of the direct kernel's parallel chunks, with used rows on both sides of chunk boundaries:
     * the chunked dense update equals the NDARRAY kernel's whole-table update, every row included.
     */
    @Test
    void chunkedDenseAdamEqualsTheWholeTableUpdate() {
        int rows = 2 * DirectKernel.CHUNK_ROWS + 5;
        Schema one = Schema.categorical(List.of("x"), rows);
        int c = DirectKernel.CHUNK_ROWS;
        int[] idx = {0, c - 1, c, c, 2 * c - 1, 2 * c, rows - 1};
        assertDirectEqualsWholeTableUpdate(one, 2, idx);
    }

    /**
     * Widths whose cache blocks split a chunk at a row boundary (3, 40) or hold one row each (width above the block):
     * used rows on both sides of block and chunk boundaries; the direct kernel equals the NDARRAY kernel's
     * whole-table update, every row included.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {3, 40, DirectKernel.BLOCK_FLOATS + 1})
    void blockedDenseAdamEqualsTheWholeTableUpdate(int width) {
        int block = Math.max(1, DirectKernel.BLOCK_FLOATS / width), c = DirectKernel.CHUNK_ROWS;
        int rows = width > DirectKernel.BLOCK_FLOATS ? 7 : c + 2 * block + 3;
        Schema one = Schema.categorical(List.of("x"), rows);
        int[] idx = width > DirectKernel.BLOCK_FLOATS ? new int[]{0, 2, 2, 6}
                : new int[]{0, block - 1, block, block, 2 * block - 1, c - 1, c, c + block, rows - 1};
        assertDirectEqualsWholeTableUpdate(one, width, idx);
    }

    /** Two dense steps of the DIRECT and the NDARRAY kernel on the same rows idx: every row of table, m and v agrees. */
    static void assertDirectEqualsWholeTableUpdate(Schema one, int width, int[] idx) {
        INDArray g = Nd4j.create(DataType.FLOAT, idx.length, width);
        for (int i = 0; i < g.length(); i++) g.putScalar(i, Math.cos(0.7 * i) - 0.2);
        EmbeddingStore direct = EmbeddingStore.create(one, StoreSpec.of(1, width).withKernel(StoreSpec.Kernel.DIRECT), ADAM, 5);
        EmbeddingStore ndarray = EmbeddingStore.create(one, StoreSpec.of(1, width).withKernel(StoreSpec.Kernel.NDARRAY), ADAM, 5);
        for (int t = 0; t < 2; t++) {
            direct.apply(idx, g);
            ndarray.apply(idx, g);
        }
        assertClose(toDouble(ndarray.table(0)), direct.table(0), 1e-6, "table");
        assertClose(toDouble(ndarray.firstMoments(0)), direct.firstMoments(0), 1e-7, "m");
        assertClose(toDouble(ndarray.secondMoments(0)), direct.secondMoments(0), 1e-9, "v");
    }

    @ParameterizedTest
    @EnumSource(value = StoreSpec.Kernel.class, names = {"DIRECT", "NDARRAY"})
    void lazyAdamChangesOnlyTheRowsUsed(StoreSpec.Kernel kernel) {
        EmbeddingStore s = store(Optimizer.LAZY_ADAM, kernel);
        INDArray before = s.table(0).dup();
        double[][] p = toDouble(before), m = new double[7][K], v = new double[7][K];
        boolean[] touched = new boolean[7];
        for (int i : IDX) touched[i] = true;
        double[][] p1 = toDouble(s.table(1)), m1 = new double[7][K], v1 = new double[7][K];
        for (int t = 1; t <= 2; t++) {
            INDArray g = grad(t), g1 = grad(10 + t);
            s.apply(IDX, g, g1);
            referenceAdamStep(p, m, v, denseGradient(g, 7), t, true, touched);
            referenceAdamStep(p1, m1, v1, denseGradient(g1, 7), t, true, touched);
        }
        assertClose(p, s.table(0), 1e-6, "table");
        assertClose(p1, s.table(1), 1e-6, "set 1 table");
        for (int r = 0; r < 7; r++) {
            if (touched[r]) {
                assertNotEquals(before.getFloat(r, 0), s.table(0).getFloat(r, 0), "row " + r + " was used");
            } else {
                assertEquals(before.getRow(r), s.table(0).getRow(r), "row " + r + " was not used");
                assertEquals(0.0, s.firstMoments(0).getRow(r).sumNumber().doubleValue(), "m of row " + r);
            }
        }
    }

    @Test
    void rowGradientSumsDuplicates() {
        INDArray g = grad(0);
        RowGradient rg = RowGradient.of(IDX, K, g.dup('c').data().asFloat());
        assertArrayEquals(new int[]{0, 1, 2, 5, 6}, rg.rows());
        double[][] dense = denseGradient(g, 7);
        for (int i = 0; i < rg.rows().length; i++)
            for (int d = 0; d < K; d++) assertEquals(dense[rg.rows()[i]][d], rg.sums()[i * K + d], 1e-6);
    }

    @Test
    void lookupCopiesTheRowsAndRejectsIndicesOutsideTheirField() {
        EmbeddingStore s = store(Optimizer.DENSE_ADAM, StoreSpec.Kernel.AUTO);
        INDArray[] ein = s.lookup(IDX);
        for (int set = 0; set < 2; set++)
            for (int p = 0; p < IDX.length; p++)
                for (int d = 0; d < K; d++) assertEquals(s.table(set).getFloat(IDX[p], d), ein[set].getFloat(p / 3, (long) (p % 3) * K + d));
        INDArray[] viaNd = store(Optimizer.DENSE_ADAM, StoreSpec.Kernel.NDARRAY).lookup(IDX);
        assertEquals(ein[0], viaNd[0]);
        assertEquals(ein[1], viaNd[1]);
        var e = assertThrows(IllegalArgumentException.class, () -> s.lookup(new int[]{0, 5, 5}));
        assertTrue(e.getMessage().contains("index 5 at row 0, field 1 ('b')"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.lookup(new int[]{0, 2}));
        // below a field's first row (the previous field's row, a negative index) and one past the last field's end
        e = assertThrows(IllegalArgumentException.class, () -> s.lookup(new int[]{0, 2, 5, 1, 1, 6}));
        assertTrue(e.getMessage().contains("index 1 at row 1, field 1 ('b') is outside that field's rows [2, 5)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.lookup(new int[]{-1, 2, 5}));
        assertTrue(e.getMessage().contains("index -1 at row 0, field 0 ('a')"), e.getMessage());
        INDArray zeros = Nd4j.zeros(DataType.FLOAT, 1, 3 * K);
        e = assertThrows(IllegalArgumentException.class, () -> s.apply(new int[]{0, 2, 7}, zeros, zeros));
        assertTrue(e.getMessage().contains("index 7 at row 0, field 2 ('c') is outside that field's rows [5, 7)"), e.getMessage());
    }

    @Test
    void sameSeedSameTablesAndXavierBound() {
        EmbeddingStore a = store(Optimizer.DENSE_ADAM, StoreSpec.Kernel.AUTO), b = store(Optimizer.DENSE_ADAM, StoreSpec.Kernel.AUTO);
        assertEquals(a.table(0), b.table(0));
        assertEquals(a.table(1), b.table(1));
        assertNotEquals(a.table(0), a.table(1), "sets are independent draws");
        assertNotEquals(a.table(0), EmbeddingStore.create(SCHEMA, StoreSpec.of(2, K), ADAM, 43).table(0));
        double bound = Math.sqrt(6.0 / (7 + K));
        assertTrue(a.table(0).amaxNumber().doubleValue() <= bound);
        // FFM layout: width F·K, bound still from K
        EmbeddingStore ffm = EmbeddingStore.create(SCHEMA, StoreSpec.of(1, K).withSubTables(3), ADAM, 1);
        assertArrayEquals(new long[]{7, 9}, ffm.table(0).shape());
        assertTrue(ffm.table(0).amaxNumber().doubleValue() <= bound);
        assertArrayEquals(new long[]{3, 9}, ffm.fieldView(0, 1).shape());
        assertEquals(ffm.table(0).getFloat(2, 4), ffm.fieldCopy(0, 1)[0][4]);
    }

    @Test
    void saveLoadRoundTripsAndTrainingContinuesIdentically(@TempDir Path dir) throws IOException {
        EmbeddingStore s = store(Optimizer.DENSE_ADAM, StoreSpec.Kernel.AUTO);
        s.apply(IDX, grad(1), grad(2));
        Path f = dir.resolve("emb.store");
        s.save(f);
        s.save(f); // overwriting is atomic too
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "no temporary files left");
        }
        EmbeddingStore r = EmbeddingStore.load(f);
        assertEquals(s.schema(), r.schema());
        assertEquals(s.spec(), r.spec());
        assertEquals(s.adam(), r.adam());
        for (int set = 0; set < 2; set++) {
            assertEquals(s.table(set), r.table(set));
            assertEquals(s.firstMoments(set), r.firstMoments(set));
            assertEquals(s.secondMoments(set), r.secondMoments(set));
        }
        assertEquals(s.step(), r.step());
        s.apply(IDX, grad(3), grad(4));
        r.apply(IDX, grad(3), grad(4));
        assertEquals(s.table(0), r.table(0));
        assertEquals(s.table(1), r.table(1));
    }

    @Test
    void corruptTruncatedAndForeignFilesAreDetected(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("emb.store");
        store(Optimizer.DENSE_ADAM, StoreSpec.Kernel.AUTO).save(f);
        byte[] good = Files.readAllBytes(f);

        byte[] flipped = good.clone();
        flipped[good.length - 40] ^= 0x10; // a float of the last set's moments
        Files.write(f, flipped);
        IOException e = assertThrows(IOException.class, () -> EmbeddingStore.load(f));
        assertTrue(e.getMessage().contains("corrupt: checksum mismatch"), e.getMessage());

        Files.write(f, java.util.Arrays.copyOf(good, good.length - 100));
        e = assertThrows(IOException.class, () -> EmbeddingStore.load(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Files.writeString(f, "label\tI1\tI2\n1\t2\t3\n");
        e = assertThrows(IOException.class, () -> EmbeddingStore.load(f));
        assertTrue(e.getMessage().contains("not an embedding store"), e.getMessage());
    }

    @Test
    void aFlippedByteInTheHeaderIsReportedAsDamageNotParsed(@TempDir Path dir) throws IOException {
        // the header used to be parsed before the checksum was checked: a kind NUMERIC -> NUMERIB gave "No enum constant"
        Path f = dir.resolve("embeddings.bin");
        store(Optimizer.DENSE_ADAM, StoreSpec.Kernel.AUTO).save(f);
        byte[] b = Files.readAllBytes(f);
        String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("CATEGORICAL") >= 0 ? text.indexOf("CATEGORICAL") + 10 : text.indexOf("NUMERIC") + 6;
        assertTrue(at > 12 && at < 200, "a field kind in the header at byte " + at);
        b[at] ^= 0x01;
        Files.write(f, b);
        IOException e = assertThrows(IOException.class, () -> EmbeddingStore.load(f));
        assertTrue(e.getMessage().startsWith(f + " is corrupt: checksum mismatch (stored "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" over its " + b.length + " bytes: damaged or truncated); nothing of it was used"), e.getMessage());
    }

    /**
     * A batch of several of the direct kernel's lookup pieces, three sets: every position of every set holds its row of
     * that set's table, as the NDARRAY kernel reads it (it fails when a piece writes another piece's positions).
     */
    @Test
    void lookupInPiecesCopiesEverySetsRows() {
        Schema wide = Schema.categorical(List.of("x", "y", "z"), 50, 7, 1_000);
        int rows = 2 * DirectKernel.LOOKUP_CHUNK / 3 + 11, f = 3;
        int[] idx = new int[rows * f];
        java.util.SplittableRandom r = new java.util.SplittableRandom(9);
        for (int p = 0; p < idx.length; p++) idx[p] = wide.offsets()[p % f] + r.nextInt(wide.cardinality(p % f));
        EmbeddingStore direct = EmbeddingStore.create(wide, StoreSpec.of(3, K).withKernel(StoreSpec.Kernel.DIRECT), ADAM, 4);
        EmbeddingStore ndarray = EmbeddingStore.create(wide, StoreSpec.of(3, K).withKernel(StoreSpec.Kernel.NDARRAY), ADAM, 4);
        INDArray[] got = direct.lookup(idx), expected = ndarray.lookup(idx);
        for (int set = 0; set < 3; set++) {
            assertEquals(expected[set], got[set], "set " + set);
            assertEquals(direct.table(set).getRow(idx[idx.length - 1]), got[set].getRow(rows - 1).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2 * K, 3 * K)),
                    "set " + set + ": the last position");
        }
    }

    @Test
    void everySetNeedsItsTargetAndItsGradient() {
        EmbeddingStore s = store(Optimizer.DENSE_ADAM, StoreSpec.Kernel.AUTO);
        INDArray one = Nd4j.create(DataType.FLOAT, 2, 3L * K);
        var e = assertThrows(IllegalArgumentException.class, () -> s.lookupInto(IDX, one));
        assertEquals("lookup needs one target per embedding set (2), got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.apply(IDX, grad(1)));
        assertEquals("one gradient per embedding set (2) is needed, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.apply(IDX, grad(1), Nd4j.create(DataType.FLOAT, 2, 2L * K)));
        assertEquals("set 1's gradient must be [2, 9], got [2, 6]", e.getMessage());
        assertEquals(0, s.step(), "nothing was applied");
    }

    /** The file keeps one step count per set (version 1); sets that disagree cannot be one interleaved store. */
    @Test
    void aFileWhoseSetsTookDifferentStepsIsRefused(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("emb.store");
        EmbeddingStore s = store(Optimizer.DENSE_ADAM, StoreSpec.Kernel.AUTO);
        s.apply(IDX, grad(1), grad(2));
        s.save(f);
        byte[] b = Files.readAllBytes(f);
        // the steps are the header's last longs: before the 2 sets' 3 arrays of 7 × K floats and the trailing checksum
        int secondStep = b.length - Long.BYTES - 2 * 3 * 7 * K * Float.BYTES - Long.BYTES;
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
        assertEquals(1, buf.getLong(secondStep - Long.BYTES), "set 0's step");
        assertEquals(1, buf.getLong(secondStep), "set 1's step");
        buf.putLong(secondStep, 2);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, 0, b.length - Long.BYTES);
        buf.putLong(b.length - Long.BYTES, crc.getValue());
        Files.write(f, b);
        IOException e = assertThrows(IOException.class, () -> EmbeddingStore.load(f));
        assertEquals(f + " has an invalid header: its embedding sets have taken different numbers of steps", e.getMessage());
    }
}
