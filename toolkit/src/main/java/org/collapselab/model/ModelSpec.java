package org.collapselab.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;
import org.collapselab.interaction.CrossNetV2;
import org.collapselab.nn.MlpBlock;

/**
 * What to build: the model kind, the embedding mode, the embedding size K of each set, the number of sets M,
 * the hidden widths of the MLP, the dropout, and the two regularisers of the paper's analyses. Immutable and
 * validated here, once; {@link #scale} derives the paper's "n×" variants.
 *
 * <pre>{@code
 * ModelSpec base = ModelSpec.of(ModelKind.DCNV2);                 // SE, K = 10, MLP 400-400
 * ModelSpec se4 = base.scale(4, EmbeddingMode.SINGLE);            // one set, K = 40
 * ModelSpec me4 = base.scale(4, EmbeddingMode.MULTI);             // four sets of K = 10
 * }</pre>
 *
 * @param kind                   which model
 * @param mode                   SE (one set) or ME (any number of sets, each with its own interaction)
 * @param embeddingSize          K of every set
 * @param sets                   M, the number of embedding sets (1 for SE)
 * @param hidden                 MLP hidden widths (400, 400 in the paper); FinalMLP uses them for each stream
 * @param dropout                dropout after every hidden layer (0.2)
 * @param crossRegularization    DCNv2 only: Evidence III's orthogonality penalty coefficient, with learnable
 *                               field-pair gains (empty: the plain cross network)
 * @param divergenceRestriction  ME DCNv2 only (Fig. 9d): coefficient of the penalty on the variance across sets
 *                               of the field-pair weight norms (empty: none)
 * @param linearSetProjection    Appendix B's ablation: each set's first hidden layer is a plain Linear (no
 *                               BatchNorm, ReLU or dropout), so a linear interaction makes ME equivalent to SE
 */
