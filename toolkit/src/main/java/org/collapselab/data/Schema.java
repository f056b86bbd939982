package org.collapselab.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of an encoded dataset and where each lives in one concatenated embedding table:
 * field {@code f} owns rows {@code offset(f) .. offset(f) + cardinality(f) - 1} of a table with
 * {@link #totalRows()} rows.
 */
public record Schema(List<Field> fields) {
    public Schema {
        fields = List.copyOf(fields);
        if (fields.isEmpty()) throw new IllegalArgumentException("a schema needs at least one field");
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (Field f : fields) {
            if (!seen.add(f.name())) throw new IllegalArgumentException("duplicate field name '" + f.name() + "'");
            total += f.cardinality();
        }
        if (total > Integer.MAX_VALUE) throw new IllegalArgumentException("total cardinality " + total + " exceeds 2^31-1");
    }

    /** A schema of categorical fields with the given names and cardinalities. */
    public static Schema categorical(List<String> names, int... cardinalities) {
        if (names.size() != cardinalities.length)
            throw new IllegalArgumentException(names.size() + " names but " + cardinalities.length + " cardinalities");
        List<Field> fs = new ArrayList<>();
        for (int i = 0; i < cardinalities.length; i++) fs.add(new Field(names.get(i), FieldKind.CATEGORICAL, cardinalities[i]));
        return new Schema(fs);
    }

    public int size() {
        return fields.size();
    }

    public Field field(int f) {
        return fields.get(f);
    }

    public int cardinality(int f) {
        return fields.get(f).cardinality();
    }

    /** Cardinalities in field order (the original code's {@code field_dims}). */
    public int[] cardinalities() {
        return fields.stream().mapToInt(Field::cardinality).toArray();
    }

    /** First row of field {@code f} in the concatenated table. */
    public int offset(int f) {
        int o = 0;
        for (int i = 0; i < f; i++) o += fields.get(i).cardinality();
        return o;
    }

    /** Offsets of all fields, length {@link #size()}. */
    public int[] offsets() {
        int[] o = new int[fields.size()];
        for (int i = 1; i < o.length; i++) o[i] = o[i - 1] + fields.get(i - 1).cardinality();
        return o;
    }

    /** Rows of the concatenated table: the sum of cardinalities. */
    public int totalRows() {
        return fields.stream().mapToInt(Field::cardinality).sum();
    }

    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) if (fields.get(i).name().equals(name)) return i;
        throw new IllegalArgumentException("no field named '" + name + "'; fields are " + names());
    }

    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }
}
