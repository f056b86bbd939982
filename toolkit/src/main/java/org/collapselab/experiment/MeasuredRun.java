package org.collapselab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.collapselab.analysis.FieldIA;
import org.collapselab.analysis.Spectrum;
import org.collapselab.analysis.SpectrumOptions;
import org.collapselab.model.ModelSpec;
import org.collapselab.train.EpochResult;
import org.collapselab.train.TrainResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Everything measured on one training run, as one long table (so that it is one entry of the {@link ResultCache}):
 * its metrics, its history per epoch, the IA of every field after every epoch and of the kept (best) weights, and
 * the singular values of every field of the kept weights. Columns: {@code section} (metric, history, ia, sigma),
 * {@code epoch} (0 for the kept weights), {@code name} (a metric name or a field), {@code cardinality},
 * {@code index} (1-based singular value index), {@code value}.
 *
 * @param spec   the model trained
 * @param seed   its training seed
 * @param record the long table
 */
public record MeasuredRun(ModelSpec spec, long seed, Table record) {
    static final String METRIC = "metric", HISTORY = "history", IA = "ia", SIGMA = "sigma";
    static final List<String> HISTORY_COLUMNS = List.of("train loss", "valid AUC", "valid logloss", "seconds");

    public MeasuredRun {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(record, "record");
        for (String c : List.of("section", "epoch", "name", "cardinality", "index", "value"))
            if (!record.columnNames().contains(c)) throw new IllegalArgumentException("run record of " + spec.label() + " has no column '" + c + "'");
    }

    /** The record of a finished run: {@code perEpoch.get(e)} is the per-field IA after epoch e + 1; {@code kept} of the restored weights. */
    static MeasuredRun of(TrainResult result, List<FieldIA> perEpoch, FieldIA kept) {
        StringColumn section = StringColumn.create("section"), name = StringColumn.create("name");
        IntColumn epoch = IntColumn.create("epoch"), card = IntColumn.create("cardinality"), index = IntColumn.create("index");
        DoubleColumn value = DoubleColumn.create("value");
        class Rows {
            void add(String s, int e, String n, int c, int i, double v) {
                section.append(s);
                epoch.append(e);
                name.append(n);
                card.append(c);
                index.append(i);
                value.append(v);
            }
        }
        Rows rows = new Rows();
        rows.add(METRIC, 0, "test AUC", 0, 0, result.testAuc());
        rows.add(METRIC, 0, "test logloss", 0, 0, result.testLogloss());
        rows.add(METRIC, 0, "valid AUC", 0, 0, result.validAuc());
        rows.add(METRIC, 0, "best epoch", 0, 0, result.bestEpoch());
        rows.add(METRIC, 0, "seconds", 0, 0, result.seconds());
        rows.add(METRIC, 0, "width", 0, 0, kept.k());
        for (EpochResult r : result.history()) {
            double[] v = {r.trainLoss(), r.validAuc(), r.validLogloss(), r.seconds()};
            for (int j = 0; j < v.length; j++) rows.add(HISTORY, r.epoch(), HISTORY_COLUMNS.get(j), 0, 0, v[j]);
        }
        if (perEpoch.size() != result.epochs())
            throw new IllegalStateException(result.epochs() + " epochs but IA of " + perEpoch.size());
        for (int e = 0; e <= perEpoch.size(); e++) {
            FieldIA f = e == 0 ? kept : perEpoch.get(e - 1);
            for (int i = 0; i < f.size(); i++) rows.add(IA, e, f.fields().get(i), f.cardinalities()[i], 0, f.ia()[i]);
        }
        for (int i = 0; i < kept.size(); i++) {
            double[] s = kept.spectra().get(i).values();
            for (int j = 0; j < s.length; j++) rows.add(SIGMA, 0, kept.fields().get(i), kept.cardinalities()[i], j + 1, s[j]);
        }
        Table t = Table.create(result.spec().label() + " (seed " + result.seed() + ")", section, epoch, name, card, index, value);
        return new MeasuredRun(result.spec(), result.seed(), t);
    }

