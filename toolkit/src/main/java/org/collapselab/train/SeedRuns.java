package org.collapselab.train;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.collapselab.data.EncodedDataset;
import org.collapselab.model.ModelSpec;

/**
 * The same training repeated over seeds, summarised as mean ± sample standard deviation (the paper repeats 3×); one
 * run has no standard deviation (NaN).
 */
public record SeedRuns(List<TrainResult> runs) {
    public SeedRuns {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) throw new IllegalArgumentException("no runs");
    }

    /** Trains {@code spec} once per seed with {@code config} (its model seed replaced), all on {@code config}'s split. */
    public static SeedRuns train(TrainConfig config, ModelSpec spec, EncodedDataset data, long... seeds) {
        return train(config, TrainContext.NONE, spec, data, false, seeds);
    }

    /**
     * Trains {@code spec} once per seed with {@link TrainConfig#repeat config.repeat(seed, varySplit)}: with
     * {@code varySplit} each repeat also trains, selects and tests on its own split. Checkpoints, if the context has
     * a folder, go to a subfolder per repeat ({@code seed-N}, {@code seed-N-split}).
     */
    public static SeedRuns train(TrainConfig config, TrainContext context, ModelSpec spec, EncodedDataset data, boolean varySplit, long... seeds) {
        if (seeds.length == 0) throw new IllegalArgumentException("give at least one seed");
        return new SeedRuns(java.util.Arrays.stream(seeds).mapToObj(s -> {
            TrainContext.Builder c = context.toBuilder();
            context.checkpointDir().ifPresent(d -> c.checkpointDir(d.resolve("seed-" + s + (varySplit ? "-split" : ""))));
            return new Trainer(config.repeat(s, varySplit), c.build()).train(spec, data).result();
        }).toList());
    }

    public double meanTestAuc() {
        return mean(TrainResult::testAuc);
    }

    public double stdTestAuc() {
        return std(TrainResult::testAuc);
    }

    public double meanTestLogloss() {
        return mean(TrainResult::testLogloss);
    }

    public double stdTestLogloss() {
        return std(TrainResult::testLogloss);
    }

    private double mean(ToDoubleFunction<TrainResult> f) {
        return runs.stream().mapToDouble(f).average().orElseThrow();
    }

    private double std(ToDoubleFunction<TrainResult> f) {
        return sampleStd(runs.stream().mapToDouble(f).toArray());
    }

    /** Sample standard deviation (n − 1); NaN for fewer than two values, where it is undefined (not 0: no spread was measured). */
    public static double sampleStd(double... v) {
        if (v.length < 2) return Double.NaN;
        double m = java.util.Arrays.stream(v).average().orElseThrow(), ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        return Math.sqrt(ss / (v.length - 1));
    }

    /** {@code 0.81228 ± 0.00004}, or {@code 0.81228} when {@code std} is NaN (one run: no std). */
    public static String meanStd(double mean, double std) {
        return Double.isNaN(std) ? String.format(Locale.ROOT, "%.5f", mean) : String.format(Locale.ROOT, "%.5f ± %.5f", mean, std);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: test AUC %s, logloss %s over %d seed%s", runs.get(0).spec().label(),
                meanStd(meanTestAuc(), stdTestAuc()), meanStd(meanTestLogloss(), stdTestLogloss()), runs.size(), runs.size() == 1 ? "" : "s");
    }
}
