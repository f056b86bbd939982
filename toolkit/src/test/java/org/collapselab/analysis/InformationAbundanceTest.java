package org.collapselab.analysis;

import java.util.SplittableRandom;
import org.collapselab.analysis.SpectrumOptions.Solver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.*;

class InformationAbundanceTest {

    @ParameterizedTest
    @EnumSource(Solver.class)
    void orthogonalMatrixHasIAEqualToK(Solver solver) {
        int k = 12;
        double[] q = TestMatrices.orthogonal(k, 21);
        // the reference really is orthogonal: QQᵀ = I
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int c = 0; c < k; c++) dot += q[i * k + c] * q[j * k + c];
                assertEquals(i == j ? 1 : 0, dot, 1e-12);
            }
        INDArray m = TestMatrices.asDouble(q, k, k);
        assertEquals(k, InformationAbundance.of(m, SpectrumOptions.RAW.with(solver)), 1e-9);
        assertEquals(k, InformationAbundance.of(m, SpectrumOptions.DEFAULT.with(solver)), 1e-9);
        // scale invariance: 7·Q has the same IA
        assertEquals(k, InformationAbundance.of(m.mul(7), SpectrumOptions.RAW.with(solver)), 1e-9);
    }

    @ParameterizedTest
    @EnumSource(Solver.class)
    void rankOneMatrixHasIAOne(Solver solver) {
        int rows = 500, k = 10;
        SplittableRandom r = new SplittableRandom(22);
        double[] u = new double[rows], v = new double[k];
        for (int i = 0; i < rows; i++) u[i] = TestMatrices.gauss(r);
        for (int j = 0; j < k; j++) v[j] = TestMatrices.gauss(r);
        float[] a = new float[rows * k];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < k; j++) a[i * k + j] = (float) (u[i] * v[j]);
        // Gram route: the zero singular values come out as ~sqrt(eps)·σ₁, hence 1e-6
        assertEquals(1, InformationAbundance.of(a, rows, k, SpectrumOptions.RAW.with(solver)), 1e-6);
        assertEquals(1, InformationAbundance.of(a, rows, k, SpectrumOptions.DEFAULT.with(solver)), 1e-6);
    }

    @Test
    void rowNormalisationEqualsIAOfAPreNormalisedCopyAndDiffersFromRaw() {
        int rows = 3_000, k = 8;
        float[] a = TestMatrices.decaying(rows, k, 0.7, 23);
        SplittableRandom r = new SplittableRandom(24);
        for (int i = 0; i < rows; i++) {
            // row norms spread over six orders of magnitude; every 100th row zero
            float s = i % 100 == 0 ? 0f : (float) Math.pow(10, 6 * r.nextDouble() - 3);
            for (int j = 0; j < k; j++) a[i * k + j] *= s;
        }
        double[] unit = new double[rows * k];
        for (int i = 0; i < rows; i++) {
            double ss = 0;
            for (int j = 0; j < k; j++) ss += (double) a[i * k + j] * a[i * k + j];
            double n = Math.sqrt(ss);
            for (int j = 0; j < k; j++) unit[i * k + j] = n == 0 ? 0 : a[i * k + j] / n;
        }
        INDArray preNormalised = TestMatrices.asDouble(unit, rows, k);
        for (Solver solver : Solver.values()) {
            double normalised = InformationAbundance.of(a, rows, k, SpectrumOptions.DEFAULT.with(solver));
            double reference = InformationAbundance.of(preNormalised, SpectrumOptions.RAW.with(Solver.SVD));
            double raw = InformationAbundance.of(a, rows, k, SpectrumOptions.RAW.with(solver));
            assertEquals(reference, normalised, 1e-9 * k, solver.toString());
            assertTrue(Math.abs(raw - normalised) > 0.5, solver + ": raw " + raw + " vs normalised " + normalised);
        }
        assertEquals(SpectrumOptions.DEFAULT, new SpectrumOptions(SpectrumOptions.RowScaling.UNIT_NORM, Solver.GRAM),
                "the default is row-normalised, Gram route");
    }

    @Test
    void iaOfSpectrumIsL1OverLinf() {
        assertEquals((4 + 2 + 1) / 4.0, new Spectrum(new double[]{4, 2, 1}).informationAbundance(), 1e-15);
        assertEquals(0, new Spectrum(new double[]{0, 0}).informationAbundance());
    }
}
