package org.collapselab.train;

import java.util.HashMap;
import java.util.Map;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.Split;

/** A reference for planted tasks: per-field and per-pair click rates from training rows, averaged as log-odds. */
final class CountModel {
    private CountModel() {}

    static double validAuc(EncodedDataset ds) {
        Split s = ds.split();
        int f = ds.schema().size();
        Map<Long, double[]> stats = new HashMap<>();
        for (int i = 0; i < s.train().size(); i++) {
            int r = s.train().get(i);
            for (long key : keys(ds, r, f)) {
                double[] st = stats.computeIfAbsent(key, k -> new double[2]);
                st[0] += ds.label(r);
                st[1]++;
            }
        }
        float[] p = new float[s.valid().size()], y = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            int r = s.valid().get(i);
            double logit = 0;
            for (long key : keys(ds, r, f)) {
                double[] st = stats.getOrDefault(key, new double[2]);
                double rate = (st[0] + 1) / (st[1] + 3);
                logit += Math.log(rate / (1 - rate));
            }
            p[i] = (float) logit;
            y[i] = ds.label(r);
        }
        return Metrics.auc(p, y);
    }

    private static long[] keys(EncodedDataset ds, int r, int f) {
        long[] k = new long[f + f * (f - 1) / 2];
        int n = 0;
        for (int a = 0; a < f; a++) k[n++] = ((long) a << 40) | ds.index(r, a);
        for (int a = 0; a < f; a++)
            for (int b = a + 1; b < f; b++) k[n++] = (1L << 62) | ((long) a << 50) | ((long) b << 40) | ((long) ds.index(r, a) << 20) | ds.index(r, b);
        return k;
    }
}
