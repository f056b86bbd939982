package org.collapselab.nn.embedding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.collapselab.data.Schema;
import org.collapselab.nn.Floats;
import org.collapselab.nn.Init;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The embedding tables of a model, kept outside the SameDiff graph: per embedding set one FLOAT table of
 * {@code schema.totalRows() × spec.width()} (field f owns rows {@code schema.offset(f) ..}), with its own Adam
 * state. The graph sees the tables only through {@link #lookup} (indices → the rows of {@code ein}) and
 * {@link #apply} (gradient of {@code ein} → one optimiser step); analysis reads them through {@link #table}
 * and {@link #fieldCopy}.
 *
 * <p>Indices arrive as {@code int[B·F]}, row-major, already offset into the concatenated table; each is checked
 * against its field's range.
 */
public final class EmbeddingStore {
    private final Schema schema;
    private final StoreSpec spec;
    private final AdamConfig adam;
    private final List<Table> tables;
    private final TableKernel kernel;
    private final int[] offsets;
    /** Rows of each field, beside {@link #offsets}: the index check reads both arrays, not the schema. */
    private final int[] cardinalities;

    EmbeddingStore(Schema schema, StoreSpec spec, AdamConfig adam, List<Table> tables) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.adam = Objects.requireNonNull(adam, "adam");
        this.tables = List.copyOf(tables);
        this.kernel = kernelFor(spec.kernel());
        this.offsets = schema.offsets();
        this.cardinalities = new int[schema.size()];
        for (int f = 0; f < cardinalities.length; f++) cardinalities[f] = schema.cardinality(f);
    }

    /** New tables initialised from {@code seed} (set m uses its own stream: the same seed gives the same tables). */
    public static EmbeddingStore create(Schema schema, StoreSpec spec, AdamConfig adam, long seed) {
        long rows = schema.totalRows();
        long cells = rows * spec.width();
        if (cells > Integer.MAX_VALUE)
            throw new IllegalArgumentException("a table of " + rows + " × " + spec.width() + " exceeds 2^31-1 floats");
        List<Table> tables = new ArrayList<>();
        for (int set = 0; set < spec.sets(); set++) {
            float[] values = initialValues(spec, (int) rows, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + set));
            INDArray t = Nd4j.create(values, new long[]{rows, spec.width()}, DataType.FLOAT);
            tables.add(new Table(t, Nd4j.zeros(DataType.FLOAT, rows, spec.width()), Nd4j.zeros(DataType.FLOAT, rows, spec.width()), 0));
        }
        return new EmbeddingStore(schema, spec, adam, tables);
    }

    /** Reads a store written by {@link #save}; a corrupt, truncated or foreign file fails with the reason. */
    public static EmbeddingStore load(Path file) throws IOException {
        return StoreFile.read(file);
    }

    /** Writes all tables, Adam moments and step counts atomically (temporary file, then rename). */
    public void save(Path file) throws IOException {
        StoreFile.write(this, file);
    }

    /** The rows of {@code indices} as a new FLOAT [B, F·width] array for the graph's {@code ein}. */
    public INDArray lookup(int set, int[] indices) {
        INDArray out = Nd4j.create(DataType.FLOAT, batchOf(indices), (long) schema.size() * spec.width());
        lookupInto(set, indices, out);
        return out;
    }

    /** As {@link #lookup}, into an existing FLOAT [B, F·width] array (reused between steps). */
    public void lookupInto(int set, int[] indices, INDArray out) {
        int b = batchOf(indices);
        long width = (long) schema.size() * spec.width();
        // the direct kernel writes the target's buffer from its start: it must be a whole c-order array
        if (out.dataType() != DataType.FLOAT || out.rank() != 2 || out.size(0) != b || out.size(1) != width || out.isView() || out.ordering() != 'c')
            throw new IllegalArgumentException("lookup target must be a FLOAT [" + b + ", " + width + "] c-order array (not a view), got "
                    + out.dataType() + " " + java.util.Arrays.toString(out.shape()) + (out.isView() ? " view" : "") + " order " + out.ordering());
        checkIndices(indices);
        kernel.lookup(table(set, "lookup"), indices, out);
    }

    /**
     * One optimiser step on set {@code set}'s table from {@code einGrad} [B, F·width], the gradient of the loss
     * w.r.t. the rows looked up with {@code indices} (the same indices as the lookup).
     */
    public void apply(int set, int[] indices, INDArray einGrad) {
        Table t = table(set, "apply");
        checkIndices(indices);
        RowGradient g = rowGradient(indices, einGrad);
        t.step++;
        AdamStep s = AdamStep.of(adam, t.step);
        if (adam.optimizer() == Optimizer.DENSE_ADAM) kernel.denseAdam(t, g, s);
        else kernel.lazyAdam(t, g, s);
    }

    /** The gradient w.r.t. the table rows used by {@code indices}: duplicates summed. */
    public RowGradient rowGradient(int[] indices, INDArray einGrad) {
        int b = batchOf(indices);
        long width = (long) schema.size() * spec.width();
        if (einGrad.rank() != 2 || einGrad.size(0) != b || einGrad.size(1) != width)
            throw new IllegalArgumentException("gradient must be [" + b + ", " + width + "], got " + java.util.Arrays.toString(einGrad.shape()));
        return RowGradient.of(indices, Floats.of(einGrad), spec.width());
    }

    /** The whole table of a set [totalRows, width]: a live view (it changes as training proceeds). */
    public INDArray table(int set) {
        return table(set, "table").values;
    }

    /** The rows of field {@code field} in set {@code set}'s table, as a live view [cardinality, width]. */
    public INDArray fieldView(int set, int field) {
        checkField(field);
        int from = offsets[field];
        return table(set).get(NDArrayIndex.interval(from, from + schema.cardinality(field)), NDArrayIndex.all());
    }

    /** A copy of field {@code field}'s rows in set {@code set} as a float matrix [cardinality][width]. */
    public float[][] fieldCopy(int set, int field) {
        return fieldView(set, field).toFloatMatrix();
    }

    /** Adam's first moments of a set (live view), for checks and checkpoints. */
    public INDArray firstMoments(int set) {
        return table(set, "firstMoments").m;
    }

    /** Adam's second moments of a set (live view). */
    public INDArray secondMoments(int set) {
        return table(set, "secondMoments").v;
    }

    /** Optimiser steps taken on a set's table. */
    public long step(int set) {
        return table(set, "step").step;
    }

    public Schema schema() {
        return schema;
    }

    public StoreSpec spec() {
        return spec;
    }

    public AdamConfig adam() {
        return adam;
    }

    public int sets() {
        return tables.size();
    }

    /** The implementation in use after resolving {@link StoreSpec.Kernel#AUTO}. */
    public StoreSpec.Kernel kernel() {
        return kernel instanceof DirectKernel ? StoreSpec.Kernel.DIRECT : StoreSpec.Kernel.NDARRAY;
    }

    /** Floats held: tables plus both Adam moments, over all sets. */
    public long floats() {
        return 3L * tables.size() * schema.totalRows() * spec.width();
    }

    List<Table> tables() {
        return tables;
    }

    private Table table(int set, String what) {
        if (set < 0 || set >= tables.size())
            throw new IndexOutOfBoundsException(what + ": embedding set " + set + " out of range [0, " + tables.size() + ")");
        return tables.get(set);
    }

    private void checkField(int field) {
        if (field < 0 || field >= schema.size()) throw new IndexOutOfBoundsException("field " + field + " out of range [0, " + schema.size() + ")");
    }

    private int batchOf(int[] indices) {
        int f = schema.size();
        if (indices.length == 0 || indices.length % f != 0)
            throw new IllegalArgumentException("indices must be B·F long with B >= 1 and F = " + f + ", got " + indices.length);
        return indices.length / f;
    }

    /**
     * Every index within its field's rows. Row by row, field by field, one unsigned comparison each: with a modulo
     * and the schema's bounds per index it took longer than the lookup it guards (DNN SE 1×, 80 K indices a step).
     */
    private void checkIndices(int[] indices) {
        int f = offsets.length;
        for (int row = 0; row < indices.length; row += f)
            for (int field = 0; field < f; field++)
                if (Integer.compareUnsigned(indices[row + field] - offsets[field], cardinalities[field]) >= 0) {
                    int lo = offsets[field], hi = lo + cardinalities[field];
                    throw new IllegalArgumentException("index " + indices[row + field] + " at row " + row / f + ", field " + field + " ('"
                            + schema.field(field).name() + "') is outside that field's rows [" + lo + ", " + hi + ")");
                }
    }

    private static float[] initialValues(StoreSpec spec, int rows, SplittableRandom r) {
        float[] v = new float[rows * spec.width()];
        // bound from K, not the row width: FFM's F side-by-side blocks are F tables of width K in the original
        Init init = spec.init() == StoreSpec.TableInit.XAVIER_UNIFORM ? Init.xavierUniform(rows, spec.k()) : Init.normal(1);
        for (int i = 0; i < v.length; i++) v[i] = (float) init.next(r);
        return v;
    }

    private static TableKernel kernelFor(StoreSpec.Kernel k) {
        boolean cpu = Nd4j.getBackend().getClass().getSimpleName().toLowerCase().contains("cpu");
        return switch (k) {
            case DIRECT -> {
                if (!cpu) throw new IllegalStateException("the DIRECT kernel needs ND4J's CPU backend; this is " + Nd4j.getBackend().getClass().getSimpleName());
                yield new DirectKernel();
            }
            case NDARRAY -> new NdArrayKernel();
            case AUTO -> cpu ? new DirectKernel() : new NdArrayKernel();
        };
    }
}
