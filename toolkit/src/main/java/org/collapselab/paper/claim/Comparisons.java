package org.collapselab.paper.claim;

import java.util.List;
import java.util.Objects;
import org.collapselab.analysis.stats.DeLong;
import org.collapselab.analysis.stats.Interval;
import org.collapselab.analysis.stats.Intervals;
import org.collapselab.train.Predictions;

/** The two comparisons the claims are made of: test AUC between runs on the same rows, and IA between tables over fields. */
public final class Comparisons {
    private Comparisons() {}

    /**
     * Mean AUC(a) − AUC(b) over seeds, runs paired by seed (the lists in the same seed order), every run on the same
     * test rows. With one seed: DeLong's paired interval, which covers the test sample only. With n ≥ 2 seeds: a
     * t-interval (n − 1 degrees of freedom) whose variance adds the spread of the per-seed differences over n to the
     * mean DeLong variance of one difference, taken as shared by all seeds (they score the same test rows), so it
     * covers both the seeds and the test sample.
     */
    public static Interval auc(String what, List<Predictions> a, List<Predictions> b) {
        Objects.requireNonNull(a, what);
        Objects.requireNonNull(b, what);
        if (a.isEmpty() || a.size() != b.size())
            throw new IllegalArgumentException(what + ": " + a.size() + " and " + b.size() + " runs; the comparison pairs one run of each per seed");
        int n = a.size();
        for (int s = 0; s < n; s++) {
            a.get(s).requireSameRows(b.get(s), what);
            a.get(s).requireSameRows(a.get(0), what);
        }
        if (n == 1) return DeLong.difference(a.get(0).scores(), b.get(0).scores(), a.get(0).labels(), Thresholds.LEVEL);
        double[] d = new double[n];
        double testVariance = 0;
        for (int s = 0; s < n; s++) {
            DeLong.Paired p = DeLong.paired(a.get(s).scores(), b.get(s).scores(), a.get(s).labels());
            d[s] = p.difference();
            testVariance += p.variance() / n;
        }
        Interval i = Intervals.mean(d, testVariance, Thresholds.LEVEL, "seeds");
        return new Interval(i.estimate(), i.lower(), i.upper(), i.level(), i.method() + " of the paired differences plus DeLong's variance of "
                + DeLong.rows(a.get(0).labels()));
    }

    /**
     * Mean test AUC over seeds with its interval, as {@link #auc} makes them: DeLong's with one seed, with several a
     * t-interval over seeds plus the mean DeLong variance (the seeds share the test rows). What a chart's error bar shows.
     */
    public static Interval meanAuc(String what, List<Predictions> runs) {
        Objects.requireNonNull(runs, what);
        if (runs.isEmpty()) throw new IllegalArgumentException(what + ": no run");
        if (runs.size() == 1) return DeLong.interval(runs.get(0).scores(), runs.get(0).labels(), Thresholds.LEVEL);
        double[] auc = new double[runs.size()];
        double testVariance = 0;
        for (int s = 0; s < auc.length; s++) {
            runs.get(s).requireSameRows(runs.get(0), what);
            DeLong.Auc a = DeLong.auc(runs.get(s).scores(), runs.get(s).labels());
            auc[s] = a.auc();
            testVariance += a.variance() / auc.length;
        }
        Interval i = Intervals.mean(auc, testVariance, Thresholds.LEVEL, "seeds");
        return new Interval(i.estimate(), i.lower(), i.upper(), i.level(), i.method() + " plus DeLong's variance of " + DeLong.rows(runs.get(0).labels()));
    }

    /**
     * Mean over fields of a − b, IA per field averaged over seeds first ({@code [seed][field]}), with a paired
     * t-interval over the fields: the spread over fields is the uncertainty (and over seeds where there are several,
     * through the per-field means).
     */
    public static Interval fields(String what, double[][] a, double[][] b) {
        double[] ma = seedMeans(what, a), mb = seedMeans(what, b);
        if (ma.length != mb.length) throw new IllegalArgumentException(what + ": " + ma.length + " fields vs " + mb.length);
        if (ma.length < 2) throw new IllegalArgumentException(what + ": a comparison over fields needs at least two fields, got " + ma.length);
        Interval i = Intervals.pairedMean(ma, mb, Thresholds.LEVEL, "fields");
        return a.length == 1 ? i : new Interval(i.estimate(), i.lower(), i.upper(), i.level(), i.method() + ", IA means over " + a.length + " seeds");
    }

    /** Per field, the mean over seeds of {@code v[seed][field]}. */
    static double[] seedMeans(String what, double[][] v) {
        Objects.requireNonNull(v, what);
        if (v.length == 0) throw new IllegalArgumentException(what + ": no seed");
        double[] m = new double[v[0].length];
        for (double[] seed : v) {
            if (seed.length != m.length) throw new IllegalArgumentException(what + ": seeds with " + m.length + " and " + seed.length + " fields");
            for (int f = 0; f < m.length; f++) {
                if (!Double.isFinite(seed[f])) throw new IllegalArgumentException(what + ", field " + f + ": " + seed[f] + " is not finite");
                m[f] += seed[f] / v.length;
            }
        }
        return m;
    }
}
