package org.collapselab.train;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.collapselab.data.EncodedDataset;
import org.collapselab.model.ModelSpec;

/** The same training repeated over seeds, summarised as mean ± sample standard deviation (the paper repeats 3×). */
public record SeedRuns(List<TrainResult> runs) {
    public SeedRuns {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) throw new IllegalArgumentException("no runs");
    }

    /**
     * Trains {@code spec} once per seed with {@code config} (its seed replaced; checkpoints, if any, in a
     * {@code seed-N} subfolder each).
     */
    public static SeedRuns train(TrainConfig config, ModelSpec spec, EncodedDataset data, long... seeds) {
        if (seeds.length == 0) throw new IllegalArgumentException("give at least one seed");
        return new SeedRuns(java.util.Arrays.stream(seeds).mapToObj(s -> {
            TrainConfig.Builder b = config.toBuilder().seed(s);
            config.checkpointDir().ifPresent(d -> b.checkpointDir(d.resolve("seed-" + s)));
            return new Trainer(b.build()).train(spec, data).result();
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

    /** Sample standard deviation (n − 1); 0 for a single run. */
    private double std(ToDoubleFunction<TrainResult> f) {
        if (runs.size() < 2) return 0;
        double m = mean(f), ss = runs.stream().mapToDouble(f).map(v -> (v - m) * (v - m)).sum();
        return Math.sqrt(ss / (runs.size() - 1));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: test AUC %.5f ± %.5f, logloss %.5f ± %.5f over %d seeds", runs.get(0).spec().label(),
                meanTestAuc(), stdTestAuc(), meanTestLogloss(), stdTestLogloss(), runs.size());
    }
}
