package org.collapselab.paper;

import static tech.tablesaw.aggregate.AggregateFunctions.count;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.stdDev;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The statistics of a {@link ScalingGrid} run table: mean and sample standard deviation (n − 1) of the test AUC and
 * log loss per (model, mode, scale) over its runs, grouped by Tablesaw ({@code summarize(...).by(...)}, groups in the
 * order of their first run). A std of one run is missing (NaN), as {@code SeedRuns.sampleStd}: a spread is not
 * measured by one run, and 0 (what Tablesaw gives) would read as one.
 */
public final class ScalingStats {
    private ScalingStats() {}

    /** Column names of {@link #summary}'s table that {@link PaperScaling#paperNumbers}' table shares. */
    public static final String RUNS = "runs", MEAN_TEST_AUC = "mean test AUC", STD_TEST_AUC = "std test AUC";
    static final String MEAN_TEST_LOGLOSS = "mean test logloss", STD_TEST_LOGLOSS = "std test logloss";

    /** One (model, mode, scale)'s statistics over its {@code runs}; std NaN for one run. */
    public record Cellstats(String model, String mode, int scale, int runs, double meanAuc, double stdAuc, double meanLogloss, double stdLogloss) {}

    /**
     * Per (model, mode, scale), in the runs' order: columns model, mode, scale, {@link #RUNS}, {@link #MEAN_TEST_AUC},
     * {@link #STD_TEST_AUC}, mean and std test logloss. The ME row at 1× is the SE base run (the same model), marked
     * as such by {@link ScalingGrid#paperLayout}.
     */
    public static Table summary(Table runs) {
        Table g = runs.summarize(ScalingGrid.TEST_AUC, ScalingGrid.TEST_LOGLOSS, count, mean, stdDev)
                .by(ScalingGrid.MODEL, ScalingGrid.MODE, ScalingGrid.SCALE);
        Table t = Table.create("test AUC and log loss per model, mode and scale (mean ± sample std over seeds; no std for one run)",
                StringColumn.create(ScalingGrid.MODEL), StringColumn.create(ScalingGrid.MODE), IntColumn.create(ScalingGrid.SCALE),
                IntColumn.create(RUNS), DoubleColumn.create(MEAN_TEST_AUC), DoubleColumn.create(STD_TEST_AUC),
                DoubleColumn.create(MEAN_TEST_LOGLOSS), DoubleColumn.create(STD_TEST_LOGLOSS));
        for (int i = 0; i < g.rowCount(); i++) {
            int n = (int) g.numberColumn("Count [" + ScalingGrid.TEST_AUC + "]").getDouble(i);
            t.stringColumn(ScalingGrid.MODEL).append(g.stringColumn(ScalingGrid.MODEL).get(i));
            t.stringColumn(ScalingGrid.MODE).append(g.stringColumn(ScalingGrid.MODE).get(i));
            t.intColumn(ScalingGrid.SCALE).append((int) g.numberColumn(ScalingGrid.SCALE).getDouble(i));
            t.intColumn(RUNS).append(n);
            for (String metric : List.of(ScalingGrid.TEST_AUC, ScalingGrid.TEST_LOGLOSS)) {
                String suffix = metric.equals(ScalingGrid.TEST_AUC) ? MEAN_TEST_AUC : MEAN_TEST_LOGLOSS;
                t.doubleColumn(suffix).append(g.numberColumn("Mean [" + metric + "]").getDouble(i));
                t.doubleColumn(suffix.replace("mean", "std")).append(n < 2 ? Double.NaN : g.numberColumn("Std. Deviation [" + metric + "]").getDouble(i));
            }
        }
        return t;
    }

    /** {@link #summary}'s rows as records. */
    public static List<Cellstats> stats(Table runs) {
        Table t = summary(runs);
        List<Cellstats> out = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++)
            out.add(new Cellstats(t.stringColumn(ScalingGrid.MODEL).get(i), t.stringColumn(ScalingGrid.MODE).get(i),
                    t.intColumn(ScalingGrid.SCALE).getInt(i), t.intColumn(RUNS).getInt(i), t.doubleColumn(MEAN_TEST_AUC).getDouble(i),
                    t.doubleColumn(STD_TEST_AUC).getDouble(i), t.doubleColumn(MEAN_TEST_LOGLOSS).getDouble(i),
                    t.doubleColumn(STD_TEST_LOGLOSS).getDouble(i)));
        return out;
    }

    /** The statistics of one (model, mode, scale), or null when {@code stats} has none. */
    static Cellstats find(List<Cellstats> stats, String model, String mode, int scale) {
        for (Cellstats s : stats) if (s.model().equals(model) && s.mode().equals(mode) && s.scale() == scale) return s;
        return null;
    }
}
