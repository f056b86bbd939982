package org.collapselab.data;

import java.util.Objects;

/**
 * One encoded field: its name, kind and cardinality (number of embedding rows, OOV row included).
 * Indices of the field run from 0 to {@code cardinality - 1}; for data encoded from a file the last one is the
 * OOV index, shared by rare and unseen tokens (synthetic in-memory data such as {@link ToyData} has none).
 */
public record Field(String name, FieldKind kind, int cardinality) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (name.isBlank()) throw new IllegalArgumentException("field name is blank");
        if (cardinality < 1) throw new IllegalArgumentException("field '" + name + "': cardinality must be >= 1, got " + cardinality);
    }

    /** The index shared by rare and unseen tokens of this field. */
    public int oovIndex() {
        return cardinality - 1;
    }
}
