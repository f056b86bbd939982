package org.collapselab.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout as PyTorch: in training each unit is kept with probability 1−p and scaled by 1/(1−p).
 *
 * <p>SameDiff M2.1's dropout ops have no gradient ({@code doDiff} throws), so the layer multiplies by a mask held
 * in a graph constant. {@link Graph#prepare} redraws the mask ([B, n], from the graph's own seeded RNG) before
 * each training step and sets it to ones ([1, n], broadcast) for evaluation or when dropout is switched off. The EVAL
 * pass of a graph ({@link Graph#build}) has no dropout op at all.
 */
public final class Dropout {
    private final Scope scope;
    private final double p;
    private final long n;
    private SDVariable mask;
    private INDArray ones, drawn;

    private Dropout(Scope scope, double p, long n) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("dropout " + scope + ": p must be in [0, 1), got " + p);
        if (n < 1) throw new IllegalArgumentException("dropout " + scope + ": features must be >= 1, got " + n);
        this.scope = scope;
        this.p = p;
        this.n = n;
    }

    public static Dropout create(Scope scope, double p, long features) {
        return new Dropout(scope, p, features);
    }

    /** [B, n] → [B, n]; with p = 0 the input is returned unchanged. */
    public SDVariable apply(SDVariable x) {
        if (p == 0 || scope.graph().building() == Graph.Mode.EVAL) return x;
        if (mask != null) throw new IllegalStateException("dropout " + scope + " is already applied");
        ones = Nd4j.ones(scope.dataType(), 1, n);
        mask = scope.sd().constant(scope.name("mask"), ones);
        scope.graph().register(this);
        return x.mul(mask);
    }

    public double p() {
        return p;
    }

    /**
     * The mask for the next step: drawn into the [B, n] array kept from the last draw of the same B, or the ones the
     * mask started with, so that alternating training and evaluation neither allocates nor reduces a mask to check it.
     */
    void prepare(boolean active, int batch, Random rng) {
        if (!active) {
            if (mask.getArr() != ones) mask.setArray(ones);
            return;
        }
        if (drawn == null || drawn.size(0) != batch) drawn = Nd4j.create(scope.dataType(), batch, n);
        Nd4j.getExecutioner().exec(new BernoulliDistribution(drawn, 1 - p), rng);
        drawn.muli(1 / (1 - p));
        if (mask.getArr() != drawn) mask.setArray(drawn);
    }
}
