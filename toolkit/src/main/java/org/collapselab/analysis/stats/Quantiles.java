package org.collapselab.analysis.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/** Two-sided quantiles of the normal and Student's t distributions (Commons Math). */
final class Quantiles {
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private Quantiles() {}

    /** z with P(|Z| ≤ z) = level: 1.95996 for 0.95. */
    static double normal(double level) {
        check(level);
        return NORMAL.inverseCumulativeProbability(0.5 + level / 2);
    }

    /** t with P(|T| ≤ t) = level for {@code df} degrees of freedom: 12.706 for 0.95 and 1. */
    static double t(double level, double df) {
        check(level);
        if (!(df > 0)) throw new IllegalArgumentException("degrees of freedom " + df + " must be > 0");
        return new TDistribution(null, df).inverseCumulativeProbability(0.5 + level / 2);
    }

    private static void check(double level) {
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level " + level + " must be in (0, 1)");
    }
}
