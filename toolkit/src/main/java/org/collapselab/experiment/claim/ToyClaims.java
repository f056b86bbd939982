package org.collapselab.experiment.claim;

import java.util.Objects;

/** Fig. 4 (Section 4.1, Appendix A): the toy experiment's claim, from its IA(E1) trajectories. */
public final class ToyClaims {
    static final String STATEMENT = "Fig. 4: interacting with a low-IA field (D3 = 3) collapses E1: IA(E1) ends below the D3 = 100 case and falls";

    private ToyClaims() {
    }

    /**
     * Held when, after training, IA(E1) with D3 = 3 ("Small") is below IA(E1) with D3 = 100 ("Large") and below its own
     * start. Inconclusive with fewer than two recorded points (nothing trained).
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
        String statistic = "IA(E1) after training: D3 = 3 minus D3 = 100", rule = "< 0, and IA(E1) with D3 = 3 below its start";
        if (small.length < 2)
            return Claim.inconclusive(STATEMENT, statistic, Double.NaN, rule, small.length + " recorded point(s): no training to judge");
        int last = small.length - 1;
        double gap = small[last] - large[last];
        boolean lower = gap < 0, fell = small[last] < small[0];
        return Claim.decided(STATEMENT, statistic, gap, rule, lower && fell, "IA(E1) " + Claim.number(small[0]) + " → " + Claim.number(small[last])
                + " with D3 = 3, " + Claim.number(large[0]) + " → " + Claim.number(large[last]) + " with D3 = 100; Small "
                + (lower ? "ends below" : "does not end below") + " Large and " + (fell ? "fell" : "did not fall"));
    }
}
