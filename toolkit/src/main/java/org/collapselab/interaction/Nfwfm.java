package org.collapselab.interaction;

import org.collapselab.nn.BatchNorm1d;
import org.collapselab.nn.Dropout;
import org.collapselab.nn.Init;
import org.collapselab.nn.Scope;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * NFwFM: {@code v = Σ_i Σ_j r_ij (e_i ⊙ e_j)} over all F×F ordered pairs including i=j, with a learnable
 * r ~ N(0,1) of shape F×F ({@code scope/r}); then BatchNorm(K) and Dropout(p). Output [B, K].
 */
public record Nfwfm(double dropout) implements Interaction {
    public Nfwfm {
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("nfwfm: dropout must be in [0, 1), got " + dropout);
    }

    @Override
    public Output apply(Scope scope, SDVariable ein, int fields, int k) {
        Interaction.checkShape(kind(), fields, k);
        SDVariable r = scope.variable("r", Init.normal(1), fields, fields);
        // X [B·K, F]: column i is field i's embedding; (X rᵀ)[:, i] = Σ_j r_ij e_j; v = Σ_i e_i ⊙ (Σ_j r_ij e_j)
        SDVariable x = scope.sd().permute(Fields.split(ein, fields, k), 0, 2, 1).reshape(-1, fields);
        SDVariable mixed = scope.sd().mmul(x, r, false, true, false);
        SDVariable v = x.mul(mixed).sum(1).reshape(-1, k);
        SDVariable normed = BatchNorm1d.create(scope.child("bn"), k).apply(v);
        return Output.of(Dropout.create(scope.child("dropout"), dropout, k).apply(normed));
    }

    @Override
    public long outputWidth(int fields, int k) {
        return k;
    }

    /** 4 per F·K value: the permuted embeddings, their mix with r and the gradients of both. */
    @Override
    public long activationFloatsPerRow(int fields, int k) {
        return 4L * fields * k;
    }

    @Override
    public long parameterCount(int fields, int k) {
        return (long) fields * fields + 2L * k;
    }

    @Override
    public String kind() {
        return "nfwfm";
    }
}
