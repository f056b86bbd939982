package org.collapselab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.collapselab.io.Sha256;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A CTR dataset ready for training: per field a compact column of indices (the last index of a field is its
 * OOV index), the 0/1 labels, the {@link Schema}, and the {@link PreprocessReport} of how it was made. Columns
 * are memory-mapped from the cache file when the dataset came from one, so full Criteo need not fit the heap.
 */
public final class EncodedDataset {
    private final Schema schema;
    private final int rows;
    private final IndexColumn labels;
    private final IndexColumn[] columns;
    private final PreprocessReport report;
    private final CacheInfo cache;
    private final String payloadDigest;
    private final SplitSpec vocabularySplit;
    private final int[] parts;

    /** Where a dataset loaded from a file lives on disk, and whether it was read from the cache or built. */
    public record CacheInfo(Path file, Status status, String message) {
        public enum Status { HIT, BUILT, REBUILT }
    }

    /**
     * @param payloadDigest    SHA-256 (hex) of the labels and then each column, as {@link DatasetCache} lays them out
     * @param vocabularySplit  the split whose training rows the vocabulary was counted on (null: the whole file, or the
     *                         training part of a dataset that comes split)
     * @param parts            the rows of each predefined part (train, valid, test), consecutive in that order; null when
     *                         the dataset is split by a seed
     */
    EncodedDataset(Schema schema, IndexColumn labels, IndexColumn[] columns,
                   PreprocessReport report, CacheInfo cache, String payloadDigest, SplitSpec vocabularySplit, int[] parts) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.rows = labels.size();
        this.labels = labels;
        this.columns = columns.clone();
        this.report = Objects.requireNonNull(report, "report");
        this.cache = cache;
        this.payloadDigest = Objects.requireNonNull(payloadDigest, "payloadDigest");
        this.parts = parts == null ? null : parts.clone();
        this.vocabularySplit = parts == null ? vocabularySplit : null;
        if (columns.length != schema.size())
            throw new IllegalArgumentException(columns.length + " columns for a schema of " + schema.size() + " fields");
        for (IndexColumn c : columns)
            if (c.size() != rows) throw new IllegalArgumentException("a column has " + c.size() + " rows, the labels " + rows);
    }

    /**
     * An in-memory dataset from per-field local indices ({@code columns[f][row]} in {@code [0, cardinality(f))})
     * and 0/1 labels; used by the synthetic generators.
     */
    public static EncodedDataset of(Schema schema, int[][] columns, byte[] labels, String description) {
        if (columns.length != schema.size())
            throw new IllegalArgumentException(columns.length + " columns for a schema of " + schema.size() + " fields");
        IndexColumn[] cs = new IndexColumn[columns.length];
        List<PreprocessReport.FieldCounts> counts = new ArrayList<>();
        for (int f = 0; f < columns.length; f++) {
            Field fd = schema.field(f);
            if (columns[f].length != labels.length)
                throw new IllegalArgumentException("field '" + fd.name() + "' has " + columns[f].length + " rows, labels " + labels.length);
            for (int r = 0; r < columns[f].length; r++)
                if (columns[f][r] < 0 || columns[f][r] >= fd.cardinality())
                    throw new IllegalArgumentException("field '" + fd.name() + "' row " + r + ": index " + columns[f][r]
                            + " outside [0, " + fd.cardinality() + ")");
            cs[f] = IndexColumn.of(columns[f], fd.cardinality());
            counts.add(new PreprocessReport.FieldCounts(fd.name(), fd.kind(), 0, 0,
                    java.util.Arrays.stream(columns[f]).distinct().count(), fd.cardinality() - 1));
        }
        int[] ls = new int[labels.length];
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] != 0 && labels[r] != 1) throw new IllegalArgumentException("label of row " + r + " is " + labels[r] + ", not 0 or 1");
            ls[r] = labels[r];
        }
        PreprocessReport report = new PreprocessReport(description, "in memory", labels.length, labels.length,
                List.of(), counts, List.of());
        IndexColumn lc = IndexColumn.of(ls, 2);
        java.security.MessageDigest d = Sha256.digest();
        lc.digest(d);
        for (IndexColumn c : cs) c.digest(d);
        return new EncodedDataset(schema, lc, cs, report, null, Sha256.hex(d), null, null);
    }

    public Schema schema() {
        return schema;
    }

    public int rows() {
        return rows;
    }

    public int label(int row) {
        return labels.get(row);
    }

    /** The local index (in {@code [0, cardinality)}) of {@code row} in field {@code field}. */
    public int index(int row, int field) {
        return columns[field].get(row);
    }

    /** One field's column of local indices. */
    public IndexColumn column(int field) {
        return columns[field];
    }

    public PreprocessReport report() {
        return report;
    }

    /** The cache file this dataset was read from or written to; empty for in-memory datasets. */
    public Optional<CacheInfo> cache() {
        return Optional.ofNullable(cache);
    }

    /**
     * What the rows and their encoding are, independent of where they came from: a SHA-256 of the row count, the
     * schema and the payload's SHA-256 (computed once when the cache was written and kept in its verified header).
     * The same rows loaded from a cache, by another path, or built in memory have the same digest; other rows have
     * another, even where a 32-bit checksum of them would agree.
     */
    public String contentDigest() {
        StringBuilder sb = new StringBuilder("rows=").append(rows).append(";payload=").append(payloadDigest);
        if (parts != null) sb.append(";parts=").append(java.util.Arrays.toString(parts));
        for (Field f : schema.fields()) sb.append(';').append(f.name()).append(':').append(f.kind()).append(':').append(f.cardinality());
        return Sha256.hex(sb.toString()).substring(0, 32);
    }

    /** The split whose training rows the vocabulary was counted on ({@code VocabularyScope.TRAIN_ONLY}); empty: the whole file. */
    public Optional<SplitSpec> vocabularySplit() {
        return Optional.ofNullable(vocabularySplit);
    }

    /** The rows of each predefined part (train, valid, test) of a dataset that comes split ({@link DataParts}); empty otherwise. */
    public Optional<int[]> parts() {
        return Optional.ofNullable(parts).map(int[]::clone);
    }

    /** The split this dataset was prepared for: its predefined parts, the split its vocabulary was counted on, else the paper's 8:1:1 with seed 0. */
    public Split split() {
        return split(vocabularySplit().orElse(SplitSpec.paper()));
    }

    /** The 8:1:1 split with {@code seed}. */
    public Split split(long seed) {
        return split(SplitSpec.seeded(seed));
    }

    /**
     * The split {@code spec} describes. Refused when the vocabulary was counted on the training rows of another
     * split: validation and test tokens would then have shaped the encoding.
     */
    public Split split(SplitSpec spec) {
        if (parts != null) return predefinedSplit(spec);
        if (vocabularySplit != null && !vocabularySplit.equals(spec))
            throw new IllegalArgumentException("the vocabulary of " + report.source() + " was counted on the training rows of " + vocabularySplit
                    + ", so it cannot be trained on " + spec + "; load it with PreprocessOptions.splitSeed(" + spec.seed() + ")");
        return Split.of(rows, spec);
    }

    /**
     * The predefined parts as a split: the training rows in an order shuffled by {@code spec}'s seed (the batch order,
     * fixed across epochs), validation and test rows in file order. Fractions other than the default are refused: the
     * parts fix them.
     */
    private Split predefinedSplit(SplitSpec spec) {
        SplitSpec plain = SplitSpec.seeded(spec.seed());
        if (!spec.equals(plain))
            throw new IllegalArgumentException(report.source() + " comes split into parts of " + parts[0] + ", " + parts[1] + " and " + parts[2]
                    + " rows, so a split with fractions " + spec.trainFraction() + " / " + spec.validFraction() + " cannot be honoured: leave the "
                    + "fractions at their defaults (the split's seed orders the training batches)");
        return new Split(Rows.range(parts[0]).shuffled(spec.seed()), Rows.wrap(java.util.stream.IntStream.range(parts[0], parts[0] + parts[1]).toArray()),
                Rows.wrap(java.util.stream.IntStream.range(parts[0] + parts[1], rows).toArray()));
    }

    /** Batches of {@code rows} in their given order, fixed across epochs. */
    public Batches batches(Rows rows, int batchSize) {
        return new Batches(this, rows, batchSize, null);
    }

    /** The rows {@code order[from, from+n)} as a batch with field offsets applied. */
    Batch batch(Rows order, int from, int n) {
        int fields = schema.size();
        int[] offsets = schema.offsets();
        int[] idx = new int[n * fields];
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            int r = order.get(from + i);
            ys[i] = labels.get(r);
            for (int f = 0; f < fields; f++) idx[i * fields + f] = offsets[f] + columns[f].get(r);
        }
        return new Batch(n, fields, idx, ys);
    }

    /** Fraction of rows labelled 1. */
    public double positiveRate() {
        long pos = 0;
        for (int r = 0; r < rows; r++) pos += labels.get(r);
        return rows == 0 ? 0 : (double) pos / rows;
    }

    /**
     * Refuses a split one of whose parts holds a single class (or no row): training on it learns nothing and its
     * AUC is undefined. The message names the part, its size and the dataset's source.
     */
    public void requireBothClasses(Split split) {
        String[] names = {"training", "validation", "test"};
        Rows[] parts = {split.train(), split.valid(), split.test()};
        for (int p = 0; p < parts.length; p++) {
            if (parts[p].size() == 0)
                throw new IllegalArgumentException("the split has no " + names[p] + " rows (" + split.train().size() + " training, " + split.valid().size()
                        + " validation, " + split.test().size() + " test of " + rows + "): training needs all three; use larger fractions or more rows");
            long pos = 0;
            for (int i = 0; i < parts[p].size(); i++) pos += labels.get(parts[p].get(i));
            if (pos == 0 || pos == parts[p].size())
                throw new IllegalArgumentException("the " + names[p] + " rows of the split (" + parts[p].size() + " of " + rows
                        + ") are " + (parts[p].size() == 0 ? "none" : "all labelled " + (pos == 0 ? 0 : 1)) + ": AUC is undefined and "
                        + "there is nothing to learn; check the labels of " + report.source() + " (dataset.report(): "
                        + report.rowsRejected() + " lines rejected)");
        }
    }

    /** One line per field: name, kind, cardinality, missing % and OOV % of the rows. */
    public Table fieldsTable() {
        StringColumn name = StringColumn.create("field"), kind = StringColumn.create("kind");
        IntColumn card = IntColumn.create("cardinality");
        DoubleColumn missing = DoubleColumn.create("missing %"), oov = DoubleColumn.create("OOV %");
        for (int f = 0; f < schema.size(); f++) {
            Field fd = schema.field(f);
            PreprocessReport.FieldCounts c = report.fields().get(f);
            name.append(fd.name());
            kind.append(fd.kind().name().toLowerCase(java.util.Locale.ROOT));
            card.append(fd.cardinality());
            missing.append(rows == 0 ? 0 : 100.0 * c.missing() / rows);
            oov.append(rows == 0 ? 0 : 100.0 * c.oov() / rows);
        }
        return Table.create("fields of " + report.source(), name, kind, card, missing, oov);
    }

    @Override
    public String toString() {
        return "EncodedDataset[" + rows + " rows, " + schema.size() + " fields, " + schema.totalRows() + " embedding rows, source "
                + report.source() + "]";
    }
}
