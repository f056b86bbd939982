package org.collapselab.nn.embedding;

import java.util.Arrays;

/**
 * The gradient of one batch w.r.t. table rows: the distinct rows used, ascending, and for each the sum of the
 * gradients of every position that looked it up ({@code sums[i·width .. +width]} belongs to {@code rows[i]}).
 */
public record RowGradient(int[] rows, float[] sums, int width) {
    public RowGradient {
        if (sums.length != (long) rows.length * width)
            throw new IllegalArgumentException(rows.length + " rows of width " + width + " need " + (long) rows.length * width + " values, got " + sums.length);
    }

    /** Sums the gradient rows {@code grad[p·width .. +width]} of positions p by table row {@code indices[p]}. */
    public static RowGradient of(int[] indices, float[] grad, int width) {
        if (grad.length != (long) indices.length * width)
            throw new IllegalArgumentException("gradient has " + grad.length + " values; " + indices.length + " positions of width " + width + " need " + (long) indices.length * width);
        long[] key = new long[indices.length];
        for (int p = 0; p < indices.length; p++) key[p] = ((long) indices[p] << 32) | p;
        Arrays.sort(key);
        int distinct = 0;
        for (int i = 0; i < key.length; i++) if (i == 0 || (key[i] >>> 32) != (key[i - 1] >>> 32)) distinct++;
        int[] rows = new int[distinct];
        float[] sums = new float[distinct * width];
        int r = -1;
        for (int i = 0; i < key.length; i++) {
            if (i == 0 || (key[i] >>> 32) != (key[i - 1] >>> 32)) rows[++r] = (int) (key[i] >>> 32);
            int from = (int) key[i] * width, to = r * width;
            for (int d = 0; d < width; d++) sums[to + d] += grad[from + d];
        }
        return new RowGradient(rows, sums, width);
    }
}
