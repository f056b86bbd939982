package org.collapselab.data;

import java.util.List;
import java.util.Objects;

/**
 * What preprocessing saw: lines read, rows kept, every rejected line counted by reason (with the first line
 * numbers and one example message), and per field the missing values, the values mapped to OOV, the distinct
 * tokens seen and the tokens kept. Nothing is dropped without appearing here.
 *
 * @param source       the file read
 * @param format       the format's name
 * @param linesRead    data lines read (header excluded)
 * @param rowsKept     rows in the encoded dataset
 * @param rejects      rejected lines by reason; their counts add up to {@code linesRead - rowsKept}
 * @param fields       per-field counts, in schema order
 * @param notes        anything else worth knowing (CRLF line ends, a BOM, libFM values that are not 1, ...)
 */
public record PreprocessReport(String source, String format, long linesRead, long rowsKept,
                               List<Rejects> rejects, List<FieldCounts> fields, List<String> notes) {

    /** How many lines one reason rejected, the first few line numbers (1-based) and the first message. */
    public record Rejects(RejectReason reason, long count, List<Long> firstLines, String example) {
        public Rejects {
            Objects.requireNonNull(reason, "reason");
            firstLines = List.copyOf(firstLines);
        }
    }

    /**
     * Counts of one field.
     *
     * @param missing  empty values (for a categorical field the empty string is still an ordinary token)
     * @param oov      values encoded as the OOV index (rare tokens, and with train-only counting unseen ones)
     * @param distinct distinct tokens seen in the rows kept
     * @param kept     tokens with their own index (the field's cardinality is {@code kept + 1})
     */
    public record FieldCounts(String name, FieldKind kind, long missing, long oov, long distinct, int kept) {}

    public PreprocessReport {
        Objects.requireNonNull(source, "source");
        rejects = List.copyOf(rejects);
        fields = List.copyOf(fields);
        notes = List.copyOf(notes);
        long rejected = rejects.stream().mapToLong(Rejects::count).sum();
        if (rejected != linesRead - rowsKept)
            throw new IllegalArgumentException("report does not add up: " + linesRead + " lines read, " + rowsKept
                    + " rows kept, but " + rejected + " rejects counted");
    }

    public long rowsRejected() {
        return linesRead - rowsKept;
    }

    /** Rejected lines for one reason (0 when none). */
    public long rejected(RejectReason reason) {
        return rejects.stream().filter(r -> r.reason() == reason).mapToLong(Rejects::count).sum();
    }

    /** One line: how many lines were rejected, by reason, e.g. for a warning. */
    public String rejectSummary() {
        StringBuilder sb = new StringBuilder(source).append(": ").append(rowsRejected()).append(" of ").append(linesRead())
                .append(" lines rejected (");
        for (int i = 0; i < rejects.size(); i++) {
            Rejects r = rejects.get(i);
            sb.append(i > 0 ? "; " : "").append(r.count()).append(" × ").append(r.reason().description()).append(", e.g. ").append(r.example());
        }
        return sb.append(')').toString();
    }

    public FieldCounts field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no field '" + name + "' in the report"));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(format).append(" ").append(source).append(": ").append(linesRead).append(" lines read, ")
                .append(rowsKept).append(" rows kept, ").append(rowsRejected()).append(" rejected\n");
        for (Rejects r : rejects)
            sb.append("  rejected ").append(r.count()).append(" × ").append(r.reason().description())
                    .append(" (first at lines ").append(r.firstLines()).append("; e.g. ").append(r.example()).append(")\n");
        long missing = fields.stream().mapToLong(FieldCounts::missing).sum();
        long oov = fields.stream().mapToLong(FieldCounts::oov).sum();
        sb.append("  ").append(fields.size()).append(" fields; ").append(missing).append(" missing values, ")
                .append(oov).append(" values mapped to OOV\n");
        sb.append("  field sizes (tokens kept + OOV):");
        for (FieldCounts f : fields) sb.append(' ').append(f.name()).append(' ').append(f.kept() + 1);
        sb.append('\n');
        for (String n : notes) sb.append("  note: ").append(n).append('\n');
        return sb.toString();
    }
}
