package org.collapselab.nn.embedding;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The seam between the store and a backend: row lookup and the two Adam variants, over every set at once. */
interface TableKernel {
    /**
     * Copies rows {@code indices} of each set into that set's {@code out[m]} [B, F·width] (positions in row-major
     * order; the table interleaves {@code out.length} sets).
     */
    void lookup(Table t, int[] indices, INDArray[] out);

    /** One dense Adam step over every row; {@code g} holds the rows that had a gradient, every set's side by side. */
    void denseAdam(Table t, RowGradient g, AdamStep s);

    /** One Adam step on the rows of {@code g} only. */
    void lazyAdam(Table t, RowGradient g, AdamStep s);
}
