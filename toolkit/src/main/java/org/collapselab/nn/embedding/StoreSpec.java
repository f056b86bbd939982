package org.collapselab.nn.embedding;

import java.util.Objects;

/**
 * Shape and initialisation of an {@link EmbeddingStore}: {@code sets} tables of {@code totalRows × width} with
 * {@code width = k · subTables}. {@code subTables} is 1 except for FFM, whose F per-field tables sit side by
 * side (width F·K); initialisation treats each K-wide block as its own table, as the original's F tables.
 */
public record StoreSpec(int sets, int k, int subTables, TableInit init, Kernel kernel) {
    /** Initial values of a table. */
    public enum TableInit {
        /** Xavier-uniform over each rows × K table: U(±√(6/(rows+K))), as the paper's embeddings. */
        XAVIER_UNIFORM,
        /** N(0, 1): PyTorch's {@code nn.Embedding} default (FM's first-order weights). */
        STANDARD_NORMAL
    }

    /** Which implementation copies rows and applies updates. */
    public enum Kernel {
        /** DIRECT on ND4J's CPU backend, NDARRAY otherwise. */
        AUTO,
        /** Java loops over the tables' host buffers: fastest on CPU, CPU backend only. */
        DIRECT,
        /** ND4J array operations only: runs on any backend (CUDA included). */
        NDARRAY
    }

    public StoreSpec {
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(kernel, "kernel");
        if (sets < 1) throw new IllegalArgumentException("embedding sets must be >= 1, got " + sets);
        if (k < 1) throw new IllegalArgumentException("embedding size K must be >= 1, got " + k);
        if (subTables < 1) throw new IllegalArgumentException("sub-tables must be >= 1, got " + subTables);
        Math.multiplyExact(k, subTables);
    }

    /** {@code sets} Xavier-initialised tables of width K. */
    public static StoreSpec of(int sets, int k) {
        return new StoreSpec(sets, k, 1, TableInit.XAVIER_UNIFORM, Kernel.AUTO);
    }

    public StoreSpec withSubTables(int n) {
        return new StoreSpec(sets, k, n, init, kernel);
    }

    public StoreSpec withInit(TableInit i) {
        return new StoreSpec(sets, k, subTables, i, kernel);
    }

    public StoreSpec withKernel(Kernel kn) {
        return new StoreSpec(sets, k, subTables, init, kn);
    }

    /** Floats per table row. */
    public int width() {
        return k * subTables;
    }
}
