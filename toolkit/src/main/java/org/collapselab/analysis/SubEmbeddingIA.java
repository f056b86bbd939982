package org.collapselab.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.collapselab.data.Schema;
import org.collapselab.interaction.CrossNetV2;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Information abundance of sub-embeddings E_{i→j}, the paper's Evidence I (FFM) and II (DCNv2), Fig. 3: an F×F
 * matrix {@code ia[i][j] = IA(E_{i→j})}, the raw IA of each field (by which the paper sorts both axes), and the
 * sums over j (per i) and over i (per j).
 *
 * <ul>
 *   <li><b>FFM</b> ({@link #ffm}): the table is [rows, F·K]; E_{i→j} is field i's rows, column block j
 *   (columns jK..(j+1)K), the embedding of field i's features in FFM's table j, used only in the pair (i, j).
 *   The block j = i exists in the table but FFM has no i–i pair term: it only ever receives weight decay. So the
 *   diagonal is left out ({@link #diagonalUsed()} false, {@code ia[i][i]} NaN), from the sums too, as in the
 *   paper's split E_i = [E_{i→1}, …, E_{i→i−1}, E_{i→i+1}, …, E_{i→N}]. The raw table of field i is its F − 1
 *   used blocks side by side.</li>
 *   <li><b>DCNv2</b> ({@link #dcnv2}): the table is [rows, K] and W0 [F·K, F·K] is the first cross layer's weight
 *   in PyTorch orientation; E_{i→j} = E_i W_{i→j}ᵀ with W_{i→j} = {@link CrossNetV2#block}. All F×F pairs are
 *   used (the cross layer multiplies x0 element-wise with every output block, i = j included).</li>
 * </ul>
 *
 * <pre>{@code
 * SubEmbeddingIA s = SubEmbeddingIA.ffm(model.embeddings().table(0), schema, SpectrumOptions.DEFAULT);
 * s.sortedFields();  s.sortedMatrix(0);          // axes sorted by raw IA, for Plots.heatmapWithSums
 * s.columnSumCorrelation();                      // Spearman ρ of Σ_i IA(E_{i→j}) with IA(E_j)
 * }</pre>
 *
 * @param model         a label ("FFM", "DCNv2")
 * @param fields        field names, schema order
 * @param cardinalities rows of each field
 * @param rawIA         IA of each field's raw table
 * @param ia            {@code ia[i][j] = IA(E_{i→j})}; NaN on the diagonal when it is not used
 * @param diagonalUsed  whether E_{i→i} takes part in the model (DCNv2 yes, FFM no)
 * @param k             columns of each sub-embedding
 * @param options       how the spectra were computed
 */
public record SubEmbeddingIA(String model, List<String> fields, int[] cardinalities, double[] rawIA, double[][] ia,
                             boolean diagonalUsed, int k, SpectrumOptions options) {

    public SubEmbeddingIA {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        fields = List.copyOf(fields);
        int n = fields.size();
        if (n < 2) throw new IllegalArgumentException("sub-embeddings need at least 2 fields, got " + n);
        if (cardinalities.length != n || rawIA.length != n || ia.length != n)
            throw new IllegalArgumentException(n + " fields but " + cardinalities.length + " cardinalities, " + rawIA.length
                    + " raw IA values and " + ia.length + " matrix rows");
        cardinalities = cardinalities.clone();
        rawIA = rawIA.clone();
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            if (ia[i].length != n) throw new IllegalArgumentException("matrix row " + i + " has " + ia[i].length + " values, expected " + n);
            copy[i] = ia[i].clone();
            for (int j = 0; j < n; j++) {
                boolean defined = diagonalUsed || i != j;
                if (defined && !(Double.isFinite(copy[i][j]) && copy[i][j] >= 0))
                    throw new IllegalArgumentException("IA(E_" + i + "→" + j + ") = " + copy[i][j] + " must be finite and >= 0");
                if (!defined) copy[i][j] = Double.NaN;
            }
        }
        ia = copy;
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
    }

    // ---------------------------------------------------------------- FFM

    /** Evidence I: sub-embedding IA of an FFM table [schema.totalRows(), F·K]. */
    public static SubEmbeddingIA ffm(INDArray table, Schema schema, SpectrumOptions options) {
        int f = schema.size(), k = ffmK(table, schema);
        double[][] ia = new double[f][f];
        double[] raw = new double[f];
        for (int i = 0; i < f; i++) {
            for (int j = 0; j < f; j++)
                ia[i][j] = i == j ? Double.NaN : Spectrum.of(ffmBlock(table, schema, i, j), options).informationAbundance();
            raw[i] = Spectrum.of(ffmRawTable(table, schema, i), options).informationAbundance();
        }
        return new SubEmbeddingIA("FFM", schema.names(), schema.cardinalities(), raw, ia, false, k, options);
    }

    /** E_{i→j} of an FFM table: field i's rows, columns jK..(j+1)K, as a view [cardinality(i), K]. */
    public static INDArray ffmBlock(INDArray table, Schema schema, int i, int j) {
        int k = ffmK(table, schema);
        checkField(schema, i);
        checkField(schema, j);
        int from = schema.offset(i);
        return table.get(NDArrayIndex.interval(from, from + schema.cardinality(i)), NDArrayIndex.interval((long) j * k, (long) (j + 1) * k));
    }

    /** Field i's raw FFM table: its F − 1 used blocks E_{i→j}, j ≠ i, side by side [cardinality(i), (F−1)·K]. */
    public static INDArray ffmRawTable(INDArray table, Schema schema, int i) {
        List<INDArray> blocks = new ArrayList<>();
        for (int j = 0; j < schema.size(); j++) if (j != i) blocks.add(ffmBlock(table, schema, i, j));
        return org.nd4j.linalg.factory.Nd4j.hstack(blocks.toArray(INDArray[]::new));
    }

    private static int ffmK(INDArray table, Schema schema) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(schema, "schema");
        if (table.rank() != 2) throw new IllegalArgumentException("expected a 2-D table, got shape " + Arrays.toString(table.shape()));
        if (table.rows() != schema.totalRows())
            throw new IllegalArgumentException("table has " + table.rows() + " rows but the schema's " + schema.size() + " fields need " + schema.totalRows());
        int f = schema.size();
        if (f < 2) throw new IllegalArgumentException("FFM needs at least 2 fields, got " + f);
        if (table.columns() % f != 0 || table.columns() == 0)
            throw new IllegalArgumentException("an FFM table has F·K columns (F = " + f + "), got " + table.columns());
        return (int) (table.columns() / f);
    }

    // ---------------------------------------------------------------- DCNv2

    /** Evidence II: IA of the projected sub-embeddings of a DCNv2 table [totalRows, K] through W0 [F·K, F·K]. */
    public static SubEmbeddingIA dcnv2(INDArray table, INDArray w0, Schema schema, SpectrumOptions options) {
        int f = schema.size(), k = dcnK(table, w0, schema);
        double[][] ia = new double[f][f];
        double[] raw = new double[f];
        for (int i = 0; i < f; i++) {
            INDArray ei = fieldRows(table, schema, i).castTo(DataType.DOUBLE);
            raw[i] = Spectrum.of(ei, options).informationAbundance();
            for (int j = 0; j < f; j++) ia[i][j] = Spectrum.of(project(ei, w0, i, j, k), options).informationAbundance();
        }
        return new SubEmbeddingIA("DCNv2", schema.names(), schema.cardinalities(), raw, ia, true, k, options);
    }

    /** E_{i→j} = E_i W_{i→j}ᵀ of DCNv2 (double precision), [cardinality(i), K]. */
    public static INDArray dcnv2Projection(INDArray table, INDArray w0, Schema schema, int i, int j) {
        int k = dcnK(table, w0, schema);
        checkField(schema, i);
        checkField(schema, j);
        return project(fieldRows(table, schema, i).castTo(DataType.DOUBLE), w0, i, j, k);
    }

    private static INDArray project(INDArray ei, INDArray w0, int i, int j, int k) {
        return ei.mmul(CrossNetV2.block(w0, i, j, k).castTo(DataType.DOUBLE).transpose());
    }

    private static INDArray fieldRows(INDArray table, Schema schema, int i) {
        int from = schema.offset(i);
        return table.get(NDArrayIndex.interval(from, from + schema.cardinality(i)), NDArrayIndex.all());
    }

    private static int dcnK(INDArray table, INDArray w0, Schema schema) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(w0, "w0");
        Objects.requireNonNull(schema, "schema");
        if (table.rank() != 2 || table.rows() != schema.totalRows())
            throw new IllegalArgumentException("table must be [" + schema.totalRows() + ", K], got " + Arrays.toString(table.shape()));
        long fk = (long) schema.size() * table.columns();
        if (w0.rank() != 2 || w0.rows() != fk || w0.columns() != fk)
            throw new IllegalArgumentException("W0 must be [F·K, F·K] = [" + fk + ", " + fk + "], got " + Arrays.toString(w0.shape()));
        return (int) table.columns();
    }

    private static void checkField(Schema schema, int f) {
        if (f < 0 || f >= schema.size()) throw new IllegalArgumentException("field index " + f + " outside 0.." + (schema.size() - 1));
    }

    // ---------------------------------------------------------------- views of the result

    /** Number of fields F. */
    public int size() {
        return fields.size();
    }

    @Override
    public int[] cardinalities() {
        return cardinalities.clone();
    }

    @Override
    public double[] rawIA() {
        return rawIA.clone();
    }

    /** A copy of the matrix, schema order, NaN on an unused diagonal. */
    @Override
    public double[][] ia() {
        double[][] c = new double[ia.length][];
        for (int i = 0; i < c.length; i++) c[i] = ia[i].clone();
        return c;
    }

    private boolean defined(int i, int j) {
        return diagonalUsed || i != j;
    }

    /** Σ_j IA(E_{i→j}) for each i (used pairs only), schema order: the paper's Fig. 3b. */
    public double[] rowSums() {
        double[] s = new double[size()];
        for (int i = 0; i < s.length; i++) for (int j = 0; j < s.length; j++) if (defined(i, j)) s[i] += ia[i][j];
        return s;
    }

    /** Σ_i IA(E_{i→j}) for each j (used pairs only), schema order: the paper's Fig. 3c. */
    public double[] columnSums() {
        double[] s = new double[size()];
        for (int i = 0; i < s.length; i++) for (int j = 0; j < s.length; j++) if (defined(i, j)) s[j] += ia[i][j];
        return s;
    }

    /** Field indices in ascending raw IA (ties in schema order): the paper's order of both axes. */
    public int[] order() {
        return java.util.stream.IntStream.range(0, size()).boxed()
                .sorted(Comparator.<Integer>comparingDouble(f -> rawIA[f]).thenComparingInt(f -> f))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Field names in {@link #order()}. */
    public List<String> sortedFields() {
        return Arrays.stream(order()).mapToObj(fields::get).toList();
    }

    /** The matrix with both axes in {@link #order()}; an unused diagonal is filled with {@code unusedDiagonal}. */
    public double[][] sortedMatrix(double unusedDiagonal) {
        int[] o = order();
        double[][] m = new double[o.length][o.length];
        for (int a = 0; a < o.length; a++)
            for (int b = 0; b < o.length; b++) m[a][b] = defined(o[a], o[b]) ? ia[o[a]][o[b]] : unusedDiagonal;
        return m;
    }

    /** Spearman ρ of the column sums Σ_i IA(E_{i→j}) with IA(E_j): positive when they increase along j. */
    public double columnSumCorrelation() {
        return Correlation.spearman(columnSums(), rawIA);
    }

    /** Spearman ρ of the row sums Σ_j IA(E_{i→j}) with IA(E_i). */
    public double rowSumCorrelation() {
        return Correlation.spearman(rowSums(), rawIA);
    }

    /**
     * For each i, Spearman ρ over the used j of IA(E_{i→j}) with IA(E_j): how strongly field i's sub-embeddings
     * increase along j (NaN where a row is constant).
     */
    public double[] rowCorrelations() {
        double[] r = new double[size()];
        for (int i = 0; i < r.length; i++) {
            int n = diagonalUsed ? size() : size() - 1, p = 0;
            double[] a = new double[n], b = new double[n];
            for (int j = 0; j < size(); j++)
                if (defined(i, j)) {
                    a[p] = ia[i][j];
                    b[p++] = rawIA[j];
                }
            r[i] = Correlation.spearman(a, b);
        }
        return r;
    }

    /** Long form, one row per used pair: model, i, field_i, cardinality_i, raw_IA_i, j, field_j, K, IA. */
    public Table longTable() {
        Table t = Table.create(model + ": IA(E_i→j)", StringColumn.create("model"), IntColumn.create("i"), StringColumn.create("field_i"),
                IntColumn.create("cardinality_i"), DoubleColumn.create("raw_IA_i"), IntColumn.create("j"), StringColumn.create("field_j"),
                IntColumn.create("K"), DoubleColumn.create("IA"));
        for (int i = 0; i < size(); i++)
            for (int j = 0; j < size(); j++) {
                if (!defined(i, j)) continue;
                Row r = t.appendRow();
                r.setString("model", model);
                r.setInt("i", i);
                r.setString("field_i", fields.get(i));
                r.setInt("cardinality_i", cardinalities[i]);
                r.setDouble("raw_IA_i", rawIA[i]);
                r.setInt("j", j);
                r.setString("field_j", fields.get(j));
                r.setInt("K", k);
                r.setDouble("IA", ia[i][j]);
            }
        return t;
    }

    /**
     * The rows of {@code longForm} whose model is {@code model}, back as a result (the inverse of
     * {@link #longTable()}; a pair i = i that is absent means the diagonal is unused).
     */
    public static SubEmbeddingIA fromLongTable(Table longForm, String model, SpectrumOptions options) {
        Table t = longForm.where(longForm.stringColumn("model").isEqualTo(model));
        if (t.rowCount() == 0) throw new IllegalArgumentException("no rows of model '" + model + "' in " + longForm.name());
        int f = 0;
        for (int row = 0; row < t.rowCount(); row++) f = Math.max(f, Math.max(number(t, "i", row).intValue(), number(t, "j", row).intValue()) + 1);
        String[] names = new String[f];
        int[] card = new int[f];
        double[] raw = new double[f];
        double[][] m = new double[f][f];
        for (double[] row : m) Arrays.fill(row, Double.NaN);
        boolean diagonal = false;
        int k = 0;
        for (int row = 0; row < t.rowCount(); row++) {
            int i = number(t, "i", row).intValue(), j = number(t, "j", row).intValue();
            names[i] = t.column("field_i").getString(row);    // any column type: a CSV reader may take names like "1" for numbers
            card[i] = number(t, "cardinality_i", row).intValue();
            raw[i] = number(t, "raw_IA_i", row).doubleValue();
            m[i][j] = number(t, "IA", row).doubleValue();
            k = number(t, "K", row).intValue();
            diagonal |= i == j;
        }
        for (int i = 0; i < f; i++)
            if (names[i] == null) throw new IllegalArgumentException("model '" + model + "': field " + i + " has no rows");
        return new SubEmbeddingIA(model, List.of(names), card, raw, m, diagonal, k, options);
    }

    private static Number number(Table t, String column, int row) {
        Object v = t.column(column).get(row);
        if (!(v instanceof Number n)) throw new IllegalArgumentException("column '" + column + "', row " + row + ": '" + v + "' is not a number");
        return n;
    }

    /**
     * Per field, in {@link #order()}: rank, field, cardinality, raw IA, Σ_j IA(E_{i→j}) (its row) and
     * Σ_i IA(E_{i→j}) (its column).
     */
    public Table sumsTable() {
        int[] o = order();
        double[] rs = rowSums(), cs = columnSums();
        Table t = Table.create(model + ": sub-embedding IA sums, fields by raw IA", IntColumn.create("rank"), StringColumn.create("field"),
                IntColumn.create("cardinality"), DoubleColumn.create("raw IA"), DoubleColumn.create("Σ_j IA(E_i→j)"),
                DoubleColumn.create("Σ_i IA(E_i→j)"));
        for (int a = 0; a < o.length; a++) {
            Row r = t.appendRow();
            r.setInt("rank", a + 1);
            r.setString("field", fields.get(o[a]));
            r.setInt("cardinality", cardinalities[o[a]]);
            r.setDouble("raw IA", rawIA[o[a]]);
            r.setDouble("Σ_j IA(E_i→j)", rs[o[a]]);
            r.setDouble("Σ_i IA(E_i→j)", cs[o[a]]);
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubEmbeddingIA s && model.equals(s.model) && fields.equals(s.fields) && Arrays.equals(cardinalities, s.cardinalities)
                && Arrays.equals(rawIA, s.rawIA) && Arrays.deepEquals(ia, s.ia) && diagonalUsed == s.diagonalUsed && k == s.k
                && options.equals(s.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, fields, Arrays.hashCode(cardinalities), Arrays.hashCode(rawIA), Arrays.deepHashCode(ia), diagonalUsed, k, options);
    }

    @Override
    public String toString() {
        return "SubEmbeddingIA[" + model + ", " + size() + " fields, K=" + k + ", diagonal " + (diagonalUsed ? "used" : "unused") + ", " + options + "]";
    }
}
