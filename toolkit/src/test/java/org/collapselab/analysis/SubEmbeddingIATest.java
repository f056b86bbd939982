package org.collapselab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.collapselab.data.Batch;
import org.collapselab.data.Schema;
import org.collapselab.model.CtrModel;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SubEmbeddingIATest {

    private static INDArray random(Random r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int c = 0; c < cols; c++) row[c] = r.nextGaussian();
        return Nd4j.createFromArray(m).castTo(DataType.FLOAT);
    }

    @Test
    void dcnv2ProjectionIsTheFieldRowsTimesTheTransposedBlock() {
        Schema s = Schema.categorical(List.of("a", "b", "c"), 4, 5, 3);
        int k = 2;
        Random r = new Random(11);
        INDArray table = random(r, s.totalRows(), k), w0 = random(r, 3 * k, 3 * k);
        float[][] e = table.toFloatMatrix();
        float[][] w = w0.toFloatMatrix();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                double[][] got = SubEmbeddingIA.dcnv2Projection(table, w0, s, i, j).toDoubleMatrix();
                assertEquals(s.cardinality(i), got.length);
                for (int row = 0; row < s.cardinality(i); row++)
                    for (int a = 0; a < k; a++) {
                        // (E_i W_{i→j}ᵀ)[row, a] = Σ_b E_i[row, b] · W_{i→j}[a, b], W_{i→j} = W0[jK + a, iK + b]
                        double expected = 0;
                        for (int b = 0; b < k; b++) expected += (double) e[s.offset(i) + row][b] * w[j * k + a][i * k + b];
                        assertEquals(expected, got[row][a], 1e-9, "E_" + i + "→" + j + "[" + row + ", " + a + "]");
                    }
            }
    }

    @Test
    void ffmSlicesReproduceTheModelsPairTerm() {
        Schema s = Schema.categorical(List.of("a", "b", "c", "d"), 5, 3, 4, 6);
        int f = s.size();
        ModelSpec spec = ModelSpec.builder(ModelKind.FFM).embeddingSize(3).build();
        CtrModel model = CtrModel.builder(spec, s).seed(5).dataType(DataType.DOUBLE).build();
        Random r = new Random(3);
        int n = 6;
        int[] idx = new int[n * f];
        float[] labels = new float[n];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < f; i++) idx[b * f + i] = s.offset(i) + r.nextInt(s.cardinality(i));
            labels[b] = b % 2;
        }
        Batch batch = new Batch(n, f, idx, labels);
        model.fit(batch);    // one step, so that the bias is no longer zero and the tables moved
        model.fit(batch);
        float[] p = model.predict(batch);
        INDArray table = model.embeddings().table(0);
        double bias = model.graph().stateArrays().entrySet().stream().filter(en -> en.getKey().endsWith("bias"))
                .findFirst().orElseThrow().getValue().getDouble(0);
        assertTrue(Math.abs(bias) > 1e-6, "the bias was trained: " + bias);
        double worst = 0, worstSwapped = 0;
        for (int b = 0; b < n; b++) {
            double h = 0, swapped = 0;
            for (int i = 0; i < f; i++)
                for (int j = i + 1; j < f; j++) {
                    INDArray eij = SubEmbeddingIA.ffmBlock(table, s, i, j), eji = SubEmbeddingIA.ffmBlock(table, s, j, i);
                    INDArray xi = eij.getRow(batch.index(b, i) - s.offset(i)), xj = eji.getRow(batch.index(b, j) - s.offset(j));
                    h += xi.castTo(DataType.DOUBLE).mul(xj.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
                    // the wrong slicing (block i of field i with block j of field j) must not match: the test can fail
                    INDArray yi = SubEmbeddingIA.ffmBlock(table, s, i, i).getRow(batch.index(b, i) - s.offset(i));
                    INDArray yj = SubEmbeddingIA.ffmBlock(table, s, j, j).getRow(batch.index(b, j) - s.offset(j));
                    swapped += yi.castTo(DataType.DOUBLE).mul(yj.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
                }
            worst = Math.max(worst, Math.abs(sigmoid(bias + h) - p[b]));
            worstSwapped = Math.max(worstSwapped, Math.abs(sigmoid(bias + swapped) - p[b]));
        }
        assertTrue(worst < 1e-6, "the model's output equals σ(bias + Σ_{i<j} ⟨E_i→j[x_i], E_j→i[x_j]⟩): max error " + worst);
        assertTrue(worstSwapped > 1e-3, "another slicing gives other outputs: " + worstSwapped);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Rows of block j cycle through e_0 .. e_{r−1}: rank r with r equal singular values, so IA = r exactly. */
    private static void fillRank(double[][] t, int rowFrom, int rows, int colFrom, int k, int r) {
        for (int row = 0; row < rows; row++) {
            for (int c = 0; c < k; c++) t[rowFrom + row][colFrom + c] = 0;
            t[rowFrom + row][colFrom + row % r] = 2.5;
        }
    }

    @Test
    void ffmMatrixOfAConstructedTableHasTheRanksItWasBuiltWith() {
        Schema s = Schema.categorical(List.of("a", "b", "c"), 12, 12, 12);
        int k = 4;
        int[][] rank = {{0, 2, 4}, {1, 0, 3}, {3, 1, 0}};    // asymmetric: a transposed reading fails
        double[][] t = new double[s.totalRows()][3 * k];
        Random rnd = new Random(1);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                if (i == j) {    // the unused diagonal block: noise that must not enter anything
                    for (int row = 0; row < 12; row++) for (int c = 0; c < k; c++) t[s.offset(i) + row][j * k + c] = rnd.nextGaussian();
                } else fillRank(t, s.offset(i), 12, j * k, k, rank[i][j]);
            }
        INDArray table = Nd4j.createFromArray(t).castTo(DataType.FLOAT);
        for (SpectrumOptions o : List.of(SpectrumOptions.RAW, SpectrumOptions.DEFAULT)) {
            SubEmbeddingIA sub = SubEmbeddingIA.ffm(table, s, o);
            assertEquals(4, sub.k());
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    if (i == j) assertTrue(Double.isNaN(sub.ia()[i][j]));
                    else assertEquals(rank[i][j], sub.ia()[i][j], 1e-5, "IA(E_" + i + "→" + j + ")");
            assertArrayEquals(new double[]{6, 4, 4}, sub.rowSums(), 1e-5);
            assertArrayEquals(new double[]{4, 3, 7}, sub.columnSums(), 1e-5);
            // raw table of field 1: blocks of rank 1 and 3, rank 3 in all; field 0: 2 and 4, rank 4; field 2: 3 and 1
            double[] raw = sub.rawIA();
            assertTrue(raw[0] > raw[1] && raw[0] > raw[2], java.util.Arrays.toString(raw));
            assertTrue(raw[1] <= 3 + 1e-6 && raw[2] <= 3 + 1e-6 && raw[0] <= 4 + 1e-6, java.util.Arrays.toString(raw));
            assertEquals(0, sub.order()[2]);
            double[][] sorted = sub.sortedMatrix(-1);
            for (int a = 0; a < 3; a++) assertEquals(-1, sorted[a][a]);
            assertEquals(rank[sub.order()[0]][sub.order()[1]], sorted[0][1], 1e-5);
            // long form round trip
            SubEmbeddingIA back = SubEmbeddingIA.fromLongTable(sub.longTable(), "FFM", o);
            assertEquals(6, sub.longTable().rowCount());
            assertEquals(sub, back);
        }
    }

    @Test
    void dcnv2MatrixOfProjectionsOfKnownRank() {
        Schema s = Schema.categorical(List.of("a", "b", "c"), 8, 8, 8);
        int k = 4;
        int[][] rank = {{4, 1, 2}, {2, 3, 1}, {1, 4, 2}};    // asymmetric
        double[][] e = new double[s.totalRows()][k];
        for (int i = 0; i < 3; i++) fillRank(e, s.offset(i), 8, 0, k, 4);    // each E_i: 4 equal singular values
        double[][] w = new double[3 * k][3 * k];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                for (int a = 0; a < rank[i][j]; a++) w[j * k + a][i * k + a] = 0.7;    // W_{i→j}: a rank-r coordinate projection
        SubEmbeddingIA sub = SubEmbeddingIA.dcnv2(Nd4j.createFromArray(e).castTo(DataType.FLOAT), Nd4j.createFromArray(w).castTo(DataType.FLOAT), s,
                SpectrumOptions.RAW);
        assertTrue(sub.diagonalUsed());
        for (int i = 0; i < 3; i++) {
            assertEquals(4, sub.rawIA()[i], 1e-6);
            for (int j = 0; j < 3; j++) assertEquals(rank[i][j], sub.ia()[i][j], 1e-6, "IA(E_" + i + "→" + j + ")");
        }
        assertArrayEquals(new double[]{7, 6, 7}, sub.rowSums(), 1e-6);
        assertArrayEquals(new double[]{7, 8, 5}, sub.columnSums(), 1e-6);
        assertEquals(9, sub.longTable().rowCount());
        assertEquals(sub, SubEmbeddingIA.fromLongTable(sub.longTable(), "DCNv2", SpectrumOptions.RAW));
    }

    @Test
    void spearmanOfKnownRankings() {
        assertEquals(1, Correlation.spearman(new double[]{1, 5, 9, 20}, new double[]{0, 0.1, 3, 4}), 1e-12);
        assertEquals(-1, Correlation.spearman(new double[]{1, 2, 3}, new double[]{3, 2, 1}), 1e-12);
        // ties: ranks (1.5, 1.5, 3) vs (1, 2, 3): r = 0.866...
        assertEquals(Math.sqrt(3) / 2, Correlation.spearman(new double[]{1, 1, 2}, new double[]{1, 2, 3}), 1e-12);
        assertTrue(Double.isNaN(Correlation.spearman(new double[]{1, 1}, new double[]{1, 2})));
    }
}
