package org.collapselab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitAndBatchesTest {

    @Test
    void splitIsDeterministicDisjointAndCovering() {
        int n = 10_007;
        Split a = Split.of(n, 0), b = Split.of(n, 0), c = Split.of(n, 1);
        assertEquals(a, b);
        assertNotEquals(a.train(), c.train());
        assertEquals(8005, a.train().size());    // floor(0.8 n)
        assertEquals(1001, a.valid().size());    // floor(0.9 n) - floor(0.8 n) = 9006 - 8005
        assertEquals(1001, a.test().size());
        boolean[] seen = new boolean[n];
        for (Rows part : List.of(a.train(), a.valid(), a.test()))
            for (int i = 0; i < part.size(); i++) {
                assertTrue(!seen[part.get(i)], "row " + part.get(i) + " in two parts");
                seen[part.get(i)] = true;
            }
        for (int i = 0; i < n; i++) assertTrue(seen[i], "row " + i + " in no part");
    }

    @Test
    void splitRejectsBadFractions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Split.of(10, 0, 0.9, 0.2));
        assertTrue(e.getMessage().contains("train=0.9, valid=0.2"), e.getMessage());
    }

    private static EncodedDataset tiny() {
        int[][] cols = {{0, 1, 2, 0, 1, 2, 0}, {3, 2, 1, 0, 3, 2, 1}};
        byte[] labels = {0, 1, 0, 1, 1, 0, 0};
        return EncodedDataset.of(Schema.categorical(List.of("a", "b"), 3, 4), cols, labels, "tiny");
    }

    @Test
    void batchesApplyFieldOffsets() {
        EncodedDataset ds = tiny();
        List<Batch> bs = new ArrayList<>();
        ds.batches(Rows.range(7), 3).epoch(0).forEach(bs::add);
        assertEquals(3, bs.size());
        assertEquals(List.of(3, 3, 1), bs.stream().map(Batch::size).toList());
        assertArrayEquals(new int[]{0, 3 + 3, 1, 3 + 2, 2, 3 + 1}, bs.get(0).indices());    // field b starts at row 3
        assertArrayEquals(new float[]{0, 1, 0}, bs.get(0).labels());
        assertArrayEquals(new int[]{0, 3 + 1}, bs.get(2).indices());
    }

    @Test
    void orderIsFixedAcrossEpochsUnlessReshuffled() {
        EncodedDataset ds = tiny();
        Rows order = Rows.of(6, 2, 4, 0, 1, 5, 3);
        Batches fixed = ds.batches(order, 2);
        assertEquals(firstColumn(fixed, 0), firstColumn(fixed, 5));
        assertEquals(List.of(0, 2, 1, 0, 1, 2, 0), firstColumn(fixed, 0), "the given order is kept");
        Batches shuffled = fixed.reshuffled(42);
        List<Integer> e0 = firstColumn(shuffled, 0), e1 = firstColumn(shuffled, 1);
        assertEquals(e0, firstColumn(fixed.reshuffled(42), 0), "same seed, same epoch: same order");
        List<List<Integer>> epochs = new ArrayList<>();
        for (int e = 0; e < 6; e++) epochs.add(firstColumn(shuffled, e));
        assertTrue(epochs.stream().distinct().count() > 1, "reshuffling changes the order between epochs");
        List<Integer> s0 = new ArrayList<>(e0), s1 = new ArrayList<>(e1);
        s0.sort(null);
        s1.sort(null);
        assertEquals(s0, s1, "every epoch covers the same rows");
    }

    private static List<Integer> firstColumn(Batches b, int epoch) {
        List<Integer> out = new ArrayList<>();
        for (Batch x : b.epoch(epoch)) for (int i = 0; i < x.size(); i++) out.add(x.index(i, 0));
        return out;
    }

    @Test
    void inMemoryDatasetsValidateTheirIndices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncodedDataset.of(
                Schema.categorical(List.of("a"), 2), new int[][]{{0, 2}}, new byte[]{0, 1}, "bad"));
        assertEquals("field 'a' row 1: index 2 outside [0, 2)", e.getMessage());
        assertEquals(Arrays.toString(new int[]{0, 3}), Arrays.toString(Schema.categorical(List.of("a", "b"), 3, 4).offsets()));
    }
}
