package org.collapselab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.collapselab.data.Schema;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

/** Each collapse measure on tables whose singular values are known in closed form. */
class CollapseMeasureTest {
    static final SpectrumOptions EXACT = SpectrumOptions.RAW.with(SpectrumOptions.Solver.SVD);
    static final CollapseMeasure IA = new InformationAbundanceMeasure(), ERANK = new EffectiveRank(), STABLE = new StableRank(),
            NUMRANK = new NumericalRank(NumericalRank.DEFAULT_TOLERANCE), ALPHA = PowerLawDecay.allPositive();

    private static Spectrum of(double[][] rows) {
        return Spectrum.of(Nd4j.create(rows).castTo(DataType.DOUBLE), EXACT);
    }

    /** A D × K matrix (D >= K) whose singular values are {@code sigma}: diag(σ) above zero rows. */
    private static Spectrum diagonal(int d, double... sigma) {
        double[][] m = new double[d][sigma.length];
        for (int i = 0; i < sigma.length; i++) m[i][i] = sigma[i];
        return of(m);
    }

    @Test
    void theIdentityIsFullInEveryMeasure() {
        Spectrum s = diagonal(5, 1, 1, 1, 1, 1);
        assertEquals(5, IA.of(s), 1e-12);
        assertEquals(5, ERANK.of(s), 1e-12);
        assertEquals(5, STABLE.of(s), 1e-12);
        assertEquals(5, NUMRANK.of(s));
        assertEquals(0, ALPHA.of(s), 1e-12, "equal eigenvalues do not decay");
    }