    private Table section(String s) {
        return record.where(record.stringColumn("section").isEqualTo(s));
    }

    private static int integer(Table t, String column, int row) {
        return (int) Math.round(t.numberColumn(column).getDouble(row));
    }

    /** A metric of the kept weights: test AUC, test logloss, valid AUC, best epoch, seconds, width. */
    public double metric(String name) {
        Table m = section(METRIC);
        for (int r = 0; r < m.rowCount(); r++) if (m.stringColumn("name").get(r).equals(name)) return m.numberColumn("value").getDouble(r);
        throw new IllegalArgumentException("no metric '" + name + "' in the record of " + spec.label());
    }

    public double testAuc() {
        return metric("test AUC");
    }

    public double testLogloss() {
        return metric("test logloss");
    }

    public int bestEpoch() {
        return (int) Math.round(metric("best epoch"));
    }

    /** Width of the analysed table: K for SE, M·K for ME (sets side by side). */
    public int width() {
        return (int) Math.round(metric("width"));
    }

    /** Epochs run. */
    public int epochs() {
        return perEpoch("train loss").length;
    }

    /** One history column per epoch: train loss, valid AUC, valid logloss or seconds. */
    public double[] perEpoch(String column) {
        if (!HISTORY_COLUMNS.contains(column)) throw new IllegalArgumentException("no history column '" + column + "'; one of " + HISTORY_COLUMNS);
        Table h = section(HISTORY);
        TreeMap<Integer, Double> v = new TreeMap<>();
        for (int r = 0; r < h.rowCount(); r++)
            if (h.stringColumn("name").get(r).equals(column)) v.put(integer(h, "epoch", r), h.numberColumn("value").getDouble(r));
        return v.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    public double[] trainLosses() {
        return perEpoch("train loss");
    }

    public double[] validAucs() {
        return perEpoch("valid AUC");
    }

    /** Field names in schema order. */
    public List<String> fields() {
        Table ia = section(IA);
        List<String> names = new ArrayList<>();
        for (int r = 0; r < ia.rowCount(); r++) if (integer(ia, "epoch", r) == 0) names.add(ia.stringColumn("name").get(r));
        return names;
    }

    /** IA per field (schema order) after epoch {@code epoch} (1-based), or of the kept weights for 0. */
    public double[] ia(int epoch) {
        Table ia = section(IA);
        double[] v = new double[fields().size()];
        int f = 0;
        for (int r = 0; r < ia.rowCount(); r++) if (integer(ia, "epoch", r) == epoch) v[f++] = ia.numberColumn("value").getDouble(r);
        if (f != v.length) throw new IllegalArgumentException(spec.label() + ": no IA recorded for epoch " + epoch);
        return v;
    }

    /** {@code [e][f]}: IA of field f after epoch e + 1. */
    public double[][] iaPerEpoch() {
        double[][] m = new double[epochs()][];
        for (int e = 0; e < m.length; e++) m[e] = ia(e + 1);
        return m;
    }

    /** Mean IA over fields of the kept weights. */
    public double meanIa() {
        return Arrays.stream(ia(0)).average().orElseThrow();
    }

    /** IA and singular values per field of the kept weights, as the analysis returned them (row-normalised). */
    public FieldIA fieldIA() {
        Table ia = section(IA), sigma = section(SIGMA);
        List<String> names = fields();
        int[] cards = new int[names.size()];
        for (int r = 0, f = 0; r < ia.rowCount(); r++) if (integer(ia, "epoch", r) == 0) cards[f++] = integer(ia, "cardinality", r);
        List<List<Double>> values = new ArrayList<>();
        for (int f = 0; f < names.size(); f++) values.add(new ArrayList<>());
        for (int r = 0; r < sigma.rowCount(); r++) values.get(names.indexOf(sigma.stringColumn("name").get(r))).add(sigma.numberColumn("value").getDouble(r));
        List<Spectrum> spectra = values.stream().map(v -> new Spectrum(v.stream().mapToDouble(Double::doubleValue).toArray())).toList();
        return new FieldIA(names, cards, ia(0), width(), spectra, SpectrumOptions.DEFAULT);
    }
}
