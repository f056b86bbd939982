package org.collapselab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.collapselab.analysis.FieldIA;
import org.collapselab.analysis.SpectrumOptions;
import org.collapselab.analysis.XavierUniform;
import org.collapselab.data.Schema;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-field information abundance on a Criteo-sized concatenated table (39 fields, ~1.09M rows),
 * Gram route vs direct SVD, at K=10 and K=100. Prints medians; the SVD/Gram ratio is the in-run
 * reference on a noisy shared machine. Not a test: it asserts nothing.
 *
 * <p>Arguments (optional): {@code runs} (default 7), then the K values (default 10 100).
 */
public final class AnalysisBenchmark {
    /** A Criteo-like spread: a few fields of 100k–300k rows, many small ones; sums to 1,092,451. */
    static final int[] CARDINALITIES = {
            300_000, 250_000, 180_000, 120_000, 90_000, 60_000, 35_000, 20_000, 12_000, 8_000, 5_000, 3_000, 2_000,
            3, 4, 10, 14, 27, 33, 64, 97, 105, 142, 180, 211, 256, 300, 402, 512, 600, 700, 1_000, 1_200,
            4, 6, 11, 20, 50, 1_500};

    private AnalysisBenchmark() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int[] ks = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray() : new int[]{10, 100};
        List<String> names = new ArrayList<>();
        for (int f = 0; f < CARDINALITIES.length; f++) names.add("F" + (f + 1));
        Schema schema = Schema.categorical(names, CARDINALITIES);
        System.out.printf("table: %d fields, %,d rows; %d timed runs after warm-up; options %s%n",
                schema.size(), schema.totalRows(), runs, SpectrumOptions.DEFAULT);
        for (int k : ks) {
            INDArray table = XavierUniform.table(schema, k, 1);
            FieldIA[] last = new FieldIA[2];
            double gram = medianSeconds(runs, 2, () -> last[0] = FieldIA.of(table, schema));
            double svd = medianSeconds(Math.max(5, runs - 2), 1,
                    () -> last[1] = FieldIA.of(table, schema, SpectrumOptions.DEFAULT.with(SpectrumOptions.Solver.SVD)));
            double maxDiff = 0;
            for (int f = 0; f < schema.size(); f++) maxDiff = Math.max(maxDiff, Math.abs(last[0].ia()[f] - last[1].ia()[f]));
            System.out.printf("K=%-3d per-field IA, Gram route : median %.3f s%n", k, gram);
            System.out.printf("K=%-3d per-field IA, direct SVD : median %.3f s%n", k, svd);
            System.out.printf("K=%-3d SVD / Gram time ratio    : %.1fx   (max |IA_gram - IA_svd| over fields %.1e)%n", k, svd / gram, maxDiff);
        }
    }

    private static double medianSeconds(int runs, int warmUp, Supplier<?> work) {
        for (int i = 0; i < warmUp; i++) work.get();
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.get();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return runs % 2 == 1 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
    }
}
