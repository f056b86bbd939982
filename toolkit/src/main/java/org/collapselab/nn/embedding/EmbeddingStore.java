package org.collapselab.nn.embedding;

import java.io.IOException;
import java.nio.file.Path;
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
 * The embedding tables of a model, kept outside the SameDiff graph: per embedding set a FLOAT table of
 * {@code schema.totalRows() × spec.width()} (field f owns rows {@code schema.offset(f) ..}), with Adam state. The
 * graph sees the tables only through {@link #lookupInto} (indices → each set's {@code ein}) and {@link #apply}
 * (each set's gradient of {@code ein} → one optimiser step on every set); analysis reads them through
 * {@link #table} and {@link #fieldCopy}.
 *
 * <p>The sets are stored interleaved, as one table of {@code totalRows × sets·width} whose columns
 * {@code set·width ..} are set {@code set} ({@link #table} is a view of them): a feature's rows in all M sets are
 * adjacent in memory, so a lookup reads one run of bytes per index where M tables cost M cache and TLB misses
 * (DNN ME 4×: all four sets' lookups took 4.3-5.5 ms a step, against 9-12 ms from four tables). Every set therefore
 * takes its optimiser step together with the others.
 *
 * <p>Indices arrive as {@code int[B·F]}, row-major, already offset into the concatenated table; each is checked
 * against its field's range.
 */
public final class EmbeddingStore {
    private final Schema schema;
    private final StoreSpec spec;
    private final AdamConfig adam;
    /** Every set's values and moments, interleaved: [totalRows, sets·width]. */
    private final Table table;
    private final TableKernel kernel;
    private final int[] offsets;
    /** Rows of each field, beside {@link #offsets}: the index check reads both arrays, not the schema. */
    private final int[] cardinalities;

    EmbeddingStore(Schema schema, StoreSpec spec, AdamConfig adam, Table table) {
        this(schema, spec, adam, table, kernelFor(spec.kernel()));
    }

    /** With a kernel of the caller's (tests: a direct kernel with small windows). */
    EmbeddingStore(Schema schema, StoreSpec spec, AdamConfig adam, Table table, TableKernel kernel) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.adam = Objects.requireNonNull(adam, "adam");
        this.table = Objects.requireNonNull(table, "table");
        if (table.values.size(0) != schema.totalRows() || table.values.size(1) != (long) spec.sets() * spec.width())
            throw new IllegalArgumentException("table " + java.util.Arrays.toString(table.values.shape()) + " does not hold " + spec.sets()
                    + " sets of " + schema.totalRows() + " × " + spec.width());
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.offsets = schema.offsets();
        this.cardinalities = new int[schema.size()];
        for (int f = 0; f < cardinalities.length; f++) cardinalities[f] = schema.cardinality(f);
    }

    /** New tables initialised from {@code seed} (set m uses its own stream: the same seed gives the same tables). */
    public static EmbeddingStore create(Schema schema, StoreSpec spec, AdamConfig adam, long seed) {
        return create(schema, spec, adam, seed, kernelFor(spec.kernel()));
    }

    /** As {@link #create(Schema, StoreSpec, AdamConfig, long)}, with a kernel of the caller's. */
    static EmbeddingStore create(Schema schema, StoreSpec spec, AdamConfig adam, long seed, TableKernel kernel) {
        Table t = Table.zeros(schema.totalRows(), spec);
        for (int set = 0; set < spec.sets(); set++) {
            float[] values = initialValues(spec, (int) schema.totalRows(), new SplittableRandom(seed * 0x9E3779B97F4A7C15L + set));
            Table.columns(t.values, set, spec).assign(Nd4j.create(values, new long[]{schema.totalRows(), spec.width()}, DataType.FLOAT));
        }
        return new EmbeddingStore(schema, spec, adam, t, kernel);
    }

    /** Reads a store written by {@link #save}; a corrupt, truncated or foreign file fails with the reason. */
    public static EmbeddingStore load(Path file) throws IOException {
        return StoreFile.read(file);
    }

    /** Writes all tables, Adam moments and step counts atomically (temporary file, then rename). */
    public void save(Path file) throws IOException {
        StoreFile.write(this, file);
    }

    /** The rows of {@code indices} in every set, as new FLOAT [B, F·width] arrays (element m: set m), for {@code ein}. */
    public INDArray[] lookup(int[] indices) {
        INDArray[] out = new INDArray[sets()];
        for (int m = 0; m < out.length; m++) out[m] = Nd4j.create(DataType.FLOAT, batchOf(indices), (long) schema.size() * spec.width());
        lookupInto(indices, out);
        return out;
    }

    /** As {@link #lookup}, into existing FLOAT [B, F·width] arrays, one per set (reused between steps). */
    public void lookupInto(int[] indices, INDArray... out) {
        int b = batchOf(indices);
        long width = (long) schema.size() * spec.width();
        if (out.length != sets()) throw new IllegalArgumentException("lookup needs one target per embedding set (" + sets() + "), got " + out.length);
        // the direct kernel writes the targets' buffers from their start: they must be whole c-order arrays
        for (INDArray o : out)
            if (o.dataType() != DataType.FLOAT || o.rank() != 2 || o.size(0) != b || o.size(1) != width || o.isView() || o.ordering() != 'c')
                throw new IllegalArgumentException("lookup targets must be FLOAT [" + b + ", " + width + "] c-order arrays (not views), got "
                        + o.dataType() + " " + java.util.Arrays.toString(o.shape()) + (o.isView() ? " view" : "") + " order " + o.ordering());
        checkIndices(indices);
        kernel.lookup(table, indices, out);
    }

    /**
     * One optimiser step on every set's table from {@code einGrads} (element m: set m's [B, F·width] gradient of
     * the loss w.r.t. the rows looked up with {@code indices}, the same indices as the lookup).
     */
    public void apply(int[] indices, INDArray... einGrads) {
        checkIndices(indices);
        RowGradient g = rowGradient(indices, einGrads);
        table.step++;
        AdamStep s = AdamStep.of(adam, table.step);
        if (adam.optimizer() == Optimizer.DENSE_ADAM) kernel.denseAdam(table, g, s);
        else kernel.lazyAdam(table, g, s);
    }

    /** The gradient w.r.t. the table rows used by {@code indices}, duplicates summed: every set's, side by side as they are stored. */
    public RowGradient rowGradient(int[] indices, INDArray... einGrads) {
        int b = batchOf(indices);
        long width = (long) schema.size() * spec.width();
        if (einGrads.length != sets()) throw new IllegalArgumentException("one gradient per embedding set (" + sets() + ") is needed, got " + einGrads.length);
        float[][] grads = new float[einGrads.length][];
        for (int m = 0; m < grads.length; m++) {
            INDArray g = einGrads[m];
            if (g.rank() != 2 || g.size(0) != b || g.size(1) != width)
                throw new IllegalArgumentException("set " + m + "'s gradient must be [" + b + ", " + width + "], got " + java.util.Arrays.toString(g.shape()));
            grads[m] = Floats.of(g);
        }
        return RowGradient.of(indices, spec.width(), grads);
    }

    /** The whole table of a set [totalRows, width]: a live view (it changes as training proceeds). */
    public INDArray table(int set) {
        return columns(table.values, set, "table");
    }

    /** Every set's table side by side, [totalRows, sets·width] with set m in columns {@code m·width ..}: a live view. */
    public INDArray concatenated() {
        return table.values;
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
        return columns(table.m, set, "firstMoments");
    }

    /** Adam's second moments of a set (live view). */
    public INDArray secondMoments(int set) {
        return columns(table.v, set, "secondMoments");
    }

    /** Optimiser steps taken (on every set's table: they step together). */
    public long step() {
        return table.step;
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
        return spec.sets();
    }

    /** The implementation in use after resolving {@link StoreSpec.Kernel#AUTO}. */
    public StoreSpec.Kernel kernel() {
        return kernel instanceof DirectKernel ? StoreSpec.Kernel.DIRECT : StoreSpec.Kernel.NDARRAY;
    }

    /** Floats held: tables plus both Adam moments, over all sets. */
    public long floats() {
        return 3L * sets() * schema.totalRows() * spec.width();
    }

    private INDArray columns(INDArray all, int set, String what) {
        if (set < 0 || set >= sets())
            throw new IndexOutOfBoundsException(what + ": embedding set " + set + " out of range [0, " + sets() + ")");
        return Table.columns(all, set, spec);
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