    @Test
    void aRankOneTableIsOneAndHasNoDecayToFit() {
        double[] u = {1, 2, 3, 4}, v = {1, 1, 2};
        double[][] m = new double[4][3];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 3; j++) m[i][j] = u[i] * v[j];
        Spectrum s = of(m);
        assertEquals(Math.sqrt(30) * Math.sqrt(6), s.max(), 1e-12);
        assertEquals(1, IA.of(s), 1e-12);
        assertEquals(1, ERANK.of(s), 1e-12);
        assertEquals(1, STABLE.of(s), 1e-12);
        assertEquals(1, NUMRANK.of(s));
        assertTrue(Double.isNaN(ALPHA.of(s)), "one positive eigenvalue: nothing to fit");
    }

    @Test
    void diag321() {
        Spectrum s = diagonal(4, 3, 2, 1);
        assertEquals(2, IA.of(s), 1e-12);
        double[] p = {3 / 6.0, 2 / 6.0, 1 / 6.0};
        assertEquals(Math.exp(-(p[0] * Math.log(p[0]) + p[1] * Math.log(p[1]) + p[2] * Math.log(p[2]))), ERANK.of(s), 1e-12);
        assertEquals(14 / 9.0, STABLE.of(s), 1e-12);
        assertEquals(3, NUMRANK.of(s));
        SimpleRegression fit = new SimpleRegression();    // a second least-squares implementation
        for (int i = 1; i <= 3; i++) fit.addData(Math.log(i), Math.log(new double[] {9, 4, 1}[i - 1]));
        assertEquals(-fit.getSlope(), ALPHA.of(s), 1e-12);
    }

    @Test
    void aPlantedPowerLawIsRecovered() {
        double[] sigma = new double[40];
        for (int i = 1; i <= 40; i++) sigma[i - 1] = Math.pow(i, -1.5);    // λ_i = i^-3
        Spectrum s = diagonal(50, sigma);
        assertEquals(3, ALPHA.of(s), 1e-9);
        assertEquals(3, new PowerLawDecay(5, 20).of(s), 1e-9, "any part of an exact power law has its exponent");
        assertTrue(new PowerLawDecay(2, 30).definition().contains("2..30"));
    }

    @Test
    void duplicatingEveryRowChangesNoMeasure() {
        Random rnd = new Random(3);
        double[][] a = new double[6][3], twice = new double[12][3];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 3; j++) a[i][j] = twice[i][j] = twice[i + 6][j] = rnd.nextGaussian();
        Spectrum one = of(a), two = of(twice);
        assertEquals(Math.sqrt(2) * one.max(), two.max(), 1e-12, "σ scales by √2");
        for (CollapseMeasure m : CollapseMeasure.standard()) assertEquals(m.of(one), m.of(two), 1e-9, m.name());
    }

    @Test
    void theNumericalRankCountsOnlyWhatIsStrictlyAboveItsTolerance() {
        Spectrum s = new Spectrum(new double[] {1, 1e-3, 5e-4});
        assertEquals(1, new NumericalRank(1e-3).of(s), "σ equal to the tolerance is not counted");
        assertEquals(2, new NumericalRank(9.99e-4).of(s));
        assertEquals(3, new NumericalRank(4.99e-4).of(s));
        assertTrue(new NumericalRank(1e-3).definition().contains("0.001"));
        assertThrows(IllegalArgumentException.class, () -> new NumericalRank(0));
        assertThrows(IllegalArgumentException.class, () -> new NumericalRank(1));
    }

    @Test
    void aZeroTableIsZeroEverywhereAndHasNoDecay() {
        Spectrum s = new Spectrum(new double[] {0, 0, 0});
        for (CollapseMeasure m : List.of(IA, ERANK, STABLE, NUMRANK)) assertEquals(0, m.of(s), m.name());
        assertTrue(Double.isNaN(ALPHA.of(s)));
    }

    /** Per field, beside the random table of the same shape: a collapsed field reads low, the random one full. */
    @Test
    void fieldMeasuresPutEachFieldBesideItsRandomTable() {
        Schema schema = Schema.categorical(List.of("collapsed", "full"), 200, 300);
        int k = 8;
        Random rnd = new Random(5);
        float[] t = new float[500 * k];
        for (int r = 0; r < 500; r++)
            for (int c = 0; c < k; c++) t[r * k + c] = (float) (r < 200 ? rnd.nextGaussian() * (c == 0 ? 1 : 1e-6) : rnd.nextGaussian());
        INDArray table = Nd4j.create(t, new long[] {500, k}, 'c');
        FieldMeasures m = FieldMeasures.of(FieldIA.of(table, schema, SpectrumOptions.RAW), CollapseMeasure.standard(), 0);
        Table tab = m.table();
        assertEquals(List.of("field", "rows", "ia", "ia_random", "effective_rank", "effective_rank_random", "stable_rank", "stable_rank_random",
                "numerical_rank", "numerical_rank_random", "alpha", "alpha_random"), tab.columnNames());
        assertEquals(1, m.value(0, NUMRANK), "the collapsed field has one direction above the tolerance");
        assertEquals(k, m.randomValue(0, NUMRANK), "its random table uses all K");
        assertTrue(m.value(0, ERANK) < 1.01 && m.value(1, ERANK) > 6, m.value(0, ERANK) + " vs " + m.value(1, ERANK));
        assertEquals(m.value(1, IA), tab.doubleColumn("ia").get(1), 0);
        assertEquals(5, FieldMeasures.definitions(m.measures()).rowCount());
    }

    /** The report of a file lists every measure per field, and its IA column is the IA table's. */
    @Test
    void aReportOfATableListsTheMeasures() {
        Random rnd = new Random(7);
        float[] v = new float[60 * 4];
        for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
        CollapseReport r = CollapseReport.of(new org.collapselab.io.MatrixFile(v, 60, 4, "planted"), 20, 40);
        Table t = r.measures(0).table();
        assertEquals(2, t.rowCount());
        assertEquals(r.fieldIA().ia()[1], t.doubleColumn("ia").get(1), 0);
        assertEquals(r.randomBaseline(0).ia()[0], t.doubleColumn("ia_random").get(0), 0);
    }
}
