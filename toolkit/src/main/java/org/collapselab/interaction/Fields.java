package org.collapselab.interaction;

import org.collapselab.nn.Scope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shape helpers shared by the modules. */
final class Fields {
    private Fields() {}

    /** [B, F·K] → [B, F, K]. */
    static SDVariable split(SDVariable ein, int fields, int k) {
        return ein.reshape(-1, fields, k);
    }

    /** Number of unordered pairs i&lt;j of F fields. */
    static long pairs(int fields) {
        return (long) fields * (fields - 1) / 2;
    }

    /**
     * S·w for the {@link #upperTriangleSelector} S and w [P, H]: [F·F, H] with w's row p at the p-th pair's position
     * i·F + j and zeros elsewhere, scattered rather than multiplied (the product took 10 ms at F = 39, H = 400). The
     * scatter's gradient w.r.t. w is a gather of the output's gradient, which finite differences check; the reverse,
     * gathering w's rows into place, fails them (M2.1's gather gradient).
     */
    static SDVariable spreadToUpperTriangle(Scope scope, SDVariable w, long h, int fields) {
        SDVariable zeros = scope.constant("spread_zeros", Nd4j.zeros(scope.dataType(), (long) fields * fields, h));
        return scope.sd().scatterAdd(zeros, scope.constant("pair_rows", Nd4j.createFromArray(pairPositions(fields))), w);
    }

    /** The p-th pair's position i·F + j in a flattened F×F matrix, for the pairs i&lt;j in row-major order. */
    private static int[] pairPositions(int fields) {
        int[] positions = new int[(int) pairs(fields)];
        int p = 0;
        for (int i = 0; i < fields; i++)
            for (int j = i + 1; j < fields; j++) positions[p++] = i * fields + j;
        return positions;
    }

    /**
     * Constant [F·F, P] selecting the strict upper triangle (i&lt;j, row-major pair order) of a flattened F×F
     * matrix. SameDiff M2.1's gather has a broken gradient, so selection is a matrix product. An unsorted segment sum
     * over the transposed Gram was faster but, inside a model, kept an [F², B] array alive per set and step (see
     * {@code ResidentSetTest}); a sorted one took 133 ms per call at batch 2048.
     */
    static SDVariable upperTriangleSelector(Scope scope, int fields) {
        INDArray s = Nd4j.zeros(scope.dataType(), (long) fields * fields, Math.max(1, pairs(fields)));
        int[] positions = pairPositions(fields);
        for (int p = 0; p < positions.length; p++) s.putScalar(new long[]{positions[p], p}, 1.0);
        return scope.constant("pair_selector", s);
    }
}
