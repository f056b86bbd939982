package org.collapselab.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.collapselab.train.Metrics;
import org.junit.jupiter.api.Test;

class DeLongTest {
    /** Scores rounded to a tenth so that ties between positives and negatives occur. */
    private static float[][] sample(int n, double signal, long seed, float[] labels) {
        Random r = new Random(seed);
        float[] a = new float[n], b = new float[n];
        for (int i = 0; i < n; i++) {
            double common = r.nextGaussian();
            a[i] = (float) (Math.round((labels[i] * signal + common + 0.5 * r.nextGaussian()) * 10) / 10.0);
            b[i] = (float) (Math.round((labels[i] * signal * 0.7 + common + 0.5 * r.nextGaussian()) * 10) / 10.0);
        }
        return new float[][] {a, b};
    }

    private static float[] labels(int n, long seed) {
        Random r = new Random(seed);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) y[i] = r.nextDouble() < 0.3 ? 1f : 0f;
        y[0] = 1f;
        y[1] = 1f;
        y[2] = 0f;
        y[3] = 0f;
        return y;
    }

    /** ψ(x, y): 1 when the positive scores above the negative, one half on a tie. */
    private static double psi(float x, float y) {
        return x > y ? 1 : x == y ? 0.5 : 0;
    }

    /** DeLong's structural components and covariance straight from the definition, O(m·n). */
    private static double[] direct(float[] a, float[] b, float[] y) {
        int m = 0;
        for (float v : y) if (v == 1f) m++;
        int n = y.length - m;
        double[][] v10 = new double[2][m], v01 = new double[2][n];
        double[] auc = new double[2];
        float[][] s = {a, b};
        for (int k = 0; k < 2; k++) {
            int p = 0;
            for (int i = 0; i < y.length; i++) {
                if (y[i] != 1f) continue;
                int q = 0;
                for (int j = 0; j < y.length; j++) {
                    if (y[j] == 1f) continue;
                    double v = psi(s[k][i], s[k][j]);
                    v10[k][p] += v / n;
                    v01[k][q++] += v / m;
                    auc[k] += v / ((double) m * n);
                }
                p++;
            }
        }
        double varA = cov(v10[0], v10[0]) / m + cov(v01[0], v01[0]) / n;
        double varDiff = (cov(v10[0], v10[0]) + cov(v10[1], v10[1]) - 2 * cov(v10[0], v10[1])) / m
                + (cov(v01[0], v01[0]) + cov(v01[1], v01[1]) - 2 * cov(v01[0], v01[1])) / n;
        return new double[] {auc[0], auc[1], varA, varDiff};
    }

    private static double cov(double[] x, double[] y) {
        double mx = 0, my = 0, s = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        for (int i = 0; i < x.length; i++) s += (x[i] - mx) * (y[i] - my);
        return s / (x.length - 1);
    }

    @Test
    void theMidrankComputationEqualsTheDefinitionWithTies() {
        for (long seed = 1; seed <= 5; seed++) {
            float[] y = labels(60 + 7 * (int) seed, seed);
            float[][] s = sample(y.length, 1.0, seed, y);
            double[] ref = direct(s[0], s[1], y);
            DeLong.Auc a = DeLong.auc(s[0], y);
            assertEquals(ref[0], a.auc(), 1e-12);
            assertEquals(Metrics.auc(s[0], y), a.auc(), 1e-12);
            assertEquals(ref[2], a.variance(), 1e-12);
            DeLong.Paired p = DeLong.paired(s[0], s[1], y);
            assertEquals(ref[0] - ref[1], p.difference(), 1e-12);
            assertEquals(ref[3], p.variance(), 1e-12);
        }
    }

    @Test
    void aPerfectScorerHasNoVarianceAndAScorerAgainstItselfNoDifference() {
        float[] y = {1, 1, 1, 0, 0, 0}, s = {0.9f, 0.8f, 0.7f, 0.3f, 0.2f, 0.1f};
        assertEquals(1, DeLong.auc(s, y).auc(), 0);
        assertEquals(0, DeLong.auc(s, y).variance(), 0);
        float[] noisy = {0.9f, 0.2f, 0.7f, 0.3f, 0.8f, 0.1f};
        Interval same = DeLong.difference(noisy, noisy, y, 0.95);
        assertEquals(0, same.estimate(), 0);
        assertEquals(0, same.halfWidth(), 0);
    }

    @Test
    void aPlantedDifferenceIsResolvedAndTheNullIntervalCoversZeroAtItsLevel() {
        float[] y = labels(3000, 7);
        float[][] s = sample(y.length, 1.5, 7, y);    // b has 0.7 of a's signal
        Interval planted = DeLong.difference(s[0], s[1], y, 0.95);
        assertTrue(planted.lower() > 0, planted.toString());

        // two scorers of equal quality: over 300 samples, the 95% interval of the difference covers 0 about 95% of the time
        int covered = 0, trials = 300;
        Random r = new Random(11);
        for (int t = 0; t < trials; t++) {
            float[] yy = labels(400, 100 + t), a = new float[400], b = new float[400];
            for (int i = 0; i < 400; i++) {
                double common = r.nextGaussian();
                a[i] = (float) (yy[i] + common + r.nextGaussian());
                b[i] = (float) (yy[i] + common + r.nextGaussian());
            }
            Interval i = DeLong.difference(a, b, yy, 0.95);
            if (i.lower() <= 0 && 0 <= i.upper()) covered++;
        }
        assertTrue(covered >= 0.91 * trials && covered <= 0.99 * trials, covered + " of " + trials + " intervals cover 0");
    }

    @Test
    void refusesWhatItCannotScore() {
        var e = assertThrows(IllegalArgumentException.class, () -> DeLong.auc(new float[] {0.1f, 0.2f, 0.3f}, new float[] {1, 0, 0}));
        assertTrue(e.getMessage().contains("two positives and two negatives"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeLong.paired(new float[] {1, 2}, new float[] {1}, new float[] {1, 0}));
        assertTrue(e.getMessage().contains("same rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeLong.auc(new float[] {1, 2, 3, 4}, new float[] {1, 0, 2, 0}));
        assertTrue(e.getMessage().contains("not 0 or 1"), e.getMessage());
    }
}
