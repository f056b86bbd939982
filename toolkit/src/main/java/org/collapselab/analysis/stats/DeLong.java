package org.collapselab.analysis.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.collapselab.analysis.Correlation;

/**
 * DeLong's nonparametric variance of the ROC AUC (DeLong, DeLong and Clarke-Pearson, Biometrics 1988), computed in
 * O(n log n) with midranks (Sun and Xu, IEEE SPL 2014): the AUC of one scorer with its interval, and the difference of
 * two scorers' AUCs on the same rows with the interval of the paired difference. Ties between a positive and a
 * negative count one half, as in the Mann–Whitney AUC.
 */
public final class DeLong {
    private DeLong() {}

    /** One scorer: its AUC and DeLong's variance of it. */
    public record Auc(double auc, double variance) {}

    /** AUC of {@code scores} against 0/1 {@code labels} with DeLong's variance. */
    public static Auc auc(float[] scores, float[] labels) {
        Components c = components(scores, labels, "scores");
        double s10 = variance(c.v10), s01 = variance(c.v01);
        return new Auc(c.auc, s10 / c.v10.length + s01 / c.v01.length);
    }

    /** The AUC of {@code scores} with its normal interval at {@code level}. */
    public static Interval interval(float[] scores, float[] labels, double level) {
        Auc a = auc(scores, labels);
        return Interval.normal(a.auc(), Math.sqrt(a.variance()), level, "DeLong, " + rows(labels));
    }

    /** A paired difference AUC(a) − AUC(b) on the same rows and DeLong's variance of it. */
    public record Paired(double difference, double variance) {}

    /**
     * AUC(a) − AUC(b) of two scorers of the same rows, with DeLong's variance of the paired difference: the covariance
     * of the two AUCs on shared rows is taken out, so a small but consistent difference is resolved where two separate
     * intervals would overlap.
     */
    public static Paired paired(float[] a, float[] b, float[] labels) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length) throw new IllegalArgumentException("paired scores need the same rows: " + a.length + " vs " + b.length);
        Components ca = components(a, labels, "first scores"), cb = components(b, labels, "second scores");
        double var = (variance(ca.v10) + variance(cb.v10) - 2 * covariance(ca.v10, cb.v10)) / ca.v10.length
                + (variance(ca.v01) + variance(cb.v01) - 2 * covariance(ca.v01, cb.v01)) / ca.v01.length;
        return new Paired(ca.auc - cb.auc, Math.max(0, var));
    }

    /** {@link #paired} as a normal interval at {@code level}. */
    public static Interval difference(float[] a, float[] b, float[] labels, double level) {
        Paired p = paired(a, b, labels);
        return Interval.normal(p.difference(), Math.sqrt(p.variance()), level, "DeLong, paired on " + rows(labels));
    }

    /** "10,000 test rows (2,561 positive)". */
    public static String rows(float[] labels) {
        int pos = 0;
        for (float y : labels) if (y > 0.5f) pos++;
        return String.format(Locale.ROOT, "%,d test rows (%,d positive)", labels.length, pos);
    }

    /** The AUC and its structural components: V10 per positive, V01 per negative. */
    private record Components(double auc, double[] v10, double[] v01) {}

    private static Components components(float[] scores, float[] labels, String what) {
        Objects.requireNonNull(scores, what);
        Objects.requireNonNull(labels, "labels");
        if (scores.length != labels.length) throw new IllegalArgumentException(scores.length + " " + what + " but " + labels.length + " labels");
        int m = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0f && labels[i] != 1f) throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", not 0 or 1");
            if (!Float.isFinite(scores[i])) throw new IllegalArgumentException(what + ", row " + i + ": " + scores[i] + " is not finite");
            if (labels[i] == 1f) m++;
        }
        int n = labels.length - m;
        if (m < 2 || n < 2) throw new IllegalArgumentException("DeLong's variance needs at least two positives and two negatives, got " + m + " and " + n);
        double[] x = new double[m], y = new double[n];
        for (int i = 0, p = 0, q = 0; i < labels.length; i++) if (labels[i] == 1f) x[p++] = scores[i]; else y[q++] = scores[i];
        double[] all = new double[m + n];
        System.arraycopy(x, 0, all, 0, m);
        System.arraycopy(y, 0, all, m, n);
        double[] tx = Correlation.ranks(x), ty = Correlation.ranks(y), tz = Correlation.ranks(all);
        double[] v10 = new double[m], v01 = new double[n];
        double sum = 0;
        for (int i = 0; i < m; i++) {
            v10[i] = (tz[i] - tx[i]) / n;    // share of negatives below positive i, ties one half
            sum += tz[i];
        }
        for (int j = 0; j < n; j++) v01[j] = 1 - (tz[m + j] - ty[j]) / m;    // share of positives above negative j
        return new Components((sum - m * (m + 1) / 2.0) / ((double) m * n), v10, v01);
    }

    private static double variance(double[] v) {
        return covariance(v, v);
    }

    private static double covariance(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow(), mb = Arrays.stream(b).average().orElseThrow(), s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
        return s / (a.length - 1);
    }
}
