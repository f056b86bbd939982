package org.collapselab.data;

/**
 * A batch of {@code size} rows: {@code indices} is row-major {@code [size, fields]} with each field's offset
 * applied, so it indexes one concatenated embedding table of {@link Schema#totalRows()} rows; {@code labels} has
 * one 0/1 value per row.
 */
public record Batch(int size, int fields, int[] indices, float[] labels) {
    public Batch {
        if (indices.length != size * fields)
            throw new IllegalArgumentException("indices has " + indices.length + " values, expected " + size + " × " + fields);
        if (labels.length != size) throw new IllegalArgumentException("labels has " + labels.length + " values, expected " + size);
    }

    /** The concatenated-table row of {@code row}'s value in field {@code field}. */
    public int index(int row, int field) {
        return indices[row * fields + field];
    }
}
