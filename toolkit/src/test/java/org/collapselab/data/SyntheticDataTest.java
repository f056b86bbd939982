package org.collapselab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDataTest {
    @TempDir
    Path tmp;

    @Test
    void toyDataFollowsAppendixA() {
        EncodedDataset small = ToyData.generate(3, 7);
        assertEquals(10_000, small.rows());
        assertArrayEquals(new int[]{100, 100, 3}, small.schema().cardinalities());
        boolean[][] seen = new boolean[100][100];
        for (int r = 0; r < small.rows(); r++) {
            assertTrue(!seen[small.index(r, 0)][small.index(r, 1)], "each (x1, x2) exactly once");
            seen[small.index(r, 0)][small.index(r, 1)] = true;
            assertTrue(small.index(r, 2) < 3);
        }
        EncodedDataset again = ToyData.generate(3, 7), other = ToyData.generate(3, 8);
        int sameX3 = 0, diffLabel = 0;
        for (int r = 0; r < small.rows(); r++) {
            assertEquals(small.index(r, 2), again.index(r, 2));
            assertEquals(small.label(r), again.label(r));
            if (small.index(r, 2) == other.index(r, 2)) sameX3++;
            if (small.label(r) != other.label(r)) diffLabel++;
        }
        assertTrue(sameX3 < 5_000 && diffLabel > 4_000, "another seed draws other values");
        assertEquals(0.5, small.positiveRate(), 0.03);
    }

    @Test
    void numericValuesLandInTheirRankBuckets() {
        for (int rank = 0; rank < 300; rank++) {
            long expected = rank < 4 ? rank - 3 : rank - 3;    // ranks 0..3 → values -1..2 → tokens -3..0; rank r ≥ 4 → bucket r - 3
            assertEquals(expected, Bucketing.criteoToken(SyntheticCriteo.numericValue(rank)), "rank " + rank);
        }
    }

    @Test
    void criteoShapedFilesAreDeterministicAndParseAsCriteo() throws IOException {
        SyntheticCriteo gen = SyntheticCriteo.criteoShaped(3_000, 0.002, 11);
        Path a = gen.write(tmp.resolve("a.tsv")), b = gen.write(tmp.resolve("b.tsv.gz"));
        Path c = SyntheticCriteo.criteoShaped(3_000, 0.002, 12).write(tmp.resolve("c.tsv"));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(gen.write(tmp.resolve("a2.tsv"))));
        assertNotEquals(Files.readString(a), Files.readString(c));
        PreprocessOptions o = TestFiles.options(tmp.resolve("cache")).strict().minCount(1).build();
        EncodedDataset da = CtrData.load(a, gen.format(), o), db = CtrData.load(b, gen.format(), o);
        assertEquals(3_000, da.rows());
        assertArrayEquals(da.schema().cardinalities(), db.schema().cardinalities());
        for (int f = 0; f < 39; f++) {
            int card = f < 13 ? gen.numericCardinalities()[f] : gen.categoricalCardinalities()[f - 13];
            assertTrue(da.schema().cardinality(f) <= card + 2, "field " + f + " has at most its configured values + missing + OOV");
            double missing = (double) da.report().fields().get(f).missing() / da.rows();
            assertEquals(0.1, missing, 0.03, "missing rate of field " + f);
        }
        assertEquals(0.25, da.positiveRate(), 0.03, "the bias is calibrated to the base rate");
    }

    @Test
    void zipfMakesTheHeadFrequent() {
        SyntheticCriteo gen = new SyntheticCriteo(20_000, new int[0], new int[]{1000}, 1.1, 0.0, 0, 0.5, 1.0, 0.3, 3);
        Path f = gen.write(tmp.resolve("z.tsv"));
        EncodedDataset ds = CtrData.load(f, gen.format(), TestFiles.options(tmp.resolve("cache")).minCount(1).build());
        int[] freq = new int[ds.schema().cardinality(0)];
        for (int r = 0; r < ds.rows(); r++) freq[ds.index(r, 0)]++;
        // Zipf(1.1) over 1000 values: P(rank 1) = 1 / H(1000, 1.1) ≈ 0.185
        double h = 0;
        for (int k = 1; k <= 1000; k++) h += Math.pow(k, -1.1);
        assertEquals(1 / h, freq[0] / 20_000.0, 0.015);
        assertEquals(Math.pow(2, -1.1) / h, freq[1] / 20_000.0, 0.012);
    }

    @Test
    void plantedEffectsMakeLabelsPredictable() {
        // With strong first-order effects and no noise fields, the per-token empirical click rate separates the classes.
        SyntheticCriteo gen = new SyntheticCriteo(20_000, new int[0], new int[]{50, 50}, 0.5, 0.0, 1, 1.5, 1.5, 0.3, 5);
        Path f = gen.write(tmp.resolve("p.tsv"));
        EncodedDataset ds = CtrData.load(f, gen.format(), TestFiles.options(tmp.resolve("cache")).minCount(1).build());
        Split s = ds.split();
        int c0 = ds.schema().cardinality(0), c1 = ds.schema().cardinality(1);
        double[] clicks = new double[c0 * c1], shows = new double[c0 * c1];
        for (int i = 0; i < s.train().size(); i++) {
            int r = s.train().get(i), k = ds.index(r, 0) * c1 + ds.index(r, 1);
            clicks[k] += ds.label(r);
            shows[k]++;
        }
        double[] score = new double[s.test().size()];
        int[] y = new int[score.length];
        for (int i = 0; i < score.length; i++) {
            int r = s.test().get(i), k = ds.index(r, 0) * c1 + ds.index(r, 1);
            score[i] = (clicks[k] + 0.3) / (shows[k] + 1);
            y[i] = ds.label(r);
        }
        assertTrue(auc(score, y) > 0.7, "AUC of a count model on planted data: " + auc(score, y));
    }

    /** Rank-sum AUC, reference implementation for this test only. */
    private static double auc(double[] s, int[] y) {
        long pos = 0, neg = 0;
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            if (y[i] == 0) continue;
            pos++;
            for (int j = 0; j < s.length; j++) if (y[j] == 0) sum += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
        }
        for (int v : y) if (v == 0) neg++;
        return sum / (pos * neg);
    }
}
