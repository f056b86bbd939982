package org.collapselab.analysis;

/**
 * α of α-ReQ (Agrawal et al. 2022): the decay exponent of the row covariance's eigenvalues λ_i = σ_i² (up to a factor)
 * fitted as a power law λ_i ∝ i^−α by least squares of ln λ_i on ln i, over the 1-based indices {@code from..to} whose
 * σ is above numerical zero ({@link #ZERO} σ₁: below it the Gram route resolves nothing, and an SVD gives rounding
 * noise). NaN when fewer than two indices are in the fit (a rank-one table has no decay to fit).
 *
 * @param from first index of the fit (1-based)
 * @param to   last index of the fit, inclusive; {@link Integer#MAX_VALUE} for the last singular value
 */
public record PowerLawDecay(int from, int to) implements CollapseMeasure {
    /** σ_i ≤ 1e-7 σ₁ counts as zero. */
    public static final double ZERO = 1e-7;

    public PowerLawDecay {
        if (from < 1 || to < from) throw new IllegalArgumentException("the fit range must be 1 <= from <= to, got " + from + ".." + to);
    }

    /** The fit over every positive eigenvalue. */
    public static PowerLawDecay allPositive() {
        return new PowerLawDecay(1, Integer.MAX_VALUE);
    }

    @Override
    public String name() {
        return "alpha";
    }

    @Override
    public String definition() {
        return "−slope of ln λ_i on ln i, λ_i = σ_i², i in " + from + ".." + (to == Integer.MAX_VALUE ? "n" : String.valueOf(to))
                + " with σ_i > " + ZERO + " σ₁ (α-ReQ, Agrawal et al. 2022)";
    }

    @Override
    public String range() {
        return "0 (all σ equal) upwards; NaN with fewer than two nonzero σ in the range";
    }

    @Override
    public boolean collapsedWhenLow() {
        return false;
    }

    @Override
    public String collapsed() {
        return "large: the eigenvalues fall off fast, a few directions dominate";
    }

    @Override
    public double of(Spectrum s) {
        double[] sigma = s.values();
        int last = (int) Math.min(to, sigma.length);
        int n = 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = from; i <= last; i++) {
            if (!(sigma[i - 1] > ZERO * sigma[0])) continue;
            double lambda = sigma[i - 1] * sigma[i - 1];
            double x = Math.log(i), y = Math.log(lambda);
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        if (n < 2) return Double.NaN;
        return -(n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
