package org.collapselab.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The toy data of the paper's Appendix A: three fields with {@code D1 = D2 = 100}; for every pair
 * {@code (x1, x2)} one row with {@code x3 ~ U[D3]} and {@code y ~ U{0,1}}, so there are always 10,000 rows and
 * only {@code D3} changes ({@code 3}: "small", {@code 100}: "large"). Indices are exact (no OOV row).
 */
public final class ToyData {
    private ToyData() {}

    /** The paper's toy data for a given {@code D3}. */
    public static EncodedDataset generate(int d3, long seed) {
        return generate(100, 100, d3, seed);
    }

    public static EncodedDataset generate(int d1, int d2, int d3, long seed) {
        if (d1 < 1 || d2 < 1 || d3 < 1) throw new IllegalArgumentException("cardinalities must be >= 1, got " + d1 + ", " + d2 + ", " + d3);
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = d1 * d2;
        int[][] cols = new int[3][n];
        byte[] labels = new byte[n];
        for (int a = 0, r = 0; a < d1; a++)
            for (int b = 0; b < d2; b++, r++) {
                cols[0][r] = a;
                cols[1][r] = b;
                cols[2][r] = rnd.nextInt(d3);
                labels[r] = (byte) rnd.nextInt(2);
            }
        Schema schema = Schema.categorical(List.of("x1", "x2", "x3"), d1, d2, d3);
        return EncodedDataset.of(schema, cols, labels, "toy data (Appendix A), D3=" + d3 + ", seed " + seed);
    }
}
