package org.collapselab.paper.claim;

import org.collapselab.analysis.stats.Interval;

/**
 * What a claim's statistic must be for the claim to hold: above or below a threshold. Judged on an interval: held when
 * the whole interval is on the claim's side, not held when the whole interval is on the other side (an exact value on
 * the threshold counts as the other side), inconclusive when the interval contains the threshold.
 *
 * @param above     true for "> threshold", false for "< threshold"
 * @param threshold the value the statistic is compared with
 */
public record Rule(boolean above, double threshold) {
    public Rule {
        if (!Double.isFinite(threshold)) throw new IllegalArgumentException("a rule's threshold must be finite, got " + threshold);
    }

    public static Rule above(double threshold) {
        return new Rule(true, threshold);
    }

    public static Rule below(double threshold) {
        return new Rule(false, threshold);
    }

    public Verdict judge(Interval i) {
        if (above) return i.lower() > threshold ? Verdict.HELD : i.upper() <= threshold ? Verdict.NOT_HELD : Verdict.INCONCLUSIVE;
        return i.upper() < threshold ? Verdict.HELD : i.lower() >= threshold ? Verdict.NOT_HELD : Verdict.INCONCLUSIVE;
    }

    @Override
    public String toString() {
        return (above ? "> " : "< ") + (threshold > 0 ? "+" : "") + Claim.number(threshold);
    }
}
