package org.collapselab.analysis;

import java.util.Objects;

/**
 * How a matrix is turned into singular values.
 *
 * <p>{@link #DEFAULT} is what the paper's figures used: every row scaled to unit length first
 * (the co-author's analysis notebook does this; Definition 1 of the paper does not), singular
 * values from the Gram matrix. {@link #RAW} is Definition 1 as written.
 *
 * <pre>{@code
 * SpectrumOptions.DEFAULT                          // row-normalised, Gram route
 * SpectrumOptions.RAW                              // no row normalisation
 * SpectrumOptions.DEFAULT.with(Solver.SVD)         // row-normalised, direct LAPACK SVD
 * }</pre>
 *
 * @param rows   what is done to each row before the decomposition
 * @param solver how the singular values are computed
 */
public record SpectrumOptions(RowScaling rows, Solver solver) {

    /** What is done to each row of the matrix before the decomposition. */
    public enum RowScaling {
        /** Each row scaled to unit L2 norm; all-zero rows stay zero (the paper's figures). */
        UNIT_NORM,
        /** Rows used as they are (the paper's Definition 1). */
        NONE
    }

    /** How singular values are computed. */
    public enum Solver {
        /**
         * Eigenvalues of the K x K Gram matrix EᵀE accumulated in double precision; σ = sqrt(max(λ, 0)).
         * Fast for tall tables; singular values below about 1e-7·σ_max are not resolved.
         */
        GRAM,
        /** LAPACK gesvd on a double copy: accurate down to the smallest singular value, several times slower. */
        SVD
    }

    /** Row-normalised, Gram route: what the paper's figures used. */
    public static final SpectrumOptions DEFAULT = new SpectrumOptions(RowScaling.UNIT_NORM, Solver.GRAM);

    /** No row normalisation (Definition 1 as written), Gram route. */
    public static final SpectrumOptions RAW = new SpectrumOptions(RowScaling.NONE, Solver.GRAM);

    public SpectrumOptions {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(solver, "solver");
    }

    /** These options with another row scaling. */
    public SpectrumOptions with(RowScaling rows) {
        return new SpectrumOptions(rows, solver);
    }

    /** These options with another solver. */
    public SpectrumOptions with(Solver solver) {
        return new SpectrumOptions(rows, solver);
    }

    boolean unitRows() {
        return rows == RowScaling.UNIT_NORM;
    }
}
