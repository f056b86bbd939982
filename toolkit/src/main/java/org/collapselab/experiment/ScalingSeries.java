package org.collapselab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.collapselab.experiment.ScalingStats.Cellstats;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.plot.Series;
import tech.tablesaw.api.Table;

/** The curves of a {@link ScalingGrid} run table for Figs. 1a and 8 (test AUC against scale, SE and ME). */
public final class ScalingSeries {
    private ScalingSeries() {}

    /**
     * Figs. 1a and 8: test AUC against scale for one model, SE and ME, mean with ±1 std error bars. The ME curve
     * starts at the shared 1× base. A point of one run gets an error bar of 0, not its NaN std, and a curve whose
     * points all have one run gets none.
     */
    public static List<Series> series(Table runs, ModelKind kind) {
        List<Cellstats> stats = ScalingStats.stats(runs);
        List<Series> out = new ArrayList<>();
        Cellstats base = ScalingStats.find(stats, kind.displayName(), EmbeddingMode.SINGLE.label(), 1);
        for (EmbeddingMode em : EmbeddingMode.values()) {
            List<Cellstats> pts = new ArrayList<>();
            if (em == EmbeddingMode.MULTI && base != null) pts.add(base);
            stats.stream().filter(s -> s.model().equals(kind.displayName()) && s.mode().equals(em.label())).forEach(pts::add);
            if (pts.isEmpty()) continue;
            boolean anyStd = pts.stream().anyMatch(s -> !Double.isNaN(s.stdAuc()));
            double[] error = anyStd ? pts.stream().mapToDouble(s -> Double.isNaN(s.stdAuc()) ? 0 : s.stdAuc()).toArray() : null;
            out.add(new Series(kind.displayName() + " " + em.label(), pts.stream().mapToDouble(Cellstats::scale).toArray(),
                    pts.stream().mapToDouble(Cellstats::meanAuc).toArray(), error));
        }
        return out;
    }
}
