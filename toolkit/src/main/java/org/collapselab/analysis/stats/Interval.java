package org.collapselab.analysis.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An estimated effect with a two-sided confidence interval: {@code lower ≤ estimate ≤ upper} at {@code level}, and the
 * method that produced it (e.g. "DeLong, paired on 10,000 test rows"). An exact value (nothing sampled) has
 * {@code lower = upper = estimate} and says so in its method.
 *
 * @param estimate the effect
 * @param lower    the interval's lower end
 * @param upper    its upper end
 * @param level    the confidence level, in (0, 1)
 * @param method   how the interval was made, for people
 */
public record Interval(double estimate, double lower, double upper, double level, String method) {
    /** The level every verdict of the toolkit uses. */
    public static final double LEVEL_95 = 0.95;

    public Interval {
        Objects.requireNonNull(method, "method");
        if (!Double.isFinite(estimate) || !Double.isFinite(lower) || !Double.isFinite(upper))
            throw new IllegalArgumentException(method + ": estimate " + estimate + " in [" + lower + ", " + upper + "] must be finite");
        if (lower > estimate || estimate > upper)
            throw new IllegalArgumentException(method + ": estimate " + estimate + " outside its interval [" + lower + ", " + upper + "]");
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException(method + ": level " + level + " must be in (0, 1)");
    }

    /** {@code estimate ± z·se} with z the normal quantile of {@code level}. */
    public static Interval normal(double estimate, double se, double level, String method) {
        if (!(se >= 0)) throw new IllegalArgumentException(method + ": standard error " + se + " must be >= 0");
        double h = Quantiles.normal(level) * se;
        return new Interval(estimate, estimate - h, estimate + h, level, method);
    }

    /** A value with nothing sampled: the interval is the point. */
    public static Interval exact(double value, String method) {
        return new Interval(value, value, value, LEVEL_95, method);
    }

    /** Whether nothing was sampled ({@link #exact}). */
    public boolean isExact() {
        return lower == upper;
    }

    /** Half the interval's width (its "±" when symmetric). */
    public double halfWidth() {
        return (upper - lower) / 2;
    }

    /** "[−0.0012, +0.0051]": both ends rounded to two significant digits of the half width. */
    public String range() {
        return "[" + signed(lower) + ", " + signed(upper) + "]";
    }

    /** "95%". */
    public String levelLabel() {
        return BigDecimal.valueOf(100 * level).stripTrailingZeros().toPlainString() + "%";
    }

    /** "+0.0004 ± 0.0031 at 95% (DeLong, ...)" or "0.53 (exact: ...)". */
    @Override
    public String toString() {
        if (isExact()) return signed(estimate) + " (" + method + ")";
        return signed(estimate) + " " + range() + " at " + levelLabel() + " (" + method + ")";
    }

    /** A number with a sign, rounded to the interval's resolution: two significant digits of its half width. */
    public String signed(double v) {
        String s = round(v);
        return v > 0 && !s.startsWith("+") ? "+" + s : s;
    }

    private String round(double v) {
        if (v == 0) return "0";
        if (isExact() || halfWidth() == 0) return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        int places = Math.min(12, Math.max(0, 1 - (int) Math.floor(Math.log10(halfWidth()))));
        return new BigDecimal(v).setScale(places, RoundingMode.HALF_EVEN).toPlainString();
    }
}
