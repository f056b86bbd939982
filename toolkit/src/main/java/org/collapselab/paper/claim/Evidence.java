package org.collapselab.paper.claim;

import java.util.Objects;
import org.collapselab.analysis.stats.Interval;

/**
 * One tested part of a claim: a statistic with its interval and the rule it must meet, e.g. "ME − SE test AUC at 4×"
 * with a DeLong interval and "> 0".
 *
 * @param statistic what was measured
 * @param interval  its value and interval, with the level and method
 * @param rule      what it must be for this part to hold
 */
public record Evidence(String statistic, Interval interval, Rule rule) {
    public Evidence {
        if (statistic == null || statistic.isBlank()) throw new IllegalArgumentException("evidence needs a statistic, got '" + statistic + "'");
        Objects.requireNonNull(interval, "interval of '" + statistic + "'");
        Objects.requireNonNull(rule, "rule of '" + statistic + "'");
    }

    public Verdict verdict() {
        return rule.judge(interval);
    }

    /** The numbers and what they say, e.g. "ME − SE at 4×: −0.0044 [−0.0101, +0.0013] at 95% (DeLong, ...), rule > 0: cannot resolve". */
    public String describe() {
        String reading = switch (verdict()) {
            case HELD -> "meets " + rule;
            case NOT_HELD -> interval.isExact() ? "fails " + rule : "fails " + rule + " (the whole interval is on the other side)";
            case INCONCLUSIVE -> "the interval contains " + Claim.number(rule.threshold()) + ", so the data cannot resolve " + rule;
        };
        return statistic + ": " + interval + "; " + reading;
    }
}
