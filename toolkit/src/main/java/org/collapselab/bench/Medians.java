package org.collapselab.bench;

import java.util.Arrays;

/** The one statistic the benchmarks report: the median of repeated timings (robust to a noisy, shared machine). */
final class Medians {
    private Medians() {}

    static double of(double[] v) {
        if (v.length == 0) throw new IllegalArgumentException("no values to take the median of");
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
