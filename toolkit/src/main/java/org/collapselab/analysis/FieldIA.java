package org.collapselab.analysis;

import static tech.tablesaw.aggregate.AggregateFunctions.max;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.min;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.collapselab.data.Schema;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Information abundance of each field of a concatenated embedding table (paper Fig. 2).
 * Field {@code f} owns rows {@code schema.offset(f) .. offset(f) + cardinality(f) - 1}, its OOV row included.
 *
 * <pre>{@code
 * FieldIA learned = FieldIA.of(table, schema);                        // row-normalised, Gram route
 * FieldIA random  = FieldIA.randomBaseline(schema, k, 42);            // Xavier-uniform table, same shape
 * learned.table();                                                    // "IA per field": field, cardinality, IA, IA/K
 * learned.versus(random);                                             // learned vs random, side by side
 * }</pre>
 *
 * @param fields        field names, in schema order
 * @param cardinalities rows of each field
 * @param ia            IA of each field
 * @param k             columns of the table (embedding size)
 * @param spectra       the singular values of each field
 * @param options       how the spectra were computed
 */
public record FieldIA(List<String> fields, int[] cardinalities, double[] ia, int k, List<Spectrum> spectra,
                      SpectrumOptions options) {

    public FieldIA {
        fields = List.copyOf(fields);
        cardinalities = cardinalities.clone();
        ia = ia.clone();
        spectra = List.copyOf(spectra);
        Objects.requireNonNull(options, "options");
        int n = fields.size();
        if (n == 0) throw new IllegalArgumentException("no fields");
        if (cardinalities.length != n || ia.length != n || spectra.size() != n)
            throw new IllegalArgumentException(n + " fields but " + cardinalities.length + " cardinalities, " + ia.length
                    + " IA values and " + spectra.size() + " spectra");
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        for (int f = 0; f < n; f++) {
            if (cardinalities[f] < 1)
                throw new IllegalArgumentException("field '" + fields.get(f) + "': cardinality " + cardinalities[f] + " < 1");
            if (!(ia[f] >= 0) || !Double.isFinite(ia[f]))
                throw new IllegalArgumentException("field '" + fields.get(f) + "': IA " + ia[f] + " must be finite and >= 0");
        }
    }

    /** Per-field IA of a concatenated {@code schema.totalRows() x K} table, with {@link SpectrumOptions#DEFAULT}. */
    public static FieldIA of(INDArray table, Schema schema) {
        return of(table, schema, SpectrumOptions.DEFAULT);
    }

    /** Per-field IA of a concatenated {@code schema.totalRows() x K} table (float or double, any order or view). */
    public static FieldIA of(INDArray table, Schema schema, SpectrumOptions options) {
        return of(Rows.of(table), schema, options);
    }

    /** Per-field IA of a concatenated table given as a row-major float array of {@code schema.totalRows() x k}. */
    public static FieldIA of(float[] table, int k, Schema schema) {
        return of(table, k, schema, SpectrumOptions.DEFAULT);
    }

    /** Per-field IA of a concatenated table given as a row-major float array of {@code schema.totalRows() x k}. */
    public static FieldIA of(float[] table, int k, Schema schema, SpectrumOptions options) {
        Objects.requireNonNull(schema, "schema");
        return of(Rows.of(table, schema.totalRows(), k), schema, options);
    }

    /**
     * Per-field IA of a seeded Xavier-uniform table of the same shape ({@link XavierUniform#table(Schema, int, long)}),
     * with {@link SpectrumOptions#DEFAULT}: the random-initialisation reference of the paper's Fig. 2.
     */
    public static FieldIA randomBaseline(Schema schema, int k, long seed) {
        return randomBaseline(schema, k, seed, SpectrumOptions.DEFAULT);
    }

    /** Per-field IA of a seeded Xavier-uniform table of the same shape. */
    public static FieldIA randomBaseline(Schema schema, int k, long seed, SpectrumOptions options) {
        return of(XavierUniform.table(schema, k, seed), schema, options);
    }

    static FieldIA of(Rows table, Schema schema, SpectrumOptions options) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(options, "options");
        if (table.rows() != schema.totalRows())
            throw new IllegalArgumentException("table has " + table.rows() + " rows but the schema's " + schema.size()
                    + " fields need " + schema.totalRows());
        int[] offsets = schema.offsets();
        double[] ia = new double[schema.size()];
        List<Spectrum> spectra = new ArrayList<>(schema.size());
        for (int f = 0; f < schema.size(); f++) {
            Spectrum s;
            try {
                s = Spectrum.of(table.slice(offsets[f], schema.cardinality(f)), options);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field '" + schema.field(f).name() + "' (table rows " + offsets[f] + ".."
                        + (offsets[f] + schema.cardinality(f) - 1) + "): " + e.getMessage(), e);
            }
            spectra.add(s);
            ia[f] = s.informationAbundance();
        }
        return new FieldIA(schema.names(), schema.cardinalities(), ia, table.cols(), spectra, options);
    }

    /** Number of fields. */
    public int size() {
        return fields.size();
    }

    /** A copy of the cardinalities, in field order. */
    @Override
    public int[] cardinalities() {
        return cardinalities.clone();
    }

    /** A copy of the IA values, in field order. */
    @Override
    public double[] ia() {
        return ia.clone();
    }

    /** IA of the named field. */
    public double ia(String field) {
        return ia[indexOf(field)];
    }

    /** Singular values of the named field. */
    public Spectrum spectrum(String field) {
        return spectra.get(indexOf(field));
    }

    /** Summary table "IA per field": field, cardinality, IA, IA/K, in schema order. */
    public Table table() {
        return Table.create("IA per field",
                StringColumn.create("field", fields),
                IntColumn.create("cardinality", cardinalities),
                DoubleColumn.create("IA", ia),
                DoubleColumn.create("IA/K", Arrays.stream(ia).map(v -> v / k).toArray()));
    }

    /**
     * One row per named table (in map order): its name, width K, and the mean, smallest and largest IA over its fields,
     * by Tablesaw's summaries of the long table (table, K, field, IA).
     */
    public static Table summary(String title, Map<String, FieldIA> tables) {
        StringColumn name = StringColumn.create("table"), field = StringColumn.create("field");
        IntColumn width = IntColumn.create("K");
        DoubleColumn ia = DoubleColumn.create("IA");
        tables.forEach((n, t) -> {
            for (int f = 0; f < t.ia.length; f++) {
                name.append(n);
                width.append(t.k);
                field.append(t.fields.get(f));
                ia.append(t.ia[f]);
            }
        });
        Table s = Table.create(title, name, width, field, ia).summarize("IA", mean, min, max).by("table", "K");
        Table ordered = s.emptyCopy();
        for (String n : tables.keySet()) ordered.append(s.where(s.stringColumn("table").isEqualTo(n)));
        ordered.setName(title);
        return ordered;
    }

    /**
     * This result beside a baseline over the same fields (typically {@link #randomBaseline}):
     * field, cardinality, IA, baseline IA, IA / baseline IA.
     */
    public Table versus(FieldIA baseline) {
        Objects.requireNonNull(baseline, "baseline");
        if (!fields.equals(baseline.fields) || !Arrays.equals(cardinalities, baseline.cardinalities))
            throw new IllegalArgumentException("baseline has other fields or cardinalities: " + baseline.fields + " vs " + fields);
        double[] ratio = new double[ia.length];
        for (int f = 0; f < ia.length; f++) ratio[f] = baseline.ia[f] == 0 ? Double.NaN : ia[f] / baseline.ia[f];
        return Table.create("IA per field vs baseline",
                StringColumn.create("field", fields),
                IntColumn.create("cardinality", cardinalities),
                DoubleColumn.create("IA", ia),
                DoubleColumn.create("baseline IA", baseline.ia),
                DoubleColumn.create("IA / baseline", ratio));
    }

    private int indexOf(String field) {
        int i = fields.indexOf(field);
        if (i < 0) throw new IllegalArgumentException("no field named '" + field + "'; fields are " + fields);
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldIA r && fields.equals(r.fields) && Arrays.equals(cardinalities, r.cardinalities)
                && Arrays.equals(ia, r.ia) && k == r.k && spectra.equals(r.spectra) && options.equals(r.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, Arrays.hashCode(cardinalities), Arrays.hashCode(ia), k, spectra, options);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FieldIA[k=" + k + ", " + options + "]");
        for (int f = 0; f < fields.size(); f++)
            sb.append(String.format("%n  %s (%d rows): IA %.4f", fields.get(f), cardinalities[f], ia[f]));
        return sb.toString();
    }
}
