package org.collapselab.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.collapselab.data.Schema;
import org.collapselab.io.MatrixFile;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A collapse report for any embedding table (paper Section 3: Definition 1, Figs. 1b and 2), read from a CSV or
 * NumPy {@code .npy} file ({@link MatrixFile}) or a model's file ({@code TensorFile}): the singular spectrum and the
 * collapse measures of the whole table, or of each field when the table is a concatenation of per-field tables (give
 * the field sizes, rows in order), each next to a random Xavier-uniform table of the same shape. A multi-embedding
 * model's M tables are M sets of the same fields.
 *
 * <pre>{@code
 * CollapseReport r = CollapseReport.of(Path.of("table.npy"));               // one table
 * CollapseReport r = CollapseReport.of(Path.of("table.csv"), 1000, 30, 7);   // three fields of 1000, 30 and 7 rows
 * r.iaTable();  r.spectrumTable();  r.measures(0).table();  Plots.spectra(r.fieldIA(), List.of());  Plots.iaVersusRandom(r.fieldIA(), r.randomBaseline(0));
 * r.summary(r.measuresPerSet(CollapseMeasure.standard(), 0, System.out::println));                       // field, set, rows, ia, ..., ia_random, ... (every set)
 * }</pre>
 *
 * @param tables   the table of each set, all of one shape
 * @param setNames a name per set (the tensor's key)
 * @param schema   the fields, by name and rows in table order; their rows sum to the tables' rows
 * @param options  how the spectra are computed (row-normalised by default, as the paper's figures)
 */
public record CollapseReport(List<MatrixFile> tables, List<String> setNames, Schema schema, SpectrumOptions options) {
    public CollapseReport {
        tables = List.copyOf(tables);
        setNames = List.copyOf(setNames);
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(options, "options");
        if (tables.isEmpty()) throw new IllegalArgumentException("no tables");
        if (setNames.size() != tables.size()) throw new IllegalArgumentException(tables.size() + " tables but " + setNames.size() + " set names");
        if (new java.util.HashSet<>(setNames).size() != setNames.size()) throw new IllegalArgumentException("set names repeat: " + setNames);
        MatrixFile first = tables.get(0);
        for (MatrixFile m : tables)
            if (m.rows() != first.rows() || m.cols() != first.cols())
                throw new IllegalArgumentException("the sets differ in shape: " + first.source() + " is " + first.rows() + " x " + first.cols() + ", "
                        + m.source() + " is " + m.rows() + " x " + m.cols());
        long sum = schema.totalRows();
        if (sum != first.rows())
            throw new IllegalArgumentException(first.source() + ": the field sizes " + Arrays.toString(schema.cardinalities()) + " sum to " + sum
                    + " rows but the table has " + first.rows() + (schema.size() > 1 ? "" : " (give the field sizes in table order)"));
    }

    /** One table in fields of the given sizes and names. */
    public CollapseReport(MatrixFile matrix, int[] fieldSizes, List<String> fieldNames, SpectrumOptions options) {
        this(List.of(matrix), List.of("table"), fields(matrix, fieldSizes, fieldNames), options);
    }

    private static Schema fields(MatrixFile m, int[] sizes, List<String> names) {
        if (sizes.length == 0) throw new IllegalArgumentException(m.source() + ": no fields");
        if (names.size() != sizes.length) throw new IllegalArgumentException(sizes.length + " field sizes but " + names.size() + " names");
        for (int i = 0; i < sizes.length; i++)
            if (sizes[i] < 1) throw new IllegalArgumentException(m.source() + ": field " + names.get(i) + " has size " + sizes[i] + " < 1");
        return Schema.categorical(names, sizes);
    }

    /** The whole file as one table, row-normalised spectra. */
    public static CollapseReport of(Path file) {
        MatrixFile m = MatrixFile.read(file);
        return new CollapseReport(m, new int[]{m.rows()}, List.of("table"), SpectrumOptions.DEFAULT);
    }

    /** The file as consecutive fields of the given sizes (named field1, field2, ...), row-normalised spectra. */
    public static CollapseReport of(Path file, int... fieldSizes) {
        return of(MatrixFile.read(file), fieldSizes);
    }

    /** A matrix as consecutive fields of the given sizes (named field1, field2, ...), row-normalised spectra. */
    public static CollapseReport of(MatrixFile m, int... fieldSizes) {
        return new CollapseReport(m, fieldSizes, numbered(fieldSizes.length), SpectrumOptions.DEFAULT);
    }

    /** {@code field1, field2, ...}: the names of fields given only by their sizes. */
    public static List<String> numbered(int fields) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fields; i++) names.add("field" + (i + 1));
        return names;
    }

    /** This report with other spectrum options (e.g. {@link SpectrumOptions#RAW}, Definition 1 as written). */
    public CollapseReport with(SpectrumOptions o) {
        return new CollapseReport(tables, setNames, schema, o);
    }

    /** The table of a one-set report. */
    public MatrixFile matrix() {
        return only("matrix()");
    }

    /** The field sizes, in table order. */
    public int[] fieldSizes() {
        return schema.cardinalities();
    }

    /** The field names, in table order. */
    public List<String> fieldNames() {
        return schema.fields().stream().map(f -> f.name()).toList();
    }

    /** IA and spectrum per field of a one-set report. */
    public FieldIA fieldIA() {
        only("fieldIA()");
        return fieldIA(0);
    }

    /** IA and spectrum per field of set {@code set}. */
    public FieldIA fieldIA(int set) {
        MatrixFile m = tables.get(set);
        return FieldIA.of(m.values(), m.cols(), schema, options);
    }

    /** The same for a seeded Xavier-uniform table of the same shape (the paper's random-initialisation reference). */
    public FieldIA randomBaseline(long seed) {
        return FieldIA.randomBaseline(schema, tables.get(0).cols(), seed, options);
    }

    /**
     * {@code measures} ({@link CollapseMeasure#standard()}, say) per field of each set, beside one Xavier random table of their shape drawn
     * with {@code seed}; {@code progress} hears a line per set (large tables take seconds each).
     */
    public List<FieldMeasures> measuresPerSet(List<CollapseMeasure> measures, long seed, java.util.function.Consumer<String> progress) {
        long t0 = System.nanoTime();
        FieldIA random = randomBaseline(seed);
        List<FieldMeasures> out = new ArrayList<>();
        for (int s = 0; s < tables.size(); s++) {
            out.add(new FieldMeasures(fieldIA(s), random, measures));
            progress.accept(String.format(java.util.Locale.ROOT, "spectra of set %d/%d (%s): %d fields, %d x %d, %.1f s", s + 1, tables.size(),
                    setNames.get(s), schema.size(), tables.get(s).rows(), tables.get(s).cols(), (System.nanoTime() - t0) / 1e9));
        }
        return out;
    }

    /**
     * One row per field of each set, in table order, set by set: {@code field, set, rows}, each measure, then each
     * measure of the random table ({@code NAME_random}). {@code perSet} is {@link #measuresPerSet}'s answer.
     */
    public Table summary(List<FieldMeasures> perSet) {
        if (perSet.size() != tables.size()) throw new IllegalArgumentException(perSet.size() + " measured sets for " + tables.size() + " tables");
        List<CollapseMeasure> measures = perSet.get(0).measures();
        Table t = Table.create("collapse measures (" + options.rows().name().toLowerCase(java.util.Locale.ROOT) + " rows, K = " + tables.get(0).cols() + ")",
                StringColumn.create("field"), StringColumn.create("set"), IntColumn.create("rows"));
        for (CollapseMeasure m : measures) t.addColumns(DoubleColumn.create(m.name()));
        for (CollapseMeasure m : measures) t.addColumns(DoubleColumn.create(m.name() + "_random"));
        for (int s = 0; s < perSet.size(); s++)
            for (int f = 0; f < schema.size(); f++) {
                t.stringColumn("field").append(schema.field(f).name());
                t.stringColumn("set").append(setNames.get(s));
                t.intColumn("rows").append(schema.cardinality(f));
                for (CollapseMeasure m : measures) {
                    t.doubleColumn(m.name()).append(perSet.get(s).value(f, m));
                    t.doubleColumn(m.name() + "_random").append(perSet.get(s).randomValue(f, m));
                }
            }
        return t;
    }

    private MatrixFile only(String what) {
        if (tables.size() != 1) throw new IllegalStateException(what + " is for a one-set report; this one has " + tables.size() + " sets: " + setNames);
        return tables.get(0);
    }

    /** Per field: field, rows, IA, IA/K, IA of a random table of the same shape (seed 0), IA / random IA. */
    public Table iaTable() {
        MatrixFile matrix = only("iaTable()");
        FieldIA ia = fieldIA(), random = randomBaseline(0);
        Table t = ia.versus(random);
        t.addColumns(DoubleColumn.create("IA/K", Arrays.stream(ia.ia()).map(v -> v / matrix.cols()).toArray()));
        return t.setName("collapse report: " + matrix.source() + " (" + matrix.rows() + " x " + matrix.cols() + ", " + options + "; read as "
                + matrix.layout() + ")");
    }

    /**
     * Every standard {@link CollapseMeasure} per field, beside the Xavier random table of the same shape drawn with
     * {@code seed} ({@link FieldMeasures#table()}; {@link FieldMeasures#definitions} says what each column means).
     */
    public FieldMeasures measures(long seed) {
        return new FieldMeasures(fieldIA(), randomBaseline(seed), CollapseMeasure.standard());
    }

    /** Long form of every field's spectrum: field, k (1-based), σ_k, σ_k / σ_1. */
    public Table spectrumTable() {
        FieldIA ia = fieldIA();
        Table t = Table.create("singular values: " + matrix().source(), StringColumn.create("field"), IntColumn.create("k"),
                DoubleColumn.create("sigma"), DoubleColumn.create("sigma / sigma_1"));
        for (String f : fieldNames()) {
            Spectrum s = ia.spectrum(f);
            double[] v = s.values(), n = s.normalized();
            for (int k = 0; k < v.length; k++) {
                var r = t.appendRow();
                r.setString(0, f);
                r.setInt(1, k + 1);
                r.setDouble(2, v[k]);
                r.setDouble(3, n[k]);
            }
        }
        return t;
    }
}
