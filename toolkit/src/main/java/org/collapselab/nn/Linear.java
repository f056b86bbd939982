package org.collapselab.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A dense layer {@code y = x W + b} with W of shape [in, out] (PyTorch stores the transpose; the distribution is
 * the same). Variables: {@code scope/w}, {@code scope/b}.
 */
public final class Linear {
    private final SDVariable w;
    private final SDVariable b;

    private Linear(SDVariable w, SDVariable b) {
        this.w = w;
        this.b = b;
    }

    /** PyTorch's default {@code nn.Linear}: weight and bias U(±1/√in). */
    public static Linear create(Scope scope, long in, long out) {
        return create(scope, in, out, Init.torchDefault(in), Init.torchDefault(in));
    }

    public static Linear create(Scope scope, long in, long out, Init weight, Init bias) {
        if (in < 1 || out < 1) throw new IllegalArgumentException("Linear " + scope + ": sizes must be >= 1, got " + in + " -> " + out);
        return new Linear(scope.variable("w", weight, in, out), scope.variable("b", bias, 1, out));
    }

    /** A layer without bias. */
    public static Linear createNoBias(Scope scope, long in, long out, Init weight) {
        if (in < 1 || out < 1) throw new IllegalArgumentException("Linear " + scope + ": sizes must be >= 1, got " + in + " -> " + out);
        return new Linear(scope.variable("w", weight, in, out), null);
    }

    /** [B, in] → [B, out]. */
    public SDVariable apply(SDVariable x) {
        return apply(LinearInput.of(x));
    }

    /** x·W (+ b), with x·W formed by the input. */
    public SDVariable apply(LinearInput x) {
        SDVariable y = x.times(w);
        return b == null ? y : y.add(b);
    }

    /**
     * (x·W + b)·scale + shift for [1, out] scale and shift, as x·(W ⊙ scale) + (b ⊙ scale + shift): an affine map after
     * the layer folded into its weights, so the batch sees one product and one add (for a layer without gradients:
     * W ⊙ scale is a broadcasting multiply, whose backward SameDiff M2.1 runs slowly).
     */
    public SDVariable apply(LinearInput x, SDVariable scale, SDVariable shift) {
        SDVariable y = x.times(w.mul(scale), outputs());
        return y.add(b == null ? shift : b.mul(scale).add(shift));
    }

    public SDVariable weight() {
        return w;
    }

    /** The bias, or {@code null} for a layer created without one. */
    public SDVariable bias() {
        return b;
    }

    public long inputs() {
        return w.getShape()[0];
    }

    public long outputs() {
        return w.getShape()[1];
    }

    public long parameterCount() {
        return inputs() * outputs() + (b == null ? 0 : outputs());
    }
}
