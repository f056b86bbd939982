package org.collapselab.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.collapselab.analysis.stats.Interval;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.paper.claim.Comparisons;
import org.collapselab.plot.Plots;
import org.collapselab.plot.Series;
import org.collapselab.train.Predictions;
import org.knowm.xchart.XYChart;

/** The curves of a {@link ScalingGrid} result for Figs. 1a and 8 (test AUC against scale, SE and ME). */
public final class ScalingSeries {
    private ScalingSeries() {}

    /**
     * Figs. 1a and 8: test AUC against scale for one model, SE and ME: the mean over seeds with its 95% interval as the
     * error bar ({@link Comparisons#meanAuc}: DeLong's with one seed, so a gap inside the bars is noise). The ME curve
     * starts at the shared 1× base.
     */
    public static List<Series> series(ScalingGrid.Result grid, ModelKind kind) {
        return curves(grid, kind, List.of(EmbeddingMode.values()));
    }

    /** Figs. 8, 10, 11: one chart per model of the grid, SE against ME; {@code dataset} names the data in the titles ("" for none). */
    public static List<XYChart> perModel(ScalingGrid.Result grid, String dataset) {
        String on = dataset.isBlank() ? "" : " on " + dataset;
        return grid.models().stream().map(k -> Plots.scaling(k.displayName() + on + ": SE vs ME", "test AUC", series(grid, k))).toList();
    }

    /** Fig. 1a: the SE curve of one model alone. */
    public static Series single(ScalingGrid.Result grid, ModelKind kind) {
        List<Series> s = curves(grid, kind, List.of(EmbeddingMode.SINGLE));
        if (s.isEmpty()) throw new IllegalArgumentException("the grid has no SE run of " + kind.displayName());
        return s.get(0);
    }

    private static List<Series> curves(ScalingGrid.Result grid, ModelKind kind, List<EmbeddingMode> modes) {
        List<Series> out = new ArrayList<>();
        SortedMap<Integer, List<Predictions>> se = grid.testPredictions(kind, EmbeddingMode.SINGLE);
        for (EmbeddingMode em : modes) {
            SortedMap<Integer, List<Predictions>> pts = em == EmbeddingMode.SINGLE ? se : grid.testPredictions(kind, em);
            if (pts.isEmpty()) continue;
            if (em == EmbeddingMode.MULTI && se.containsKey(1)) pts.put(1, se.get(1));
            double[] x = new double[pts.size()], y = new double[x.length], error = new double[x.length];
            int i = 0;
            for (var e : pts.entrySet()) {
                Interval auc = Comparisons.meanAuc(kind.displayName() + " " + em.label() + " " + e.getKey() + "×", e.getValue());
                x[i] = e.getKey();
                y[i] = auc.estimate();
                error[i++] = auc.halfWidth();
            }
            out.add(new Series(kind.displayName() + " " + em.label(), x, y, error));
        }
        return out;
    }
}
