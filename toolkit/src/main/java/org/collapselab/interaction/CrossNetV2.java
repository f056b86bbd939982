package org.collapselab.interaction;

import java.util.List;
import java.util.Optional;
import org.collapselab.nn.Init;
import org.collapselab.nn.Scope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DCNv2's stacked full-rank cross network: {@code x_{l+1} = x0 ⊙ (W_l x_l + b_l) + x_l}, W_l [F·K, F·K]
 * Xavier-uniform, b_l = 0. W_l is stored in PyTorch's orientation (output index first); {@link #block} gives the
 * sub-embedding weight W_{i→j}. Variables: {@code scope/layer<l>/w},
 * {@code scope/layer<l>/b}; see {@link #weight}.
 *
 * <p>With {@code regularization} (Evidence III) each layer uses the effective weight
 * {@code (N_l ⊗ 1_{K×K}) ⊙ W_l} with a learnable F×F {@code scope/layer<l>/n} initialised to ones, and
 * {@link Output#regularizer()} is {@code coefficient · Σ_l Σ_{i,j} ||I_K − W_ij W_ijᵀ||_F²} over the raw blocks of W_l
 * (i = j included).
 */
public record CrossNetV2(int layers, Optional<Double> regularization) implements Interaction {
    /** The coefficient DESIGN §4 gives for Evidence III (the released rdcnv2.py uses 1e-4 without N_l). */
    public static final double EVIDENCE_III_COEFFICIENT = 1e-5;

    public CrossNetV2 {
        if (layers < 1) throw new IllegalArgumentException("dcnv2: layers must be >= 1, got " + layers);
        regularization.ifPresent(c -> {
            if (!(c >= 0)) throw new IllegalArgumentException("dcnv2: regularisation coefficient must be >= 0, got " + c);
        });
    }

    /** The paper's plain DCNv2: 4 layers. */
    public static CrossNetV2 standard() {
        return new CrossNetV2(4, Optional.empty());
    }

    /** Evidence III's regularised DCNv2: 4 layers, learnable field-pair scales, coefficient 1e-5. */
    public static CrossNetV2 regularized() {
        return new CrossNetV2(4, Optional.of(EVIDENCE_III_COEFFICIENT));
    }

    /**
     * W_{i→j}, the K × K block of a cross weight {@code w} ([F·K, F·K], PyTorch orientation: output index first) that
     * projects field i for its interaction with field j: {@code w[jK:(j+1)K, iK:(i+1)K]} (a view). The one place this
     * layout is written down; the sub-embedding analysis and the field-pair norms read it from here.
     */
    public static INDArray block(INDArray w, int i, int j, int k) {
        return w.get(NDArrayIndex.interval((long) j * k, (long) (j + 1) * k), NDArrayIndex.interval((long) i * k, (long) (i + 1) * k));
    }

    /** W_l [F·K, F·K] of a network built under {@code scope} (e.g. l = 0 for sub-embedding analysis). */
    public static SDVariable weight(Scope scope, int layer) {
        return scope.child("layer", layer).get("w");
    }

    @Override
    public Output apply(Scope scope, SDVariable ein, int fields, int k) {
        Interaction.checkShape(kind(), fields, k);
        var sd = scope.sd();
        long d = (long) fields * k;
        SDVariable expand = null, eye = null;
        if (regularization.isPresent()) {
            expand = scope.constant("field_expand", fieldExpansion(fields, k, scope));
            eye = scope.constant("eye", Nd4j.eye(k).reshape(1, k, k));
        }
        SDVariable x = ein;
        SDVariable penalty = null;
        for (int l = 0; l < layers; l++) {
            Scope ls = scope.child("layer", l);
            SDVariable w = ls.variable("w", Init.xavierUniform(d, d), d, d);
            SDVariable b = ls.variable("b", Init.zeros(), 1, d);
            SDVariable effective = w;
            if (regularization.isPresent()) {
                SDVariable n = ls.variable("n", Init.ones(), fields, fields);
                // N ⊗ 1_{K×K} = E N Eᵀ with the constant field-expansion matrix E [F·K, F]
                effective = w.mul(expand.mmul(n).mmul(sd.transpose(expand)));
                SDVariable term = orthogonalityPenalty(scope, w, eye, fields, k);
                penalty = penalty == null ? term : penalty.add(term);
            }
            x = ein.mul(sd.mmul(x, effective, false, true, false).add(b)).add(x);
        }
        SDVariable total = penalty;
        return new Output(x, regularization.map(c -> total.mul(c)));
    }

    /** Σ_{i,j} ||I_K − W_ij W_ijᵀ||_F² over the K×K blocks W_ij = W[iK:(i+1)K, jK:(j+1)K]. */
    private static SDVariable orthogonalityPenalty(Scope scope, SDVariable w, SDVariable eye, int fields, int k) {
        var sd = scope.sd();
        SDVariable blocks = sd.permute(w.reshape(fields, k, fields, k), 0, 2, 1, 3).reshape((long) fields * fields, k, k);
        SDVariable gram = sd.linalg().mmul(blocks, blocks, false, true, false);          // [F·F, K, K]
        SDVariable diff = gram.rsub(eye);
        return diff.mul(diff).sum();
    }

    private static INDArray fieldExpansion(int fields, int k, Scope scope) {
        INDArray e = Nd4j.zeros(scope.dataType(), (long) fields * k, fields);
        for (int i = 0; i < fields; i++) for (int a = 0; a < k; a++) e.putScalar(new long[]{(long) i * k + a, i}, 1.0);
        return e;
    }

    /**
     * Fig. 9d: the variance across sets of each field pair's squared weight norm ||W^(m,l)_ij||_F², averaged over
     * layers and pairs (population variance over the sets).
     */
    @Override
    public Optional<SDVariable> divergencePenalty(List<Scope> sets, int fields, int k) {
        if (sets.size() < 2) throw new IllegalArgumentException("dcnv2: the divergence across sets needs at least 2 sets, got " + sets.size());
        var sd = sets.get(0).sd();
        SDVariable sum = null;
        for (int l = 0; l < layers; l++) {
            SDVariable[] norms = new SDVariable[sets.size()];
            for (int m = 0; m < norms.length; m++) {
                SDVariable w = weight(sets.get(m), l);
                norms[m] = w.mul(w).reshape(fields, k, fields, k).sum(1, 3);   // [F, F]
            }
            SDVariable stacked = sd.stack(0, norms);                            // [M, F, F]
            SDVariable dev = stacked.sub(stacked.mean(true, 0));
            SDVariable var = dev.mul(dev).mean();
            sum = sum == null ? var : sum.add(var);
        }
        return Optional.of(sum.div(layers));
    }

    /** 2 per F·K value per layer. */
    @Override
    public long activationFloatsPerRow(int fields, int k) {
        return 2L * layers * fields * k;
    }

    @Override
    public long outputWidth(int fields, int k) {
        return (long) fields * k;
    }

    @Override
    public long parameterCount(int fields, int k) {
        long d = (long) fields * k;
        return layers * (d * d + d + (regularization.isPresent() ? (long) fields * fields : 0));
    }

    @Override
    public String kind() {
        return regularization.isPresent() ? "dcnv2-reg" : "dcnv2";
    }
}
