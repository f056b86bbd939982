package org.collapselab.paper.claim;

import org.collapselab.analysis.stats.Interval;

/** Every threshold and level the claims use, once, each with the paper's own words behind it. */
public final class Thresholds {
    private Thresholds() {}

    /** Every claim's interval is two-sided at this level. */
    public static final double LEVEL = Interval.LEVEL_95;

    /**
     * A gain in test AUC that counts: "A slightly higher AUC at 0.001-level is regarded significant" (Section 5.2,
     * footnote 2). "Does not scale" means a gain below it, "holds" a change above minus it.
     */
    public static final double SIGNIFICANT_AUC = 0.001;

    /**
     * Learned against random IA (Fig. 2): "the information abundance of learned embedding matrices is extremely low"
     * compared with "randomly initialized matrices" (Section 3). The paper gives no number for "extremely", so the claim
     * tested is that the learned tables' IA is below the random ones': a mean ratio learned / random below 1.
     */
    public static final double BELOW_RANDOM = 1.0;
}
