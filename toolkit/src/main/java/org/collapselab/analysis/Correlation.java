package org.collapselab.analysis;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * Rank correlation, for checking the paper's "increases along j" claims without assuming a linear trend.
 *
 * <pre>{@code
 * double rho = Correlation.spearman(columnSums, rawIA);   // +1: the sums rise exactly in the order of raw IA
 * }</pre>
 */
public final class Correlation {
    private Correlation() {
    }

    /**
     * Spearman's ρ: the Pearson correlation of the ranks, ties given their average rank. NaN when either input is
     * constant (no ranking) or has fewer than two values.
     */
    public static double spearman(double[] a, double[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length) throw new IllegalArgumentException(a.length + " values vs " + b.length);
        for (int i = 0; i < a.length; i++)
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i]))
                throw new IllegalArgumentException("value " + i + " is not finite: " + a[i] + ", " + b[i]);
        if (a.length < 2) return Double.NaN;
        return pearson(ranks(a), ranks(b));
    }

    /** Pearson's r; NaN when either input is constant. */
    public static double pearson(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException(a.length + " values vs " + b.length);
        int n = a.length;
        double ma = Arrays.stream(a).average().orElse(Double.NaN), mb = Arrays.stream(b).average().orElse(Double.NaN);
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** Ranks 1..n, ties given their mean rank (midranks). */
    public static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] r = new double[v.length];
        for (int s = 0; s < order.length; ) {
            int e = s;
            while (e + 1 < order.length && v[order[e + 1]] == v[order[s]]) e++;
            double avg = (s + e) / 2.0 + 1;
            for (int t = s; t <= e; t++) r[order[t]] = avg;
            s = e + 1;
        }
        return r;
    }
}
