package org.collapselab.interaction;

import org.collapselab.nn.Scope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * FFM's pair term {@code Σ_{i<j} ⟨E_j[x_i], E_i[x_j]⟩}, [B, 1], where E_j is the j-th of F tables.
 *
 * <p>Store layout: the F tables sit side by side in one store table of width F·K ({@link #embeddingWidth}),
 * so the row of feature x_i is {@code [E_0[x_i] | E_1[x_i] | … | E_{F-1}[x_i]]} and
 * {@code ein[b, (i·F + j)·K + c] = E_j[x_i]_c}. The sub-embedding {@code E_{i→j}} (rows of field i in table j)
 * is columns {@code jK..(j+1)K} of field i's rows. The store must initialise with Xavier bound
 * √(6/(rows+K)), per table, as the original's F separate tables.
 */
public record Ffm() implements Interaction {
    /** The original's FFM embedding size. */
    public static final int DEFAULT_K = 8;

    @Override
    public Output apply(Scope scope, SDVariable ein, int fields, int k) {
        Interaction.checkShape(kind(), fields, k);
        var sd = scope.sd();
        SDVariable x = ein.reshape(-1, fields, fields, k);              // x[b,i,j] = E_j[x_i]
        SDVariable swapped = sd.permute(x, 0, 2, 1, 3);                 // swapped[b,i,j] = E_i[x_j]
        SDVariable dots = x.mul(swapped).sum(3);                        // [B, F, F], symmetric
        return Output.of(dots.mul(scope.constant("upper", strictUpper(fields, scope))).sum(true, 1, 2).reshape(-1, 1));
    }

    private static INDArray strictUpper(int fields, Scope scope) {
        INDArray u = Nd4j.zeros(scope.dataType(), 1, fields, fields);
        for (int i = 0; i < fields; i++) for (int j = i + 1; j < fields; j++) u.putScalar(new long[]{0, i, j}, 1.0);
        return u;
    }

    @Override
    public int embeddingWidth(int fields, int k) {
        return Math.multiplyExact(fields, k);
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
        return "ffm";
    }
}
