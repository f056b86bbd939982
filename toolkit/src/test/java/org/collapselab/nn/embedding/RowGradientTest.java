package org.collapselab.nn.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RowGradient's per-row sums against a tree map filled position by position (the same summation order, bit for bit). */
class RowGradientTest {
    @ParameterizedTest(name = "rows below {0}")
    @ValueSource(ints = {7, 70_000, 1_086_810, Integer.MAX_VALUE})
    void rowsAscendAndSumTheirPositionsInOrder(int bound) {
        SplittableRandom r = new SplittableRandom(bound);
        int n = 5_000, width = 3;
        int[] indices = new int[n];
        // a few rows used very often (Criteo's small fields), the rest spread over [0, bound)
        for (int p = 0; p < n; p++) indices[p] = r.nextInt(4) == 0 ? r.nextInt(Math.min(bound, 5)) : r.nextInt(bound);
        float[] grad = new float[n * width];
        for (int i = 0; i < grad.length; i++) grad[i] = (float) r.nextGaussian();
        TreeMap<Integer, float[]> expected = new TreeMap<>();
        for (int p = 0; p < n; p++) {
            float[] sum = expected.computeIfAbsent(indices[p], k -> new float[width]);
            for (int d = 0; d < width; d++) sum[d] += grad[p * width + d];
        }
        RowGradient g = RowGradient.of(indices, width, grad);
        assertArrayEquals(expected.keySet().stream().mapToInt(Integer::intValue).toArray(), g.rows());
        float[] sums = new float[expected.size() * width];
        int i = 0;
        for (Map.Entry<Integer, float[]> e : expected.entrySet()) System.arraycopy(e.getValue(), 0, sums, width * i++, width);
        assertArrayEquals(sums, g.sums());
    }

    /** Several sets' gradients: each set's sums, computed alone, side by side in each row as the store interleaves them. */
    @Test
    void setsSumSideBySide() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 2_000, width = 4, sets = 3;
        int[] indices = new int[n];
        for (int p = 0; p < n; p++) indices[p] = r.nextInt(300);
        float[][] grads = new float[sets][n * width];
        for (float[] g : grads) for (int i = 0; i < g.length; i++) g[i] = (float) r.nextGaussian();
        RowGradient all = RowGradient.of(indices, width, grads);
        assertEquals(sets * width, all.width());
        for (int m = 0; m < sets; m++) {
            RowGradient alone = RowGradient.of(indices, width, grads[m]);
            assertArrayEquals(alone.rows(), all.rows());
            for (int i = 0; i < alone.rows().length; i++)
                for (int d = 0; d < width; d++)
                    assertEquals(alone.sums()[i * width + d], all.sums()[i * sets * width + m * width + d], "set " + m + ", row " + alone.rows()[i]);
        }
    }

    @Test
    void missingOrMisSizedGradientsAreRefused() {
        int[] indices = {0, 4, 4};
        var e = assertThrows(IllegalArgumentException.class, () -> RowGradient.of(indices, 2));
        assertEquals("no gradients: one per embedding set is needed", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RowGradient.of(indices, 2, new float[6], new float[5]));
        assertEquals("gradient 1 has 5 values; 3 positions of width 2 need 6", e.getMessage());
    }
}
