package org.collapselab.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.collapselab.analysis.FieldIA;
import org.collapselab.data.EncodedDataset;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelSpec;
import org.collapselab.paper.claim.Claim;
import org.collapselab.paper.claim.Comparisons;
import org.collapselab.plot.Series;
import org.collapselab.run.Recipe;
import org.collapselab.run.RunMeasures;
import org.collapselab.run.RunRecord;
import org.collapselab.run.RunRequest;
import org.collapselab.run.RunStore;
import org.collapselab.train.Predictions;
import org.collapselab.train.TrainConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Model variants trained across sizes (the paper's "n×", one mode), measured the same way: the common part of
 * Evidence III ({@link EvidenceIII}) and Evidence IV ({@link EvidenceIV}). Three tables: one row per run (test AUC,
 * mean IA, ...), one per run and epoch (training loss, validation AUC), one per run and field (IA).
 *
 * @param recipe   name of the recipe (titles its tables)
 * @param variants the models, each as its 1× spec
 * @param scales   the n× factors
 * @param mode     how to scale (SE: wider tables; ME: more sets)
 * @param config   training settings
 * @param seeds    training seeds
 */
public record SizeSweep(String recipe, List<Variant> variants, List<Integer> scales, EmbeddingMode mode, TrainConfig config, List<Long> seeds)
        implements Recipe<SizeSweep.Result> {
    /** A named model, as its 1× spec. */
    public record Variant(String name, ModelSpec base) {
        public Variant {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(base, "base");
        }

        public ModelSpec at(int scale, EmbeddingMode mode) {
            return base.scale(scale, mode);
        }
    }

    public SizeSweep {
        variants = List.copyOf(variants);
        scales = List.copyOf(scales);
        seeds = List.copyOf(seeds);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(config, "config");
        if (variants.isEmpty() || scales.isEmpty() || seeds.isEmpty())
            throw new IllegalArgumentException(recipe + ": needs at least one variant, scale and seed");
    }

    /** Every spec trained, variants outermost. */
    public List<ModelSpec> specs() {
        List<ModelSpec> s = new ArrayList<>();
        for (Variant v : variants) for (int n : scales) s.add(v.at(n, mode));
        return s;
    }

    /** Every variant at every scale with every seed, in that nesting. */
    @Override
    public List<RunRequest> requests(EncodedDataset data) {
        List<RunRequest> out = new ArrayList<>();
        for (Variant v : variants) for (int n : scales) for (long seed : seeds) out.add(RunRequest.of(v.at(n, mode), config, seed, data));
        return out;
    }

    /** The three tables from the runs of {@link #requests}. */
    @Override
    public Result result(EncodedDataset data, List<RunRecord> runs, RunStore store) {
        List<Run> cells = new ArrayList<>();
        java.util.Iterator<RunRecord> it = runs.iterator();
        for (Variant v : variants)
            for (int n : scales)
                for (long seed : seeds) {
                    RunRecord r = it.next();
                    cells.add(new Run(v.name(), n, seed, r, store.measure(r, RunMeasures.FIELD_IA)));
                }
        return new Result(runsTable(cells), epochsTable(cells), fieldsTable(cells), cells, List.of());
    }

    /** One run of the sweep with its place in it, and the IA per field of its kept weights ({@link RunMeasures#FIELD_IA}). */
    public record Run(String variant, int scale, long seed, RunRecord record, FieldIA ia) {}

    private Table runsTable(List<Run> m) {
        StringColumn variant = StringColumn.create("variant"), model = StringColumn.create("model");
        IntColumn scale = IntColumn.create("scale"), epochs = IntColumn.create("epochs"), best = IntColumn.create("best epoch");
        LongColumn seed = LongColumn.create("seed");
        DoubleColumn auc = DoubleColumn.create("test AUC"), ll = DoubleColumn.create("test logloss"), ia = DoubleColumn.create("mean IA");
        for (Run c : m) {
            RunRecord r = c.record();
            variant.append(c.variant());
            model.append(r.spec().label());
            scale.append(c.scale());
            seed.append(c.seed());
            epochs.append(r.epochs());
            best.append(r.bestEpoch());
            auc.append(r.testAuc());
            ll.append(r.testLogloss());
            ia.append(java.util.Arrays.stream(c.ia().ia()).average().orElseThrow());
        }
        return Table.create(recipe + ": runs", variant, model, scale, seed, epochs, best, auc, ll, ia);
    }

    private Table epochsTable(List<Run> m) {
        StringColumn variant = StringColumn.create("variant");
        IntColumn scale = IntColumn.create("scale"), epoch = IntColumn.create("epoch");
        LongColumn seed = LongColumn.create("seed");
        DoubleColumn loss = DoubleColumn.create("train loss"), auc = DoubleColumn.create("valid AUC"), ia = DoubleColumn.create("mean IA");
        for (Run c : m) {
            RunRecord r = c.record();
            double[] l = r.trainLosses(), a = r.validAucs();
            for (int e = 0; e < l.length; e++) {
                variant.append(c.variant());
                scale.append(c.scale());
                seed.append(c.seed());
                epoch.append(e + 1);
                loss.append(l[e]);
                auc.append(a[e]);
                ia.append(java.util.Arrays.stream(r.ia(e + 1)).average().orElseThrow());
            }
        }
        return Table.create(recipe + ": per epoch", variant, scale, seed, epoch, loss, auc, ia);
    }

    private Table fieldsTable(List<Run> m) {
        StringColumn variant = StringColumn.create("variant"), field = StringColumn.create("field");
        IntColumn scale = IntColumn.create("scale"), card = IntColumn.create("cardinality");
        LongColumn seed = LongColumn.create("seed");
        DoubleColumn ia = DoubleColumn.create("IA");
        for (Run c : m) {
            List<String> names = c.ia().fields();
            double[] x = c.ia().ia();
            int[] cards = c.ia().cardinalities();
            for (int f = 0; f < x.length; f++) {
                variant.append(c.variant());
                scale.append(c.scale());
                seed.append(c.seed());
                field.append(names.get(f));
                card.append(cards[f]);
                ia.append(x[f]);
            }
        }
        return Table.create(recipe + ": IA per field", variant, scale, seed, field, card, ia);
    }

    /**
     * @param runs   variant, model, scale, seed, epochs, best epoch, test AUC, test logloss, mean IA
     * @param epochs variant, scale, seed, epoch, train loss, valid AUC, mean IA (after that epoch)
     * @param fields variant, scale, seed, field, cardinality, IA (kept weights)
     * @param cells  the runs themselves, for what the tables do not hold (predictions)
     * @param claims the paper's claims judged on the sweep (by the recipe that ran it: {@link SweepRecipe#claims}); none for a plain sweep
     */
    public record Result(Table runs, Table epochs, Table fields, List<Run> cells, List<Claim> claims) implements PaperResult {
        public Result {
            cells = List.copyOf(cells);
            claims = List.copyOf(claims);
        }

        /** This result with the claims a recipe judges on it. */
        public Result withClaims(List<Claim> judged) {
            return new Result(runs, epochs, fields, cells, judged);
        }

        /** {@link #runs()}: one row per run. */
        @Override
        public Table table() {
            return runs;
        }

        /** A variant's runs per scale, one per seed (seed order); an unknown variant is refused naming the variants. */
        private SortedMap<Integer, List<Run>> cells(String variant) {
            SortedMap<Integer, List<Run>> out = new TreeMap<>();
            for (Run r : cells) if (r.variant().equals(variant)) out.computeIfAbsent(r.scale(), n -> new ArrayList<>()).add(r);
            if (out.isEmpty()) throw new IllegalArgumentException("no runs of variant '" + variant + "'; the variants are " + variants());
            return out;
        }

        /** A variant's test predictions per scale, one run per seed (seed order). */
        public SortedMap<Integer, List<Predictions>> testPredictions(String variant) {
            SortedMap<Integer, List<Predictions>> out = new TreeMap<>();
            cells(variant).forEach((n, rs) -> out.put(n, rs.stream().map(r -> r.record().result().test()).toList()));
            return out;
        }

        /** A variant's IA per field of the kept weights per scale, {@code [seed][field]}. */
        public SortedMap<Integer, double[][]> ia(String variant) {
            SortedMap<Integer, double[][]> out = new TreeMap<>();
            cells(variant).forEach((n, rs) -> out.put(n, rs.stream().map(r -> r.ia().ia()).toArray(double[][]::new)));
            return out;
        }

        /** A variant's run of {@code seed} at every scale. */
        public SortedMap<Integer, RunRecord> runs(String variant, long seed) {
            SortedMap<Integer, RunRecord> out = new TreeMap<>();
            for (Run r : cells) if (r.variant().equals(variant) && r.seed() == seed) out.put(r.scale(), r.record());
            if (out.isEmpty()) throw new IllegalArgumentException("no runs of variant '" + variant + "' with seed " + seed);
            return out;
        }

        private static boolean is(Table t, int row, String variant, int scale) {
            return t.stringColumn("variant").get(row).equals(variant) && Math.round(t.numberColumn("scale").getDouble(row)) == scale;
        }

        /** The variants, in table order. */
        public List<String> variants() {
            return List.copyOf(new java.util.LinkedHashSet<>(runs.stringColumn("variant").asList()));
        }

        /** The scales, ascending. */
        public List<Integer> scales() {
            return runs.numberColumn("scale").asDoubleArray().length == 0 ? List.of()
                    : java.util.Arrays.stream(runs.numberColumn("scale").asDoubleArray()).mapToInt(d -> (int) Math.round(d)).distinct().sorted().boxed().toList();
        }

        /** Values of a column of {@link #runs} for one variant and scale, one per seed. */
        public double[] values(String column, String variant, int scale) {
            List<Double> v = new ArrayList<>();
            for (int r = 0; r < runs.rowCount(); r++) if (is(runs, r, variant, scale)) v.add(runs.numberColumn(column).getDouble(r));
            return v.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** Mean over seeds of a {@link #runs} column. */
        public double mean(String column, String variant, int scale) {
            return java.util.Arrays.stream(values(column, variant, scale)).average().orElseThrow(
                    () -> new IllegalArgumentException("no run of " + variant + " at " + scale + "×"));
        }

        /** One series per variant: mean of {@code column} (test AUC, mean IA, ...) against scale, with the std over seeds when more than one. */
        public List<Series> series(String column) {
            List<Series> out = new ArrayList<>();
            List<Integer> scales = scales();
            for (String v : variants()) {
                double[] x = new double[scales.size()], y = new double[x.length], err = new double[x.length];
                boolean several = false;
                for (int i = 0; i < x.length; i++) {
                    double[] vals = values(column, v, scales.get(i));
                    x[i] = scales.get(i);
                    y[i] = java.util.Arrays.stream(vals).average().orElse(Double.NaN);
                    double var = 0;
                    for (double d : vals) var += (d - y[i]) * (d - y[i]);
                    err[i] = vals.length > 1 ? Math.sqrt(var / (vals.length - 1)) : 0;
                    several |= vals.length > 1;
                }
                out.add(new Series(v, x, y, several ? err : null));
            }
            return out;
        }

        /** One series per variant: test AUC against scale, the mean over seeds with its 95% interval ({@link Comparisons#meanAuc}) as the error bar. */
        public List<Series> aucSeries() {
            List<Series> out = new ArrayList<>();
            for (String v : variants()) {
                var runs = testPredictions(v);
                double[] x = new double[runs.size()], y = new double[x.length], err = new double[x.length];
                int i = 0;
                for (var e : runs.entrySet()) {
                    var auc = Comparisons.meanAuc(v + " " + e.getKey() + "×", e.getValue());
                    x[i] = e.getKey();
                    y[i] = auc.estimate();
                    err[i++] = auc.halfWidth();
                }
                out.add(new Series(v, x, y, err));
            }
            return out;
        }

        /** A column of {@link #epochs} per epoch for one variant, scale and seed. */
        public double[] perEpoch(String column, String variant, int scale, long seed) {
            List<Double> v = new ArrayList<>();
            for (int r = 0; r < epochs.rowCount(); r++)
                if (is(epochs, r, variant, scale) && Math.round(epochs.numberColumn("seed").getDouble(r)) == seed) v.add(epochs.numberColumn(column).getDouble(r));
            return v.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** One series per variant and scale of a per-epoch column (train loss, valid AUC, mean IA) for one seed. */
        public List<Series> perEpochSeries(String column, long seed) {
            List<Series> out = new ArrayList<>();
            for (String v : variants()) for (int n : scales()) out.add(Series.perEpoch(v + " " + n + "×", perEpoch(column, v, n, seed)));
            return out;
        }
    }
}
