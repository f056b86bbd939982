package org.collapselab.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What a {@link Linear} layer multiplies by its weight: {@code x·W} for a weight W of shape [in, out]. A layer's
 * producer that can form this product more cheaply than by materialising x and multiplying supplies its own (IPNN
 * folds its pair selection into the weight); any other input is {@link #of} its value.
 */
@FunctionalInterface
public interface LinearInput {
    /** x·w, [B, out], for w [in, out]; {@code out} given because a w computed in the graph has no static shape. */
    SDVariable times(SDVariable w, long out);

    /** x·w for a w of static shape (a variable). */
    default SDVariable times(SDVariable w) {
        return times(w, w.getShape()[1]);
    }

    /** The input x [B, in] as it is. */
    static LinearInput of(SDVariable x) {
        return (w, out) -> x.mmul(w);
    }
}
