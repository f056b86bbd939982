package org.collapselab.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PyTorch's {@code BatchNorm1d(n)} on [B, n] (eps 1e-5, momentum 0.1, affine): TRAIN normalises with the batch
 * mean and biased batch variance, and gradients flow through both, as in PyTorch; EVAL uses the running
 * statistics. Running mean/var are updated after every TRAIN {@code fit} step as
 * {@code r ← 0.9·r + 0.1·s}, with the unbiased batch variance for {@code running_var}, exactly as PyTorch.
 *
 * <p>Built from elementary ops, not SameDiff's {@code batchNorm} op: that op always normalises with the mean and
 * variance given to it (inference form), so training mode has to be spelled out anyway, and the elementary form
 * has gradients that our finite-difference tests check. The form depends on the pass being built
 * ({@link Graph#build}): the TRAIN pass computes the batch statistics, the EVAL pass only
 * {@code x·s + (β − μ_running·s)} with {@code s = γ/√(σ²_running + eps)}; both passes share γ, β and the running
 * statistics.
 */
public final class BatchNorm1d {
    public static final double EPS = 1e-5;
    public static final double MOMENTUM = 0.1;

    private final Scope scope;
    private final long n;
    private final SDVariable gamma;
    private final SDVariable beta;
    private final SDVariable runningMean;
    private final SDVariable runningVar;
    private String batchMeanName;
    private String batchVarName;
    private boolean applied;

    private BatchNorm1d(Scope scope, long n) {
        if (n < 1) throw new IllegalArgumentException("BatchNorm1d " + scope + ": features must be >= 1, got " + n);
        this.scope = scope;
        this.n = n;
        this.gamma = scope.variable("gamma", Init.ones(), 1, n);
        this.beta = scope.variable("beta", Init.zeros(), 1, n);
        this.runningMean = scope.constant("running_mean", Nd4j.zeros(scope.dataType(), 1, n));
        this.runningVar = scope.constant("running_var", Nd4j.ones(scope.dataType(), 1, n));
    }

    public static BatchNorm1d create(Scope scope, long features) {
        return new BatchNorm1d(scope, features);
    }

    /** The evaluation form, {@code y = x·scale + shift}, both [1, n]. */
    public record Affine(SDVariable scale, SDVariable shift) {
    }

    /** [B, n] → [B, n]. Call once per layer (one layer, one place in the graph), or {@link #evaluation} instead. */
    public SDVariable apply(SDVariable x) {
        if (scope.graph().building() == Graph.Mode.EVAL) {
            Affine a = evaluation();
            return x.mul(a.scale()).add(a.shift());
        }
        markApplied();
        // Column sums as 1ᵀx with the graph's ones column, not x.mean(0): every SameDiff M2.1 reduction along a
        // dimension of size 1 throws a NullPointerException, which would make a batch of one row fail.
        var sd = scope.sd();
        SDVariable ones = scope.graph().ones(), invB = scope.graph().inverseBatch();
        SDVariable batchMean = sd.mmul(ones, x, true, false, false).mul(scope.name("batch_mean"), invB);
        SDVariable centred = x.sub(batchMean);
        SDVariable batchVar = sd.mmul(ones, centred.mul(centred), true, false, false).mul(scope.name("batch_var"), invB);
        batchMeanName = batchMean.name();
        batchVarName = batchVar.name();
        scope.graph().register(this);
        // one [1, n] scale, expanded to [B, n] by the outer product with the ones column: SameDiff M2.1's backward of a
        // broadcasting multiply is many times slower than a same-shape multiply's plus a rank-1 product's
        SDVariable scale = sd.math.rsqrt(batchVar.add(EPS)).mul(gamma);
        return centred.mul(ones.mmul(scale)).add(beta);
    }

    /**
     * The layer in the EVAL pass as an affine map, {@code s = γ/√(σ²_running + eps)} and {@code t = β − μ_running·s}, for
     * a producer that folds it into its own weights ({@link MlpBlock}); in place of {@link #apply}.
     */
    public Affine evaluation() {
        if (scope.graph().building() != Graph.Mode.EVAL) throw new IllegalStateException("BatchNorm1d " + scope + ": the affine form is the EVAL pass's");
        markApplied();
        SDVariable s = scope.sd().math.rsqrt(runningVar.add(EPS)).mul(gamma);
        return new Affine(s, beta.sub(runningMean.mul(s)));
    }

    private void markApplied() {
        if (applied) throw new IllegalStateException("BatchNorm1d " + scope + " is already applied");
        applied = true;
    }

    /** The full name of one of this layer's arrays, e.g. {@code set0/block0/bn/running_mean}. */
    String name(String leaf) {
        return scope.name(leaf);
    }

    /** Running mean [1, n], updated in place as training proceeds. */
    public INDArray runningMean() {
        return runningMean.getArr();
    }

    /** Running (unbiased) variance [1, n], updated in place as training proceeds. */
    public INDArray runningVar() {
        return runningVar.getArr();
    }

    public SDVariable gamma() {
        return gamma;
    }

    public SDVariable beta() {
        return beta;
    }

    public long parameterCount() {
        return 2 * n;
    }

    String batchMeanName() {
        return batchMeanName;
    }

    String batchVarName() {
        return batchVarName;
    }

    /** Folds one training batch's statistic into the running one (called by the graph's listener). */
    void accumulate(String statName, INDArray stat, int batch) {
        if (statName.equals(batchMeanName)) {
            runningMean().muli(1 - MOMENTUM).addi(stat.mul(MOMENTUM));
        } else {
            double unbias = batch > 1 ? batch / (batch - 1.0) : 1.0;
            runningVar().muli(1 - MOMENTUM).addi(stat.mul(MOMENTUM * unbias));
        }
    }
}