public record ModelSpec(ModelKind kind, EmbeddingMode mode, int embeddingSize, int sets, long[] hidden, double dropout,
                        OptionalDouble crossRegularization, OptionalDouble divergenceRestriction, boolean linearSetProjection) {

    /** Fig. 9d's coefficient. */
    public static final double DIVERGENCE_COEFFICIENT = 1.0;

    public ModelSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(crossRegularization, "crossRegularization");
        Objects.requireNonNull(divergenceRestriction, "divergenceRestriction");
        hidden = hidden.clone();
        String name = kind.displayName();
        if (embeddingSize < 1) throw new IllegalArgumentException(name + ": embedding size must be >= 1, got " + embeddingSize);
        if (sets < 1) throw new IllegalArgumentException(name + ": number of embedding sets must be >= 1, got " + sets);
        if (mode == EmbeddingMode.SINGLE && sets != 1)
            throw new IllegalArgumentException(name + ": single-embedding means one set, got " + sets + " (use EmbeddingMode.MULTI)");
        if (kind.hasMlp() && hidden.length == 0) throw new IllegalArgumentException(name + ": needs at least one hidden layer");
        for (long h : hidden) if (h < 1) throw new IllegalArgumentException(name + ": hidden widths must be >= 1, got " + Arrays.toString(hidden));
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException(name + ": dropout must be in [0, 1), got " + dropout);
        if (crossRegularization.isPresent() && kind != ModelKind.DCNV2)
            throw new IllegalArgumentException(name + ": the cross-network regulariser (Evidence III) applies to DCNv2 only");
        if (crossRegularization.isPresent() && !(crossRegularization.getAsDouble() > 0))
            throw new IllegalArgumentException(name + ": cross regularisation coefficient must be > 0, got " + crossRegularization.getAsDouble());
        if (divergenceRestriction.isPresent() && (kind != ModelKind.DCNV2 || mode != EmbeddingMode.MULTI || sets < 2))
            throw new IllegalArgumentException(name + ": the divergence restriction (Fig. 9d) applies to ME DCNv2 with at least 2 sets, got "
                    + mode.label() + " with " + sets + " set(s)");
        if (linearSetProjection && !kind.hasMlp())
            throw new IllegalArgumentException(name + ": a linear set projection needs an MLP head");
        if (divergenceRestriction.isPresent() && !(divergenceRestriction.getAsDouble() > 0))
            throw new IllegalArgumentException(name + ": divergence coefficient must be > 0, got " + divergenceRestriction.getAsDouble());
    }

    /** The paper's base ("1×") single-embedding model of a kind. */
    public static ModelSpec of(ModelKind kind) {
        return builder(kind).build();
    }

    public static Builder builder(ModelKind kind) {
        return new Builder(kind);
    }

    public Builder toBuilder() {
        return new Builder(kind).mode(mode).embeddingSize(embeddingSize).sets(sets).hidden(hidden).dropout(dropout)
                .crossRegularization(crossRegularization).divergenceRestriction(divergenceRestriction).linearSetProjection(linearSetProjection);
    }

    /**
     * The paper's "n×" model built from this one as the base: SE has one set of K = n·K; ME has n sets of K
     * (so SE and ME at the same n have the same number of embedding parameters). This spec must have one set.
     */
    public ModelSpec scale(int n, EmbeddingMode to) {
        if (n < 1) throw new IllegalArgumentException("scale factor must be >= 1, got " + n);
        if (sets != 1) throw new IllegalArgumentException("scale from a one-set base, this spec has " + sets + " sets");
        Builder b = toBuilder().mode(to);
        if (to == EmbeddingMode.SINGLE) b.embeddingSize(embeddingSize * n).sets(1).divergenceRestriction(OptionalDouble.empty());
        else b.sets(n);
        return b.build();
    }

    /** Width of one set's table: K, or F·K for FFM (whose F sub-tables sit side by side). */
    public int tableWidth(int fields) {
        return kind == ModelKind.FFM ? fields * embeddingSize : embeddingSize;
    }

    /** Every component, canonically ({@link Canonical}), under {@code spec.}: what results and checkpoints are keyed by. */
    public java.util.SortedMap<String, String> identity() {
        return Canonical.of("spec", this, java.util.Set.of());
    }

    /** A short name for tables and files, e.g. {@code DCNv2 ME 4×10}. */
    public String label() {
        String s = kind.displayName() + " " + mode.label() + " " + (sets > 1 ? sets + "×" : "") + "K" + embeddingSize;
        if (crossRegularization.isPresent()) s += " reg";
        if (divergenceRestriction.isPresent()) s += " div-restricted";
        if (linearSetProjection) s += " linear";
        return s;
    }

    @Override
    public long[] hidden() {
        return hidden.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec s && kind == s.kind && mode == s.mode && embeddingSize == s.embeddingSize && sets == s.sets
                && Arrays.equals(hidden, s.hidden) && dropout == s.dropout && crossRegularization.equals(s.crossRegularization)
                && divergenceRestriction.equals(s.divergenceRestriction) && linearSetProjection == s.linearSetProjection;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, mode, embeddingSize, sets, Arrays.hashCode(hidden), dropout, crossRegularization, divergenceRestriction,
                linearSetProjection);
    }

    @Override
    public String toString() {
        return "ModelSpec[" + label() + ", hidden=" + Arrays.toString(hidden) + ", dropout=" + dropout + "]";
    }

    /** Builder for {@link ModelSpec}; starts from the kind's base SE model. Every setter returns the builder. */
    public static final class Builder {
        private final ModelKind kind;
        private EmbeddingMode mode = EmbeddingMode.SINGLE;
        private int embeddingSize;
        private int sets = 1;
        private long[] hidden = {400, 400};
        private double dropout = MlpBlock.DEFAULT_DROPOUT;
        private OptionalDouble crossRegularization = OptionalDouble.empty();
        private OptionalDouble divergenceRestriction = OptionalDouble.empty();
        private boolean linearSetProjection;

        private Builder(ModelKind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.embeddingSize = kind.baseEmbeddingSize();
        }

        public Builder mode(EmbeddingMode v) { mode = v; return this; }
        public Builder embeddingSize(int v) { embeddingSize = v; return this; }
        public Builder sets(int v) { sets = v; return this; }
        public Builder hidden(long... v) { hidden = v.clone(); return this; }
        public Builder dropout(double v) { dropout = v; return this; }
        public Builder crossRegularization(OptionalDouble v) { crossRegularization = v; return this; }
        /** Evidence III's regularised DCNv2 with DESIGN's coefficient (the released rdcnv2.py uses 1e-4). */
        public Builder regularizedCross() { return crossRegularization(OptionalDouble.of(CrossNetV2.EVIDENCE_III_COEFFICIENT)); }
        public Builder divergenceRestriction(OptionalDouble v) { divergenceRestriction = v; return this; }
        /** Fig. 9d's divergence-restricted ME DCNv2 with coefficient 1. */
        public Builder restrictDivergence() { return divergenceRestriction(OptionalDouble.of(DIVERGENCE_COEFFICIENT)); }

        /** Appendix B's ablation: no non-linearity in the per-set part. */
        public Builder linearSetProjection(boolean v) { linearSetProjection = v; return this; }

        public ModelSpec build() {
            return new ModelSpec(kind, mode, embeddingSize, sets, hidden, dropout, crossRegularization, divergenceRestriction,
                    linearSetProjection);
        }
    }
}
