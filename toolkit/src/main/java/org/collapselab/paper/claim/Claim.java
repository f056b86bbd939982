package org.collapselab.paper.claim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.collapselab.analysis.stats.Interval;

/**
 * One of the paper's claims judged on a run's numbers: what the paper claims (with its figure or table), the tested
 * parts ({@link Evidence}: a statistic, its interval, the rule it must meet), the verdict and why. A claim of several
 * parts holds when every part holds, fails when some part fails, and is inconclusive otherwise; the part that decides
 * is its {@link #decisive} one, whose statistic, value and interval the claim shows. A claim the input cannot test at
 * all (one size, one set) has no parts and is inconclusive. Built by the functions of this package, shown with
 * {@link ClaimTable}.
 *
 * @param statement what the paper claims, naming its figure or table
 * @param statistic what decides it, e.g. "SE test AUC: largest scale − 1×"
 * @param rule      the rule in words, e.g. "< +0.001"
 * @param evidence  the tested parts, in order
 * @param verdict   held, not held or inconclusive
 * @param reason    the numbers behind the verdict, or why the input cannot decide
 */
public record Claim(String statement, String statistic, String rule, List<Evidence> evidence, Verdict verdict, String reason) {
    private static final MathContext DISPLAY = new MathContext(4);

    public Claim {
        require(statement, "statement");
        require(statistic, "statistic");
        require(rule, "rule");
        require(reason, "reason");
        evidence = List.copyOf(evidence);
        Verdict expected = conjunction(evidence);
        if (verdict != expected)
            throw new IllegalArgumentException("'" + statement + "': verdict " + verdict + " but its evidence gives " + expected);
    }

    private static void require(String s, String what) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException("a claim needs a non-blank " + what + ", got '" + s + "'");
    }

    /** NOT_HELD if a part fails, else INCONCLUSIVE if a part cannot be resolved (or there is none), else HELD. */
    private static Verdict conjunction(List<Evidence> parts) {
        if (parts.isEmpty()) return Verdict.INCONCLUSIVE;
        List<Verdict> v = parts.stream().map(Evidence::verdict).toList();
        return v.contains(Verdict.NOT_HELD) ? Verdict.NOT_HELD : v.contains(Verdict.INCONCLUSIVE) ? Verdict.INCONCLUSIVE : Verdict.HELD;
    }

    /**
     * A claim judged on its parts; the reason lists each part's numbers and reading, then {@code context} (what the
     * numbers were computed from), which may be empty. The claim's statistic and rule are its decisive part's.
     */
    static Claim judge(String statement, List<Evidence> parts, String context) {
        if (parts.isEmpty()) throw new IllegalArgumentException("'" + statement + "': no evidence to judge; use undecidable");
        Verdict v = conjunction(parts);
        Evidence decisive = decisive(parts, v);
        List<String> why = new ArrayList<>();
        for (Evidence e : parts) why.add(e.describe());
        if (!context.isBlank()) why.add(context);
        return new Claim(statement, decisive.statistic(), decisive.rule().toString(), parts, v, String.join("; ", why));
    }

    /** A claim the input cannot test, with the reason (e.g. "one size: no trend with size"). */
    static Claim undecidable(String statement, String statistic, String rule, String reason) {
        return new Claim(statement, statistic, rule, List.of(), Verdict.INCONCLUSIVE, reason);
    }

    /** The first part whose verdict is the claim's. */
    private static Evidence decisive(List<Evidence> parts, Verdict v) {
        return parts.stream().filter(e -> e.verdict() == v).findFirst().orElseThrow();
    }

    /** The part that decides the verdict; empty when nothing could be tested. */
    public Optional<Evidence> decisive() {
        return evidence.isEmpty() ? Optional.empty() : Optional.of(decisive(evidence, verdict));
    }

    /** The decisive part's value; NaN when nothing was tested. */
    public double value() {
        return decisive().map(e -> e.interval().estimate()).orElse(Double.NaN);
    }

    /** The decisive part's interval. */
    public Optional<Interval> interval() {
        return decisive().map(Evidence::interval);
    }

    public boolean held() {
        return verdict == Verdict.HELD;
    }

    /** The value rounded to its interval's resolution, "–" when nothing was tested. */
    public String displayValue() {
        return decisive().map(e -> e.interval().signed(e.interval().estimate())).orElse("–");
    }

    /** "[−0.0101, +0.0013]", "exact" for a value with nothing sampled, "–" when nothing was tested. */
    public String displayInterval() {
        return interval().map(i -> i.isExact() ? "exact" : i.range()).orElse("–");
    }

    /** "DeLong, paired on 10,000 test rows (95%)", "–" when nothing was tested. */
    public String displayTest() {
        return interval().map(i -> i.isExact() ? i.method() : i.method() + " (" + i.levelLabel() + ")").orElse("–");
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
        return verdict.label().toUpperCase(Locale.ROOT) + ": " + statement + " — " + statistic + " = " + displayValue() + " " + displayInterval()
                + " (rule: " + rule + "); " + reason;
    }
}
