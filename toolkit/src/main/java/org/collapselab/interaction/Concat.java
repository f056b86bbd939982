package org.collapselab.interaction;

import org.collapselab.nn.Scope;
import org.nd4j.autodiff.samediff.SDVariable;

/** DNN: the flattened embeddings themselves, [B, F·K]. */
public record Concat() implements Interaction {
    @Override
    public Output apply(Scope scope, SDVariable ein, int fields, int k) {
        Interaction.checkShape(kind(), fields, k);
        return Output.of(ein);
    }

    @Override
    public long outputWidth(int fields, int k) {
        return (long) fields * k;
    }

    /** The features are the looked-up rows themselves: nothing of its own. */
    @Override
    public long activationFloatsPerRow(int fields, int k) {
        return 0;
    }

    @Override
    public long parameterCount(int fields, int k) {
        return 0;
    }

    @Override
    public String kind() {
        return "dnn";
    }
}
