package org.collapselab.interaction;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.collapselab.nn.LinearInput;
import org.collapselab.nn.Scope;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A feature-interaction module: flattened field embeddings {@code ein} [B, F·w] → features [B, outputWidth]
 * (w = {@link #embeddingWidth}, which is K except for FFM).
 *
 * <p>One module instance describes a module kind and its hyper-parameters; {@link #apply} may be called once per
 * embedding set, each time under its own scope, so the single-embedding model (one set) and the multi-embedding
 * model (M sets, each with its own table and its own interaction) are the same code path. {@link #readout} tells
 * that shared skeleton what to do with the features after the per-set part.
 */
public interface Interaction {
    /** How the model skeleton consumes this module's features. */
    enum Readout {
        /** Per set: the first MLP block (Linear→BN→ReLU→Dropout); mean over sets; shared rest of the MLP → 1. */
        MLP,
        /** Mean over sets; a shared Linear(width, 1) (xDeepFM's CIN). */
        LINEAR,
        /** Mean over sets; a shared {@link BilinearFusion} of the two halves (FinalMLP's streams). */
        FUSION,
        /** Mean over sets; added to the logit as it is (FM and FFM pair terms, width 1). */
        SUM
    }

    /**
     * What {@link #apply} built: the features; for regularised variants, a term to add to the loss; and how an
     * {@link Readout#MLP} readout's first layer multiplies the features by its weight ({@code features·W} unless the
     * module knows a cheaper equal product). Ops that nothing downstream uses are never run.
     */
    record Output(SDVariable features, Optional<SDVariable> regularizer, LinearInput linearInput) {
        public Output {
            Objects.requireNonNull(features, "features");
            Objects.requireNonNull(regularizer, "regularizer");
            Objects.requireNonNull(linearInput, "linearInput");
        }

        public Output(SDVariable features, Optional<SDVariable> regularizer) {
            this(features, regularizer, LinearInput.of(features));
        }

        public static Output of(SDVariable features) {
            return new Output(features, Optional.empty());
        }
    }

    /** Builds the module under {@code scope} on {@code ein} [B, fields·embeddingWidth(fields, k)]. */
    Output apply(Scope scope, SDVariable ein, int fields, int k);

    /** Width of the features {@link #apply} returns. */
    long outputWidth(int fields, int k);

    /** Trainable parameters one {@link #apply} creates (embedding tables excluded). */
    long parameterCount(int fields, int k);

    /** Width of one field's embedding row in the store: K, or F·K for FFM (F tables side by side). */
    default int embeddingWidth(int fields, int k) {
        return k;
    }

    default Readout readout() {
        return Readout.MLP;
    }

    /**
     * Floats per batch row that one {@link #apply} allocates in a training step and keeps until its backward pass is
     * done, beyond the looked-up rows themselves (the model counts those): by default 4 per looked-up value. Fitted
     * to ModelBenchmark's peak RSS together with the rest of the model's memory estimate.
     */
    default long activationFloatsPerRow(int fields, int k) {
        return 4L * fields * embeddingWidth(fields, k);
    }

    /**
     * Floats per batch row needed on top of {@link #activationFloatsPerRow} while one set's backward pass runs,
     * counted once per model rather than per set (temporaries freed before the next set's backward pass).
     */
    default long transientFloatsPerRow(int fields, int k) {
        return 0;
    }

    /**
     * A penalty on how much the modules built under {@code sets} (one scope per embedding set, as given to
     * {@link #apply}) differ from each other, or empty when the module defines none (Fig. 9d's divergence restriction).
     */
    default Optional<SDVariable> divergencePenalty(List<Scope> sets, int fields, int k) {
        return Optional.empty();
    }

    /** A short stable name for tables and file names, e.g. {@code "dcnv2"}. */
    String kind();

    /** Checks F and K, naming the module in the message. */
    static void checkShape(String kind, int fields, int k) {
        if (fields < 1) throw new IllegalArgumentException(kind + ": fields must be >= 1, got " + fields);
        if (k < 1) throw new IllegalArgumentException(kind + ": embedding size K must be >= 1, got " + k);
    }
}
