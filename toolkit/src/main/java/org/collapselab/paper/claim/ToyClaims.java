package org.collapselab.paper.claim;

import java.util.List;
import java.util.Objects;
import org.collapselab.analysis.stats.Interval;

/** Fig. 4 (Section 4.1, Appendix A): the toy experiment's claim, from its IA(E1) trajectories. */
public final class ToyClaims {
    static final String STATEMENT = "Fig. 4: interacting with a low-IA field (D3 = 3) collapses E1: IA(E1) ends below the D3 = 100 case and falls";

    private ToyClaims() {
    }

    /**
     * Held when, after training, IA(E1) with D3 = 3 ("Small") is below IA(E1) with D3 = 100 ("Large") and below its own
     * start. The toy is full-batch training on a fixed table: nothing is sampled from a test set, so each value is exact
     * for its seed (the spread over seeds is not measured). Inconclusive with fewer than two recorded points.
     *
     * @param small IA(E1) per recorded iteration with D3 = 3, the first before training
     * @param large the same with D3 = 100, at the same iterations
     */
    public static Claim lowIaFieldCollapses(double[] small, double[] large) {
        Objects.requireNonNull(small, "small");
        Objects.requireNonNull(large, "large");
        if (small.length != large.length)
            throw new IllegalArgumentException("the trajectories have " + small.length + " and " + large.length + " points; they must be recorded at the same iterations");
        for (int i = 0; i < small.length; i++)
            if (!Double.isFinite(small[i]) || !Double.isFinite(large[i]))
                throw new IllegalArgumentException("point " + i + ": IA(E1) " + small[i] + " (D3 = 3), " + large[i] + " (D3 = 100) must be finite");
        if (small.length < 2)
            return Claim.undecidable(STATEMENT, "IA(E1) after training: D3 = 3 minus D3 = 100", "< 0", small.length + " recorded point(s): no training to judge");
        int last = small.length - 1;
        String exact = "exact: one full-batch trajectory, seed-to-seed spread not measured";
        return Claim.judge(STATEMENT, List.of(
                new Evidence("IA(E1) after training: D3 = 3 minus D3 = 100", Interval.exact(small[last] - large[last], exact), Rule.below(0)),
                new Evidence("IA(E1) with D3 = 3: end − start", Interval.exact(small[last] - small[0], exact), Rule.below(0))),
                "IA(E1) " + Claim.number(small[0]) + " → " + Claim.number(small[last]) + " with D3 = 3, " + Claim.number(large[0]) + " → "
                        + Claim.number(large[last]) + " with D3 = 100");
    }
}
