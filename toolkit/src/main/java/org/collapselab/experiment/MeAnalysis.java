package org.collapselab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.collapselab.analysis.FieldIA;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.Schema;
import org.collapselab.experiment.claim.Claim;
import org.collapselab.experiment.claim.MultiEmbeddingClaims;
import org.collapselab.model.CtrModel;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.train.TrainConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Fig. 9: why multi-embedding scales, on DCNv2. (a) IA per field of SE and ME at the largest scale (ME's sets side by
 * side, {@link CtrModel#concatenatedTables()}); (b) IA per field of each ME set on its own; (c) the interaction
 * pattern of each set, {@code ||W^(m)_{i→j}||_F} from the first cross layer; (d) the ablation that restricts the
 * divergence of those norms across sets ({@link ModelSpec.Builder#restrictDivergence()}), against plain ME, at every
 * scale ≥ 2.
 *
 * <p>The models trained: SE at the base (1×) and at the largest scale, and ME and divergence-restricted ME at every
 * scale ≥ 2. Each is one run of the {@link RunStore} ({@link RunRecord} holds the per-set IA and cross norms), shown
 * as one long table ({@link #QUANTITY}, {@link #SET}, {@link #I}, {@link #J}, {@link #VALUE}).
 *
 * @param scales the scale factors, ascending, starting at 1 (the largest is the one analysed in a–c)
 * @param seed   the seed of every model
 */
public record MeAnalysis(List<Integer> scales, long seed) {
    /** Columns of a run's analysis table. */
    public static final String QUANTITY = "quantity", SET = "set", I = "i", J = "j", VALUE = "value";
    /** Quantities: metrics (set, i, j = −1), IA per field of the whole (concatenated) table (i = field), IA per field of one set, ||W_{i→j}||_F of one set. */
    public static final String TEST_AUC = "test AUC", TEST_LOGLOSS = "test logloss", VALID_AUC = "valid AUC", EPOCHS = "epochs",
            SECONDS = "seconds", IA = "IA", SET_IA = "set IA", CROSS_NORM = "cross norm";

    public MeAnalysis {
        scales = List.copyOf(scales);
        if (scales.size() < 2 || scales.get(0) != 1)
            throw new IllegalArgumentException("scales must start with 1 and include a larger one, got " + scales);
        for (int i = 1; i < scales.size(); i++)
            if (scales.get(i) <= scales.get(i - 1)) throw new IllegalArgumentException("scales must be ascending without repeats, got " + scales);
    }

    /** The largest scale: the one Fig. 9a–c looks at (10× in the paper). */
    public int largest() {
        return scales.get(scales.size() - 1);
    }

    public ModelSpec base() {
        return ModelSpec.of(ModelKind.DCNV2);
    }

    public ModelSpec se(int n) {
        return base().scale(n, EmbeddingMode.SINGLE);
    }

    public ModelSpec me(int n) {
        return base().scale(n, EmbeddingMode.MULTI);
    }

    /** ME with Fig. 9d's divergence restriction (n ≥ 2). */
    public ModelSpec restricted(int n) {
        return me(n).toBuilder().restrictDivergence().build();
    }

    /** The models trained, in order: SE 1×, SE at the largest scale, then ME and restricted ME per scale ≥ 2. */
    public List<ModelSpec> specs() {
        List<ModelSpec> s = new ArrayList<>(List.of(se(1), se(largest())));
        for (int n : scales)
            if (n >= 2) {
                s.add(me(n));
                s.add(restricted(n));
            }
        return s;
    }

    /** The run of every model of {@link #specs()}, with this recipe's seed. */
    public List<RunRequest> requests(EncodedDataset data, TrainConfig config) {
        return specs().stream().map(spec -> RunRequest.of(spec, config, seed, data)).toList();
    }

    /** Obtains every model's run through {@code executor} (from the run store, trained where missing) and returns their analyses. */
    public Result run(EncodedDataset data, TrainConfig config, RunExecutor executor) {
        Objects.requireNonNull(data, "data");
        Map<ModelSpec, Table> runs = new LinkedHashMap<>();
        for (RunRecord r : executor.obtain(requests(data, config))) runs.put(r.spec(), analyse(r));
        return new Result(this, data.schema(), runs);
    }

    /**
     * One run's analysis as a long table: its metrics, IA per field of its whole table, IA per field of each set,
     * and (DCNv2) ||W^(m)_{i→j}||_F of each set's first cross layer.
     */
    public static Table analyse(RunRecord run) {
        StringColumn q = StringColumn.create(QUANTITY);
        IntColumn set = IntColumn.create(SET), ic = IntColumn.create(I), jc = IntColumn.create(J);
        DoubleColumn v = DoubleColumn.create(VALUE);
        Table t = Table.create(run.spec().label(), q, set, ic, jc, v);
        add(t, TEST_AUC, -1, -1, -1, run.testAuc());
        add(t, TEST_LOGLOSS, -1, -1, -1, run.testLogloss());
        add(t, VALID_AUC, -1, -1, -1, run.validAuc());
        add(t, EPOCHS, -1, -1, -1, run.epochs());
        add(t, SECONDS, -1, -1, -1, run.seconds());
        double[] whole = run.ia(0);
        for (int f = 0; f < whole.length; f++) add(t, IA, -1, f, -1, whole[f]);
        for (int m = 0; m < run.spec().sets(); m++) {
            double[] ia = run.setIa(m);
            for (int f = 0; f < ia.length; f++) add(t, SET_IA, m, f, -1, ia[f]);
        }
        if (run.spec().kind() == ModelKind.DCNV2)
            for (int m = 0; m < run.spec().sets(); m++) {
                double[][] w = run.crossNorms(m);
                for (int i = 0; i < w.length; i++) for (int j = 0; j < w.length; j++) add(t, CROSS_NORM, m, i, j, w[i][j]);
            }
        return t;
    }

    private static void add(Table t, String quantity, int set, int i, int j, double value) {
        t.stringColumn(QUANTITY).append(quantity);
        t.intColumn(SET).append(set);
        t.intColumn(I).append(i);
        t.intColumn(J).append(j);
        t.doubleColumn(VALUE).append(value);
    }

    /** IA per field of each embedding set's own table (Fig. 9b): {@code FieldIA.of(model.embeddings().table(m), schema)}. */
    public static List<FieldIA> setIa(CtrModel model) {
        List<FieldIA> out = new ArrayList<>();
        for (int m = 0; m < model.spec().sets(); m++) out.add(FieldIA.of(model.embeddings().table(m), model.schema()));
        return out;
    }

    /**
     * Fig. 9c: {@code n[i][j] = ||W_{i→j}||_F} for set {@code set}'s cross layer {@code layer}, where
     * W_{i→j} = W[jK:(j+1)K, iK:(i+1)K] (PyTorch orientation, {@link CtrModel#crossWeight}). Row i is the source
     * field, column j the field it interacts with.
     */
    public static double[][] crossNorms(CtrModel model, int set, int layer) {
        int f = model.schema().size(), k = model.spec().embeddingSize();
        INDArray w = model.crossWeight(set, layer).castTo(DataType.DOUBLE);
        INDArray sq = w.mul(w).reshape('c', f, k, f, k).sum(1, 3);    // [j, i]: Σ_{a,b} W[jK+a, iK+b]²
        double[][] n = new double[f][f];
        for (int i = 0; i < f; i++) for (int j = 0; j < f; j++) n[i][j] = Math.sqrt(sq.getDouble(j, i));
        return n;
    }

    /**
     * The spread of the interaction patterns across sets: the mean over field pairs (i, j) of the population variance
     * over sets of ||W^(m)_{i→j}||_F² (first layer) — the quantity Fig. 9d's penalty averages over layers. 0 for one set.
     */
    public static double divergence(List<double[][]> norms) {
        int sets = norms.size(), f = norms.get(0).length;
        double total = 0;
        for (int i = 0; i < f; i++)
            for (int j = 0; j < f; j++) {
                double mean = 0, sq = 0;
                for (double[][] n : norms) mean += n[i][j] * n[i][j] / sets;
                for (double[][] n : norms) sq += Math.pow(n[i][j] * n[i][j] - mean, 2) / sets;
                total += sq;
            }
        return total / ((double) f * f);
    }

    /** Mean Pearson correlation of the F×F norm matrices over all pairs of sets (1: identical patterns up to scale). */
    public static double meanPatternCorrelation(List<double[][]> norms) {
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < norms.size(); a++)
            for (int b = a + 1; b < norms.size(); b++) {
                sum += correlation(flatten(norms.get(a)), flatten(norms.get(b)));
                pairs++;
            }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    private static double[] flatten(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    static double correlation(double[] x, double[] y) {
        double mx = ScalingGrid.mean(x), my = ScalingGrid.mean(y), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** The analyses of every model, read from the per-run tables. */
    public static final class Result {
        private final MeAnalysis recipe;
        private final Schema schema;
        private final Map<ModelSpec, Table> runs;

        Result(MeAnalysis recipe, Schema schema, Map<ModelSpec, Table> runs) {
            this.recipe = recipe;
            this.schema = schema;
            this.runs = Map.copyOf(runs);
        }

        public Schema schema() {
            return schema;
        }

        public List<String> fields() {
            return schema.names();
        }

        public MeAnalysis recipe() {
            return recipe;
        }

        private Table of(ModelSpec spec) {
            Table t = runs.get(spec);
            if (t == null) throw new IllegalArgumentException("no run of " + spec.label() + "; this analysis has " + recipe.specs());
            return t;
        }

        public double metric(ModelSpec spec, String quantity) {
            for (Row r : of(spec)) if (r.getString(QUANTITY).equals(quantity)) return r.getNumber(VALUE);
            throw new IllegalArgumentException(spec.label() + " has no " + quantity);
        }

        /** IA per field (schema order) of the model's whole table (ME: the sets side by side). */
        public double[] ia(ModelSpec spec) {
            return perField(spec, IA, -1);
        }

        /** IA per field (schema order) of set {@code m}'s table. */
        public double[] setIa(ModelSpec spec, int m) {
            return perField(spec, SET_IA, m);
        }

        private double[] perField(ModelSpec spec, String quantity, int set) {
            double[] v = new double[schema.size()];
            java.util.Arrays.fill(v, Double.NaN);
            for (Row r : of(spec))
                if (r.getString(QUANTITY).equals(quantity) && (int) r.getNumber(SET) == set) v[(int) r.getNumber(I)] = r.getNumber(VALUE);
            return v;
        }

        /** ||W^(m)_{i→j}||_F of the first cross layer of set {@code m}: row i, column j. */
        public double[][] crossNorms(ModelSpec spec, int m) {
            int f = schema.size();
            double[][] n = new double[f][f];
            for (Row r : of(spec))
                if (r.getString(QUANTITY).equals(CROSS_NORM) && (int) r.getNumber(SET) == m) n[(int) r.getNumber(I)][(int) r.getNumber(J)] = r.getNumber(VALUE);
            return n;
        }

        public List<double[][]> crossNorms(ModelSpec spec) {
            List<double[][]> out = new ArrayList<>();
            for (int m = 0; m < spec.sets(); m++) out.add(crossNorms(spec, m));
            return out;
        }

        /** One row per model: label, mode, scale, sets, restricted, test AUC, test logloss, valid AUC, epochs, mean IA (whole table) and mean IA per set. */
        public Table models() {
            StringColumn label = StringColumn.create("model"), mode = StringColumn.create("mode");
            IntColumn scale = IntColumn.create("scale"), sets = IntColumn.create("sets"), epochs = IntColumn.create("epochs");
            StringColumn restricted = StringColumn.create("divergence restricted");
            DoubleColumn auc = DoubleColumn.create("test AUC"), ll = DoubleColumn.create("test logloss"), valid = DoubleColumn.create("valid AUC"),
                    ia = DoubleColumn.create("mean IA (whole table)"), setIa = DoubleColumn.create("mean IA (per set, averaged)");
            for (ModelSpec s : recipe.specs()) {
                label.append(s.label());
                mode.append(s.mode().label());
                scale.append(s.mode() == EmbeddingMode.MULTI ? s.sets() : s.embeddingSize() / s.kind().baseEmbeddingSize());
                sets.append(s.sets());
                restricted.append(s.divergenceRestriction().isPresent() ? "yes" : "no");
                auc.append(metric(s, TEST_AUC));
                ll.append(metric(s, TEST_LOGLOSS));
                valid.append(metric(s, VALID_AUC));
                epochs.append((int) metric(s, EPOCHS));
                ia.append(ScalingGrid.mean(ia(s)));
                double sum = 0;
                for (int m = 0; m < s.sets(); m++) sum += ScalingGrid.mean(setIa(s, m));
                setIa.append(sum / s.sets());
            }
            return Table.create("DCNv2 models of the ME analysis", label, mode, scale, sets, restricted, epochs, valid, auc, ll, ia, setIa);
        }

        /** Fig. 9b as numbers: per set of the ME model at {@code n}×, its mean IA over fields and its width K. */
        public Table setSummary(ModelSpec spec) {
            IntColumn set = IntColumn.create("set");
            DoubleColumn mean = DoubleColumn.create("mean IA"), min = DoubleColumn.create("min IA"), max = DoubleColumn.create("max IA");
            for (int m = 0; m < spec.sets(); m++) {
                double[] v = setIa(spec, m);
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
        public Table ablation() {
            IntColumn scale = IntColumn.create("scale");
            DoubleColumn meAuc = DoubleColumn.create("ME test AUC"), rAuc = DoubleColumn.create("restricted ME test AUC"),
                    diff = DoubleColumn.create("restricted − ME (AUC)"), meIa = DoubleColumn.create("ME mean IA"),
                    rIa = DoubleColumn.create("restricted ME mean IA");
            for (int n : recipe.scales())
                if (n >= 2) {
                    ModelSpec me = recipe.me(n), r = recipe.restricted(n);
                    scale.append(n);
                    meAuc.append(metric(me, TEST_AUC));
                    rAuc.append(metric(r, TEST_AUC));
                    diff.append(metric(r, TEST_AUC) - metric(me, TEST_AUC));
                    meIa.append(ScalingGrid.mean(ia(me)));
                    rIa.append(ScalingGrid.mean(ia(r)));
                }
            return Table.create("divergence-restricted ME vs ME (SE 1× test AUC " + String.format(Locale.ROOT, "%.5f", metric(recipe.se(1), TEST_AUC)) + ")",
                    scale, meAuc, rAuc, diff, meIa, rIa);
        }

        /** Fig. 9d: test AUC against scale for ME and divergence-restricted ME, both starting at the SE base (one seed: no error bars). */
        public List<org.collapselab.plot.Series> ablationSeries() {
            List<Integer> ns = recipe.scales();
            double[] x = ns.stream().mapToDouble(Integer::doubleValue).toArray(), me = new double[x.length], r = new double[x.length];
            for (int c = 0; c < x.length; c++) {
                int n = ns.get(c);
                me[c] = metric(n == 1 ? recipe.se(1) : recipe.me(n), TEST_AUC);
                r[c] = metric(n == 1 ? recipe.se(1) : recipe.restricted(n), TEST_AUC);
            }
            return List.of(org.collapselab.plot.Series.of("DCNv2 ME", x, me), org.collapselab.plot.Series.of("DCNv2 ME, divergence restricted", x, r));
        }

        /** Fig. 9c/9d in numbers: per ME model, the cross-set divergence of the first layer's norms and the mean pairwise pattern correlation. */
        public Table patterns() {
            StringColumn label = StringColumn.create("model");
            DoubleColumn div = DoubleColumn.create("divergence (mean var over sets of ||W_ij||²)"),
                    corr = DoubleColumn.create("mean correlation between sets' patterns");
            for (ModelSpec s : recipe.specs())
                if (s.sets() > 1) {
                    label.append(s.label());
                    div.append(divergence(crossNorms(s)));
                    corr.append(meanPatternCorrelation(crossNorms(s)));
                }
            return Table.create("interaction patterns across sets (first cross layer)", label, div, corr);
        }
    
        /** Fig. 9a's claim: ME's IA per field (sets side by side) is higher than SE's at the largest scale. */
        public Claim meHasHigherIa() {
            int n = recipe.largest();
            return MultiEmbeddingClaims.meHasHigherIa(ia(recipe.se(n)), ia(recipe.me(n)));
        }

        /** Fig. 9b's claim: the sets vary in IA, against as many random (Xavier) tables of one set's shape. */
        public Claim setsVaryInIa() {
            ModelSpec me = recipe.me(recipe.largest());
            double[][] sets = new double[me.sets()][], random = new double[me.sets()][];
            for (int m = 0; m < me.sets(); m++) {
                sets[m] = setIa(me, m);
                random[m] = FieldIA.randomBaseline(schema, me.embeddingSize(), m).ia();
            }
            return MultiEmbeddingClaims.setsVaryInIa(sets, random);
        }

        /** Fig. 9c's claim: the sets learn different interaction patterns (against the divergence-restricted model). */
        public Claim setsLearnDifferentPatterns() {
            int n = recipe.largest();
            return MultiEmbeddingClaims.setsLearnDifferentPatterns(crossNorms(recipe.me(n)), crossNorms(recipe.restricted(n)));
        }

        /** Fig. 9d's claim at the largest scale: restricting the divergence takes away ME's gains. */
        public Claim restrictionTakesAwayGains() {
            int n = recipe.largest();
            return MultiEmbeddingClaims.restrictionTakesAwayGains(n, new double[] {metric(recipe.me(n), TEST_AUC)},
                    new double[] {metric(recipe.restricted(n), TEST_AUC)});
        }
}
}
