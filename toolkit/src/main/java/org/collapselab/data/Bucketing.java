package org.collapselab.data;

/**
 * Criteo's numeric tokeniser, as the paper's released code has it: a value {@code v > 2} becomes
 * {@code floor(ln(v)^2)}, any other value becomes {@code v - 2} (2, 1, 0, -1 map to 0, -1, -2, -3).
 * For integers the two ranges never collide: {@code v >= 3} gives tokens {@code >= 1}.
 * A missing value is not a number and gets its own token (see {@link CtrFormat}).
 */
public final class Bucketing {
    private Bucketing() {}

    /** Token of an integer count. */
    public static long criteoToken(long v) {
        if (v > 2) {
            double l = Math.log((double) v);
            return (long) Math.floor(l * l);
        }
        return v - 2;
    }

    /**
     * Token of a value written as a decimal (DeepCTR's CSV writes {@code 260.0}). Non-integral values
     * are truncated towards negative infinity first, as {@code int(float(v))} would for the counts Criteo has.
     */
    public static long criteoToken(double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("numeric value is not finite: " + v);
        return criteoToken((long) Math.floor(v));
    }
}
