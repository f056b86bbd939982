package org.collapselab.model;

/**
 * A model whose estimated training memory is over the budget, refused before anything large is allocated. A sweep
 * can leave such a cell out and go on, as the paper left out NFwFM 10× on Avazu ("exceeds our GPU memory limit").
 */
public final class ModelTooLargeException extends IllegalStateException {
    private final transient MemoryEstimate estimate;
    private final long budget;

    ModelTooLargeException(String message, MemoryEstimate estimate, long budget) {
        super(message);
        this.estimate = estimate;
        this.budget = budget;
    }

    public MemoryEstimate estimate() {
        return estimate;
    }

    /** Bytes the model was allowed. */
    public long budget() {
        return budget;
    }
}
