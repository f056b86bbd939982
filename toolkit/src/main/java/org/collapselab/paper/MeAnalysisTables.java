package org.collapselab.paper;

import java.util.List;
import java.util.Locale;
import org.collapselab.analysis.SetPatterns;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelSpec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Fig. 9 in tables and curves, from a {@link MeAnalysis.Result}. */
public final class MeAnalysisTables {
    private MeAnalysisTables() {}

    /** One row per model: label, mode, scale, sets, restricted, test AUC, test logloss, valid AUC, epochs, mean IA (whole table) and mean IA per set. */
    public static Table models(MeAnalysis.Result a) {
        StringColumn label = StringColumn.create("model"), mode = StringColumn.create("mode");
        IntColumn scale = IntColumn.create("scale"), sets = IntColumn.create("sets"), epochs = IntColumn.create("epochs");
        StringColumn restricted = StringColumn.create("divergence restricted");
        DoubleColumn auc = DoubleColumn.create("test AUC"), ll = DoubleColumn.create("test logloss"), valid = DoubleColumn.create("valid AUC"),
                ia = DoubleColumn.create("mean IA (whole table)"), setIa = DoubleColumn.create("mean IA (per set, averaged)");
        for (ModelSpec s : a.recipe().specs()) {
            label.append(s.label());
            mode.append(s.mode().label());
            scale.append(s.mode() == EmbeddingMode.MULTI ? s.sets() : s.embeddingSize() / s.kind().baseEmbeddingSize());
            sets.append(s.sets());
            restricted.append(s.divergenceRestriction().isPresent() ? "yes" : "no");
            auc.append(a.run(s).testAuc());
            ll.append(a.run(s).testLogloss());
            valid.append(a.run(s).validAuc());
            epochs.append(a.run(s).epochs());
            ia.append(ScalingGrid.mean(a.ia(s)));
            double sum = 0;
            for (int m = 0; m < s.sets(); m++) sum += ScalingGrid.mean(a.setIa(s, m));
            setIa.append(sum / s.sets());
        }
        return Table.create("DCNv2 models of the ME analysis", label, mode, scale, sets, restricted, epochs, valid, auc, ll, ia, setIa);
    }

    /** Fig. 9b as numbers: per set of the ME model at {@code n}×, its mean IA over fields and its width K. */
    public static Table setSummary(MeAnalysis.Result a, ModelSpec spec) {
        IntColumn set = IntColumn.create("set");
        DoubleColumn mean = DoubleColumn.create("mean IA"), min = DoubleColumn.create("min IA"), max = DoubleColumn.create("max IA");
        for (int m = 0; m < spec.sets(); m++) {
            double[] v = a.setIa(spec, m);
            set.append(m);
            mean.append(ScalingGrid.mean(v));
            min.append(java.util.Arrays.stream(v).min().orElse(Double.NaN));
            max.append(java.util.Arrays.stream(v).max().orElse(Double.NaN));
        }
        return Table.create("IA per embedding set of " + spec.label() + " (K = " + spec.embeddingSize() + " each)", set, mean, min, max);
    }

    /**
     * Fig. 9d in numbers: per scale ≥ 2, test AUC and mean IA (whole table) of plain ME and of divergence-restricted
     * ME, with the SE base (1×) as the common reference.
     */
    public static Table ablation(MeAnalysis.Result a) {
        IntColumn scale = IntColumn.create("scale");
        DoubleColumn meAuc = DoubleColumn.create("ME test AUC"), rAuc = DoubleColumn.create("restricted ME test AUC"),
                diff = DoubleColumn.create("restricted − ME (AUC)"), meIa = DoubleColumn.create("ME mean IA"),
                rIa = DoubleColumn.create("restricted ME mean IA");
        for (int n : a.recipe().scales())
            if (n >= 2) {
                ModelSpec me = a.recipe().me(n), r = a.recipe().restricted(n);
                scale.append(n);
                meAuc.append(a.run(me).testAuc());
                rAuc.append(a.run(r).testAuc());
                diff.append(a.run(r).testAuc() - a.run(me).testAuc());
                meIa.append(ScalingGrid.mean(a.ia(me)));
                rIa.append(ScalingGrid.mean(a.ia(r)));
            }
        return Table.create("divergence-restricted ME vs ME (SE 1× test AUC " + String.format(Locale.ROOT, "%.5f", a.run(a.recipe().se(1)).testAuc()) + ")",
                scale, meAuc, rAuc, diff, meIa, rIa);
    }

    /** Fig. 9d: test AUC against scale for ME and divergence-restricted ME, both starting at the SE base (one seed: no error bars). */
    public static List<org.collapselab.plot.Series> ablationSeries(MeAnalysis.Result a) {
        List<Integer> ns = a.recipe().scales();
        double[] x = ns.stream().mapToDouble(Integer::doubleValue).toArray(), me = new double[x.length], r = new double[x.length];
        for (int c = 0; c < x.length; c++) {
            int n = ns.get(c);
            me[c] = a.run(n == 1 ? a.recipe().se(1) : a.recipe().me(n)).testAuc();
            r[c] = a.run(n == 1 ? a.recipe().se(1) : a.recipe().restricted(n)).testAuc();
        }
        return List.of(org.collapselab.plot.Series.of("DCNv2 ME", x, me), org.collapselab.plot.Series.of("DCNv2 ME, divergence restricted", x, r));
    }

    /** Fig. 9c/9d in numbers: per ME model, the cross-set divergence of the first layer's norms and the mean pairwise pattern correlation. */
    public static Table patterns(MeAnalysis.Result a) {
        StringColumn label = StringColumn.create("model");
        DoubleColumn div = DoubleColumn.create("divergence (mean var over sets of ||W_ij||²)"),
                corr = DoubleColumn.create("mean correlation between sets' patterns");
        for (ModelSpec s : a.recipe().specs())
            if (s.sets() > 1) {
                label.append(s.label());
                div.append(SetPatterns.divergence(a.crossNorms(s)));
                corr.append(SetPatterns.meanPatternCorrelation(a.crossNorms(s)));
            }
        return Table.create("interaction patterns across sets (first cross layer)", label, div, corr);
    }
}
