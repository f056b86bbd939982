package org.collapselab.interaction;

import org.collapselab.nn.Scope;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * FM's pair term {@code Σ_{i<j} ⟨e_i, e_j⟩ = ½ Σ_k [(Σ_i e_ik)² − Σ_i e_ik²]}, [B, 1]. The first-order (linear)
 * term and bias belong to the model ({@link Readout#SUM}).
 */
public record Fm() implements Interaction {
    @Override
    public Output apply(Scope scope, SDVariable ein, int fields, int k) {
        Interaction.checkShape(kind(), fields, k);
        SDVariable e = Fields.split(ein, fields, k);
        SDVariable sum = e.sum(1);
        SDVariable sumSq = e.mul(e).sum(1);
        return Output.of(sum.mul(sum).sub(sumSq).sum(true, 1).mul(0.5));
    }

    @Override
    public long outputWidth(int fields, int k) {
        return 1;
    }

    @Override
    public long parameterCount(int fields, int k) {
        return 0;
    }

    @Override
    public Readout readout() {
        return Readout.SUM;
    }

    @Override
    public String kind() {
        return "fm";
    }
}
