package org.collapselab.data;

import java.util.ArrayList;
import java.util.List;

/**
 * How a CTR file is laid out. Formats are data: the built-in ones are factories over two records,
 * {@link DelimitedFormat} (one column per value, a fixed delimiter) and {@link LibFmFormat}
 * ({@code label idx:val ...} with the j-th pair being field j).
 */
public sealed interface CtrFormat permits DelimitedFormat, LibFmFormat {

    /** A short human name, used in messages. */
    String name();

    /** Tokens seen fewer times than this share the field's OOV index, unless the options override it. */
    int defaultMinCount();

    /** The fields this format yields, in order, before encoding. */
    List<FieldDef> fields(PreprocessOptions.HourEncoding hour);

    /** A field as the file describes it: name and kind, cardinality still unknown. */
    record FieldDef(String name, FieldKind kind) {}

    /** Raw Criteo {@code train.txt}: TAB, no header, label, I1..I13, C1..C26; min count 10. */
    static DelimitedFormat criteoTsv() {
        return new DelimitedFormat("Criteo TSV", '\t', DelimitedFormat.Header.NONE, criteoColumns(), 10);
    }

    /** Criteo as a CSV with the header {@code label,I1..I13,C1..C26} (DeepCTR's sample; integers may be written {@code 260.0}). */
    static DelimitedFormat criteoCsv() {
        return new DelimitedFormat("Criteo CSV", ',', DelimitedFormat.Header.CHECK, criteoColumns(), 10);
    }

    /**
     * Raw Avazu {@code train.csv}: header, 24 columns. {@code id} is skipped and never parsed as a number
     * (it overflows a signed 64-bit integer); {@code click} is the label; 22 fields; min count 4.
     */
    static DelimitedFormat avazuCsv() {
        List<DelimitedFormat.Column> cs = new ArrayList<>();
        cs.add(new DelimitedFormat.Column("id", DelimitedFormat.Role.SKIP));
        cs.add(new DelimitedFormat.Column("click", DelimitedFormat.Role.LABEL));
        cs.add(new DelimitedFormat.Column("hour", DelimitedFormat.Role.HOUR));
        for (String n : List.of("C1", "banner_pos", "site_id", "site_domain", "site_category", "app_id", "app_domain",
                "app_category", "device_id", "device_ip", "device_model", "device_type", "device_conn_type",
                "C14", "C15", "C16", "C17", "C18", "C19", "C20", "C21"))
            cs.add(new DelimitedFormat.Column(n, DelimitedFormat.Role.CATEGORICAL));
        return new DelimitedFormat("Avazu CSV", ',', DelimitedFormat.Header.CHECK, cs, 4);
    }

    /**
     * BARS pre-indexed CSV ({@code label,feat_1..feat_n}, values already integer ids). Values are treated as
     * categorical tokens and re-indexed per field; min count 1 keeps every id the file has.
     */
    static DelimitedFormat barsCsv(int fields) {
        if (fields < 1) throw new IllegalArgumentException("BARS CSV needs at least one field, got " + fields);
        List<DelimitedFormat.Column> cs = new ArrayList<>();
        cs.add(new DelimitedFormat.Column("label", DelimitedFormat.Role.LABEL));
        for (int i = 1; i <= fields; i++) cs.add(new DelimitedFormat.Column("feat_" + i, DelimitedFormat.Role.CATEGORICAL));
        return new DelimitedFormat("BARS CSV", ',', DelimitedFormat.Header.CHECK, cs, 1);
    }

    /**
     * libFM lines {@code label idx:val ...} with exactly {@code fields} pairs, the j-th pair being field j; min count 1.
     * Labels 0/1 or -1/+1 (-1 is 0).
     */
    static LibFmFormat libFm(int fields) {
        return new LibFmFormat(fields, 1);
    }

    private static List<DelimitedFormat.Column> criteoColumns() {
        List<DelimitedFormat.Column> cs = new ArrayList<>();
        cs.add(new DelimitedFormat.Column("label", DelimitedFormat.Role.LABEL));
        for (int i = 1; i <= 13; i++) cs.add(new DelimitedFormat.Column("I" + i, DelimitedFormat.Role.NUMERIC));
        for (int i = 1; i <= 26; i++) cs.add(new DelimitedFormat.Column("C" + i, DelimitedFormat.Role.CATEGORICAL));
        return cs;
    }
}
