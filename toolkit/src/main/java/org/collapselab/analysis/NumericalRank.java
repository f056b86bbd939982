package org.collapselab.analysis;

/**
 * The numerical rank: how many singular values exceed {@code tolerance} × σ₁ (strictly). The tolerance is relative;
 * the default, 1e-3, lies well above what the Gram route resolves (about 1e-7 σ₁, {@link SpectrumOptions.Solver#GRAM})
 * and below what a trained table's noise floor usually is.
 *
 * @param tolerance relative to σ₁, in (0, 1)
 */
public record NumericalRank(double tolerance) implements CollapseMeasure {
    /** σ_i counts when σ_i > 1e-3 σ₁. */
    public static final double DEFAULT_TOLERANCE = 1e-3;

    public NumericalRank {
        if (!(tolerance > 0 && tolerance < 1)) throw new IllegalArgumentException("the numerical rank's tolerance must be in (0, 1), got " + tolerance);
    }

    @Override
    public String name() {
        return "numerical_rank";
    }

    @Override
    public String definition() {
        return "#{i : σ_i > " + tolerance + " σ₁}";
    }

    @Override
    public String range() {
        return "1 to n (integers); 0 for a zero table";
    }

    @Override
    public String collapsed() {
        return "below n: some directions are (numerically) unused";
    }

    @Override
    public double of(Spectrum s) {
        double bar = tolerance * s.max();
        int n = 0;
        for (double v : s.values()) if (v > bar) n++;
        return s.max() == 0 ? 0 : n;
    }
}
