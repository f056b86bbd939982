package org.collapselab.interaction;

import org.collapselab.nn.Scope;
import org.nd4j.autodiff.samediff.SDIndex;
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

    /** C = ⌈F/2⌉: the columns of {@link #skewedGram}. */
    static int skewedColumns(int fields) {
        return (fields + 1) / 2;
    }

    /**
     * Every pair's inner product ⟨e_i, e_j⟩, i &lt; j, at least once, in [B, F·C] (C = {@link #skewedColumns}: 780
     * entries at F = 39, where the Gram matrix has 1521), from e [B, F, K], without a gather (M2.1's gather gradient
     * fails): G = [e; e_0]·eᵀ [B, F+1, F] read as [B, F, F+1] puts ⟨e_r, e_(r+c)⟩ at (r, c) while r + c &lt; F, and
     * the wrapped-around ⟨e_(r+c−F), e_(r+1)⟩ beyond; its columns 1..C hold every pair ({@link #skewedPositions}).
     * Row F of the product (e_0 again, so that the [F+1, F] product can be read with a row stride of F+1) is never
     * read. A concatenation rather than a zero row by {@code pad}: M2.1 logs a warning for every pad op it copies.
     */
    static SDVariable skewedGram(Scope scope, SDVariable e, int fields) {
        var sd = scope.sd();
        long columns = skewedColumns(fields);
        SDVariable rows = sd.concat(1, e, e.get(SDIndex.all(), SDIndex.interval(0L, 1L), SDIndex.all()));  // [B, F+1, K]
        SDVariable g = sd.linalg().mmul(rows, e, false, true, false).reshape(-1, fields, fields + 1);
        return g.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(1L, columns + 1)).reshape(-1, fields * columns);
    }

    /**
     * The position in {@link #skewedGram}'s output of each pair i &lt; j, in row-major pair order (the first where the
     * pair occurs), found by reading the layout back: entry (r, c) is flat position r·(F+1) + c + 1 of the
     * [F+1, F] product, whose row F is not read.
     */
    static int[] skewedPositions(int fields) {
        int columns = skewedColumns(fields);
        int[][] at = new int[fields][fields];
        for (int[] row : at) java.util.Arrays.fill(row, -1);
        for (int r = 0; r < fields; r++)
            for (int c = 0; c < columns; c++) {
                int flat = r * (fields + 1) + c + 1, left = flat / fields, right = flat % fields;
                if (left < fields && left != right && at[Math.min(left, right)][Math.max(left, right)] < 0)
                    at[Math.min(left, right)][Math.max(left, right)] = r * columns + c;
            }
        int[] positions = pairPositions(fields);     // i·F + j in row-major pair order, replaced by the skewed position
        for (int p = 0; p < positions.length; p++) {
            int i = positions[p] / fields, j = positions[p] % fields;
            if (at[i][j] < 0) throw new IllegalStateException("pair (" + i + ", " + j + ") missing from the skewed Gram of " + fields + " fields");
            positions[p] = at[i][j];
        }
        return positions;
    }

    /**
     * w [P, H], one row per pair i &lt; j in row-major order, as the weight of {@link #skewedGram}: [F·C, H] with each
     * pair's row at its {@link #skewedPositions} and zeros elsewhere. A scatter: its gradient w.r.t. w is a gather
     * of the output's gradient, which finite differences check (the reverse, gathering w's rows into place, fails
     * them: M2.1's gather gradient).
     */
    static SDVariable spreadToSkewedGram(Scope scope, SDVariable w, long h, int fields) {
        SDVariable zeros = scope.constant("skewed_zeros", Nd4j.zeros(scope.dataType(), (long) fields * skewedColumns(fields), h));
        return scope.sd().scatterAdd(zeros, scope.constant("skewed_rows", Nd4j.createFromArray(skewedPositions(fields))), w);
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
