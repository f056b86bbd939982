package org.collapselab.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The paper's hidden layer: Linear → BatchNorm1d → ReLU → Dropout(p). Variables live under
 * {@code scope/linear}, {@code scope/bn}, {@code scope/dropout}.
 */
public final class MlpBlock {
    /** The original code's dropout for every hidden layer. */
    public static final double DEFAULT_DROPOUT = 0.2;
    /**
     * Floats per batch row per unit that a block allocates in a training step (its outputs and BatchNorm's
     * intermediates, forward and backward), for memory estimates: 8, plus 2 for {@link Relu}'s mask and the gradient
     * its product also computes for the mask (with 8, DCNv2 ME 4×'s peak went over its estimate, 2,368 of 2,349 MB).
     */
    public static final int ACTIVATION_FLOATS = 10;

    private final Scope scope;
    private final Linear linear;
    private final BatchNorm1d bn;
    private final Dropout dropout;

    private MlpBlock(Scope scope, long in, long out, double p) {
        this.scope = scope;
        this.linear = Linear.create(scope.child("linear"), in, out);
        this.bn = BatchNorm1d.create(scope.child("bn"), out);
        this.dropout = Dropout.create(scope.child("dropout"), p, out);
    }

    public static MlpBlock create(Scope scope, long in, long out, double dropout) {
        return new MlpBlock(scope, in, out, dropout);
    }

    /** [B, in] → [B, out]. */
    public SDVariable apply(SDVariable x) {
        return apply(LinearInput.of(x));
    }

    /** The block on an input that forms its own product with the block's weight. */
    public SDVariable apply(LinearInput x) {
        // evaluation's BatchNorm is affine: folded into the layer's weights, two passes over [B, out] fewer per block
        SDVariable z;
        if (scope.graph().building() == Graph.Mode.EVAL) {
            BatchNorm1d.Affine norm = bn.evaluation();
            z = linear.apply(x, norm.scale(), norm.shift());
        } else {
            z = bn.apply(linear.apply(x));
        }
        return dropout.apply(Relu.apply(scope, z));
    }

    /**
     * A stack of blocks {@code scope/block0, block1, ...} with the given widths, applied to x; returns the last
     * block's output.
     */
    public static SDVariable stack(Scope scope, SDVariable x, long in, long[] widths, double dropout) {
        SDVariable h = x;
        long width = in;
        for (int i = 0; i < widths.length; i++) {
            h = create(scope.child("block", i), width, widths[i], dropout).apply(h);
            width = widths[i];
        }
        return h;
    }

    public Linear linear() {
        return linear;
    }

    public BatchNorm1d batchNorm() {
        return bn;
    }

    public long parameterCount() {
        return parameterCount(linear.inputs(), linear.outputs());
    }

    /** Trainable parameters of a block in → out (weights, bias, BatchNorm γ and β). */
    public static long parameterCount(long in, long out) {
        return in * out + out + 2 * out;
    }
}
