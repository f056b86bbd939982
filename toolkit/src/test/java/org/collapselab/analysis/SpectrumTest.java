package org.collapselab.analysis;

import org.collapselab.analysis.SpectrumOptions.RowScaling;
import org.collapselab.analysis.SpectrumOptions.Solver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.*;

class SpectrumTest {

    private static void assertRelClose(double[] expected, double[] actual, double rel) {
        assertEquals(expected.length, actual.length, "number of singular values");
        for (int i = 0; i < expected.length; i++)
            assertEquals(expected[i], actual[i], rel * Math.abs(expected[0]), "singular value " + i);
    }

    @Test
    void gramAndSvdAgreeOnTallSeededMatrix() {
        int rows = 100_000, k = 10;
        INDArray m = TestMatrices.asFloat(TestMatrices.decaying(rows, k, 0.6, 11), rows, k);
        for (RowScaling rs : RowScaling.values()) {
            double[] gram = Spectrum.of(m, new SpectrumOptions(rs, Solver.GRAM)).values();
            double[] svd = Spectrum.of(m, new SpectrumOptions(rs, Solver.SVD)).values();
            assertEquals(k, gram.length);
            // relative per value, the smallest included (σ_min/σ_max ≈ 0.6^9 ≈ 0.01)
            for (int i = 0; i < k; i++)
                assertEquals(svd[i], gram[i], 1e-5 * svd[i], rs + ": singular value " + i);
            assertTrue(svd[k - 1] < 0.05 * svd[0], "spectrum spread as built: " + svd[k - 1] / svd[0]);
        }
    }

    @Test
    void gramAndSvdAgreeOnWiderEmbeddingAndOnMatricesWithFewerRowsThanColumns() {
        INDArray tall = TestMatrices.asFloat(TestMatrices.decaying(5_000, 40, 0.9, 12), 5_000, 40);
        assertRelClose(Spectrum.of(tall, SpectrumOptions.RAW.with(Solver.SVD)).values(),
                Spectrum.of(tall, SpectrumOptions.RAW).values(), 1e-6);
        INDArray wide = TestMatrices.asFloat(TestMatrices.gaussian(3, 10, 13), 3, 10);
        double[] svd = Spectrum.of(wide, SpectrumOptions.RAW.with(Solver.SVD)).values();
        double[] gram = Spectrum.of(wide, SpectrumOptions.RAW).values();
        assertEquals(3, svd.length, "min(rows, cols) singular values");
        assertRelClose(svd, gram, 1e-6);
    }

    @ParameterizedTest
    @EnumSource(Solver.class)
    void diagonalMatrixGivesItsEntriesAndTheClosedFormIA(Solver solver) {
        // 6 x 4: diag(0.5, 5, 2, 3) in shuffled order, plus two zero rows
        double[] d = new double[6 * 4];
        d[0 * 4 + 0] = 0.5;
        d[1 * 4 + 1] = 5;
        d[3 * 4 + 2] = 2;
        d[5 * 4 + 3] = 3;
        INDArray m = TestMatrices.asDouble(d, 6, 4);
        Spectrum raw = Spectrum.of(m, SpectrumOptions.RAW.with(solver));
        assertArrayEquals(new double[]{5, 3, 2, 0.5}, raw.values(), 1e-12);
        assertEquals((5 + 3 + 2 + 0.5) / 5, raw.informationAbundance(), 1e-12);
        assertArrayEquals(new double[]{1, 0.6, 0.4, 0.1}, raw.normalized(), 1e-12);
        // normalised rows are unit basis vectors (zero rows stay zero): all σ = 1
        Spectrum unit = Spectrum.of(m, SpectrumOptions.DEFAULT.with(solver));
        assertArrayEquals(new double[]{1, 1, 1, 1}, unit.values(), 1e-12);
        assertEquals(4, unit.informationAbundance(), 1e-12);
    }

    @Test
    void anyOrderViewAndDataTypeGivesTheSameSpectrumAsAPlainCopy() {
        float[] data = TestMatrices.gaussian(60, 9, 14);
        INDArray big = TestMatrices.asFloat(data, 60, 9);
        INDArray view = big.get(NDArrayIndex.interval(10, 50), NDArrayIndex.interval(2, 7));   // 40 x 5, strided
        float[] ref = new float[40 * 5];
        for (int i = 0; i < 40; i++)
            for (int j = 0; j < 5; j++) ref[i * 5 + j] = data[(i + 10) * 9 + j + 2];
        double[] expected = Spectrum.of(ref, 40, 5, SpectrumOptions.RAW.with(Solver.SVD)).values();

        assertRelClose(expected, Spectrum.of(view, SpectrumOptions.RAW).values(), 1e-9);
        assertRelClose(expected, Spectrum.of(view.dup('f'), SpectrumOptions.RAW).values(), 1e-9);
        assertRelClose(expected, Spectrum.of(view.castTo(DataType.DOUBLE), SpectrumOptions.RAW).values(), 1e-9);
        assertRelClose(expected, Spectrum.of(view.dup('c').transpose().dup('c').transpose(), SpectrumOptions.RAW).values(), 1e-9);
        assertRelClose(expected, Spectrum.of(view, SpectrumOptions.RAW.with(Solver.SVD)).values(), 1e-9);
        assertRelClose(Spectrum.of(ref, 40, 5).values(), Spectrum.of(view).values(), 1e-9);
    }

    @ParameterizedTest
    @EnumSource(Solver.class)
    void zeroMatrixHasZeroSpectrumAndZeroIA(Solver solver) {
        for (RowScaling rs : RowScaling.values()) {
            Spectrum s = Spectrum.of(TestMatrices.zeros(7, 3), new SpectrumOptions(rs, solver));
            assertArrayEquals(new double[3], s.values());
            assertArrayEquals(new double[3], s.normalized());
            assertEquals(0, s.informationAbundance());
        }
    }

    @Test
    void spectrumRecordValidatesAndCopies() {
        assertThrows(IllegalArgumentException.class, () -> new Spectrum(new double[0]));
        IllegalArgumentException up = assertThrows(IllegalArgumentException.class, () -> new Spectrum(new double[]{1, 2}));
        assertTrue(up.getMessage().contains("descending"), up.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> new Spectrum(new double[]{1, -0.5}));
        assertTrue(neg.getMessage().contains("-0.5"), neg.getMessage());
        double[] v = {3, 1};
        Spectrum s = new Spectrum(v);
        v[0] = 99;
        s.values()[1] = 99;
        assertArrayEquals(new double[]{3, 1}, s.values());
        assertEquals(new Spectrum(new double[]{3, 1}), s);
        assertEquals(4, s.sum());
        assertEquals(3, s.max());
        assertEquals(2, s.size());
    }
}
