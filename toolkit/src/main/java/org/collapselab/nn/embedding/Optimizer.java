package org.collapselab.nn.embedding;

/** How the store updates its tables from the gradient of the looked-up rows. */
public enum Optimizer {
    /**
     * PyTorch Adam with coupled L2 ({@code g ← g + wd·θ}) over every row at every step: rows not in the batch
     * still decay and still move on their first and second moments. What the paper's code does; the default.
     */
    DENSE_ADAM,
    /**
     * Adam on the rows of the batch only (duplicate rows' gradients summed, L2 on those rows, bias correction by
     * the global step); other rows and their moments are untouched. Much faster on large tables; not the paper's.
     */
    LAZY_ADAM
}
