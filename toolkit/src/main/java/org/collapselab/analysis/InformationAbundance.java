package org.collapselab.analysis;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Information abundance IA(E) = ||σ||₁ / ||σ||∞ of a matrix E (paper, Definition 1): the sum of its
 * singular values over the largest one. It is 1 for a rank-1 matrix and K for a D x K matrix (D ≥ K)
 * with K equal singular values; it does not change when E is scaled. IA of a zero matrix is 0.
 *
 * <pre>{@code
 * double ia  = InformationAbundance.of(table);                          // row-normalised (paper figures)
 * double raw = InformationAbundance.of(table, SpectrumOptions.RAW);     // Definition 1 as written
 * }</pre>
 *
 * For per-field values of a concatenated table, see {@link FieldIA}.
 */
public final class InformationAbundance {
    private InformationAbundance() {
    }

    /** IA of a 2-D float or double matrix (any order or view), with {@link SpectrumOptions#DEFAULT}. */
    public static double of(INDArray matrix) {
        return Spectrum.of(matrix).informationAbundance();
    }

    /** IA of a 2-D float or double matrix (any order or view). */
    public static double of(INDArray matrix, SpectrumOptions options) {
        return Spectrum.of(matrix, options).informationAbundance();
    }

    /** IA of a row-major {@code rows x cols} float array, with {@link SpectrumOptions#DEFAULT}. */
    public static double of(float[] data, int rows, int cols) {
        return Spectrum.of(data, rows, cols).informationAbundance();
    }

    /** IA of a row-major {@code rows x cols} float array. */
    public static double of(float[] data, int rows, int cols, SpectrumOptions options) {
        return Spectrum.of(data, rows, cols, options).informationAbundance();
    }
}
