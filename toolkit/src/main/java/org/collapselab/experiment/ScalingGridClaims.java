package org.collapselab.experiment;

import java.util.List;
import org.collapselab.experiment.ScalingStats.Cellstats;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The paper's scaling claims per model on a {@link ScalingGrid} run table, from the means ({@link ScalingStats}). */
public final class ScalingGridClaims {
    private ScalingGridClaims() {}

    /**
     * The paper's claims checked per model, from the means: SE's change from 1× to the largest scale, ME's change,
     * ME − SE at the largest scale, the best SE and ME scales, and whether "SE does not scale" (SE at the largest
     * scale is not 0.001 or more above the base — the paper's threshold for a significant gain) and "ME improves
     * with size" (ME at the largest scale above the base and above SE there) held.
     */
    public static Table claims(Table runs) {
        List<Cellstats> stats = ScalingStats.stats(runs);
        StringColumn model = StringColumn.create("model"), seHeld = StringColumn.create("SE does not scale"),
                meHeld = StringColumn.create("ME improves with size");
        IntColumn largest = IntColumn.create("largest scale"), bestSe = IntColumn.create("best SE scale"), bestMe = IntColumn.create("best ME scale");
        DoubleColumn dSe = DoubleColumn.create("SE: largest − 1×"), dMe = DoubleColumn.create("ME: largest − 1×"),
                gap = DoubleColumn.create("ME − SE at largest");
        for (String m : stats.stream().map(Cellstats::model).distinct().toList()) {
            Cellstats base = ScalingStats.find(stats, m, "SE", 1);
            // the largest scale with both modes: a cell left out (over the memory budget) does not drop the model
            int top = stats.stream().filter(s -> s.model().equals(m) && s.mode().equals("ME")).mapToInt(Cellstats::scale)
                    .filter(n -> ScalingStats.find(stats, m, "SE", n) != null).max().orElse(1);
            Cellstats se = ScalingStats.find(stats, m, "SE", top), me = ScalingStats.find(stats, m, "ME", top);
            if (base == null || se == null || me == null || top == 1) continue;
            model.append(m);
            largest.append(top);
            dSe.append(se.meanAuc() - base.meanAuc());
            dMe.append(me.meanAuc() - base.meanAuc());
            gap.append(me.meanAuc() - se.meanAuc());
            bestSe.append(bestScale(stats, m, "SE", null));
            bestMe.append(bestScale(stats, m, "ME", base));
            seHeld.append(se.meanAuc() - base.meanAuc() < 0.001 ? "yes" : "no");
            meHeld.append(me.meanAuc() > base.meanAuc() && me.meanAuc() > se.meanAuc() ? "yes" : "no");
        }
        return Table.create("the paper's claims on this grid (test AUC means)", model, largest, dSe, dMe, gap, bestSe, bestMe, seHeld, meHeld);
    }

    private static int bestScale(List<Cellstats> stats, String model, String mode, Cellstats base) {
        Cellstats best = base;
        for (Cellstats s : stats)
            if (s.model().equals(model) && s.mode().equals(mode) && (best == null || s.meanAuc() > best.meanAuc())) best = s;
        return best == null ? 0 : best.scale();
    }
}
