package org.collapselab.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A delimited text format with an explicit schema: one column per value, no quoting (CTR files have none;
 * a quote character is an ordinary byte). Use it directly for a file the built-in formats do not cover.
 *
 * @param name            a human name for messages
 * @param delimiter       the column separator (an ASCII character)
 * @param header          whether the first line is a header, and whether it is checked against the column names
 * @param columns         every column of a line, in order; exactly one has role {@link Role#LABEL}
 * @param defaultMinCount the minimum token count unless the options override it
 */
public record DelimitedFormat(String name, char delimiter, Header header, List<Column> columns, int defaultMinCount)
        implements CtrFormat {

    /** What the first line is. */
    public enum Header {
        /** No header: the first line is data. */
        NONE,
        /** A header that must equal the column names (a file of the wrong format fails here). */
        CHECK,
        /** A header that is skipped unchecked. */
        SKIP
    }

    /** What a column holds. */
    public enum Role {
        /** The 0/1 label. */
        LABEL,
        /** An integer count, bucketed by {@link Bucketing}; empty is the field's "missing" token. */
        NUMERIC,
        /** A categorical string; empty is an ordinary token. */
        CATEGORICAL,
        /** A {@code YYMMDDHH} timestamp (Avazu's {@code hour}): one raw field, or hour-of-day and weekday. */
        HOUR,
        /** Ignored, never parsed. */
        SKIP
    }

    /** One column: its name (as in the header) and role. */
    public record Column(String name, Role role) {
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
        }
    }

    public DelimitedFormat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(header, "header");
        columns = List.copyOf(columns);
        if (delimiter > 127 || delimiter == '\n' || delimiter == '\r')
            throw new IllegalArgumentException(name + ": delimiter must be an ASCII character other than CR/LF, got '" + delimiter + "'");
        long labels = columns.stream().filter(c -> c.role() == Role.LABEL).count();
        if (labels != 1) throw new IllegalArgumentException(name + ": exactly one LABEL column is needed, found " + labels);
        if (columns.stream().noneMatch(c -> c.role() != Role.LABEL && c.role() != Role.SKIP))
            throw new IllegalArgumentException(name + ": no feature column");
        Set<String> seen = new HashSet<>();
        for (Column c : columns)
            if (!seen.add(c.name())) throw new IllegalArgumentException(name + ": duplicate column name '" + c.name() + "'");
        if (defaultMinCount < 1) throw new IllegalArgumentException(name + ": defaultMinCount must be >= 1, got " + defaultMinCount);
    }

    /** The header line this format expects, e.g. {@code id,click,hour,...}. */
    public String headerLine() {
        return columns.stream().map(Column::name).collect(Collectors.joining(String.valueOf(delimiter)));
    }

    @Override
    public List<FieldDef> fields(PreprocessOptions.HourEncoding hour) {
        List<FieldDef> fs = new ArrayList<>();
        for (Column c : columns) {
            switch (c.role()) {
                case NUMERIC -> fs.add(new FieldDef(c.name(), FieldKind.NUMERIC));
                case CATEGORICAL -> fs.add(new FieldDef(c.name(), FieldKind.CATEGORICAL));
                case HOUR -> {
                    if (hour == PreprocessOptions.HourEncoding.RAW) fs.add(new FieldDef(c.name(), FieldKind.CATEGORICAL));
                    else {
                        fs.add(new FieldDef(c.name() + "_of_day", FieldKind.CATEGORICAL));
                        fs.add(new FieldDef(c.name() + "_weekday", FieldKind.CATEGORICAL));
                    }
                }
                case LABEL, SKIP -> { }
            }
        }
        return fs;
    }
}
