package org.collapselab.experiment.claim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * One of the paper's claims judged on a run's numbers: what the paper claims (with its figure or table), the statistic
 * that decides it, the rule it must meet, the verdict and why. Built by the functions of this package
 * ({@link ToyClaims}, {@link SpectraClaims}, ...), shown with {@link ClaimTable}.
 *
 * @param statement what the paper claims, naming its figure or table, e.g. "Fig. 5: regularisation raises IA"
 * @param statistic what was measured, e.g. "smallest IA gain over sizes (regularised / plain − 1)"
 * @param value     the statistic's value; NaN only when the verdict is {@link Verdict#INCONCLUSIVE} (nothing to measure)
 * @param threshold the rule the statistic must meet for the claim to hold, e.g. "> 0 at every size"
 * @param verdict   held, not held or inconclusive
 * @param reason    the numbers behind the verdict, or why the input cannot decide (e.g. "one size: no trend with size")
 */
public record Claim(String statement, String statistic, double value, String threshold, Verdict verdict, String reason) {
    private static final MathContext DISPLAY = new MathContext(4);

    public Claim {
        require(statement, "statement");
        require(statistic, "statistic");
        require(threshold, "threshold");
        require(reason, "reason");
        Objects.requireNonNull(verdict, "verdict of '" + statement + "'");
        if (Double.isInfinite(value) || Double.isNaN(value) && verdict != Verdict.INCONCLUSIVE)
            throw new IllegalArgumentException("'" + statement + "': statistic '" + statistic + "' = " + value
                    + "; only an inconclusive claim may lack a finite value");
    }

    private static void require(String s, String what) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException("a claim needs a non-blank " + what + ", got '" + s + "'");
    }

    /** A decided claim: {@link Verdict#HELD} when {@code held}, else {@link Verdict#NOT_HELD}. */
    static Claim decided(String statement, String statistic, double value, String threshold, boolean held, String reason) {
        return new Claim(statement, statistic, value, threshold, Verdict.of(held), reason);
    }

    /** A claim the input cannot decide, with what was measured so far ({@code value}, NaN if nothing). */
    static Claim inconclusive(String statement, String statistic, double value, String threshold, String reason) {
        return new Claim(statement, statistic, value, threshold, Verdict.INCONCLUSIVE, reason);
    }

    public boolean held() {
        return verdict == Verdict.HELD;
    }

    /** The statistic's value for display, {@link #number}. */
    public String displayValue() {
        return number(value);
    }

    /** A number for display: 4 significant digits, no exponent, trailing zeros dropped; "–" for NaN. */
    public static String number(double v) {
        if (Double.isNaN(v)) return "–";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == 0) return "0";
        return BigDecimal.valueOf(v).round(DISPLAY).stripTrailingZeros().toPlainString();
    }

    /** {@link #number} with a sign, for differences. */
    public static String signed(double v) {
        return v > 0 ? "+" + number(v) : number(v);
    }

    @Override
    public String toString() {
        return verdict.label().toUpperCase(java.util.Locale.ROOT) + ": " + statement + " — " + statistic + " = " + displayValue()
                + " (rule: " + threshold + "); " + reason;
    }
}
