package org.collapselab.analysis.stats;

import java.util.Arrays;
import java.util.Objects;

/** Student-t intervals of a mean: over seeds, over fields, paired or as the difference of two groups (Welch). */
public final class Intervals {
    private Intervals() {}

    /**
     * The mean of {@code values} with its t-interval (n − 1 degrees of freedom) at {@code level}; {@code over} names
     * what the values are ("fields", "seeds") for the method text. Refused with fewer than two values: one value has
     * no spread.
     */
    public static Interval mean(double[] values, double level, String over) {
        return mean(values, 0, level, over);
    }

    /**
     * {@link #mean} with {@code sharedVariance} added to the variance of the mean: an error common to every value
     * (the same test rows scored by every seed's run), which averaging over the values does not reduce.
     */
    public static Interval mean(double[] values, double sharedVariance, double level, String over) {
        Objects.requireNonNull(values, over);
        check(values, over);
        if (!(sharedVariance >= 0)) throw new IllegalArgumentException(over + ": shared variance " + sharedVariance + " must be >= 0");
        int n = values.length;
        if (n < 2) throw new IllegalArgumentException("a t-interval needs at least two " + over + ", got " + n);
        double mean = Arrays.stream(values).average().orElseThrow();
        double se = Math.sqrt(sampleVariance(values, mean) / n + sharedVariance), h = Quantiles.t(level, n - 1) * se;
        return new Interval(mean, mean - h, mean + h, level, "t over " + n + " " + over);
    }

    /** The mean of the paired differences {@code a[i] − b[i]} with its t-interval ({@link #mean}). */
    public static Interval pairedMean(double[] a, double[] b, double level, String over) {
        Objects.requireNonNull(a, over);
        Objects.requireNonNull(b, over);
        if (a.length != b.length) throw new IllegalArgumentException("paired over " + over + ": " + a.length + " vs " + b.length + " values");
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) d[i] = a[i] - b[i];
        Interval i = mean(d, level, over);
        return new Interval(i.estimate(), i.lower(), i.upper(), level, i.method() + ", paired");
    }

    /**
     * mean(a) − mean(b) of two independent groups with Welch's t-interval (Welch–Satterthwaite degrees of freedom).
     * Each group needs two values.
     */
    public static Interval welch(double[] a, double[] b, double level, String over) {
        check(a, over);
        check(b, over);
        if (a.length < 2 || b.length < 2) throw new IllegalArgumentException("Welch's interval needs at least two " + over + " per group, got " + a.length + " and " + b.length);
        double ma = Arrays.stream(a).average().orElseThrow(), mb = Arrays.stream(b).average().orElseThrow();
        double va = sampleVariance(a, ma) / a.length, vb = sampleVariance(b, mb) / b.length, se = Math.sqrt(va + vb);
        double df = se == 0 ? a.length + b.length - 2 : Math.pow(va + vb, 2) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double h = Quantiles.t(level, df) * se;
        return new Interval(ma - mb, ma - mb - h, ma - mb + h, level, "Welch t over " + a.length + " and " + b.length + " " + over);
    }

    /**
     * Spearman's ρ over {@code n} pairs with its Fisher-z interval, standard error √(1.06 / (n − 3)) (Fieller, Hartley
     * and Pearson, Biometrika 1957). Needs n ≥ 4.
     */
    public static Interval spearman(double rho, int n, double level) {
        if (!(Math.abs(rho) <= 1)) throw new IllegalArgumentException("Spearman's rho " + rho + " must be in [-1, 1]");
        if (n < 4) throw new IllegalArgumentException("an interval for Spearman's rho needs at least 4 pairs, got " + n);
        double z = atanh(Math.max(-1 + 1e-12, Math.min(1 - 1e-12, rho))), h = Quantiles.normal(level) * Math.sqrt(1.06 / (n - 3));
        return new Interval(rho, Math.min(rho, Math.tanh(z - h)), Math.max(rho, Math.tanh(z + h)), level, "Fisher z over " + n + " fields");
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }

    private static double sampleVariance(double[] v, double mean) {
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        return ss / (v.length - 1);
    }

    private static void check(double[] v, String over) {
        Objects.requireNonNull(v, over);
        for (int i = 0; i < v.length; i++)
            if (!Double.isFinite(v[i])) throw new IllegalArgumentException(over + ", value " + i + ": " + v[i] + " is not finite");
    }
}
