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
 * NumPy {@code .npy} file ({@link MatrixFile}): the singular spectrum and information abundance of the whole
 * table, or of each field when the table is a concatenation of per-field tables (give the field sizes, rows in
 * order), each next to a random Xavier-uniform table of the same shape.
 *
 * <pre>{@code
 * CollapseReport r = CollapseReport.of(Path.of("table.npy"));               // one table
 * CollapseReport r = CollapseReport.of(Path.of("table.csv"), 1000, 30, 7);   // three fields of 1000, 30 and 7 rows
 * r.iaTable();  r.spectrumTable();  r.measures(0).table();  Plots.spectra(r.fieldIA(), List.of());  Plots.iaVersusRandom(r.fieldIA(), r.randomBaseline(0));
 * }</pre>
 *
 * @param matrix     the table
 * @param fieldSizes rows of each field, summing to the table's rows ({@code [rows]} for one table)
 * @param fieldNames a name per field
 * @param options    how the spectra are computed (row-normalised by default, as the paper's figures)
 */
public record CollapseReport(MatrixFile matrix, int[] fieldSizes, List<String> fieldNames, SpectrumOptions options) {
    public CollapseReport {
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(options, "options");
        fieldSizes = fieldSizes.clone();
        fieldNames = List.copyOf(fieldNames);
        if (fieldSizes.length == 0) throw new IllegalArgumentException("no fields");
        if (fieldNames.size() != fieldSizes.length)
            throw new IllegalArgumentException(fieldSizes.length + " field sizes but " + fieldNames.size() + " names");
        long sum = 0;
        for (int i = 0; i < fieldSizes.length; i++) {
            if (fieldSizes[i] < 1) throw new IllegalArgumentException("field " + fieldNames.get(i) + ": size " + fieldSizes[i] + " < 1");
            sum += fieldSizes[i];
        }
        if (sum != matrix.rows())
            throw new IllegalArgumentException(matrix.source() + ": the field sizes " + Arrays.toString(fieldSizes) + " sum to " + sum
                    + " rows but the table has " + matrix.rows());
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
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fieldSizes.length; i++) names.add("field" + (i + 1));
        return new CollapseReport(m, fieldSizes, names, SpectrumOptions.DEFAULT);
    }

    /** This report with other spectrum options (e.g. {@link SpectrumOptions#RAW}, Definition 1 as written). */
    public CollapseReport with(SpectrumOptions o) {
        return new CollapseReport(matrix, fieldSizes, fieldNames, o);
    }

    @Override
    public int[] fieldSizes() {
        return fieldSizes.clone();
    }

    /** The fields as a schema (offsets in file order). */
    public Schema schema() {
        return Schema.categorical(fieldNames, fieldSizes);
    }

    /** IA and spectrum per field. */
    public FieldIA fieldIA() {
        return FieldIA.of(matrix.values(), matrix.cols(), schema(), options);
    }

    /** The same for a seeded Xavier-uniform table of the same shape (the paper's random-initialisation reference). */
    public FieldIA randomBaseline(long seed) {
        return FieldIA.randomBaseline(schema(), matrix.cols(), seed, options);
    }

    /** Per field: field, rows, IA, IA/K, IA of a random table of the same shape (seed 0), IA / random IA. */
    public Table iaTable() {
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
        Table t = Table.create("singular values: " + matrix.source(), StringColumn.create("field"), IntColumn.create("k"),
                DoubleColumn.create("sigma"), DoubleColumn.create("sigma / sigma_1"));
        for (String f : fieldNames) {
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

    @Override
    public boolean equals(Object o) {
        return o instanceof CollapseReport r && matrix.equals(r.matrix) && Arrays.equals(fieldSizes, r.fieldSizes) && fieldNames.equals(r.fieldNames)
                && options.equals(r.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(matrix, Arrays.hashCode(fieldSizes), fieldNames, options);
    }
}
