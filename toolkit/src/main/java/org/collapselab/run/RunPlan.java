package org.collapselab.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.collapselab.train.TrainConfig;

/**
 * What obtaining some runs will take, said before any is trained: how many distinct runs, how many the store
 * already holds, and about how many machine-hours the others take at the rates {@code ModelBenchmark} measured for
 * Table 1's cells ({@link CellRates}). A run takes at least patience + 1 epochs (early stopping waits that long after
 * its best epoch; at most its maximum), each a pass over its training rows and one over its validation rows, then
 * one test pass; the split is 8:1:1.
 *
 * @param runs        distinct runs asked for
 * @param stored      of those, already in the store
 * @param toTrain     the others
 * @param hours       their estimated machine-hours, those with a rate
 * @param unestimated runs to train whose model is not one of Table 1's cells (no rate)
 * @param source      where the rates were measured
 */
public record RunPlan(int runs, int stored, int toTrain, double hours, int unestimated, String source) {

    /** The plan for {@code requests}: {@code rows} gives the rows of a request's dataset. */
    public static RunPlan of(List<RunRequest> requests, RunStore store, ToLongFunction<RunRequest> rows, CellRates rates) {
        Map<String, RunRequest> distinct = new LinkedHashMap<>();
        for (RunRequest r : requests) distinct.putIfAbsent(r.id(), r);
        List<RunRequest> missing = new ArrayList<>();
        for (RunRequest r : distinct.values()) if (!store.contains(r.id())) missing.add(r);
        double hours = 0;
        int unestimated = 0;
        for (RunRequest r : missing) {
            var rate = rates.of(r.spec());
            if (rate.isEmpty()) {
                unestimated++;
                continue;
            }
            hours += hours(r, rows.applyAsLong(r), rate.get()[0], rate.get()[1]);
        }
        return new RunPlan(distinct.size(), distinct.size() - missing.size(), missing.size(), hours, unestimated, rates.source());
    }

    /**
     * Hours of one run over a dataset of {@code rows}: at least patience + 1 epochs (each at most its
     * {@code maxStepsPerEpoch} batches), then the test pass.
     */
    static double hours(RunRequest r, long rows, double trainPerSecond, double inferPerSecond) {
        TrainConfig c = r.config();
        double trained = c.maxStepsPerEpoch() == 0 ? 0.8 * rows : Math.min(0.8 * rows, (double) c.maxStepsPerEpoch() * c.batchSize());
        return hours(Math.min(c.maxEpochs(), c.patience() + 1), trained, rows, trainPerSecond, inferPerSecond);
    }

    /** Hours of {@code epochs} epochs over a dataset of {@code rows} split 8:1:1 (training and validation rows), then the test pass. */
    public static double hours(double epochs, long rows, double trainPerSecond, double inferPerSecond) {
        return hours(epochs, 0.8 * rows, rows, trainPerSecond, inferPerSecond);
    }

    /** Hours of one epoch over a dataset of {@code rows} split 8:1:1: its training rows, then its validation rows. */
    public static double epochHours(long rows, double trainPerSecond, double inferPerSecond) {
        return epochHours(0.8 * rows, rows, trainPerSecond, inferPerSecond);
    }

    private static double epochHours(double trainedRows, long rows, double trainPerSecond, double inferPerSecond) {
        return (trainedRows / trainPerSecond + 0.1 * rows / inferPerSecond) / 3600;
    }

    private static double hours(double epochs, double trainedRows, long rows, double trainPerSecond, double inferPerSecond) {
        return epochs * epochHours(trainedRows, rows, trainPerSecond, inferPerSecond) + 0.1 * rows / inferPerSecond / 3600;
    }

    /** One line: the counts and the estimate. */
    @Override
    public String toString() {
        String amount = hours >= 1 ? String.format(Locale.ROOT, "%,.1f machine-hours", hours)
                : String.format(Locale.ROOT, "%.0f machine-minute%s", Math.ceil(hours * 60), Math.ceil(hours * 60) == 1 ? "" : "s");
        String estimate = toTrain == 0 ? "" : String.format(Locale.ROOT, ": at least %s at the rates measured on a 2-core machine%s (%s)", amount,
                unestimated == 0 ? "" : ", " + unestimated + " of them (models outside Table 1's cells) not counted", source);
        return String.format(Locale.ROOT, "plan: %d run%s, %d in the run store, %d to train%s", runs, runs == 1 ? "" : "s", stored, toTrain, estimate);
    }
}
