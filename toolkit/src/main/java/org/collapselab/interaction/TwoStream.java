package org.collapselab.interaction;

import org.collapselab.nn.MlpBlock;
import org.collapselab.nn.Scope;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * FinalMLP's two streams (feature-selection gates disabled, as in the paper's code): two independent MLPs of
 * {@code widths} (Linear→BN→ReLU→Dropout blocks) on the same flattened embeddings; output {@code [x, y]}
 * [B, 2H]. The caller averages this over sets and applies one shared {@link BilinearFusion}
 * ({@link Readout#FUSION}). Variables under {@code scope/stream_x} and {@code scope/stream_y}.
 */
public record TwoStream(long[] widths, double dropout) implements Interaction {
    /** The paper's MLP(400, 400) streams with dropout 0.2. */
    public static TwoStream standard() {
        return new TwoStream(new long[]{400, 400}, MlpBlock.DEFAULT_DROPOUT);
    }

    public TwoStream {
        if (widths.length == 0) throw new IllegalArgumentException("finalmlp: streams need at least one layer");
        for (long w : widths) if (w < 1) throw new IllegalArgumentException("finalmlp: widths must be >= 1, got " + java.util.Arrays.toString(widths));
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("finalmlp: dropout must be in [0, 1), got " + dropout);
        widths = widths.clone();
    }

    @Override
    public long[] widths() {
        return widths.clone();
    }

    /** H: the width of each stream's output. */
    public long streamWidth() {
        return widths[widths.length - 1];
    }

    @Override
    public Output apply(Scope scope, SDVariable ein, int fields, int k) {
        Interaction.checkShape(kind(), fields, k);
        long in = (long) fields * k;
        SDVariable x = MlpBlock.stack(scope.child("stream_x"), ein, in, widths, dropout);
        SDVariable y = MlpBlock.stack(scope.child("stream_y"), ein, in, widths, dropout);
        return Output.of(scope.sd().concat(1, x, y));
    }

    @Override
    public long outputWidth(int fields, int k) {
        return 2 * streamWidth();
    }

    /** Both streams' units, {@link MlpBlock#ACTIVATION_FLOATS} each (as every MLP block). */
    @Override
    public long activationFloatsPerRow(int fields, int k) {
        return 2 * MlpBlock.ACTIVATION_FLOATS * java.util.Arrays.stream(widths).sum();
    }

    @Override
    public long parameterCount(int fields, int k) {
        long n = 0, in = (long) fields * k;
        for (long w : widths) {
            n += MlpBlock.parameterCount(in, w);
            in = w;
        }
        return 2 * n;
    }

    @Override
    public Readout readout() {
        return Readout.FUSION;
    }

    @Override
    public String kind() {
        return "finalmlp";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TwoStream t && java.util.Arrays.equals(widths, t.widths) && Double.compare(dropout, t.dropout) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(widths) + Double.hashCode(dropout);
    }

    @Override
    public String toString() {
        return "TwoStream" + java.util.Arrays.toString(widths) + " dropout " + dropout;
    }
}
