package org.collapselab.analysis;

import java.util.List;

/**
 * One number that says how collapsed a table is, computed from its singular values σ₁ ≥ … ≥ σ_n ({@link Spectrum}; so
 * with or without row normalisation, as its {@link SpectrumOptions} say). It describes itself, so tables, reports and
 * plots list measures without special cases; adding a measure is one class.
 *
 * <pre>{@code
 * for (CollapseMeasure m : CollapseMeasure.standard()) System.out.println(m.name() + " = " + m.of(spectrum));
 * }</pre>
 */
public interface CollapseMeasure {
    /** A short name, usable as a column name ({@code ia}, {@code effective_rank}, ...). */
    String name();

    /** The definition, in terms of σ (and λ = σ², the eigenvalues of the row covariance up to a factor). */
    String definition();

    /** The values it takes on a D × K table with n = min(D, K) singular values, and on a zero table. */
    String range();

    /** What a collapsed table looks like in this measure. */
    String collapsed();

    /** Whether low values mean collapse (IA and the ranks); false where high values do (the decay exponent α). */
    default boolean collapsedWhenLow() {
        return true;
    }

    /**
     * How far from collapse a value is, relative to the random table's value of the same field, oriented so that
     * higher is always less collapsed: value / random where low means collapse (1 = as spread as random), else
     * random − value (a ratio of decay exponents near 0 would be unstable).
     */
    default double relativeToRandom(double value, double random) {
        return collapsedWhenLow() ? value / random : random - value;
    }

    /** The value for {@code spectrum}. */
    double of(Spectrum spectrum);

    /**
     * IA, effective rank, stable rank, numerical rank (relative tolerance {@link NumericalRank#DEFAULT_TOLERANCE}) and
     * the power-law decay α over every nonzero singular value, in that order.
     */
    static List<CollapseMeasure> standard() {
        return standard(NumericalRank.DEFAULT_TOLERANCE);
    }

    /** The {@link #standard()} measures with the numerical rank's relative tolerance {@code tolerance}. */
    static List<CollapseMeasure> standard(double tolerance) {
        return List.of(new InformationAbundanceMeasure(), new EffectiveRank(), new StableRank(), new NumericalRank(tolerance), PowerLawDecay.allPositive());
    }
}
