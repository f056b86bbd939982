package org.collapselab.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.collapselab.data.Schema;
import org.collapselab.io.MatrixFile;
import org.collapselab.model.CtrModel;
import org.collapselab.model.ModelKind;
import org.collapselab.nn.Floats;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The weights of a run's kept (best) epoch that analyses read, kept by the {@link RunStore} beside the run so that a
 * new measure never means training again: the embedding tables of all sets side by side ({@code [rows, width]}, as
 * {@link CtrModel#concatenatedTables()}: width is sets·K, or F·K for FFM, whose row holds one block per field), and for
 * DCNv2 each set's first cross layer W0 ({@code [F·K, F·K]}, PyTorch orientation, as {@link CtrModel#crossWeight}).
 *
 * @param schema the fields the rows belong to, by name and row count ({@link Schema#categorical}: what analyses read)
 * @param sets   M
 * @param k      the embedding size K of the model
 * @param width  the tables' columns, all sets together
 * @param tables row-major {@code rows × width}
 * @param cross  per set, row-major {@code F·K × F·K}; empty unless the model has a cross network
 */
public record KeptWeights(Schema schema, int sets, int k, int width, float[] tables, List<float[]> cross) {
    public KeptWeights {
        Objects.requireNonNull(schema, "schema");
        if (sets < 1 || k < 1) throw new IllegalArgumentException("sets " + sets + " and K " + k + " must be >= 1");
        if (width < 1 || width % sets != 0) throw new IllegalArgumentException("width " + width + " must be a positive multiple of the " + sets + " sets");
        long rows = schema.fields().stream().mapToLong(f -> f.cardinality()).sum();
        if (tables.length != rows * width)
            throw new IllegalArgumentException("the tables hold " + tables.length + " values; " + rows + " rows × width " + width + " need " + rows * width);
        tables = tables.clone();
        cross = cross.stream().map(float[]::clone).toList();
        long fk = (long) schema.size() * k;
        if (!cross.isEmpty() && cross.size() != sets) throw new IllegalArgumentException(sets + " sets but " + cross.size() + " cross layers");
        for (float[] w : cross) if (w.length != fk * fk) throw new IllegalArgumentException("a cross layer holds " + w.length + " values, F·K squared is " + fk * fk);
    }

    /** What {@code model} holds now (call it on the restored best weights). */
    public static KeptWeights of(CtrModel model) {
        int sets = model.spec().sets();
        List<float[]> cross = new ArrayList<>();
        if (model.spec().kind() == ModelKind.DCNV2) for (int m = 0; m < sets; m++) cross.add(Floats.of(model.crossWeight(m, 0)));
        Schema s = model.schema();
        INDArray tables = model.concatenatedTables();
        return new KeptWeights(Schema.categorical(s.fields().stream().map(f -> f.name()).toList(), s.cardinalities()), sets, model.spec().embeddingSize(),
                (int) tables.columns(), Floats.of(tables), cross);
    }

    public int rows() {
        return tables.length / width;
    }

    /** The tables, row-major {@code rows × width} (a copy). */
    @Override
    public float[] tables() {
        return tables.clone();
    }

    /** Each set's first cross layer, row-major (copies). */
    @Override
    public List<float[]> cross() {
        return cross.stream().map(float[]::clone).toList();
    }

    /** The tables as a {@code .npy} file ({@code [rows, width]}, float32), streamed: above 2 GB at Criteo's size (NFwFM 10×). */
    void writeTablesNpy(java.io.OutputStream out) throws java.io.IOException {
        MatrixFile.writeNpy(tables, rows(), width, out, "the kept tables");
    }

    /** The SHA-256 of {@link #writeTablesNpy}'s bytes, computed as they stream. */
    String tablesDigest() {
        java.security.MessageDigest d = org.collapselab.io.Sha256.digest();
        try (java.io.OutputStream out = new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), d)) {
            writeTablesNpy(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return org.collapselab.io.Sha256.hex(d);
    }

    /** The sets' first cross layers stacked by rows as the bytes of a {@code .npy} file ({@code [sets·F·K, F·K]}); empty without. */
    Optional<byte[]> crossNpy() {
        if (cross.isEmpty()) return Optional.empty();
        int fk = schema.size() * k;
        float[] all = new float[sets * fk * fk];
        for (int m = 0; m < sets; m++) System.arraycopy(cross.get(m), 0, all, m * fk * fk, fk * fk);
        return Optional.of(MatrixFile.npyBytes(all, sets * fk, fk, "the kept cross layers"));
    }

    /** The tables of all sets side by side, {@code [rows, width]} (a copy). */
    public INDArray concatenatedTables() {
        return Nd4j.create(tables.clone(), new long[] {rows(), width}, 'c');
    }

    /** Set {@code m}'s own table, {@code [rows, width / sets]}. */
    public INDArray table(int m) {
        if (m < 0 || m >= sets) throw new IllegalArgumentException("no set " + m + " of " + sets);
        long w = width / sets;
        return concatenatedTables().get(NDArrayIndex.all(), NDArrayIndex.interval(m * w, (m + 1) * w)).dup('c');
    }

    /** Set {@code m}'s first cross layer, {@code [F·K, F·K]}. */
    public INDArray crossWeight(int m) {
        if (cross.isEmpty()) throw new IllegalStateException("these weights have no cross layer (not DCNv2)");
        int fk = schema.size() * k;
        return Nd4j.create(cross.get(m).clone(), new long[] {fk, fk}, 'c');
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KeptWeights w) || !schema.equals(w.schema) || sets != w.sets || k != w.k || width != w.width
                || !java.util.Arrays.equals(tables, w.tables)
                || cross.size() != w.cross.size()) return false;
        for (int m = 0; m < cross.size(); m++) if (!java.util.Arrays.equals(cross.get(m), w.cross.get(m))) return false;
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, sets, k, width, java.util.Arrays.hashCode(tables));
    }

    @Override
    public String toString() {
        return "KeptWeights[" + rows() + " rows × " + width + ", " + sets + " set(s) of K " + k + (cross.isEmpty() ? "" : ", cross layers") + "]";
    }
}
