package org.collapselab.analysis;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The singular values σ₁ ≥ σ₂ ≥ … ≥ 0 of a D x K matrix: min(D, K) of them.
 *
 * <pre>{@code
 * Spectrum s = Spectrum.of(table);                 // row-normalised, Gram route (SpectrumOptions.DEFAULT)
 * double[] curve = s.normalized();                 // σ / σ_max, for a spectrum plot (paper Fig. 1b)
 * double ia = s.informationAbundance();            // ||σ||₁ / ||σ||∞ (paper Definition 1)
 * }</pre>
 *
 * @param values the singular values, descending, finite and non-negative (copied; the accessor returns a copy)
 */
public record Spectrum(double[] values) {

    public Spectrum {
        Objects.requireNonNull(values, "values");
        if (values.length == 0) throw new IllegalArgumentException("a spectrum needs at least one singular value");
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v) || v < 0)
                throw new IllegalArgumentException("singular value " + i + " is " + v + "; must be finite and >= 0");
            if (i > 0 && v > values[i - 1])
                throw new IllegalArgumentException("singular values must be descending: value " + i + " (" + v
                        + ") > value " + (i - 1) + " (" + values[i - 1] + ")");
        }
    }

    /** Singular values of a 2-D float or double matrix (any order or view), with {@link SpectrumOptions#DEFAULT}. */
    public static Spectrum of(INDArray matrix) {
        return of(matrix, SpectrumOptions.DEFAULT);
    }

    /** Singular values of a 2-D float or double matrix (any order or view). */
    public static Spectrum of(INDArray matrix, SpectrumOptions options) {
        return of(Rows.of(matrix), options);
    }

    /** Singular values of a row-major {@code rows x cols} float array, with {@link SpectrumOptions#DEFAULT}. */
    public static Spectrum of(float[] data, int rows, int cols) {
        return of(data, rows, cols, SpectrumOptions.DEFAULT);
    }

    /** Singular values of a row-major {@code rows x cols} float array. */
    public static Spectrum of(float[] data, int rows, int cols, SpectrumOptions options) {
        return of(Rows.of(data, rows, cols), options);
    }

    static Spectrum of(Rows rows, SpectrumOptions options) {
        Objects.requireNonNull(options, "options");
        double[] sigma = switch (options.solver()) {
            case GRAM -> Decomposition.viaGram(rows, options.unitRows());
            case SVD -> Decomposition.viaSvd(rows, options.unitRows());
        };
        return new Spectrum(sigma);
    }

    /** A copy of the singular values, descending. */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** Number of singular values: min(rows, cols) of the matrix. */
    public int size() {
        return values.length;
    }

    /** The largest singular value, ||σ||∞. */
    public double max() {
        return values[0];
    }

    /** The sum of the singular values, ||σ||₁. */
    public double sum() {
        double s = 0;
        for (double v : values) s += v;
        return s;
    }

    /** σ / σ_max, descending from 1; all zeros for a zero matrix. */
    public double[] normalized() {
        double[] n = new double[values.length];
        if (values[0] == 0) return n;
        for (int i = 0; i < n.length; i++) n[i] = values[i] / values[0];
        return n;
    }

    /**
     * Information abundance ||σ||₁ / ||σ||∞, between 1 and {@link #size()}.
     * Defined as 0 for a zero matrix: like its rank (||σ||₀, which IA extends), it spans no direction.
     */
    public double informationAbundance() {
        return values[0] == 0 ? 0 : sum() / values[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spectrum s && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Spectrum" + Arrays.toString(values);
    }
}
