package org.collapselab.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param labelRule       how the label column's text becomes 0/1
 */
public record DelimitedFormat(String name, char delimiter, Header header, List<Column> columns, int defaultMinCount, LabelRule labelRule)
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

    /** A format whose labels are written 0 or 1. */
    public DelimitedFormat(String name, char delimiter, Header header, List<Column> columns, int defaultMinCount) {
        this(name, delimiter, header, columns, defaultMinCount, LabelRule.zeroOne());
    }

    public DelimitedFormat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(labelRule, "labelRule");
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

    /**
     * A builder for a layout of your own: the columns by name (or from a file's header), a role for those that are not
     * categorical, the label column and its rule. Defaults: ',' as delimiter, a checked header, min count 1.
     *
     * <pre>{@code
     * DelimitedFormat frappe = DelimitedFormat.builder("Frappe").columnsFromHeader(dir.resolve("train.csv")).label("label").build();
     * DelimitedFormat ml = DelimitedFormat.builder("MovieLens-100K").delimiter('\t').header(Header.NONE)
     *         .columns("user_id", "item_id", "rating", "timestamp").label("rating", LabelRule.atLeast(4)).skip("timestamp").build();
     * }</pre>
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builder for {@link DelimitedFormat}; every setter returns the builder. */
    public static final class Builder {
        private final String name;
        private char delimiter = ',';
        private Header header = Header.CHECK;
        private List<String> names;
        private final Map<String, Role> roles = new LinkedHashMap<>();
        private LabelRule labelRule = LabelRule.zeroOne();
        private int minCount = 1;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder delimiter(char v) { delimiter = v; return this; }
        /** Whether the files have a header line and whether it is checked against the columns (default {@link Header#CHECK}). */
        public Builder header(Header v) { header = Objects.requireNonNull(v, "header"); return this; }
        /** Every column of a line, in order. */
        public Builder columns(String... v) { names = List.of(v); return this; }
        /** Tokens seen fewer times share the field's OOV index (default 1: only tokens never seen are OOV). */
        public Builder minCount(int v) { minCount = v; return this; }
        /** The label column, written 0 or 1. */
        public Builder label(String column) { return label(column, LabelRule.zeroOne()); }
        /** The label column and how its text becomes 0/1. */
        public Builder label(String column, LabelRule rule) { roles.put(column, Role.LABEL); labelRule = Objects.requireNonNull(rule, "rule"); return this; }
        /** Integer columns, bucketed as the paper's code does. */
        public Builder numeric(String... columns) { for (String c : columns) roles.put(c, Role.NUMERIC); return this; }
        /** {@code YYMMDDHH} timestamp columns (Avazu's {@code hour}). */
        public Builder hour(String... columns) { for (String c : columns) roles.put(c, Role.HOUR); return this; }
        /** Columns that are not read. */
        public Builder skip(String... columns) { for (String c : columns) roles.put(c, Role.SKIP); return this; }

        /**
         * The columns named by {@code file}'s first line, split on the delimiter set so far (gzip is read as such). A
         * line that does not split, but would on another delimiter, is refused saying which.
         */
        public Builder columnsFromHeader(java.nio.file.Path file) {
            String line;
            try (LineReader in = new LineReader(file)) {
                if (!in.next()) throw new DataFormatException(file, 0, "file has no lines");
                line = in.lineText();
            }
            String[] got = split(line, delimiter);
            if (got.length == 1)
                for (char c : new char[] {',', '\t', ';', '|'}) {
                    int n = split(line, c).length;
                    if (c != delimiter && n > 1)
                        throw new DataFormatException(file, 1, "the header splits into 1 column on " + delimiterName(delimiter) + " and " + n
                                + " on " + delimiterName(c) + ": is the delimiter " + delimiterName(c) + "? (builder.delimiter(...) before columnsFromHeader)");
                }
            names = java.util.Arrays.stream(got).map(String::strip).toList();
            return this;
        }

        /** The format; a role given to a column that is not there, or no label column, is refused naming the columns. */
        public DelimitedFormat build() {
            if (names == null) throw new IllegalStateException(name + ": give the columns, columns(...) or columnsFromHeader(file)");
            for (String c : roles.keySet())
                if (!names.contains(c)) throw new IllegalArgumentException(name + ": no column '" + c + "'; the columns are " + names);
            if (!roles.containsValue(Role.LABEL)) throw new IllegalArgumentException(name + ": name the label column, label(column); the columns are " + names);
            List<Column> cs = names.stream().map(n -> new Column(n, roles.getOrDefault(n, Role.CATEGORICAL))).toList();
            return new DelimitedFormat(name, delimiter, header, cs, minCount, labelRule);
        }
    }

    /** A line's values between single-character delimiters, empty ones included. */
    static String[] split(String line, char delimiter) {
        return line.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1);
    }

    /** A delimiter as messages name it: TAB, SPACE, or the character in quotes. */
    static String delimiterName(char c) {
        return switch (c) {
            case '\t' -> "TAB";
            case ' ' -> "SPACE";
            default -> "'" + c + "'";
        };
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
